//! The Rust half of exporting Rust to C++ (`#[relocxx::export]`, DESIGN §7).
//!
//! Every value crosses through one of two traits, so the attribute macro never needs to know
//! what kind of type it lowers (it cannot see other items): [`FromCpp`] for arguments C++
//! passes, [`IntoCpp`] for results Rust hands back. Each implementation here is the Rust side
//! of one mapping rule; the generated C++ header (`relocxx_gen::export`) spells the matching C++
//! type, and `cpp/include/relocxx/rust.hpp` holds the C++ halves of the ABI structs below, with
//! the same layout (`#[repr(C)]` here, standard-layout there).
//!
//! What keeps an exported call sound, whatever C++ passes:
//! - text is checked to be UTF-8 before it becomes `&str`/`String`;
//! - a null pointer with a non-zero length, or a misaligned one, is refused;
//! - an enum discriminant that names no variant is refused;
//! - reference-like arguments (slices) that overlap when one is mutable are refused, so Rust
//!   never gets a `&mut` aliasing another reference;
//! - a panic never unwinds into C++.
//!
//! A refused argument, an `Err` and a panic all come back as an [`Error`] the C++ wrapper turns
//! into an exception (`relocxx::rust::Error`, or `relocxx::rust::Panic` for a panic).

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Display;
use core::mem::MaybeUninit;

#[cfg(feature = "std")]
extern crate std;

#[path = "export_opaque.rs"]
mod opaque;
pub use opaque::*;

/// What went wrong in an exported call; C++ throws it.
pub struct Error {
    kind: u8,
    message: String,
}

/// `Error::kind`: an `Err` returned by the Rust function.
pub const KIND_ERR: u8 = 0;
/// `Error::kind`: the Rust function panicked.
pub const KIND_PANIC: u8 = 1;
/// `Error::kind`: C++ passed an argument Rust cannot accept (invalid UTF-8, a null slice...).
pub const KIND_ARGUMENT: u8 = 2;

impl Error {
    /// An `Err`: the error's `Display` text.
    pub fn err(e: impl Display) -> Error {
        Error {
            kind: KIND_ERR,
            message: e.to_string(),
        }
    }

    /// C++ passed an integer naming no variant of the exported enum `name`.
    pub fn bad_enum(value: impl Display, name: &str) -> Error {
        Error::argument(alloc::format!("{value} is not a value of enum `{name}`"))
    }

    /// C++ passed a null pointer to an object of `name`.
    pub fn null(name: &str) -> Error {
        Error::argument(alloc::format!("a null `{name}`"))
    }

    pub(crate) fn argument(message: String) -> Error {
        Error {
            kind: KIND_ARGUMENT,
            message,
        }
    }

    /// Names the argument a refusal is about.
    pub fn in_argument(mut self, name: &str) -> Error {
        if self.kind == KIND_ARGUMENT {
            self.message = alloc::format!("argument `{name}`: {}", self.message);
        }
        self
    }
}

/// A value C++ passes to an exported function.
///
/// # Safety
/// `Abi` must have the layout of the C++ type the generated header passes for `Self`, and
/// `from_cpp` must accept exactly the values that make a valid `Self`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be passed from C++ to an exported function",
    label = "not exported to C++",
    note = "put `#[relocxx::export]` on the type (a plain struct or a fieldless enum), or take a supported type (numbers, bool, &str, String, slices, Vec, Option)"
)]
pub unsafe trait FromCpp: Sized {
    type Abi;
    /// # Safety
    /// `abi` is what the generated C++ wrapper passed: pointers in it are valid for the call.
    unsafe fn from_cpp(abi: Self::Abi) -> Result<Self, Error>;
    /// The memory this argument borrows (address, bytes, mutably), for the aliasing check.
    ///
    /// # Safety
    /// As `from_cpp` (asked before it).
    unsafe fn region(_abi: &Self::Abi) -> Option<(usize, usize, bool)> {
        None
    }
}

/// A value an exported function hands back to C++ (written through the result pointer).
///
/// # Safety
/// `Abi` must have the layout of the C++ type the generated header reads for `Self`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to C++ from an exported function",
    label = "not exported to C++",
    note = "put `#[relocxx::export]` on the type (a plain struct or a fieldless enum), or return a supported type (numbers, bool, String, Vec, Option)"
)]
pub unsafe trait IntoCpp {
    type Abi;
    fn into_cpp(self) -> Self::Abi;
}

/// Plain data that may sit in a slice or a `Vec` crossing to C++: its C++ counterpart has the
/// same layout and every bit pattern C++ can produce is a valid `Self`.
///
/// # Safety
/// `Self` is `#[repr(C)]` (or a primitive) with the layout of its C++ counterpart, and holds no
/// value with invalid bit patterns C++ could write (`bool` is fine: C++ writes only 0 or 1).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an element of a slice, a `Vec` or a plain struct crossing to C++",
    label = "not plain data C++ may write",
    note = "elements are numbers, bool, and exported plain structs that derive `Copy` (an enum could receive a value naming no variant)"
)]
pub unsafe trait Element: Copy {}

macro_rules! same_abi {
    ($($t:ty),*) => {$(
        unsafe impl FromCpp for $t {
            type Abi = $t;
            unsafe fn from_cpp(abi: $t) -> Result<$t, Error> { Ok(abi) }
        }
        unsafe impl IntoCpp for $t {
            type Abi = $t;
            fn into_cpp(self) -> $t { self }
        }
        unsafe impl Element for $t {}
    )*};
}
same_abi!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize, f32, f64, bool);

unsafe impl IntoCpp for () {
    type Abi = u8;
    fn into_cpp(self) -> u8 {
        0
    }
}

/// `relocxx::rust::Str` (and a `relocxx::rust::Slice<const T>`): a pointer and a length.
#[repr(C)]
pub struct SliceAbi<T> {
    ptr: *const T,
    len: usize,
}

/// `relocxx::rust::Slice<T>`.
#[repr(C)]
pub struct SliceMutAbi<T> {
    ptr: *mut T,
    len: usize,
}

fn checked<T>(ptr: *const T, len: usize) -> Result<(), Error> {
    if len == 0 {
        return Ok(());
    }
    if ptr.is_null() {
        return Err(Error::argument(alloc::format!(
            "a null pointer with length {len}"
        )));
    }
    if (ptr as usize) % core::mem::align_of::<T>() != 0 {
        return Err(Error::argument("a misaligned pointer".into()));
    }
    if len
        .checked_mul(core::mem::size_of::<T>())
        .is_none_or(|b| b > isize::MAX as usize)
    {
        return Err(Error::argument(alloc::format!(
            "a length of {len} elements is too large"
        )));
    }
    Ok(())
}

unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], Error> {
    checked(ptr, len)?;
    Ok(if len == 0 {
        &[]
    } else {
        unsafe { core::slice::from_raw_parts(ptr, len) }
    })
}

unsafe impl<'a> FromCpp for &'a str {
    type Abi = SliceAbi<u8>;
    unsafe fn from_cpp(abi: SliceAbi<u8>) -> Result<&'a str, Error> {
        let bytes = unsafe { slice(abi.ptr, abi.len)? };
        core::str::from_utf8(bytes)
            .map_err(|e| Error::argument(alloc::format!("not valid UTF-8 ({e})")))
    }
    unsafe fn region(abi: &SliceAbi<u8>) -> Option<(usize, usize, bool)> {
        Some((abi.ptr as usize, abi.len, false))
    }
}

// `const T&` / `T&` of plain data (and the receiver of a method of an exported struct).
unsafe impl<'a, T: Element> FromCpp for &'a T {
    type Abi = *const T;
    unsafe fn from_cpp(abi: *const T) -> Result<&'a T, Error> {
        checked(abi, 1)?;
        Ok(unsafe { &*abi })
    }
    unsafe fn region(abi: &*const T) -> Option<(usize, usize, bool)> {
        Some((*abi as usize, core::mem::size_of::<T>(), false))
    }
}

unsafe impl<'a, T: Element> FromCpp for &'a mut T {
    type Abi = *mut T;
    unsafe fn from_cpp(abi: *mut T) -> Result<&'a mut T, Error> {
        checked(abi, 1)?;
        Ok(unsafe { &mut *abi })
    }
    unsafe fn region(abi: &*mut T) -> Option<(usize, usize, bool)> {
        Some((*abi as usize, core::mem::size_of::<T>(), true))
    }
}

// `Box<T>`: C++ passes and receives the value itself.
unsafe impl<T: FromCpp> FromCpp for alloc::boxed::Box<T> {
    type Abi = T::Abi;
    unsafe fn from_cpp(abi: T::Abi) -> Result<Self, Error> {
        unsafe { T::from_cpp(abi) }.map(alloc::boxed::Box::new)
    }
    unsafe fn region(abi: &T::Abi) -> Option<(usize, usize, bool)> {
        unsafe { T::region(abi) }
    }
}

unsafe impl<T: IntoCpp> IntoCpp for alloc::boxed::Box<T> {
    type Abi = T::Abi;
    fn into_cpp(self) -> T::Abi {
        (*self).into_cpp()
    }
}

unsafe impl FromCpp for String {
    type Abi = SliceAbi<u8>;
    unsafe fn from_cpp(abi: SliceAbi<u8>) -> Result<String, Error> {
        unsafe { <&str>::from_cpp(abi) }.map(String::from)
    }
    // Read while other arguments may already be references: it must not overlap a `&mut`.
    unsafe fn region(abi: &SliceAbi<u8>) -> Option<(usize, usize, bool)> {
        Some((abi.ptr as usize, abi.len, false))
    }
}

unsafe impl<'a, T: Element> FromCpp for &'a [T] {
    type Abi = SliceAbi<T>;
    unsafe fn from_cpp(abi: SliceAbi<T>) -> Result<&'a [T], Error> {
        unsafe { slice(abi.ptr, abi.len) }
    }
    unsafe fn region(abi: &SliceAbi<T>) -> Option<(usize, usize, bool)> {
        Some((abi.ptr as usize, abi.len * core::mem::size_of::<T>(), false))
    }
}

unsafe impl<'a, T: Element> FromCpp for &'a mut [T] {
    type Abi = SliceMutAbi<T>;
    unsafe fn from_cpp(abi: SliceMutAbi<T>) -> Result<&'a mut [T], Error> {
        checked(abi.ptr, abi.len)?;
        Ok(if abi.len == 0 {
            &mut []
        } else {
            unsafe { core::slice::from_raw_parts_mut(abi.ptr, abi.len) }
        })
    }
    unsafe fn region(abi: &SliceMutAbi<T>) -> Option<(usize, usize, bool)> {
        Some((abi.ptr as usize, abi.len * core::mem::size_of::<T>(), true))
    }
}

unsafe impl<T: Element> FromCpp for Vec<T> {
    type Abi = SliceAbi<T>;
    unsafe fn from_cpp(abi: SliceAbi<T>) -> Result<Vec<T>, Error> {
        unsafe { slice(abi.ptr, abi.len) }.map(<[T]>::to_vec)
    }
    unsafe fn region(abi: &SliceAbi<T>) -> Option<(usize, usize, bool)> {
        Some((abi.ptr as usize, abi.len * core::mem::size_of::<T>(), false))
    }
}

/// `relocxx::rust::String` / `relocxx::rust::Vec<T>`: a Rust allocation C++ owns until its
/// destructor hands it back (`relocxx_0_1_rs_vec_free`; a `String` is its `Vec<u8>`).
#[repr(C)]
pub struct VecAbi<T> {
    ptr: *mut T,
    len: usize,
    cap: usize,
}

unsafe impl IntoCpp for String {
    type Abi = VecAbi<u8>;
    fn into_cpp(self) -> VecAbi<u8> {
        self.into_bytes().into_cpp()
    }
}

unsafe impl<T: Element> IntoCpp for Vec<T> {
    type Abi = VecAbi<T>;
    fn into_cpp(self) -> VecAbi<T> {
        let mut v = core::mem::ManuallyDrop::new(self);
        VecAbi {
            ptr: v.as_mut_ptr(),
            len: v.len(),
            cap: v.capacity(),
        }
    }
}

/// Frees a `relocxx::rust::Vec<T>` of plain data (no element has a destructor): the layout is
/// what `Vec<T>` allocated, `cap` elements of `size` bytes aligned to `align`.
///
/// # Safety
/// The arguments come from `IntoCpp for Vec<T>` with `T`'s size and alignment, freed once.
#[no_mangle]
pub unsafe extern "C" fn relocxx_0_1_rs_vec_free(
    ptr: *mut u8,
    cap: usize,
    size: usize,
    align: usize,
) {
    if cap == 0 || size == 0 {
        return;
    }
    // SAFETY: the layout `Vec<T>` allocated with (`Layout::array::<T>(cap)`).
    unsafe {
        let layout = core::alloc::Layout::from_size_align_unchecked(cap * size, align);
        alloc::alloc::dealloc(ptr, layout)
    }
}

/// `std::optional<T>` crossing: `relocxx::rust::detail::OptionAbi<A>` in C++ (a flag, then
/// the payload's bytes).
#[repr(C)]
pub struct OptionAbi<A> {
    has: bool,
    value: MaybeUninit<A>,
}

// C++ passes a pointer to its `OptionAbi` (a struct holding a union-like byte array is not
// passed by value the same way by both compilers); Rust takes the payload out of it.
unsafe impl<T: FromCpp> FromCpp for Option<T> {
    type Abi = *mut OptionAbi<T::Abi>;
    unsafe fn from_cpp(abi: *mut OptionAbi<T::Abi>) -> Result<Option<T>, Error> {
        let abi = unsafe { abi.read() };
        if abi.has {
            unsafe { T::from_cpp(abi.value.assume_init()) }.map(Some)
        } else {
            Ok(None)
        }
    }
    unsafe fn region(abi: &*mut OptionAbi<T::Abi>) -> Option<(usize, usize, bool)> {
        // SAFETY: the wrapper passes a valid `OptionAbi` (the region is asked before
        // `from_cpp` takes it).
        let abi = unsafe { &**abi };
        if abi.has {
            unsafe { T::region(abi.value.assume_init_ref()) }
        } else {
            None
        }
    }
}

unsafe impl<T: IntoCpp> IntoCpp for Option<T> {
    type Abi = OptionAbi<T::Abi>;
    fn into_cpp(self) -> OptionAbi<T::Abi> {
        match self {
            Some(v) => OptionAbi {
                has: true,
                value: MaybeUninit::new(v.into_cpp()),
            },
            None => OptionAbi {
                has: false,
                value: MaybeUninit::uninit(),
            },
        }
    }
}

/// A C++ class bound by relocxx, passed by value: C++ moved it into an `OptionAbi<T>`
/// (`relocxx::rust::detail::Relocated`); Rust relocates the value out (a Rust move is a
/// relocation for the by-value classes, DESIGN §4) and clears the flag, so C++ destroys it
/// only if Rust never took it.
///
/// # Safety
/// `abi` is null or points to the `OptionAbi<T>` of a `Relocated<T>` live for the call, `T`
/// being a class relocxx holds by value.
pub unsafe fn take_relocated<T>(abi: *mut OptionAbi<T>, name: &str) -> Result<T, Error> {
    let abi = unsafe { abi.as_mut() }.ok_or_else(|| Error::null(name))?;
    if !abi.has {
        return Err(Error::argument(alloc::format!("a moved-from `{name}`")));
    }
    abi.has = false;
    Ok(unsafe { abi.value.assume_init_read() })
}

/// Runs the body of an exported function: a panic becomes an `Error` (never unwinding into
/// C++), and so does every `Err`. Exported functions need the runtime's `std` feature.
#[cfg(feature = "std")]
pub fn call(f: impl FnOnce() -> Result<(), Error>) -> *mut Error {
    let outcome = std::panic::catch_unwind(core::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let message = if let Some(s) = p.downcast_ref::<&str>() {
            (*s).into()
        } else if let Some(s) = p.downcast_ref::<String>() {
            s.clone()
        } else {
            "a Rust panic with a non-text payload".into()
        };
        Err(Error {
            kind: KIND_PANIC,
            message,
        })
    });
    match outcome {
        Ok(()) => core::ptr::null_mut(),
        Err(e) => Box::into_raw(Box::new(e)),
    }
}

/// `Result<T, E: Display>` of an exported function: `Err` is the C++ exception's text.
pub fn result<T, E: Display>(r: Result<T, E>) -> Result<T, Error> {
    r.map_err(Error::err)
}

/// Refuses overlapping reference-like arguments when one is mutable.
pub fn disjoint(regions: &[Option<(usize, usize, bool)>]) -> Result<(), Error> {
    // Empty slices borrow nothing.
    let regions: Vec<_> = regions
        .iter()
        .flatten()
        .copied()
        .filter(|r| r.1 > 0)
        .collect();
    if crate::aliasing_mut(&regions) {
        return Err(Error::argument(
            "it overlaps another argument and one of them is mutable; Rust cannot hold a \
             `&mut` aliasing another reference"
                .into(),
        ));
    }
    Ok(())
}

/// The kind of an error (`KIND_*`), for the C++ wrapper.
///
/// # Safety
/// `e` comes from an exported function and is not freed yet.
#[no_mangle]
pub unsafe extern "C" fn relocxx_0_1_rs_error_kind(e: *const Error) -> u8 {
    unsafe { (*e).kind }
}

/// The UTF-8 message of an error, for the C++ wrapper.
///
/// # Safety
/// As `relocxx_0_1_rs_error_kind`; `ptr` and `len` are writable.
#[no_mangle]
pub unsafe extern "C" fn relocxx_0_1_rs_error_message(
    e: *const Error,
    ptr: *mut *const u8,
    len: *mut usize,
) {
    let e = unsafe { &*e };
    unsafe {
        *ptr = e.message.as_ptr();
        *len = e.message.len();
    }
}

/// Frees an error once C++ has copied its message.
///
/// # Safety
/// As `relocxx_0_1_rs_error_kind`; `e` is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn relocxx_0_1_rs_error_free(e: *mut Error) {
    drop(unsafe { Box::from_raw(e) });
}

/// An exported struct or enum, by the name its C++ declaration has. An exported function's
/// glue checks, at compile time, that each type it names is the exported one of that name (a
/// type alias or an imported type sharing the name would otherwise get another type's C++
/// spelling in the header).
///
/// # Safety
/// Implemented by `#[relocxx::export]` only, with the item's own name.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a type exported with `#[relocxx::export]`",
    label = "the C++ header would name another type here",
    note = "an exported signature names exported types by their own names (not through a type alias or an import under another name)"
)]
pub unsafe trait Exported {
    const NAME: &'static str;
}

/// `a == b`, in a constant.
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A value C++ lends for one call, borrowed (plain structs, opaque objects) or copied (enums).
pub enum Held<'a, T> {
    Borrowed(&'a T),
    Owned(T),
}

impl<T> core::ops::Deref for Held<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Held::Borrowed(t) => t,
            Held::Owned(t) => t,
        }
    }
}

/// How an exported type is lent to a call that only looks at it (`Display`): the attribute
/// implements it for each exported struct and enum.
///
/// # Safety
/// As `FromCpp`.
pub unsafe trait Viewed: Sized {
    type Abi;
    /// # Safety
    /// As `FromCpp::from_cpp`.
    unsafe fn view<'a>(abi: Self::Abi) -> Result<Held<'a, Self>, Error>;
}
