//! In-place construction of pinned C++ objects.
//!
//! A [`Ctor`] is a recipe that constructs a value at an address it is given; nothing is moved
//! afterwards. Generated constructors of pinned types, and functions returning them by value,
//! return `impl Ctor<Output = T>`; place it with [`crate::CppBox::emplace`] or [`crate::emplace!`].

use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::pin::Pin;

/// Constructs a `Self::Output` in place.
///
/// # Safety
/// An `unsafe trait`: `emplace!`, `Slot::emplace` and `CppBox::emplace` are safe and rely on
/// `construct` fully initialising `dest`. Implemented by this crate only (every value of a
/// relocatable type, and `from_fn`, whose caller makes the promise).
pub unsafe trait Ctor: Sized {
    /// The type constructed.
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
// SAFETY: writing the value initialises `dest`.
unsafe impl<T: crate::Relocatable> Ctor for T {
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
///
/// ```
/// // A value that records its own address, as a C++ self-referential object would.
/// struct Anchored {
///     me: *const Anchored,
///     _pin: core::marker::PhantomPinned,
/// }
/// // SAFETY: the closure writes a whole `Anchored`.
/// let ctor = unsafe {
///     relocxx::ctor::from_fn(|p: *mut Anchored| {
///         p.write(Anchored { me: p, _pin: core::marker::PhantomPinned })
///     })
/// };
/// relocxx::emplace!(let a = ctor); // on the stack, never moves: `a: Pin<&mut Anchored>`
/// assert_eq!(a.me, &*a as *const Anchored);
/// ```
pub unsafe fn from_fn<T, F: FnOnce(*mut T)>(f: F) -> FromFn<T, F> {
    FromFn {
        f,
        _out: PhantomData,
    }
}

// SAFETY: `from_fn`'s caller promised that `f` initialises the `T`.
unsafe impl<T, F: FnOnce(*mut T)> Ctor for FromFn<T, F> {
    type Output = T;

    unsafe fn construct(self, dest: *mut T) {
        (self.f)(dest)
    }
}

/// Stack storage for one pinned value; used by [`crate::emplace!`], which pins it with
/// `core::pin::pin!` so it is unnameable and never moves once the value is constructed.
pub struct Slot<T> {
    value: MaybeUninit<T>,
    init: bool,
    // Pinning the slot must pin the value whatever `T` is.
    _pinned: core::marker::PhantomPinned,
}

impl<T> Slot<T> {
    #[doc(hidden)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Slot {
            value: MaybeUninit::uninit(),
            init: false,
            _pinned: core::marker::PhantomPinned,
        }
    }

    /// Constructs the value in the pinned slot. Safe: the slot cannot move or be freed
    /// without its `Drop` (the pin guarantee), which destroys the value in place.
    #[doc(hidden)]
    pub fn emplace<C: Ctor<Output = T>>(self: Pin<&mut Self>, ctor: C) -> Pin<&mut T> {
        // SAFETY: the slot is pinned; only the fields are touched, nothing is moved out.
        let this = unsafe { self.get_unchecked_mut() };
        assert!(!this.init, "relocxx: slot already holds a value");
        // SAFETY: uninitialised, aligned storage that never moves while the value lives.
        unsafe { ctor.construct(this.value.as_mut_ptr()) };
        this.init = true;
        // SAFETY: initialised just now; pinned because the slot is.
        unsafe { Pin::new_unchecked(&mut *this.value.as_mut_ptr()) }
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
///
/// The macro contains no `unsafe`: an `unsafe fn` in the expression still needs the caller's
/// own `unsafe` block.
///
/// ```
/// # use relocxx::ctor::from_fn;
/// struct Noisy(u32);
/// impl Drop for Noisy {
///     fn drop(&mut self) { println!("destroyed {}", self.0) }
/// }
/// {
///     // SAFETY: the closure initialises the value.
///     relocxx::emplace!(let n = unsafe { from_fn(|p: *mut Noisy| p.write(Noisy(7))) });
///     assert_eq!(n.0, 7);
/// } // `n` is dropped here, in place
/// ```
#[macro_export]
macro_rules! emplace {
    (let $name:ident = $ctor:expr) => {
        let __relocxx_slot = ::core::pin::pin!($crate::Slot::new());
        #[allow(unused_mut)]
        let mut $name = $crate::Slot::emplace(__relocxx_slot, $ctor);
    };
    (let mut $name:ident = $ctor:expr) => {
        $crate::emplace!(let $name = $ctor);
    };
}
