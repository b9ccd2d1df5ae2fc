//! Shapes from real installed libraries (issue #15), reduced to tests/fixtures/realworld.h and
//! called for real.

use relocxx::UniquePtr;
use relocxx_e2e::realworld::{self as bindings, rw};

#[test]
fn nested_types_are_outer_inner() {
    let doc = rw::Doc::new();
    assert_eq!(doc.kind_of(0), rw::Doc_Kind::element);
    assert_eq!(doc.kind_of(1), rw::Doc_Kind::text);
    let p: rw::Doc_Pos = doc.start();
    assert_eq!((p.line, p.column), (1, 2));
    assert_eq!(doc.sum(&rw::Doc_Pos { line: 3, column: 4 }), 7);
    // Defined out of line as `class Doc::Cursor {..}`.
    let mut c = rw::Doc_Cursor::new(5);
    c.advance(2);
    c.advance_with_defaults();
    assert_eq!(c.at(), 8);
}

#[test]
fn arrays_behind_pointers_and_references() {
    let q: [u32; 4] = [1, 2, 3, 4];
    // SAFETY: `q` is a live array of four.
    assert_eq!(unsafe { rw::quad_sum(&q) }, 10);
    let mut dest = [0 as core::ffi::c_char; 10];
    rw::fill(&mut dest, b'x' as _);
    assert!(dest.iter().all(|&c| c == b'x' as core::ffi::c_char));
    // `const int (&)[4]` is a shared reference.
    let a: [core::ffi::c_int; 4] = [9, 8, 7, 6];
    assert_eq!(rw::first_of(&a), 9);
}

#[test]
fn names_made_by_token_pasting() {
    assert_eq!(bindings::pasted_v3::answer(), 42);
}

#[test]
fn constants_and_macros() {
    assert_eq!(rw::parse_default, 0x1234);
    assert_eq!(rw::max_depth, 64);
    assert_eq!(rw::ratio, 0.5);
    assert_eq!(bindings::RW_VERSION_MAJOR, 3);
    assert_eq!(bindings::RW_FLAGS, 0x11);
    assert_eq!(bindings::RW_NEG, -42);
    assert_eq!(bindings::RW_NAME.to_bytes(), b"realworld");
    assert_eq!(bindings::RW_MIN, i64::MIN);
}

#[test]
fn size_t_primitive_aliases_and_const_strings() {
    let n: usize = unsafe { rw::name_length(c"four".as_ptr()) };
    assert_eq!(n, 4);
    let b: u8 = rw::low_byte(0x1ff);
    assert_eq!(b, 0xff);
    assert_eq!(rw::greeting().as_bytes(), b"hello from realworld");
}

#[test]
fn plain_data_operators_and_defaults() {
    let a = rw::Point { x: 1, y: 2 };
    assert!(a == rw::Point { x: 1, y: 2 });
    assert!(a != rw::Point { x: 2, y: 2 });
    let d = rw::make_defaults();
    assert_eq!((d.a, d.b), (7, 2.5));
    // No constructor declared: Default is C++ value-initialization (member initializers apply).
    let v = rw::Defaults::default();
    assert_eq!((v.a, v.b), (7, 2.5));
    assert_eq!(rw::Point::default(), rw::Point { x: 0, y: 0 });
}

#[test]
fn index_overloads_and_const_pairs() {
    let mut t = rw::Table::new();
    *t.index_int_mut(1) = 5;
    // SAFETY: a NUL-terminated key.
    unsafe { *t.index_const_char_ptr_mut(c"abcde".as_ptr()) += 1 };
    assert_eq!(*t.at(1), 6);
    *t.at_mut(2) = 9;
    assert_eq!(*t.at(2), 9);
}

#[test]
fn default_arguments() {
    assert_eq!(rw::scaled(3, 3, 1), 10);
    assert_eq!(rw::scaled_with_defaults(3), 6);
    let p = rw::Parser::new();
    // SAFETY: NUL-terminated text.
    assert_eq!(unsafe { p.parse(c"ff".as_ptr(), 16) }, 255);
    assert_eq!(unsafe { p.parse_with_defaults(c"42".as_ptr()) }, 42);
}

#[test]
fn a_type_hidden_by_a_function() {
    let mut out = rw::probe { size: 0 };
    // SAFETY: valid path string and out pointer.
    assert_eq!(unsafe { rw::probe(c"/tmp/x".as_ptr(), &mut out) }, 0);
    assert_eq!(out.size, 6);
    assert_eq!(rw::probe::zero(), 0); // a static member of the hidden type
}

#[test]
fn opaque_handles_round_trip() {
    // SAFETY: the handle comes from engine_open and is closed once.
    unsafe {
        let e: *mut rw::Engine = rw::engine_open(7);
        assert_eq!(rw::engine_id(e), 7);
        rw::engine_close(e);
    }
}

#[test]
fn smart_pointers_to_strings_and_builtins() {
    // SAFETY: a NUL-terminated string.
    let name: UniquePtr<relocxx::CppStr> = unsafe { rw::boxed_name(c"boxed".as_ptr()) };
    assert_eq!(name.as_bytes(), b"boxed");
    let n: UniquePtr<i32> = rw::boxed_int(41);
    assert_eq!(*n, 41);
    assert_eq!(rw::unbox_int(n), 41);
    assert_eq!(rw::unbox_int(UniquePtr::null()), -1);
}

#[test]
fn unique_ptr_takes_what_cpp_newed() {
    // SAFETY: new_counter returns a `new Counter` the caller owns.
    let mut c: UniquePtr<rw::Counter> = unsafe { UniquePtr::from_raw(rw::new_counter(10)) };
    assert_eq!(c.as_mut().unwrap().next(), 10);
    assert_eq!(c.as_mut().unwrap().next(), 11);
    let raw = c.into_raw();
    // SAFETY: back into a UniquePtr, which deletes it once.
    let c = unsafe { UniquePtr::from_raw(raw) };
    assert!(!c.is_null());
    drop(c);
    assert!(UniquePtr::<rw::Counter>::null().is_null());
}
