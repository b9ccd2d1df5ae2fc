//! `CppVector<T>`: a C++ `std::vector<T>` held by value (std::vector is relocatable in libstdc++
//! and libc++: it holds only pointers to the heap).
//!
//! Element operations come from [`VectorElement`]: the runtime implements it for the integer
//! and floating-point types and for [`CppString`] (whose elements are `std::string` objects,
//! seen as `&CppStr`); generated bindings implement it for plain-data and relocatable classes.

use core::fmt;
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, MaybeUninit};

use crate::string::{CppStr, CppString};

/// A type that can be the element of a [`CppVector`].
///
/// # Safety
/// Implemented by the runtime and by generated code only: the functions must be the C++
/// `std::vector<T>` operations for exactly this element type.
pub unsafe trait VectorElement: Sized {
    /// What `get` and `iter` give: `Self` where the C++ element is laid out as the Rust value,
    /// `CppStr` for strings.
    type Elem;
    #[doc(hidden)]
    unsafe fn __new(out: *mut CppVector<Self>);
    #[doc(hidden)]
    unsafe fn __drop(v: *mut CppVector<Self>);
    #[doc(hidden)]
    unsafe fn __len(v: *const CppVector<Self>) -> usize;
    #[doc(hidden)]
    unsafe fn __get(v: *const CppVector<Self>, i: usize) -> *const Self::Elem;
    /// Moves `value` into the vector.
    #[doc(hidden)]
    unsafe fn __push(v: *mut CppVector<Self>, value: Self);
}

/// Elements laid out in C++ exactly as in Rust, so the vector is also a slice.
///
/// # Safety
/// Only for element types whose C++ and Rust layouts are identical.
pub unsafe trait VectorSlice: VectorElement<Elem = Self> {
    #[doc(hidden)]
    unsafe fn __data(v: *const CppVector<Self>) -> *const Self;
}

/// A C++ `std::vector<T>`, owned and held by value. `Send`/`Sync` exactly when `T` is, like
/// `Vec<T>`.
#[repr(C)]
pub struct CppVector<T: VectorElement> {
    storage: MaybeUninit<[usize; 3]>,
    _elem: PhantomData<T>,
    _raw: PhantomData<*mut u8>,
}

// SAFETY: the vector owns its elements; sharing or sending it shares or sends them.
unsafe impl<T: VectorElement + Send> Send for CppVector<T> {}
unsafe impl<T: VectorElement + Sync> Sync for CppVector<T> {}
// SAFETY: `std::vector` has no class-specific allocation functions.
unsafe impl<T: VectorElement> crate::BoxAlloc for CppVector<T> {}

impl<T: VectorElement> CppVector<T> {
    pub fn new() -> Self {
        let mut v = MaybeUninit::<Self>::uninit();
        unsafe {
            T::__new(v.as_mut_ptr());
            v.assume_init()
        }
    }

    pub fn len(&self) -> usize {
        unsafe { T::__len(self) }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&T::Elem> {
        (i < self.len()).then(|| unsafe { &*T::__get(self, i) })
    }

    pub fn iter(&self) -> impl Iterator<Item = &T::Elem> + '_ {
        (0..self.len()).map(move |i| unsafe { &*T::__get(self, i) })
    }

    pub fn push(&mut self, value: T) {
        unsafe { T::__push(self, value) }
    }
}

impl<T: VectorSlice> CppVector<T> {
    pub fn as_slice(&self) -> &[T] {
        let len = self.len();
        if len == 0 {
            return &[];
        }
        unsafe { core::slice::from_raw_parts(T::__data(self), len) }
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        let len = self.len();
        if len == 0 {
            return &mut [];
        }
        unsafe { core::slice::from_raw_parts_mut(T::__data(self) as *mut T, len) }
    }
}

impl<T: VectorElement> Default for CppVector<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: VectorElement> Drop for CppVector<T> {
    fn drop(&mut self) {
        unsafe { T::__drop(self) }
    }
}

impl<T: VectorElement> FromIterator<T> for CppVector<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut v = Self::new();
        for x in iter {
            v.push(x);
        }
        v
    }
}

impl<T: VectorElement> From<alloc::vec::Vec<T>> for CppVector<T> {
    fn from(v: alloc::vec::Vec<T>) -> Self {
        v.into_iter().collect()
    }
}

impl<T: VectorElement> fmt::Debug for CppVector<T>
where
    T::Elem: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

// SAFETY: std::vector holds only pointers to its heap buffer.
unsafe impl<T: VectorElement> crate::Relocatable for CppVector<T> {}

macro_rules! builtin_elements {
    ($($t:ty => $new:ident $drop:ident $len:ident $data:ident $push:ident),* $(,)?) => {
        unsafe extern "C" {$(
            fn $new(out: *mut CppVector<$t>);
            fn $drop(v: *mut CppVector<$t>);
            fn $len(v: *const CppVector<$t>) -> usize;
            fn $data(v: *const CppVector<$t>) -> *const $t;
            fn $push(v: *mut CppVector<$t>, value: *mut $t);
        )*}
        $(
            unsafe impl VectorElement for $t {
                type Elem = $t;
                unsafe fn __new(out: *mut CppVector<Self>) { $new(out) }
                unsafe fn __drop(v: *mut CppVector<Self>) { $drop(v) }
                unsafe fn __len(v: *const CppVector<Self>) -> usize { $len(v) }
                unsafe fn __get(v: *const CppVector<Self>, i: usize) -> *const $t { $data(v).add(i) }
                unsafe fn __push(v: *mut CppVector<Self>, mut value: Self) { $push(v, &mut value) }
            }
            unsafe impl VectorSlice for $t {
                unsafe fn __data(v: *const CppVector<Self>) -> *const $t { $data(v) }
            }
        )*
    };
}

builtin_elements! {
    i8 => relocxx_vector_i8_new relocxx_vector_i8_drop relocxx_vector_i8_len relocxx_vector_i8_data relocxx_vector_i8_push,
    i16 => relocxx_vector_i16_new relocxx_vector_i16_drop relocxx_vector_i16_len relocxx_vector_i16_data relocxx_vector_i16_push,
    i32 => relocxx_vector_i32_new relocxx_vector_i32_drop relocxx_vector_i32_len relocxx_vector_i32_data relocxx_vector_i32_push,
    i64 => relocxx_vector_i64_new relocxx_vector_i64_drop relocxx_vector_i64_len relocxx_vector_i64_data relocxx_vector_i64_push,
    u8 => relocxx_vector_u8_new relocxx_vector_u8_drop relocxx_vector_u8_len relocxx_vector_u8_data relocxx_vector_u8_push,
    u16 => relocxx_vector_u16_new relocxx_vector_u16_drop relocxx_vector_u16_len relocxx_vector_u16_data relocxx_vector_u16_push,
    u32 => relocxx_vector_u32_new relocxx_vector_u32_drop relocxx_vector_u32_len relocxx_vector_u32_data relocxx_vector_u32_push,
    u64 => relocxx_vector_u64_new relocxx_vector_u64_drop relocxx_vector_u64_len relocxx_vector_u64_data relocxx_vector_u64_push,
    f32 => relocxx_vector_f32_new relocxx_vector_f32_drop relocxx_vector_f32_len relocxx_vector_f32_data relocxx_vector_f32_push,
    f64 => relocxx_vector_f64_new relocxx_vector_f64_drop relocxx_vector_f64_len relocxx_vector_f64_data relocxx_vector_f64_push,
}

unsafe extern "C" {
    fn relocxx_vector_string_new(out: *mut CppVector<CppString>);
    fn relocxx_vector_string_drop(v: *mut CppVector<CppString>);
    fn relocxx_vector_string_len(v: *const CppVector<CppString>) -> usize;
    fn relocxx_vector_string_get(v: *const CppVector<CppString>, i: usize) -> *const CppStr;
    fn relocxx_vector_string_push(v: *mut CppVector<CppString>, handle: *mut core::ffi::c_void);
}

unsafe impl VectorElement for CppString {
    type Elem = CppStr;
    unsafe fn __new(out: *mut CppVector<Self>) {
        relocxx_vector_string_new(out)
    }
    unsafe fn __drop(v: *mut CppVector<Self>) {
        relocxx_vector_string_drop(v)
    }
    unsafe fn __len(v: *const CppVector<Self>) -> usize {
        relocxx_vector_string_len(v)
    }
    unsafe fn __get(v: *const CppVector<Self>, i: usize) -> *const CppStr {
        relocxx_vector_string_get(v, i)
    }
    unsafe fn __push(v: *mut CppVector<Self>, value: Self) {
        // C++ moves from the string and releases the handle.
        let mut value = ManuallyDrop::new(value);
        relocxx_vector_string_push(v, value.__handle_mut())
    }
}
