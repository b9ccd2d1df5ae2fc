// The object in a CppBox stays where it was constructed.
use relocxx::CppBox;
use relocxx_e2e::classes::cls;

fn main() {
    let boxed = CppBox::emplace(cls::SelfRef::new());
    let moved: cls::SelfRef = *boxed;
    drop(moved);
}
