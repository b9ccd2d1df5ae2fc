// `virtual int read(const int* p)` with a C++ implementation: its default (and `read_base`)
// hands the pointer to C++, so calling either is `unsafe`; safe code could pass any address.
use relocxx_e2e::interfaces::ui;

struct Plain;

impl ui::EditorMethods for Plain {
    fn merge(&mut self, _: &mut relocxx::CppStr, _: &relocxx::CppStr) {}
}

fn main() {
    use ui::EditorMethods;
    let mut p = Plain;
    let _ = p.read_base(16 as *const i32);
}
