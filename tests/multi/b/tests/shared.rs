//! One C++ class, one Rust type across crates: values of relocxx-multi-a's `shr::Thing` and
//! `shr::Registry` go straight into relocxx-multi-b's functions (no conversion, no second
//! binding), and every C++ object is destroyed exactly once.

use relocxx::CppBox;
use relocxx_multi_a::shared::shr;
use relocxx_multi_b::users::usr;

#[test]
fn one_cpp_class_is_one_rust_type_across_crates() {
    let before = shr::live_things();
    {
        let t = shr::Thing::new(20);
        assert_eq!(usr::twice(&t), 40);
        // By value into crate b's function and back: crate a's relocatable type, moved.
        let mut b = usr::bumped(t.clone(), 2);
        assert_eq!(b.value(), 22);
        usr::grow(&mut b);
        assert_eq!(b.value(), 23);
        // A pinned class of crate a, through crate b.
        let mut reg = CppBox::emplace(shr::Registry::new());
        usr::register_all(reg.as_mut(), &t, &b);
        assert_eq!(reg.count(), 43);
        assert_eq!(shr::live_things(), before + 2);
    }
    assert_eq!(shr::live_things(), before);
}
