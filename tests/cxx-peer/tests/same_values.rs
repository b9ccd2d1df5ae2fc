//! Both bridges call the same C++ (cpp/vec.cc) and must see the same vector.

use relocxx_cxx_peer::ffi;
use relocxx_cxx_peer::vector::peer;

#[test]
fn both_bridges_return_the_same_thousand_values() {
    let by_value = peer::iota(1000);
    let boxed = ffi::iota_boxed(1000);
    let boxed = boxed.as_ref().expect("iota_boxed returned null");
    assert_eq!(by_value.len(), 1000);
    assert_eq!(boxed.len(), 1000);
    assert_eq!(by_value.as_slice(), boxed.as_slice());
    let expected: Vec<i32> = (0..1000).collect();
    assert_eq!(by_value.as_slice(), &expected[..]);
    assert!(boxed.iter().copied().eq(expected.iter().copied()));
}

#[test]
fn sums_match_the_closed_form() {
    for n in [1, 2, 7, 1000, 65_536] {
        let closed = i64::from(n) * i64::from(n - 1) / 2;
        let by_value = peer::iota(n);
        let boxed = ffi::iota_boxed(n);
        let boxed = boxed.as_ref().unwrap();
        let relocxx_sum: i64 = by_value.as_slice().iter().map(|&x| i64::from(x)).sum();
        let cxx_slice_sum: i64 = boxed.as_slice().iter().map(|&x| i64::from(x)).sum();
        let cxx_iter_sum: i64 = boxed.iter().map(|&x| i64::from(x)).sum();
        assert_eq!(relocxx_sum, closed, "relocxx, n = {n}");
        assert_eq!(cxx_slice_sum, closed, "cxx as_slice, n = {n}");
        assert_eq!(cxx_iter_sum, closed, "cxx iter, n = {n}");
    }
}

#[test]
fn empty_vector() {
    let by_value = peer::iota(0);
    assert!(by_value.is_empty());
    assert_eq!(by_value.len(), 0);
    assert!(by_value.as_slice().is_empty());
    assert_eq!(by_value.first(), None);

    let boxed = ffi::iota_boxed(0);
    assert!(!boxed.is_null());
    let boxed = boxed.as_ref().unwrap();
    assert!(boxed.is_empty());
    assert!(boxed.as_slice().is_empty());
    assert_eq!(boxed.iter().next(), None);
    assert!(boxed.get(0).is_none());
}

#[test]
fn element_access() {
    let by_value = peer::iota(10);
    let boxed = ffi::iota_boxed(10);
    let boxed = boxed.as_ref().unwrap();
    for i in 0..10 {
        let expected = i as i32;
        assert_eq!(by_value[i], expected);
        assert_eq!(by_value.get(i), Some(&expected));
        assert_eq!(boxed.get(i), Some(&expected));
        assert_eq!(boxed.as_slice()[i], expected);
    }
    assert_eq!(by_value.get(10), None);
    assert!(boxed.get(10).is_none());
    assert_eq!(by_value.first(), Some(&0));
    assert_eq!(by_value.last(), Some(&9));
    assert_eq!(boxed.as_slice().last(), Some(&9));
}

#[test]
fn the_vectors_are_independent() {
    // relocxx owns its vector and may change it; the cxx one is untouched.
    let mut by_value = peer::iota(3);
    let boxed = ffi::iota_boxed(3);
    by_value.push(42);
    by_value.as_mut_slice()[0] = -1;
    assert_eq!(by_value.as_slice(), &[-1, 1, 2, 42]);
    assert_eq!(boxed.as_ref().unwrap().as_slice(), &[0, 1, 2]);
}
