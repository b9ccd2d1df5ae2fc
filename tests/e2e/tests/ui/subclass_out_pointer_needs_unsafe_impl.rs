// `virtual void locate(const char*& out)`: the implementation stores a pointer C++ then reads,
// a promise Rust cannot check, so `LocatorMethods` is an `unsafe trait`.
use relocxx_e2e::interfaces::ui;

struct Anywhere;

impl ui::LocatorMethods for Anywhere {
    fn locate(&mut self, out: &mut *const std::ffi::c_char) {
        *out = 16 as *const std::ffi::c_char;
    }
}

fn main() {
    let _ = ui::Locator::from_rust(Anywhere);
}
