//! The runtime's own vector elements: builtins (`std::vector<std::int32_t>`...) and strings
//! (`std::vector<std::string>`), whose C++ operations are in `cpp/std.cc`.

use core::ffi::c_void;
use core::mem::ManuallyDrop;

use super::{CppVector, VectorClone, VectorElement, VectorSlice};
use crate::string::{CppStr, CppString};

macro_rules! builtin_elements {
    ($($t:ty => $name:ident),* $(,)?) => {$(
        mod $name {
            use super::*;
            type V = CppVector<$t>;
            unsafe extern "C" {
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_new")]
                pub fn new(out: *mut V);
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_drop")]
                pub fn drop(v: *mut V);
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_len")]
                pub fn len(v: *const V) -> usize;
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_capacity")]
                pub fn capacity(v: *const V) -> usize;
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_reserve")]
                pub fn reserve(v: *mut V, n: usize) -> bool;
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_data")]
                pub fn data(v: *const V) -> *const $t;
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_push")]
                pub fn push(v: *mut V, value: *mut $t);
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_pop")]
                pub fn pop(v: *mut V, out: *mut $t);
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_truncate")]
                pub fn truncate(v: *mut V, len: usize);
                #[link_name = concat!("relocxx_0_1_vector_", stringify!($name), "_clone")]
                pub fn clone(out: *mut V, from: *const V);
            }
        }
        // SAFETY: the runtime's C++ half instantiates `std::vector<T>` for the fixed-width
        // type of the same size and signedness (the shims `static_assert` that mapping).
        unsafe impl VectorElement for $t {
            type Elem = $t;
            unsafe fn __new(out: *mut CppVector<Self>) { $name::new(out) }
            unsafe fn __drop(v: *mut CppVector<Self>) { $name::drop(v) }
            unsafe fn __len(v: *const CppVector<Self>) -> usize { $name::len(v) }
            unsafe fn __capacity(v: *const CppVector<Self>) -> usize { $name::capacity(v) }
            unsafe fn __reserve(v: *mut CppVector<Self>, n: usize) -> bool { $name::reserve(v, n) }
            unsafe fn __get(v: *const CppVector<Self>, i: usize) -> *const $t { $name::data(v).add(i) }
            unsafe fn __push(v: *mut CppVector<Self>, mut value: Self) { $name::push(v, &mut value) }
            unsafe fn __pop(v: *mut CppVector<Self>, out: *mut Self) { $name::pop(v, out) }
            unsafe fn __truncate(v: *mut CppVector<Self>, len: usize) { $name::truncate(v, len) }
        }
        // SAFETY: as above; builtins copy.
        unsafe impl VectorClone for $t {
            unsafe fn __clone(out: *mut CppVector<Self>, from: *const CppVector<Self>) { $name::clone(out, from) }
        }
        // SAFETY: a builtin is laid out alike in both languages.
        unsafe impl VectorSlice for $t {
            unsafe fn __data(v: *const CppVector<Self>) -> *const $t { $name::data(v) }
        }
    )*};
}

builtin_elements! {
    i8 => i8, i16 => i16, i32 => i32, i64 => i64,
    u8 => u8, u16 => u16, u32 => u32, u64 => u64,
    f32 => f32, f64 => f64,
}

type Strings = CppVector<CppString>;

unsafe extern "C" {
    fn relocxx_0_1_vector_string_new(out: *mut Strings);
    fn relocxx_0_1_vector_string_drop(v: *mut Strings);
    fn relocxx_0_1_vector_string_len(v: *const Strings) -> usize;
    fn relocxx_0_1_vector_string_capacity(v: *const Strings) -> usize;
    fn relocxx_0_1_vector_string_reserve(v: *mut Strings, n: usize) -> bool;
    fn relocxx_0_1_vector_string_get(v: *const Strings, i: usize) -> *const CppStr;
    fn relocxx_0_1_vector_string_push(v: *mut Strings, handle: *mut c_void);
    fn relocxx_0_1_vector_string_pop(v: *mut Strings, handle: *mut c_void);
    fn relocxx_0_1_vector_string_truncate(v: *mut Strings, len: usize);
    fn relocxx_0_1_vector_string_clone(out: *mut Strings, from: *const Strings);
}

// SAFETY: the runtime's C++ half instantiates `std::vector<std::string>`; elements are the
// string objects (`CppStr`), values cross as `CppString` handles.
unsafe impl VectorElement for CppString {
    type Elem = CppStr;
    unsafe fn __new(out: *mut CppVector<Self>) {
        relocxx_0_1_vector_string_new(out)
    }
    unsafe fn __drop(v: *mut CppVector<Self>) {
        relocxx_0_1_vector_string_drop(v)
    }
    unsafe fn __len(v: *const CppVector<Self>) -> usize {
        relocxx_0_1_vector_string_len(v)
    }
    unsafe fn __capacity(v: *const CppVector<Self>) -> usize {
        relocxx_0_1_vector_string_capacity(v)
    }
    unsafe fn __reserve(v: *mut CppVector<Self>, n: usize) -> bool {
        relocxx_0_1_vector_string_reserve(v, n)
    }
    unsafe fn __get(v: *const CppVector<Self>, i: usize) -> *const CppStr {
        relocxx_0_1_vector_string_get(v, i)
    }
    unsafe fn __push(v: *mut CppVector<Self>, value: Self) {
        // C++ moves from the string and releases the handle.
        let mut value = ManuallyDrop::new(value);
        relocxx_0_1_vector_string_push(v, value.__handle_mut())
    }
    unsafe fn __pop(v: *mut CppVector<Self>, out: *mut Self) {
        // C++ constructs the handle (moving the string out of the vector).
        out.write(CppString::with(|h| relocxx_0_1_vector_string_pop(v, h)))
    }
    unsafe fn __truncate(v: *mut CppVector<Self>, len: usize) {
        relocxx_0_1_vector_string_truncate(v, len)
    }
}

// SAFETY: `std::vector<std::string>`'s copy constructor.
unsafe impl VectorClone for CppString {
    unsafe fn __clone(out: *mut CppVector<Self>, from: *const CppVector<Self>) {
        relocxx_0_1_vector_string_clone(out, from)
    }
}
