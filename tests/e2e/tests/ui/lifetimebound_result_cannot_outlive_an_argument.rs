// `[[clang::lifetimebound]]` on both arguments: the result outlives neither.
use relocxx::CppString;
use relocxx_e2e::safety::safety;

fn main() {
    let a = CppString::from_bytes(b"kept");
    let r;
    {
        let b = CppString::from_bytes(b"dropped first");
        r = safety::longer(&a, &b);
    }
    println!("{}", r.len());
}
