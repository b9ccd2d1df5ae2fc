//! std::span (C++20) crosses as Rust slices, both ways.

use relocxx_e2e::spans::spans;

#[test]
fn spans_are_slices() {
    let v = [1, 2, 3, 4, 5];
    assert_eq!(spans::sum(&v), 15);
    let mut d = vec![1.0, 2.0];
    spans::scale(&mut d, 3.0);
    assert_eq!(d, [3.0, 6.0]);
    let m: &[i32] = spans::middle(&v);
    assert_eq!(m, &[2, 3, 4]);
    assert_eq!(
        m.as_ptr(),
        v[1..].as_ptr(),
        "the returned span borrows the argument"
    );
    let samples = [
        spans::Sample { t: 0.0, v: 2.0 },
        spans::Sample { t: 1.5, v: 0.0 },
    ];
    assert_eq!(spans::integrate(&samples), 3.0);
    assert_eq!(spans::sum(&[]), 0);
}

/// `const std::span<T>&` parameters are views built by the thunk, like by-value spans.
#[test]
fn spans_by_const_reference() {
    assert_eq!(spans::sum_ref(&[1, 2, 3, 4]), 10);
    let mut v = [0; 3];
    spans::fill_ref(&mut v, 7);
    assert_eq!(v, [7, 7, 7]);
}
