// `virtual const char* name() const`: C++ reads what the pointer points to, which Rust cannot
// check, so implementing the trait is an `unsafe impl` (the implementor's promise).
use relocxx_e2e::interfaces::ui::NamedMethods;

struct Dangling;

impl NamedMethods for Dangling {
    fn name(&self) -> *const std::ffi::c_char {
        std::ffi::CString::new("gone").unwrap().as_ptr()
    }
}

fn main() {}
