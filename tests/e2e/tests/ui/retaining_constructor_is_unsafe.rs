// A constructor that keeps a pointer into its argument is an `unsafe fn`.
use relocxx::CppString;
use relocxx_e2e::safety::safety;

fn main() {
    let slice = safety::Slice::new_const_string_ref(&CppString::from_bytes(b"gone"));
    println!("{}", slice.size());
}
