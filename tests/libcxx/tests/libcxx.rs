//! Under libc++, a class holding a std::string is relocatable: held by value, moved by memcpy.
#![cfg(relocxx_libcxx)]

use relocxx_libcxx::classes::cls;

fn assert_relocatable<T: relocxx::Relocatable + Unpin>() {}

#[test]
fn std_string_member_is_relocatable_under_libcxx() {
    assert_relocatable::<cls::Named>();
    let mut v: Vec<cls::Named> = Vec::new();
    for n in 0..200 {
        v.push(cls::Named::new(n % 40)); // short and long strings, relocated as Vec grows
    }
    assert!(v.iter().all(|s| s.small_buffer_intact()));
    assert_eq!(
        v.iter().map(|s| s.length()).sum::<i32>(),
        (0..200).map(|n| n % 40).sum::<i32>()
    );
    let taken = v.swap_remove(3);
    assert_eq!(taken.length(), 3);
}

mod pinned_idioms {
    use relocxx_libcxx::classes::cls;
    include!("../../fixtures/pinned_idioms_cases.rs");
}
