//! `UniquePtr<T>` and `SharedPtr<T>`: C++ `std::unique_ptr<T>` / `std::shared_ptr<T>` held by
//! value (both are relocatable in libstdc++ and libc++). The pointee operations come from
//! [`UniquePtrTarget`] / [`SharedPtrTarget`], implemented by generated bindings for the classes
//! that appear in such pointers.

use core::fmt;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;

/// A type that can be owned by a [`UniquePtr`]: the C++ `std::unique_ptr<T>` operations for it
/// (the runtime's for builtins and `std::string`, the generated shim's for every class C++ can
/// `delete`).
///
/// # Safety
/// Implemented by generated code only, with the C++ `std::unique_ptr<T>` operations.
pub unsafe trait UniquePtrTarget: Sized {
    #[doc(hidden)]
    unsafe fn __unique_drop(p: *mut UniquePtr<Self>);
    #[doc(hidden)]
    unsafe fn __unique_get(p: *const UniquePtr<Self>) -> *mut Self;
    /// Constructs `std::unique_ptr<T>(p)` at `out`.
    #[doc(hidden)]
    unsafe fn __unique_from_raw(out: *mut UniquePtr<Self>, p: *mut Self);
    /// `p->release()`.
    #[doc(hidden)]
    unsafe fn __unique_release(p: *mut UniquePtr<Self>) -> *mut Self;
}

/// A class that can be shared by a [`SharedPtr`]: the C++ `std::shared_ptr<T>` operations for
/// it (generated for every class a bound signature holds in a `std::shared_ptr`).
///
/// # Safety
/// Implemented by generated code only, with the C++ `std::shared_ptr<T>` operations.
pub unsafe trait SharedPtrTarget: Sized {
    /// Constructs an empty `std::shared_ptr<T>` at `out`.
    #[doc(hidden)]
    unsafe fn __shared_null(out: *mut SharedPtr<Self>);
    #[doc(hidden)]
    unsafe fn __shared_drop(p: *mut SharedPtr<Self>);
    #[doc(hidden)]
    unsafe fn __shared_get(p: *const SharedPtr<Self>) -> *const Self;
    #[doc(hidden)]
    unsafe fn __shared_clone(out: *mut SharedPtr<Self>, from: *const SharedPtr<Self>);
    #[doc(hidden)]
    unsafe fn __shared_use_count(p: *const SharedPtr<Self>) -> usize;
}

/// A C++ class with public base `B` whose destructor is virtual: `UniquePtr<Self>` converts
/// into `UniquePtr<B>` (`UniquePtr::upcast`).
///
/// # Safety
/// Implemented by generated code only: `__upcast` is the shim's derived-to-base conversion
/// (null to null) and deleting a `Self` through a `B*` is correct.
pub unsafe trait UpcastUnique<B>: UniquePtrTarget {
    #[doc(hidden)]
    fn __upcast(p: *mut Self) -> *mut B;
}

/// A C++ `std::unique_ptr<T>`: owns a `T` on the C++ heap, or nothing (null).
///
/// The object never moves: `Deref` gives `&T` (panicking on null; [`as_ref`] checks), and
/// mutable access is pinned, [`pin_mut`] / [`as_mut`] giving `Pin<&mut T>`, since `T` may be a
/// pinned class. For a `T` that may move (`Unpin`: builtins, plain data, relocatable classes)
/// `DerefMut` gives `&mut T` too. Moving the `UniquePtr` moves only the pointer.
/// `UniquePtr<CppStr>` is a `std::unique_ptr<std::string>`.
///
/// [`as_ref`]: UniquePtr::as_ref
/// [`pin_mut`]: UniquePtr::pin_mut
/// [`as_mut`]: UniquePtr::as_mut
///
/// # Thread safety
/// `Send` exactly when `T` is, `Sync` exactly when `T` is, like `Box<T>`: the pointer is the
/// object's sole owner. (No C++ class is `Send`/`Sync` unless the bindings say so.)
///
/// ```
/// use relocxx::UniquePtr;
/// let p: UniquePtr<i32> = UniquePtr::null();
/// assert!(p.is_null() && p.as_ref().is_none());
/// assert_eq!(format!("{p:?}"), "UniquePtr(null)");
/// let raw = p.into_raw();
/// assert!(raw.is_null());
/// ```
#[repr(C)]
pub struct UniquePtr<T: UniquePtrTarget> {
    repr: MaybeUninit<*mut core::ffi::c_void>,
    _t: PhantomData<T>,
}

impl<T: UniquePtrTarget> UniquePtr<T> {
    /// An empty `std::unique_ptr<T>`.
    pub fn null() -> Self {
        // SAFETY: a null pointer owns nothing.
        unsafe { Self::from_raw(core::ptr::null_mut()) }
    }

    /// Takes ownership of a `T` that C++ allocated with `new` (e.g. `leveldb::DB::NewIterator`
    /// returns one the caller must `delete`): the `UniquePtr` deletes it.
    ///
    /// # Safety
    /// `p` is null or points at a live `T` allocated by C++ `new` (a `new T` or a derived
    /// object, deletable through `T*`) that nothing else owns or deletes.
    pub unsafe fn from_raw(p: *mut T) -> Self {
        let mut out = MaybeUninit::<Self>::uninit();
        T::__unique_from_raw(out.as_mut_ptr(), p);
        out.assume_init()
    }

    /// Converts into an owning pointer to a public base (the shim adjusts the address), as C++
    /// converts `std::unique_ptr<Derived>` to `std::unique_ptr<Base>`; offered where the base's
    /// destructor is virtual.
    pub fn upcast<B: UniquePtrTarget>(self) -> UniquePtr<B>
    where
        T: UpcastUnique<B>,
    {
        let p = T::__upcast(self.into_raw());
        // SAFETY: `p` owns the object `self` owned (or is null); `B`'s destructor is virtual.
        unsafe { UniquePtr::from_raw(p) }
    }

    /// Gives up ownership (C++ `release()`): the caller must `delete` the object, e.g. by
    /// handing it to a C++ function that takes ownership.
    pub fn into_raw(self) -> *mut T {
        let mut this = core::mem::ManuallyDrop::new(self);
        // SAFETY: the released pointer is the caller's; the empty unique_ptr needs no destructor.
        unsafe { T::__unique_release(&mut *this) }
    }

    /// Whether it owns nothing.
    pub fn is_null(&self) -> bool {
        self.as_ref().is_none()
    }

    /// The object, or `None` when null.
    pub fn as_ref(&self) -> Option<&T> {
        // SAFETY: `get()` is null or the owned object, alive while `self` is borrowed.
        unsafe { T::__unique_get(self).as_ref() }
    }

    /// Pinned mutable access to a non-null pointer (the object stays where C++ put it).
    ///
    /// # Panics
    /// If the pointer is null (like `Deref`); `as_mut` checks instead.
    pub fn pin_mut(&mut self) -> Pin<&mut T> {
        self.as_mut()
            .expect("relocxx: UniquePtr::pin_mut on a null UniquePtr")
    }

    /// Pinned mutable access, or `None` when null: the object stays where C++ put it.
    pub fn as_mut(&mut self) -> Option<Pin<&mut T>> {
        // SAFETY: the owned object, exclusively borrowed through `&mut self`; it is never
        // moved out (only `Unpin` types can be, and moving those is allowed).
        unsafe {
            T::__unique_get(self)
                .as_mut()
                .map(|r| Pin::new_unchecked(r))
        }
    }
}

impl<T: UniquePtrTarget> Deref for UniquePtr<T> {
    type Target = T;

    /// Panics on a null pointer (use `as_ref` to check).
    fn deref(&self) -> &T {
        self.as_ref()
            .expect("relocxx: dereferenced a null UniquePtr")
    }
}

/// An empty `UniquePtr` ([`UniquePtr::null`]).
impl<T: UniquePtrTarget> Default for UniquePtr<T> {
    fn default() -> Self {
        Self::null()
    }
}

/// For a `T` that may move (builtins, plain data, relocatable classes): `&mut T`.
impl<T: UniquePtrTarget + Unpin> DerefMut for UniquePtr<T> {
    /// Panics on a null pointer (use `as_mut` to check).
    fn deref_mut(&mut self) -> &mut T {
        Pin::into_inner(self.pin_mut())
    }
}

impl<T: UniquePtrTarget> Drop for UniquePtr<T> {
    fn drop(&mut self) {
        unsafe { T::__unique_drop(self) }
    }
}

/// `UniquePtr(<T's Debug>)`, or `UniquePtr(null)`.
impl<T: UniquePtrTarget + fmt::Debug> fmt::Debug for UniquePtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_ref() {
            Some(t) => f.debug_tuple("UniquePtr").field(t).finish(),
            None => f.write_str("UniquePtr(null)"),
        }
    }
}

/// The object's `Display`, or `nullptr` when null.
impl<T: UniquePtrTarget + fmt::Display> fmt::Display for UniquePtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_ref() {
            Some(t) => fmt::Display::fmt(t, f),
            None => f.write_str("nullptr"),
        }
    }
}

macro_rules! runtime_unique_targets {
    ($($t:ty => $drop:ident $get:ident $from:ident $release:ident),* $(,)?) => {
        unsafe extern "C" {$(
            fn $drop(p: *mut UniquePtr<$t>);
            fn $get(p: *const UniquePtr<$t>) -> *mut $t;
            fn $from(out: *mut UniquePtr<$t>, raw: *mut $t);
            fn $release(p: *mut UniquePtr<$t>) -> *mut $t;
        )*}
        $(
            // SAFETY: the runtime's C++ half (cpp/std.cc) instantiates `std::unique_ptr<T>`.
            unsafe impl UniquePtrTarget for $t {
                unsafe fn __unique_drop(p: *mut UniquePtr<Self>) { $drop(p) }
                unsafe fn __unique_get(p: *const UniquePtr<Self>) -> *mut Self { $get(p) }
                unsafe fn __unique_from_raw(out: *mut UniquePtr<Self>, p: *mut Self) { $from(out, p) }
                unsafe fn __unique_release(p: *mut UniquePtr<Self>) -> *mut Self { $release(p) }
            }
        )*
    };
}

// `std::unique_ptr` of builtins and of `std::string` (whose object Rust sees as `CppStr`).
runtime_unique_targets! {
    i8 => relocxx_0_1_unique_i8_drop relocxx_0_1_unique_i8_get relocxx_0_1_unique_i8_from relocxx_0_1_unique_i8_release,
    i16 => relocxx_0_1_unique_i16_drop relocxx_0_1_unique_i16_get relocxx_0_1_unique_i16_from relocxx_0_1_unique_i16_release,
    i32 => relocxx_0_1_unique_i32_drop relocxx_0_1_unique_i32_get relocxx_0_1_unique_i32_from relocxx_0_1_unique_i32_release,
    i64 => relocxx_0_1_unique_i64_drop relocxx_0_1_unique_i64_get relocxx_0_1_unique_i64_from relocxx_0_1_unique_i64_release,
    u8 => relocxx_0_1_unique_u8_drop relocxx_0_1_unique_u8_get relocxx_0_1_unique_u8_from relocxx_0_1_unique_u8_release,
    u16 => relocxx_0_1_unique_u16_drop relocxx_0_1_unique_u16_get relocxx_0_1_unique_u16_from relocxx_0_1_unique_u16_release,
    u32 => relocxx_0_1_unique_u32_drop relocxx_0_1_unique_u32_get relocxx_0_1_unique_u32_from relocxx_0_1_unique_u32_release,
    u64 => relocxx_0_1_unique_u64_drop relocxx_0_1_unique_u64_get relocxx_0_1_unique_u64_from relocxx_0_1_unique_u64_release,
    f32 => relocxx_0_1_unique_f32_drop relocxx_0_1_unique_f32_get relocxx_0_1_unique_f32_from relocxx_0_1_unique_f32_release,
    f64 => relocxx_0_1_unique_f64_drop relocxx_0_1_unique_f64_get relocxx_0_1_unique_f64_from relocxx_0_1_unique_f64_release,
    bool => relocxx_0_1_unique_bool_drop relocxx_0_1_unique_bool_get relocxx_0_1_unique_bool_from relocxx_0_1_unique_bool_release,
    crate::CppStr => relocxx_0_1_unique_string_drop relocxx_0_1_unique_string_get relocxx_0_1_unique_string_from relocxx_0_1_unique_string_release,
}

// SAFETY: unique_ptr holds one pointer to the heap.
unsafe impl<T: UniquePtrTarget> crate::Relocatable for UniquePtr<T> {}
// SAFETY: sole owner of its `T`, like `Box<T>`.
unsafe impl<T: UniquePtrTarget + Send> Send for UniquePtr<T> {}
unsafe impl<T: UniquePtrTarget + Sync> Sync for UniquePtr<T> {}
// SAFETY: shared ownership with an atomic use count, like `Arc<T>`.
unsafe impl<T: SharedPtrTarget + Send + Sync> Send for SharedPtr<T> {}
unsafe impl<T: SharedPtrTarget + Send + Sync> Sync for SharedPtr<T> {}
// SAFETY: the standard smart pointers have no class-specific allocation functions.
unsafe impl<T: UniquePtrTarget> crate::BoxAlloc for UniquePtr<T> {}
unsafe impl<T: SharedPtrTarget> crate::BoxAlloc for SharedPtr<T> {}

/// A C++ `std::shared_ptr<T>`: `Clone` shares ownership (C++ use counts follow, atomically).
/// Like `Arc<T>`, it gives shared access only: `Deref` (panicking on null; [`as_ref`] checks).
///
/// [`as_ref`]: SharedPtr::as_ref
///
/// # Thread safety
/// `Send` and `Sync` only when `T` is both, like `Arc<T>`: clones on two threads share the `T`.
#[repr(C)]
pub struct SharedPtr<T: SharedPtrTarget> {
    repr: MaybeUninit<[*mut core::ffi::c_void; 2]>,
    _t: PhantomData<T>,
}

impl<T: SharedPtrTarget> SharedPtr<T> {
    /// An empty `std::shared_ptr<T>` (owns and points at nothing).
    pub fn null() -> Self {
        let mut out = MaybeUninit::<Self>::uninit();
        // SAFETY: `__shared_null` constructs an empty shared_ptr at the address.
        unsafe {
            T::__shared_null(out.as_mut_ptr());
            out.assume_init()
        }
    }

    /// Whether it points at nothing.
    pub fn is_null(&self) -> bool {
        self.as_ref().is_none()
    }

    /// The object, or `None` when null.
    pub fn as_ref(&self) -> Option<&T> {
        // SAFETY: `get()` is null or a shared object kept alive by this owner.
        unsafe { T::__shared_get(self).as_ref() }
    }

    /// `std::shared_ptr::use_count` (0 when empty).
    pub fn use_count(&self) -> usize {
        // SAFETY: a live shared_ptr.
        unsafe { T::__shared_use_count(self) }
    }
}

/// `SharedPtr<Self>` converts into `SharedPtr<B>` (`SharedPtr::upcast`), `B` a public base.
///
/// # Safety
/// Implemented by generated code only: `__upcast_shared` is the shim's conversion
/// (`std::shared_ptr<B>(std::move(from))`), which adjusts the address for the base subobject
/// and keeps the control block, so the object is still destroyed as `Self`.
pub unsafe trait UpcastShared<B: SharedPtrTarget>: SharedPtrTarget {
    #[doc(hidden)]
    unsafe fn __upcast_shared(from: *mut SharedPtr<Self>, out: *mut SharedPtr<B>);
}

impl<T: SharedPtrTarget> SharedPtr<T> {
    /// The same object, shared as its public base `B` (the same use count; no virtual
    /// destructor needed: the control block destroys it as `T`).
    pub fn upcast<B: SharedPtrTarget>(self) -> SharedPtr<B>
    where
        T: UpcastShared<B>,
    {
        let mut from = core::mem::ManuallyDrop::new(self);
        let mut out = MaybeUninit::<SharedPtr<B>>::uninit();
        // SAFETY: `from` is moved from and destroyed by the shim, never used again.
        unsafe {
            T::__upcast_shared(&mut *from, out.as_mut_ptr());
            out.assume_init()
        }
    }
}

impl<T: SharedPtrTarget> Clone for SharedPtr<T> {
    fn clone(&self) -> Self {
        let mut out = MaybeUninit::<Self>::uninit();
        unsafe {
            T::__shared_clone(out.as_mut_ptr(), self);
            out.assume_init()
        }
    }
}

impl<T: SharedPtrTarget> Deref for SharedPtr<T> {
    type Target = T;

    /// Panics on a null pointer (use `as_ref` to check).
    fn deref(&self) -> &T {
        self.as_ref()
            .expect("relocxx: dereferenced a null SharedPtr")
    }
}

impl<T: SharedPtrTarget> Drop for SharedPtr<T> {
    fn drop(&mut self) {
        unsafe { T::__shared_drop(self) }
    }
}

/// `SharedPtr(<T's Debug>)`, or `SharedPtr(null)`.
impl<T: SharedPtrTarget + fmt::Debug> fmt::Debug for SharedPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_ref() {
            Some(t) => f.debug_tuple("SharedPtr").field(t).finish(),
            None => f.write_str("SharedPtr(null)"),
        }
    }
}

/// The object's `Display`, or `nullptr` when null.
impl<T: SharedPtrTarget + fmt::Display> fmt::Display for SharedPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_ref() {
            Some(t) => fmt::Display::fmt(t, f),
            None => f.write_str("nullptr"),
        }
    }
}

/// An empty `SharedPtr` ([`SharedPtr::null`]).
impl<T: SharedPtrTarget> Default for SharedPtr<T> {
    fn default() -> Self {
        Self::null()
    }
}

// SAFETY: shared_ptr holds two pointers to the heap (object and control block).
unsafe impl<T: SharedPtrTarget> crate::Relocatable for SharedPtr<T> {}
