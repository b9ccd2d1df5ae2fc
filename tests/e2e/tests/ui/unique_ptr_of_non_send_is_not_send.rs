// UniquePtr<T> is Send only when T is (Local was not opted in).
use relocxx_e2e::safety::safety;

fn main() {
    let p = safety::make_local(1);
    std::thread::spawn(move || p.get()).join().unwrap();
}
