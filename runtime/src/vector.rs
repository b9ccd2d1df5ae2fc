//! `CppVector<T>`: a C++ `std::vector<T>` held by value (std::vector is relocatable in libstdc++
//! and libc++: it holds only pointers to the heap).
//!
//! Element operations come from [`VectorElement`]: the runtime implements it for the integer
//! and floating-point types and for [`CppString`] (whose elements are `std::string` objects,
//! seen as `&CppStr`); generated bindings implement it for plain-data and relocatable classes.
//! Pinned classes are never elements: `std::vector` moves its elements when it grows.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ops::{Index, IndexMut};

mod elements;
mod iter;

pub use iter::{VectorIter, VectorIterMut};

#[cfg(doc)]
use crate::string::{CppStr, CppString};

/// A type that can be the element of a [`CppVector`]: the C++ `std::vector<T>` operations for
/// it, one `extern "C"` function each (the runtime's for builtins and strings, the generated
/// shim's for classes).
///
/// # Safety
/// Implemented by the runtime and by generated code only: the functions must be the C++
/// `std::vector<T>` operations for exactly this element type, and `Self` must be a type Rust
/// may hold by value (plain data, relocatable, or a [`CppString`] handle).
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
    /// `v->capacity()`.
    #[doc(hidden)]
    unsafe fn __capacity(v: *const CppVector<Self>) -> usize;
    /// `v->reserve(n)`; false (and nothing done) when `n > v->max_size()`.
    #[doc(hidden)]
    unsafe fn __reserve(v: *mut CppVector<Self>, n: usize) -> bool;
    /// The address of element `i < len` (the pointer's constness is Rust's to decide: the
    /// vector is not a `const` object).
    #[doc(hidden)]
    unsafe fn __get(v: *const CppVector<Self>, i: usize) -> *const Self::Elem;
    /// Moves `value` into the vector.
    #[doc(hidden)]
    unsafe fn __push(v: *mut CppVector<Self>, value: Self);
    /// Moves the last element (the vector is not empty) into `out`, then `pop_back()`.
    #[doc(hidden)]
    unsafe fn __pop(v: *mut CppVector<Self>, out: *mut Self);
    /// `pop_back()` until `size() <= len`.
    #[doc(hidden)]
    unsafe fn __truncate(v: *mut CppVector<Self>, len: usize);
}

/// An element type C++ can copy, so `std::vector<T>`'s copy constructor exists: the runtime's
/// builtins and strings, plain data, and relocatable classes with a usable copy constructor.
///
/// # Safety
/// Implemented by the runtime and by generated code only: `__clone` is the C++
/// `std::vector<T>` copy constructor for exactly this element type.
pub unsafe trait VectorClone: VectorElement {
    /// Copy-constructs `*from` at `out`.
    #[doc(hidden)]
    unsafe fn __clone(out: *mut CppVector<Self>, from: *const CppVector<Self>);
}

/// Elements laid out in C++ exactly as in Rust, so the vector is also a slice.
///
/// # Safety
/// Only for element types whose C++ and Rust layouts are identical.
pub unsafe trait VectorSlice: VectorElement<Elem = Self> {
    #[doc(hidden)]
    unsafe fn __data(v: *const CppVector<Self>) -> *const Self;
}

/// A C++ `std::vector<T>`, owned and held by value: move it, store it in a `Vec`, pass it to
/// C++ by value or by reference like any Rust value.
///
/// Elements are [`VectorElement::Elem`]: the value itself for builtins and classes, [`CppStr`]
/// for a `CppVector<CppString>` (whose elements are C++ `std::string` objects). Since Rust
/// owns the vector, `&mut CppVector<T>` is exclusive and gives `&mut` elements ([`get_mut`],
/// [`iter_mut`], `v[i] = ..`); moving a relocatable class out of or within the vector is a
/// relocation, as everywhere else.
///
/// [`get_mut`]: CppVector::get_mut
/// [`iter_mut`]: CppVector::iter_mut
///
/// # Thread safety
/// `Send` exactly when `T` is, `Sync` exactly when `T` is, like `Vec<T>`: the vector owns its
/// elements, so sending or sharing it sends or shares them, and `std::vector`'s const
/// operations are data-race free.
///
/// ```
/// use relocxx::CppVector;
/// let mut v: CppVector<i32> = (1..=3).collect();
/// v.push(4);
/// v[0] = 10;
/// for x in &mut v {
///     *x *= 2;
/// }
/// assert_eq!(v.as_slice(), &[20, 4, 6, 8]);
/// assert_eq!(v.pop(), Some(8));
/// assert_eq!(v.clone(), v);
/// ```
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
    /// An empty vector (the C++ default constructor; allocates nothing).
    pub fn new() -> Self {
        let mut v = MaybeUninit::<Self>::uninit();
        // SAFETY: `__new` constructs the vector at the (aligned, writable) address.
        unsafe {
            T::__new(v.as_mut_ptr());
            v.assume_init()
        }
    }

    /// The number of elements (`size()`).
    pub fn len(&self) -> usize {
        // SAFETY: a live vector.
        unsafe { T::__len(self) }
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many elements fit before the vector reallocates (`capacity()`).
    pub fn capacity(&self) -> usize {
        // SAFETY: a live vector.
        unsafe { T::__capacity(self) }
    }

    /// Makes room for at least `additional` more elements (`reserve(len() + additional)`),
    /// so that many pushes do not reallocate.
    ///
    /// # Panics
    /// If the new capacity overflows `usize` or exceeds the vector's `max_size()`. Running out
    /// of memory aborts, as in Rust.
    pub fn reserve(&mut self, additional: usize) {
        let n = self
            .len()
            .checked_add(additional)
            .expect("relocxx: CppVector capacity overflow");
        // SAFETY: a live vector; `__reserve` refuses sizes beyond max_size instead of throwing.
        assert!(
            unsafe { T::__reserve(self, n) },
            "relocxx: CppVector capacity exceeds max_size"
        );
    }

    /// Element `i`, or `None` when `i >= len()`.
    pub fn get(&self, i: usize) -> Option<&T::Elem> {
        // SAFETY: in bounds; the element lives as long as the borrow of the vector.
        (i < self.len()).then(|| unsafe { &*T::__get(self, i) })
    }

    /// Element `i` mutably, or `None` when `i >= len()`.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T::Elem> {
        // SAFETY: in bounds; `&mut self` makes the element exclusively ours for the borrow.
        (i < self.len()).then(|| unsafe { &mut *(T::__get(self, i) as *mut T::Elem) })
    }

    /// The first element, if any.
    pub fn first(&self) -> Option<&T::Elem> {
        self.get(0)
    }

    /// The last element, if any.
    pub fn last(&self) -> Option<&T::Elem> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Iterates over the elements, front to back (double-ended, exact size).
    pub fn iter(&self) -> VectorIter<'_, T> {
        VectorIter::new(self)
    }

    /// Iterates over the elements mutably, front to back (double-ended, exact size).
    pub fn iter_mut(&mut self) -> VectorIterMut<'_, T> {
        VectorIterMut::new(self)
    }

    /// Appends `value`, moving it into C++ (`push_back(std::move(value))`); the Rust value is
    /// not dropped.
    pub fn push(&mut self, value: T) {
        // SAFETY: a live vector; `__push` takes ownership of `value`.
        unsafe { T::__push(self, value) }
    }

    /// Removes the last element and returns it (moved out by C++: `T(std::move(back()))`,
    /// then `pop_back()`), or `None` when empty.
    pub fn pop(&mut self) -> Option<T> {
        if self.is_empty() {
            return None;
        }
        let mut out = MaybeUninit::<T>::uninit();
        // SAFETY: not empty; `__pop` constructs the element at `out`.
        unsafe {
            T::__pop(self, out.as_mut_ptr());
            Some(out.assume_init())
        }
    }

    /// Destroys the elements from `len` on (nothing when `len >= self.len()`); the capacity
    /// stays.
    pub fn truncate(&mut self, len: usize) {
        // SAFETY: a live vector.
        unsafe { T::__truncate(self, len) }
    }

    /// Destroys every element (`clear()`); the capacity stays.
    pub fn clear(&mut self) {
        self.truncate(0)
    }
}

impl<T: VectorSlice> CppVector<T> {
    /// The elements as a slice (`data()`, `size()`).
    pub fn as_slice(&self) -> &[T] {
        let len = self.len();
        if len == 0 {
            return &[];
        }
        // SAFETY: `data()` points at `len` elements laid out as Rust's, alive for the borrow.
        unsafe { core::slice::from_raw_parts(T::__data(self), len) }
    }

    /// The elements as a mutable slice.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        let len = self.len();
        if len == 0 {
            return &mut [];
        }
        // SAFETY: as `as_slice`, and `&mut self` makes them exclusively ours.
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
        // SAFETY: a live vector, destroyed once.
        unsafe { T::__drop(self) }
    }
}

/// The C++ copy constructor: every element is copied by C++.
impl<T: VectorClone> Clone for CppVector<T> {
    fn clone(&self) -> Self {
        let mut v = MaybeUninit::<Self>::uninit();
        // SAFETY: `__clone` copy-constructs a vector at the address.
        unsafe {
            T::__clone(v.as_mut_ptr(), self);
            v.assume_init()
        }
    }
}

impl<T: VectorElement> FromIterator<T> for CppVector<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut v = Self::new();
        v.extend(iter);
        v
    }
}

impl<T: VectorElement> Extend<T> for CppVector<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for x in iter {
            self.push(x);
        }
    }
}

impl<T: VectorElement> From<alloc::vec::Vec<T>> for CppVector<T> {
    fn from(v: alloc::vec::Vec<T>) -> Self {
        v.into_iter().collect()
    }
}

impl<T: VectorElement> Index<usize> for CppVector<T> {
    type Output = T::Elem;

    /// # Panics
    /// When `i >= len()`.
    fn index(&self, i: usize) -> &T::Elem {
        let len = self.len();
        match self.get(i) {
            Some(e) => e,
            None => out_of_bounds(i, len),
        }
    }
}

impl<T: VectorElement> IndexMut<usize> for CppVector<T> {
    /// # Panics
    /// When `i >= len()`.
    fn index_mut(&mut self, i: usize) -> &mut T::Elem {
        let len = self.len();
        match self.get_mut(i) {
            Some(e) => e,
            None => out_of_bounds(i, len),
        }
    }
}

#[cold]
#[track_caller]
fn out_of_bounds(i: usize, len: usize) -> ! {
    panic!("relocxx: CppVector index out of bounds: the len is {len} but the index is {i}")
}

impl<'a, T: VectorElement> IntoIterator for &'a CppVector<T> {
    type Item = &'a T::Elem;
    type IntoIter = VectorIter<'a, T>;

    fn into_iter(self) -> VectorIter<'a, T> {
        self.iter()
    }
}

impl<'a, T: VectorElement> IntoIterator for &'a mut CppVector<T> {
    type Item = &'a mut T::Elem;
    type IntoIter = VectorIterMut<'a, T>;

    fn into_iter(self) -> VectorIterMut<'a, T> {
        self.iter_mut()
    }
}

/// Element by element, with the elements' `==` (for classes, their C++ `operator==`).
impl<T: VectorElement> PartialEq for CppVector<T>
where
    T::Elem: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: VectorElement> Eq for CppVector<T> where T::Elem: Eq {}

/// Hashes like a slice of the elements.
impl<T: VectorElement> Hash for CppVector<T>
where
    T::Elem: Hash,
{
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_usize(self.len());
        for e in self {
            e.hash(h);
        }
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
