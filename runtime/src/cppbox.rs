//! `CppBox<T>`: a heap-allocated C++ object that never moves, like `Pin<Box<T>>`.

use alloc::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use core::fmt;
use core::ops::Deref;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::Ctor;

/// How a [`CppBox`] gets the memory for one `T`: the class's own `operator new` /
/// `operator delete` when the class (or a base) declares them — as C++ `new T` would — and
/// Rust's global allocator otherwise. Generated bindings implement it for every class whose
/// objects may live on the heap; a class whose `operator new` is private or deleted does not
/// get it, so `CppBox<T>` does not compile for it (use `emplace!` on the stack).
///
/// # Safety
/// Implemented by generated code (and this crate) only. `__allocate` returns memory suitable
/// for a `T` (size and alignment) or null; `__deallocate` releases exactly such memory.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be put in a `relocxx::CppBox`",
    label = "C++ cannot `new` this class (its `operator new` is private, deleted or ambiguous), or it is not a generated C++ type",
    note = "construct it on the stack with `relocxx::emplace!` instead"
)]
pub unsafe trait BoxAlloc: Sized {
    #[doc(hidden)]
    fn __allocate() -> *mut Self {
        let layout = Layout::new::<Self>();
        if layout.size() == 0 {
            return NonNull::dangling().as_ptr();
        }
        // SAFETY: non-zero size.
        unsafe { alloc(layout) as *mut Self }
    }

    /// # Safety
    /// `p` came from `__allocate` and holds no live object.
    #[doc(hidden)]
    unsafe fn __deallocate(p: *mut Self) {
        let layout = Layout::new::<Self>();
        if layout.size() != 0 {
            dealloc(p as *mut u8, layout);
        }
    }
}

/// Owns a C++ object on the heap, constructed in place and destroyed (C++ destructor) on drop.
/// The object never moves: you get `&T` through `Deref` and `Pin<&mut T>` through `as_mut`.
/// Its memory comes from [`BoxAlloc`]: a class's own `operator new` is honoured.
///
/// `Send`/`Sync` exactly when `T` is, like `Box<T>`.
///
/// ```
/// use relocxx::{ctor::from_fn, BoxAlloc, CppBox};
/// struct Slot { value: i32, _pin: core::marker::PhantomPinned }
/// // SAFETY: no class-specific allocation functions: Rust's allocator is right.
/// unsafe impl BoxAlloc for Slot {}
/// // SAFETY: the closure initialises the value.
/// let mut b = CppBox::emplace(unsafe {
///     from_fn(|p: *mut Slot| p.write(Slot { value: 1, _pin: core::marker::PhantomPinned }))
/// });
/// // SAFETY: writing a field moves nothing.
/// unsafe { b.as_mut().get_unchecked_mut().value += 1 };
/// assert_eq!(b.value, 2);
/// ```
pub struct CppBox<T: BoxAlloc> {
    ptr: NonNull<T>,
}

impl<T: BoxAlloc> CppBox<T> {
    /// Allocates and constructs in place.
    pub fn emplace<C: Ctor<Output = T>>(ctor: C) -> CppBox<T> {
        let ptr =
            NonNull::new(T::__allocate()).unwrap_or_else(|| handle_alloc_error(Layout::new::<T>()));
        // If construction aborts (C++ exceptions abort), nothing leaks past process end.
        // SAFETY: fresh, aligned, writable memory that will not move.
        unsafe { ctor.construct(ptr.as_ptr()) };
        CppBox { ptr }
    }

    /// Pinned mutable access (for non-const methods).
    pub fn as_mut(&mut self) -> Pin<&mut T> {
        // SAFETY: the object lives at a fixed heap address until drop.
        unsafe { Pin::new_unchecked(self.ptr.as_mut()) }
    }

    /// Pinned shared access.
    pub fn as_pin(&self) -> Pin<&T> {
        // SAFETY: as above.
        unsafe { Pin::new_unchecked(self.ptr.as_ref()) }
    }
}

impl<T: BoxAlloc> Deref for CppBox<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: constructed in `emplace`, alive until drop.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: BoxAlloc> Drop for CppBox<T> {
    fn drop(&mut self) {
        // SAFETY: constructed in `emplace`; dropped in place exactly once, then released by
        // the allocator that provided it.
        unsafe {
            core::ptr::drop_in_place(self.ptr.as_ptr());
            T::__deallocate(self.ptr.as_ptr());
        }
    }
}

impl<T: BoxAlloc + fmt::Debug> fmt::Debug for CppBox<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

// The box owns its T: it is Send/Sync exactly when T is.
unsafe impl<T: BoxAlloc + Send> Send for CppBox<T> {}
unsafe impl<T: BoxAlloc + Sync> Sync for CppBox<T> {}
