// Safe Rust can put any address into a plain-data pointer field: passing it to C++ is unsafe.
use relocxx_e2e::safety::safety;

fn main() {
    let b = safety::Buffer { data: 16 as *const core::ffi::c_char, len: 4 };
    println!("{}", safety::buffer_sum(b));
}
