//! Public bases (DESIGN §6, issue #11): base methods on the derived class, upcasts done by
//! the shim (multiple inheritance moves the address), checked downcasts, virtual dispatch.

use relocxx::Downcast;
use relocxx_e2e::hierarchy::inh;

#[test]
fn base_methods_are_callable_on_the_derived_class() {
    let mut s = inh::Shape::new(4, 10);
    assert_eq!(s.id(), 4); // from Named
    assert_eq!(s.size(), 10); // from Sized
    s.grow(5); // non-const, from Sized
    assert_eq!(s.size(), 15);
    // Shape declares `describe`, which hides both of Named's overloads (C++ name hiding).
    // SAFETY: a NUL-terminated tag.
    assert_eq!(unsafe { s.describe(c"t".as_ptr()) }, 7);
    let q = inh::Square::new(3);
    assert_eq!((q.id(), q.size()), (9, 9)); // two levels up
}

#[test]
fn upcasts_adjust_the_address_like_cpp() {
    let s = inh::Shape::new(1, 2);
    let this = &s as *const inh::Shape as isize;
    let named: &inh::Named = s.as_ref();
    let sized: &inh::Sized = s.as_ref();
    assert_eq!(named as *const inh::Named as isize - this, s.named_offset());
    assert_eq!(sized as *const inh::Sized as isize - this, s.sized_offset());
    assert_ne!(s.sized_offset(), 0, "the second base is not at the start");
    assert_eq!(sized.size(), 2);
    assert_eq!(inh::size_of(s.as_ref()), 2);
}

#[test]
fn virtual_calls_dispatch_and_downcasts_are_checked() {
    let s = inh::Shape::new(1, 2);
    let q = inh::Square::new(2);
    assert_eq!(inh::kind_of(s.as_ref()), 2);
    assert_eq!(inh::kind_of(q.as_ref()), 3);
    let as_named: &inh::Named = q.as_ref();
    assert_eq!(
        as_named.kind(),
        3,
        "a virtual call through the base dispatches"
    );
    let back = inh::Square::downcast_ref(as_named).expect("a Square");
    assert_eq!(back.size(), 4);
    assert!(inh::Square::downcast_ref(<inh::Shape as AsRef<inh::Named>>::as_ref(&s)).is_none());
    let shape = inh::Shape::downcast_ref(as_named).expect("a Square is a Shape");
    assert_eq!(shape.kind(), 3);
}

/// `UniquePtr<Derived>` becomes `UniquePtr<Base>` (the base's destructor is virtual); deleting
/// through it destroys the whole object (valgrind and ASan runs check the memory).
#[test]
fn owning_pointers_convert_to_the_base() {
    let sq: relocxx::UniquePtr<inh::Square> = inh::make_square(5);
    let named: relocxx::UniquePtr<inh::Named> = sq.upcast();
    assert_eq!(named.kind(), 3);
    assert_eq!(
        inh::Square::downcast_ref(&*named).map(|s| s.size()),
        Some(25)
    );
    let sized_first: relocxx::UniquePtr<inh::Shape> = inh::make_square(2).upcast();
    assert_eq!(sized_first.size(), 4);
    let empty: relocxx::UniquePtr<inh::Named> = relocxx::UniquePtr::<inh::Square>::null().upcast();
    assert!(empty.is_null());
}
