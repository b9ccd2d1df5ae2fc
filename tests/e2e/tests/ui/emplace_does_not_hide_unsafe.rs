// `emplace!` must not hide `unsafe`: a constructor taking a raw pointer is an `unsafe fn`.
use relocxx_e2e::safety::safety;

fn main() {
    let mut counter = 0;
    relocxx::emplace!(let r = safety::Registry::new(&mut counter));
    println!("{}", r.count());
}
