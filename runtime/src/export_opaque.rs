//! Opaque exported types (`#[relocxx::export]` on a struct that is not plain data): C++ holds
//! an `Option<T>` by value — the same size as `T` whenever `T` has a niche — in a class of
//! exactly that size and alignment. `Some` is a live value; `None` is the moved-from state: a
//! C++ move copies the bytes and writes `None` into the source (`vacate`), so the destructor
//! (`drop`) runs `Drop` once, on whichever object still holds the value, and using a
//! moved-from object is a `relocxx::rust::Error`, never undefined behaviour.
//!
//! The size and alignment reach the C++ header through the compiled crate: the attribute puts
//! a `layout_record` in a `#[used]` static, which the generator finds in the library file.

use super::Error;

extern crate std;

/// Marks a layout record in a compiled library (then the symbol, NUL, size and alignment as
/// little-endian `u64`s).
pub const LAYOUT_MARK: &[u8] = b"\0RELOCXX-LAYOUT-1\0";

/// The length of the record for `symbol`.
pub const fn layout_len(symbol: &str) -> usize {
    LAYOUT_MARK.len() + symbol.len() + 1 + 16
}

/// The layout record of the exported type whose symbol prefix is `symbol`.
pub const fn layout_record<const N: usize>(symbol: &str, size: usize, align: usize) -> [u8; N] {
    let mut out = [0u8; N];
    let mut i = 0;
    while i < LAYOUT_MARK.len() {
        out[i] = LAYOUT_MARK[i];
        i += 1;
    }
    let s = symbol.as_bytes();
    let mut j = 0;
    while j < s.len() {
        out[i] = s[j];
        i += 1;
        j += 1;
    }
    i += 1; // NUL
    let (size, align) = ((size as u64).to_le_bytes(), (align as u64).to_le_bytes());
    let mut k = 0;
    while k < 8 {
        out[i + k] = size[k];
        out[i + 8 + k] = align[k];
        k += 1;
    }
    out
}

fn moved(name: &str) -> Error {
    Error::argument(alloc::format!(
        "the `{name}` was moved from (it holds no Rust value any more)"
    ))
}

/// The value of a C++ object passed by value: taken out, the C++ object left moved-from.
///
/// # Safety
/// `p` is null or points to the `Option<T>` of a live C++ object of the exported class.
pub unsafe fn take<T>(p: *mut Option<T>, name: &str) -> Result<T, Error> {
    match unsafe { p.as_mut() } {
        Some(slot) => slot.take().ok_or_else(|| moved(name)),
        None => Err(Error::argument("a null object".into())),
    }
}

/// # Safety
/// As `take`; the C++ object outlives `'a` and is not changed meanwhile.
pub unsafe fn borrow<'a, T>(p: *const Option<T>, name: &str) -> Result<&'a T, Error> {
    match unsafe { p.as_ref() } {
        Some(slot) => slot.as_ref().ok_or_else(|| moved(name)),
        None => Err(Error::argument("a null object".into())),
    }
}

/// # Safety
/// As `borrow`, and nothing else reaches the object meanwhile.
pub unsafe fn borrow_mut<'a, T>(p: *mut Option<T>, name: &str) -> Result<&'a mut T, Error> {
    match unsafe { p.as_mut() } {
        Some(slot) => slot.as_mut().ok_or_else(|| moved(name)),
        None => Err(Error::argument("a null object".into())),
    }
}

/// The C++ object's bytes, for the aliasing check.
pub fn region<T>(p: *const Option<T>, mutable: bool) -> Option<(usize, usize, bool)> {
    Some((p as usize, core::mem::size_of::<Option<T>>(), mutable))
}

/// The C++ destructor: drops the value if the object still holds one. A panic in `Drop`
/// cannot become an exception (destructors do not throw): it aborts with its message.
///
/// # Safety
/// `p` points to the `Option<T>` of a C++ object being destroyed.
#[cfg(feature = "std")]
pub unsafe fn drop_in_place<T>(p: *mut Option<T>, name: &str) {
    let dropped = std::panic::catch_unwind(core::panic::AssertUnwindSafe(|| unsafe {
        core::ptr::drop_in_place(p)
    }));
    if dropped.is_err() {
        std::eprintln!(
            "relocxx: dropping a `{name}` held by C++ panicked (message above); aborting"
        );
        std::process::abort();
    }
}

/// After C++ copied the bytes elsewhere: the source holds no value any more.
///
/// # Safety
/// `p` points to the `Option<T>` of a C++ object whose value now lives at another address.
pub unsafe fn vacate<T>(p: *mut Option<T>) {
    unsafe { p.write(None) }
}

/// The C++ copy constructor: `dst` (uninitialized storage) gets a clone of `src`.
///
/// # Safety
/// `src` points to a live object's `Option<T>`, `dst` to writable storage for one.
pub unsafe fn clone_into<T: Clone>(
    src: *const Option<T>,
    dst: *mut Option<T>,
) -> Result<(), Error> {
    let value = unsafe { (*src).clone() };
    unsafe { dst.write(value) };
    Ok(())
}

/// Exported opaque types are `Send + Sync`: C++ moves objects between threads and calls const
/// members concurrently with nothing to stop it.
pub fn assert_thread_safe<T: Send + Sync>() {}

/// `==` of two C++ objects (`PartialEq`), for the C++ operators.
///
/// # Safety
/// As `borrow`, for both.
pub unsafe fn eq<T: PartialEq>(
    a: *const Option<T>,
    b: *const Option<T>,
    name: &str,
) -> Result<bool, Error> {
    Ok(unsafe { borrow(a, name)? == borrow(b, name)? })
}

/// `partial_cmp` of two C++ objects as -1, 0, 1, or 2 for unordered (`PartialOrd`).
///
/// # Safety
/// As `borrow`, for both.
pub unsafe fn cmp<T: PartialOrd>(
    a: *const Option<T>,
    b: *const Option<T>,
    name: &str,
) -> Result<i8, Error> {
    let (a, b) = unsafe { (borrow(a, name)?, borrow(b, name)?) };
    Ok(match a.partial_cmp(b) {
        Some(core::cmp::Ordering::Less) => -1,
        Some(core::cmp::Ordering::Equal) => 0,
        Some(core::cmp::Ordering::Greater) => 1,
        None => 2,
    })
}
