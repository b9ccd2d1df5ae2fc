//! In-place construction of pinned C++ objects.
//!
//! A [`Ctor`] is a recipe that constructs a value at an address it is given; nothing is moved
//! afterwards. Generated constructors of pinned types, and functions returning them by value,
//! return `impl Ctor<Output = T>`; place it with [`crate::CppBox::emplace`] or [`crate::emplace!`].

use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::pin::Pin;

/// Constructs a `Self::Output` in place.
pub trait Ctor: Sized {
    type Output;

    /// Constructs the value at `dest`.
    ///
    /// # Safety
    /// `dest` must be valid for writes, aligned, and must not move while the value lives; the
    /// caller must eventually drop the value in place.
    unsafe fn construct(self, dest: *mut Self::Output);
}

/// A value that can be moved is its own constructor: placing it is a move. This lets code
/// written for a pinned type (`CppBox::emplace(T::new())`) also work where the type is
/// relocatable on another standard library.
impl<T: crate::Relocatable> Ctor for T {
    type Output = T;

    unsafe fn construct(self, dest: *mut T) {
        dest.write(self)
    }
}

/// A [`Ctor`] from a closure that constructs at the given address.
pub struct FromFn<T, F> {
    f: F,
    _out: PhantomData<fn() -> T>,
}

/// Wraps `f` as a [`Ctor`].
///
/// # Safety
/// `f` must fully initialise a `T` at the address it receives, as a C++ constructor does.
pub unsafe fn from_fn<T, F: FnOnce(*mut T)>(f: F) -> FromFn<T, F> {
    FromFn {
        f,
        _out: PhantomData,
    }
}

impl<T, F: FnOnce(*mut T)> Ctor for FromFn<T, F> {
    type Output = T;

    unsafe fn construct(self, dest: *mut T) {
        (self.f)(dest)
    }
}

/// Stack storage for one pinned value; used by [`crate::emplace!`], which hides the slot so it
/// cannot be moved once the value is constructed.
pub struct Slot<T> {
    value: MaybeUninit<T>,
    init: bool,
}

impl<T> Slot<T> {
    #[doc(hidden)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Slot {
            value: MaybeUninit::uninit(),
            init: false,
        }
    }

    /// Constructs the value in the slot.
    ///
    /// # Safety
    /// The slot must not move while the returned pin (or the value) lives; `emplace!` ensures
    /// this by making the slot unnameable.
    #[doc(hidden)]
    pub unsafe fn emplace<C: Ctor<Output = T>>(&mut self, ctor: C) -> Pin<&mut T> {
        assert!(!self.init, "relocxx: slot already holds a value");
        ctor.construct(self.value.as_mut_ptr());
        self.init = true;
        Pin::new_unchecked(&mut *self.value.as_mut_ptr())
    }
}

impl<T> Drop for Slot<T> {
    fn drop(&mut self) {
        if self.init {
            // SAFETY: initialised by `emplace`, dropped exactly once, in place.
            unsafe { core::ptr::drop_in_place(self.value.as_mut_ptr()) }
        }
    }
}

/// Constructs a pinned C++ object on the stack: `relocxx::emplace!(let x = T::new());` makes
/// `x: Pin<&mut T>`; the object is destroyed (C++ destructor) at the end of the scope.
#[macro_export]
macro_rules! emplace {
    (let $name:ident = $ctor:expr) => {
        // The user's expression is evaluated outside the `unsafe` block: an `unsafe fn` in it
        // still needs the caller's own `unsafe`.
        let __relocxx_ctor = $ctor;
        let mut __relocxx_slot = $crate::Slot::new();
        #[allow(unused_mut)]
        let mut $name = unsafe { __relocxx_slot.emplace(__relocxx_ctor) };
    };
    (let mut $name:ident = $ctor:expr) => {
        $crate::emplace!(let $name = $ctor);
    };
}
