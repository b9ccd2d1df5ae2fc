//! The same std-type cases as tests/e2e, against libc++: code reads the same on both libraries.
#![cfg(relocxx_libcxx)]

use relocxx_libcxx::stdtypes::stdt;

include!("../../fixtures/stdtypes_cases.rs");

#[test]
fn cpp_string_is_held_by_value_under_libcxx() {
    // The handle is the string itself: three words, no heap box.
    assert_eq!(
        std::mem::size_of::<relocxx::CppString>(),
        3 * std::mem::size_of::<usize>()
    );
    fn assert_relocatable<T: relocxx::Relocatable + Unpin>() {}
    assert_relocatable::<stdt::Label>();
}
