//! Free functions, namespaces, overloads, enums, PODs, typedefs, pointers and references,
//! called through the generated bindings and checked for values.

use relocxx_e2e::basics::{self, geo};

#[test]
fn builtin_and_fixed_width_types() {
    assert_eq!(basics::add(2, 40), 42);
    assert_eq!(basics::scale(2.0, 1.5), 3.0);
    assert!(basics::is_even(-4));
    assert!(!basics::is_even(7));
    assert_eq!(basics::low_byte(0x1234), 0x34);
    let wide: i64 = basics::widen(3i32);
    assert_eq!(wide, 3i64 << 32);
}

#[test]
fn raw_pointers_make_unsafe_fns() {
    let values = [1u64, 2, 3, u32::MAX as u64];
    let sum = unsafe { basics::sum_u64(values.as_ptr(), values.len()) };
    assert_eq!(sum, 6 + u32::MAX as u64);
    let s = c"hello relocxx";
    assert_eq!(unsafe { basics::string_length(s.as_ptr()) }, 13);
    let mut out = [geo::Point { x: 0, y: 0 }; 3];
    unsafe { geo::fill(out.as_mut_ptr(), 3, 7) };
    assert_eq!(
        out,
        [
            geo::Point { x: 7, y: 7 },
            geo::Point { x: 7, y: 8 },
            geo::Point { x: 7, y: 9 }
        ]
    );
}

#[test]
fn structs_by_value_in_and_out() {
    let p = geo::make_point(3, 4);
    assert_eq!(p, geo::Point { x: 3, y: 4 });
    let r = geo::make_rect(p, geo::Point { x: 5, y: 6 }, geo::Color::Green);
    assert_eq!(r.origin, p);
    assert_eq!(r.size, geo::Point { x: 5, y: 6 });
    assert_eq!(r.color, geo::Color::Green);
    assert_eq!(r.weight, 1.5);
    assert_eq!(r.tag, [b'r' as _, b'e' as _, b'c' as _, 0]);
    assert_eq!(geo::area(&r), 30);
    let moved = geo::translate(p, &geo::Point { x: 10, y: 20 });
    assert_eq!(moved, geo::Point { x: 13, y: 24 });
    let a = geo::make_aligned(2.0);
    assert_eq!(a.v, [2.0, 4.0, 6.0]);
    assert_eq!(core::mem::align_of::<geo::Aligned>(), 16);
    assert_eq!(&a as *const _ as usize % 16, 0);
}

#[test]
fn references_in_and_out() {
    let mut p = geo::Point { x: 1, y: 2 };
    geo::shift(&mut p, 10, 20);
    assert_eq!(p, geo::Point { x: 11, y: 22 });
    *geo::coord(&mut p, true) = 99;
    assert_eq!(p.y, 99);
    let r = geo::make_rect(
        geo::Point { x: 1, y: 1 },
        geo::Point { x: 2, y: 3 },
        geo::Color::Red,
    );
    let picked: &geo::Point = geo::pick(&r, true);
    assert!(
        core::ptr::eq(picked, &r.size),
        "the returned reference points into the argument"
    );
    assert!(core::ptr::eq(geo::pick(&r, false), &r.origin));
}

#[test]
fn enums_keep_values_outside_the_enumerators() {
    let mixed = geo::mix(geo::Color::Red, geo::Color::Blue);
    assert_eq!(
        mixed.0, 5,
        "1 | 4 is not an enumerator, and must survive the trip"
    );
    assert_eq!(format!("{mixed:?}"), "Color(5)");
    assert_eq!(format!("{:?}", geo::Color::Blue), "Color::Blue");
    assert_eq!(geo::next(geo::Sparse::Low), geo::Sparse::Zero);
    assert_eq!(geo::next(geo::Sparse::Zero), geo::Sparse::High);
    assert_eq!(geo::next(geo::Sparse(41)).0, 42);
    assert_eq!(geo::Sparse::Low.0, -100);
    assert_eq!(geo::wide_value(geo::Wide::Min), i64::MIN);
    assert_eq!(geo::wide_value(geo::Wide(-7)), -7);
    assert_eq!(geo::big_top(), geo::Big::Top);
    assert_eq!(geo::Big::Top.0, u64::MAX);
    assert_eq!(basics::Plain::PlainC.0, 6);
}

#[test]
fn overloads_namespaces_and_keywords() {
    let p = geo::Point { x: 2, y: 5 };
    let r = geo::make_rect(p, geo::Point { x: 3, y: 4 }, geo::Color::Red);
    assert_eq!(geo::length_const_Point_ref(&p), 7);
    assert_eq!(geo::length_const_Rect_ref(&r), 7);
    assert_eq!(geo::length_double_double(1.5, 2.0), 3.5);
    assert_eq!(geo::length(), 0);
    assert_eq!(geo::detail::helper(5), 15);
    assert_eq!(geo::detail::mirror(&p), geo::Point { x: 5, y: 2 });
    assert_eq!(geo::v1::version(), 1);
    assert_eq!(
        geo::version(),
        1,
        "inline namespace members are visible in the parent"
    );
    assert_eq!(geo::r#type(1), 2);
    let alias: geo::Vec2 = geo::Point { x: 1, y: 1 };
    let c: geo::Coord = 5;
    assert_eq!(alias.x + c, 6);
}

#[test]
fn exceptions_do_not_escape_when_nothing_throws() {
    assert_eq!(geo::checked(5, false), 5);
}

/// A C++ exception must never unwind into Rust: the thunk aborts with the `what()` text.
/// Run in a child process (this same test binary) because the process aborts.
#[test]
fn exception_aborts_with_message() {
    if std::env::var_os("RELOCXX_E2E_THROW").is_some() {
        geo::checked(7, true);
        unreachable!("the C++ exception must abort the process");
    }
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .args(["exception_aborts_with_message", "--exact", "--nocapture"])
        .env("RELOCXX_E2E_THROW", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("relocxx: C++ exception escaped `geo::checked`: checked failed for 7"),
        "stderr: {stderr}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(6), "SIGABRT expected");
    }
}
