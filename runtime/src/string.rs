//! `CppStr` (a borrowed C++ `std::string`) and `CppString` (an owned one).
//!
//! `&CppStr` / `&mut CppStr` point at a `std::string` object wherever it lives (in a C++ object,
//! in a `std::vector`, in a `CppString`); `CppStr` is zero-sized and unconstructible in Rust, so
//! Rust can never move or copy the C++ object through it. `CppString` is the owned form: by value
//! where the standard library's string is relocatable (libc++), a heap-allocated string where it
//! is not (libstdc++); either way it is an ordinary Rust value you can move, store in a `Vec` and
//! pass to C++, and code reads the same on both libraries.

use alloc::borrow::Cow;
use core::cmp::Ordering;
use core::ffi::{c_char, c_void};
use core::fmt::{self, Write as _};
use core::hash::{Hash, Hasher};
use core::marker::{PhantomData, PhantomPinned};
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};

unsafe extern "C" {
    fn relocxx_0_1_str_len(s: *const CppStr) -> usize;
    fn relocxx_0_1_str_data(s: *const CppStr) -> *const c_char;
    fn relocxx_0_1_str_append(s: *mut CppStr, data: *const c_char, len: usize);
    fn relocxx_0_1_str_clear(s: *mut CppStr);
    fn relocxx_0_1_str_capacity(s: *const CppStr) -> usize;
    fn relocxx_0_1_str_reserve(s: *mut CppStr, n: usize) -> bool;
    fn relocxx_0_1_string_new(handle: *mut c_void, data: *const c_char, len: usize);
    fn relocxx_0_1_string_clone(handle: *mut c_void, from: *const CppStr);
    fn relocxx_0_1_string_drop(handle: *mut c_void);
    fn relocxx_0_1_string_object(handle: *mut c_void) -> *mut CppStr;
}

/// A C++ `std::string` object, only ever behind a reference: `&CppStr` is a `const
/// std::string&`, `&mut CppStr` a `std::string&`. Owned strings are [`CppString`]s, which
/// dereference to it.
///
/// Zero-sized and unconstructible in Rust, so swapping two `&mut CppStr` swaps nothing: the C++
/// object never moves under Rust.
///
/// # Thread safety
/// `Send` and `Sync`: `&CppStr` allows only `const` `std::string` operations, which are
/// data-race free, and `&mut CppStr` is exclusive.
///
/// ```
/// use relocxx::CppString;
/// let mut s = CppString::from("hello");
/// let r: &mut relocxx::CppStr = &mut s;
/// r.push_str(", world");
/// assert_eq!(r.len(), 12);
/// assert_eq!(r.to_str(), Ok("hello, world"));
/// assert_eq!(*r, *"hello, world");
/// ```
#[repr(C)]
pub struct CppStr {
    _opaque: [u8; 0],
    _pinned: PhantomData<(PhantomPinned, *mut u8)>,
}

impl CppStr {
    /// The length in bytes (`size()`).
    pub fn len(&self) -> usize {
        unsafe { relocxx_0_1_str_len(self) }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many bytes fit before the string reallocates (`capacity()`).
    pub fn capacity(&self) -> usize {
        // SAFETY: a live string.
        unsafe { relocxx_0_1_str_capacity(self) }
    }

    /// Makes room for at least `additional` more bytes (`reserve(size() + additional)`).
    ///
    /// # Panics
    /// If the new capacity overflows `usize` or exceeds the string's `max_size()`. Running out
    /// of memory aborts, as in Rust.
    pub fn reserve(&mut self, additional: usize) {
        let n = self
            .len()
            .checked_add(additional)
            .expect("relocxx: CppString capacity overflow");
        // SAFETY: a live string; sizes beyond max_size are refused rather than thrown.
        assert!(
            unsafe { relocxx_0_1_str_reserve(self, n) },
            "relocxx: CppString capacity exceeds max_size"
        );
    }

    /// The bytes, which C++ does not promise to be UTF-8.
    pub fn as_bytes(&self) -> &[u8] {
        let len = self.len();
        if len == 0 {
            return &[];
        }
        // SAFETY: data() points at len() bytes owned by the string, alive as long as `self`.
        unsafe { core::slice::from_raw_parts(relocxx_0_1_str_data(self) as *const u8, len) }
    }

    /// The text, if it is UTF-8.
    pub fn to_str(&self) -> Result<&str, core::str::Utf8Error> {
        core::str::from_utf8(self.as_bytes())
    }

    /// The text, with each invalid UTF-8 sequence replaced by U+FFFD (borrowed when valid).
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        alloc::string::String::from_utf8_lossy(self.as_bytes())
    }

    /// Appends `s` (`append`).
    pub fn push_str(&mut self, s: &str) {
        self.push_bytes(s.as_bytes())
    }

    /// Appends bytes (`append`); a C++ string may hold any bytes, NULs included.
    pub fn push_bytes(&mut self, b: &[u8]) {
        unsafe { relocxx_0_1_str_append(self, b.as_ptr() as *const c_char, b.len()) }
    }

    /// Empties the string (`clear()`); the capacity stays.
    pub fn clear(&mut self) {
        unsafe { relocxx_0_1_str_clear(self) }
    }

    /// An owned copy (the C++ copy constructor).
    pub fn to_owned_string(&self) -> CppString {
        CppString::with(|h| unsafe { relocxx_0_1_string_clone(h, self) })
    }
}

/// An owned C++ `std::string`: an ordinary Rust value (move it, keep it in a `Vec`, pass it to
/// C++ by value or reference). It dereferences to [`CppStr`] for reading and appending.
///
/// Held by value under libc++ (whose `std::string` is relocatable), as a handle to a
/// heap-allocated string under libstdc++ (whose small-string buffer points into itself).
///
/// # Thread safety
/// `Send` and `Sync` like Rust's `String`: a `std::string` owns its bytes and has no thread
/// affinity; its const operations are data-race free ([res.on.data.races]).
///
/// ```
/// use core::fmt::Write;
/// use relocxx::CppString;
/// let mut s = CppString::from(String::from("abc"));
/// write!(s, "-{}", 42).unwrap();
/// s.push_bytes(b"\xff");
/// assert_eq!(s.as_bytes(), b"abc-42\xff");
/// assert!(s.to_str().is_err());
/// assert_eq!(s.to_string_lossy(), "abc-42\u{FFFD}");
/// assert_eq!(format!("{s} {s:?}"), "abc-42\u{FFFD} \"abc-42\\xff\"");
/// assert!(s > CppString::from("abb") && s == s.clone());
/// ```
#[repr(C)]
pub struct CppString {
    #[cfg(relocxx_libcxx)]
    handle: MaybeUninit<[usize; 3]>,
    #[cfg(not(relocxx_libcxx))]
    handle: MaybeUninit<*mut c_void>,
    _raw: PhantomData<*mut u8>,
}

// SAFETY: see the type's docs: an owning value with no thread affinity, const operations
// race-free, non-const ones need `&mut`.
unsafe impl Send for CppString {}
unsafe impl Sync for CppString {}
// SAFETY: the handle is plain Rust storage; Rust's allocator suits it.
unsafe impl crate::BoxAlloc for CppString {}
// SAFETY: `&CppStr` allows only const std::string operations; `&mut CppStr` is exclusive.
unsafe impl Send for CppStr {}
unsafe impl Sync for CppStr {}

impl CppString {
    /// An empty string.
    pub fn new() -> CppString {
        CppString::from_bytes(b"")
    }

    /// A string holding a copy of `b` (any bytes).
    pub fn from_bytes(b: &[u8]) -> CppString {
        CppString::with(|h| unsafe {
            relocxx_0_1_string_new(h, b.as_ptr() as *const c_char, b.len())
        })
    }

    /// Builds a handle with `init`, which must construct it (`relocxx::detail::string_emplace`).
    pub(crate) fn with(init: impl FnOnce(*mut c_void)) -> CppString {
        let mut s = CppString {
            handle: MaybeUninit::uninit(),
            _raw: PhantomData,
        };
        init(s.handle.as_mut_ptr() as *mut c_void);
        s
    }

    /// For generated code: the handle, for passing the string to C++ by value (the caller
    /// wraps `self` in `ManuallyDrop`; the thunk moves from it and releases the handle).
    #[doc(hidden)]
    pub fn __handle_mut(&mut self) -> *mut c_void {
        self.handle.as_mut_ptr() as *mut c_void
    }

    fn object(&self) -> *mut CppStr {
        unsafe { relocxx_0_1_string_object(self.handle.as_ptr() as *mut c_void) }
    }
}

impl Default for CppString {
    fn default() -> Self {
        CppString::new()
    }
}

impl Drop for CppString {
    fn drop(&mut self) {
        unsafe { relocxx_0_1_string_drop(self.handle.as_mut_ptr() as *mut c_void) }
    }
}

impl Clone for CppString {
    fn clone(&self) -> Self {
        self.to_owned_string()
    }
}

impl Deref for CppString {
    type Target = CppStr;

    fn deref(&self) -> &CppStr {
        // SAFETY: the handle owns a live string until drop.
        unsafe { &*self.object() }
    }
}

impl DerefMut for CppString {
    fn deref_mut(&mut self) -> &mut CppStr {
        unsafe { &mut *self.object() }
    }
}

impl From<&str> for CppString {
    fn from(s: &str) -> Self {
        CppString::from_bytes(s.as_bytes())
    }
}

impl From<alloc::string::String> for CppString {
    fn from(s: alloc::string::String) -> Self {
        CppString::from_bytes(s.as_bytes())
    }
}

impl From<&alloc::string::String> for CppString {
    fn from(s: &alloc::string::String) -> Self {
        CppString::from_bytes(s.as_bytes())
    }
}

impl From<&[u8]> for CppString {
    fn from(b: &[u8]) -> Self {
        CppString::from_bytes(b)
    }
}

impl From<&CppStr> for CppString {
    fn from(s: &CppStr) -> Self {
        s.to_owned_string()
    }
}

/// Lossy: each invalid UTF-8 sequence shows as U+FFFD (like `String::from_utf8_lossy`, without
/// allocating).
impl fmt::Display for CppStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Ok(s) = self.to_str() {
            return fmt::Display::fmt(s, f);
        }
        for chunk in self.as_bytes().utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_char(char::REPLACEMENT_CHARACTER)?;
            }
        }
        Ok(())
    }
}

/// Quoted and escaped like `str`'s `Debug`; invalid UTF-8 bytes show as `\xNN`.
impl fmt::Debug for CppStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for chunk in self.as_bytes().utf8_chunks() {
            for c in chunk.valid().chars() {
                // Like `str`'s Debug: a single quote needs no escape inside double quotes.
                if c == '\'' {
                    f.write_char(c)?;
                } else {
                    fmt::Display::fmt(&c.escape_debug(), f)?;
                }
            }
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        f.write_char('"')
    }
}

/// Appends the formatted text: `write!(s, ..)`.
impl fmt::Write for CppStr {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// Appends the formatted text: `write!(s, ..)`.
impl fmt::Write for CppString {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

impl AsRef<[u8]> for CppStr {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for CppString {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<CppStr> for CppString {
    fn as_ref(&self) -> &CppStr {
        self
    }
}

impl core::borrow::Borrow<CppStr> for CppString {
    fn borrow(&self) -> &CppStr {
        self
    }
}

impl fmt::Display for CppString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl fmt::Debug for CppString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

macro_rules! compare_by_bytes {
    ($($t:ty),*) => {$(
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool { self.as_bytes() == other.as_bytes() }
        }
        impl Eq for $t {}
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> { Some(self.cmp(other)) }
        }
        impl Ord for $t {
            fn cmp(&self, other: &Self) -> Ordering { self.as_bytes().cmp(other.as_bytes()) }
        }
        impl Hash for $t {
            fn hash<H: Hasher>(&self, h: &mut H) { self.as_bytes().hash(h) }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool { self.as_bytes() == other.as_bytes() }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool { self.as_bytes() == other.as_bytes() }
        }
    )*};
}
compare_by_bytes!(CppStr, CppString);

macro_rules! str_compares_to {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool { self.as_bytes() == other.as_bytes() }
        }
        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool { self.as_bytes() == other.as_bytes() }
        }
    )*};
}
str_compares_to!(CppStr, CppString);

impl PartialEq<CppStr> for CppString {
    fn eq(&self, other: &CppStr) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<CppString> for CppStr {
    fn eq(&self, other: &CppString) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

// SAFETY: moving the handle is a relocation in both representations (the libc++ string holds
// no pointer into itself; the libstdc++ form is a pointer to the heap).
unsafe impl crate::Relocatable for CppString {}
