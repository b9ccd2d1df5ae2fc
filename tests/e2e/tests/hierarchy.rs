//! Public bases (DESIGN §6, issue #11): base methods on the derived class, upcasts done by
//! the shim (multiple inheritance moves the address), checked downcasts, virtual dispatch.
//! The classes are polymorphic and not `final`, so they are pinned: built in place.

use relocxx::{CppBox, Downcast, UpcastPin};
use relocxx_e2e::hierarchy::inh;

fn named<T: AsRef<inh::Named>>(t: &T) -> &inh::Named {
    t.as_ref()
}

fn sized<T: AsRef<inh::Sized>>(t: &T) -> &inh::Sized {
    t.as_ref()
}

#[test]
fn base_methods_are_callable_on_the_derived_class() {
    relocxx::emplace!(let s = inh::Shape::new(4, 10));
    assert_eq!(s.id(), 4); // from Named
    assert_eq!(s.size(), 10); // from Sized
    s.as_mut().grow(5); // non-const, from Sized
    assert_eq!(s.size(), 15);
    // Shape declares `describe`, which hides both of Named's overloads (C++ name hiding).
    // SAFETY: a NUL-terminated tag.
    assert_eq!(unsafe { s.describe(c"t".as_ptr()) }, 7);
    let q = CppBox::emplace(inh::Square::new(3));
    assert_eq!((q.id(), q.size()), (9, 9)); // two levels up
}

#[test]
fn upcasts_adjust_the_address_like_cpp() {
    let s = CppBox::emplace(inh::Shape::new(1, 2));
    let this = &*s as *const inh::Shape as isize;
    assert_eq!(
        named(&*s) as *const inh::Named as isize - this,
        s.named_offset()
    );
    assert_eq!(
        sized(&*s) as *const inh::Sized as isize - this,
        s.sized_offset()
    );
    assert_ne!(s.sized_offset(), 0, "the second base is not at the start");
    assert_eq!(sized(&*s).size(), 2);
    assert_eq!(inh::size_of(sized(&*s)), 2);
}

#[test]
fn virtual_calls_dispatch_and_downcasts_are_checked() {
    let s = CppBox::emplace(inh::Shape::new(1, 2));
    let q = CppBox::emplace(inh::Square::new(2));
    assert_eq!(inh::kind_of(named(&*s)), 2);
    assert_eq!(inh::kind_of(named(&*q)), 3);
    let as_named = named(&*q);
    assert_eq!(
        as_named.kind(),
        3,
        "a virtual call through the base dispatches"
    );
    let back = inh::Square::downcast_ref(as_named).expect("a Square");
    assert_eq!(back.size(), 4);
    assert!(inh::Square::downcast_ref(named(&*s)).is_none());
    let shape = inh::Shape::downcast_ref(as_named).expect("a Square is a Shape");
    assert_eq!(shape.kind(), 3);
}

/// A C++ `Named&` parameter takes the `Named` inside a pinned `Square` (`Pin<&mut Named>`).
#[test]
fn pinned_base_references_for_base_parameters() {
    let mut q = CppBox::emplace(inh::Square::new(2));
    inh::rename(q.as_mut().upcast_pin(), 77);
    assert_eq!(q.id(), 77);
    relocxx::emplace!(let s = inh::Shape::new(1, 1));
    inh::rename(s.as_mut().upcast_pin(), 5);
    assert_eq!(s.id(), 5);
}

/// `UniquePtr<Derived>` becomes `UniquePtr<Base>` (the base's destructor is virtual); deleting
/// through it destroys the whole object (valgrind and ASan runs check the memory).
#[test]
fn owning_pointers_convert_to_the_base() {
    let sq: relocxx::UniquePtr<inh::Square> = inh::make_square(5);
    let named_ptr: relocxx::UniquePtr<inh::Named> = sq.upcast();
    assert_eq!(named_ptr.kind(), 3);
    assert_eq!(
        inh::Square::downcast_ref(&*named_ptr).map(|s| s.size()),
        Some(25)
    );
    let shape: relocxx::UniquePtr<inh::Shape> = inh::make_square(2).upcast();
    assert_eq!(shape.size(), 4);
    let empty: relocxx::UniquePtr<inh::Named> = relocxx::UniquePtr::<inh::Square>::null().upcast();
    assert!(empty.is_null());
}

/// A relocatable base: `&mut Derived` passes its base subobject to a C++ `Base&`
/// (`relocxx::MutRef`), while a `Base&` C++ returns is a raw pointer (`unsafe fn`): it may be
/// a base subobject whose tail padding holds the derived members (`Meter::unit_` sits in
/// `Sized`'s), which a Rust swap through `&mut Sized` would overwrite.
#[test]
fn relocatable_bases_pass_by_mutref_and_never_come_back_as_mut() {
    let mut m = inh::Meter::new(3);
    assert_eq!(
        std::mem::size_of::<inh::Meter>(),
        std::mem::size_of::<inh::Sized>()
    );
    inh::grow_by(&mut m, 4);
    assert_eq!(m.size(), 7);
    assert_eq!(m.unit(), b'm' as std::ffi::c_char);
    // SAFETY: `m` is alive; the pointer is only read through.
    let base: *mut inh::Sized = unsafe { inh::as_sized(&mut m) };
    assert_eq!(unsafe { (*base).size() }, 7);
    let mut other = inh::Sized::new(100);
    inh::grow_by(&mut other, 1);
    assert_eq!(other.size(), 101);
    assert_eq!(m.unit(), b'm' as std::ffi::c_char);
}

/// The tail rule also covers plain data that is not POD for layout (default member
/// initializers: `Tallied::mark` sits in `Tally`'s padding) and `final` classes held as a
/// `[[no_unique_address]]` member (`Panel::label` sits in `Gauge`'s): a reference C++ returns
/// to either is a raw pointer, and C++ sees the bytes Rust must not overwrite.
#[test]
fn tail_sharing_covers_plain_data_and_final_members() {
    assert_eq!(
        std::mem::size_of::<inh::Tallied>(),
        std::mem::size_of::<inh::Tally>()
    );
    assert_eq!(inh::panel_size(), inh::gauge_size());
    let mut t = inh::Tallied::new();
    // SAFETY: `t` is alive; only read through the pointer.
    let tally: *mut inh::Tally = unsafe { inh::as_tally(&mut t) };
    assert_eq!(unsafe { (*tally).tag }, b't' as std::ffi::c_char);
    let mut p = inh::Panel::new();
    let gauge: *mut inh::Gauge = unsafe { inh::gauge_of(&mut p) };
    assert_eq!(unsafe { (*gauge).value() }, 5);
}

/// `SharedPtr<Derived>::upcast` gives the same object as a base, through the shim (the
/// address of `Sized` is adjusted under multiple inheritance), sharing the use count.
#[test]
fn shared_pointers_upcast_to_bases() {
    let sq = inh::share_square(3);
    let again = sq.clone();
    assert_eq!(sq.use_count(), 2);
    let sized: relocxx::SharedPtr<inh::Sized> = sq.upcast();
    assert_eq!(again.use_count(), 2);
    assert_eq!(inh::size_of_shared(sized.clone()), 9);
    assert_eq!(
        &*sized as *const inh::Sized,
        AsRef::<inh::Sized>::as_ref(&*again) as *const inh::Sized
    );
    let named: relocxx::SharedPtr<inh::Named> = again.upcast();
    assert_eq!(inh::kind_of_shared(&named), 3);
    drop(sized);
    assert_eq!(named.use_count(), 1);
}
