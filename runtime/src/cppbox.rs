//! `CppBox<T>`: a heap-allocated C++ object that never moves, like `Pin<Box<T>>`.

use alloc::alloc::{alloc, dealloc, handle_alloc_error, Layout};
use core::fmt;
use core::ops::Deref;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::Ctor;

/// Owns a C++ object on the heap, constructed in place and destroyed (C++ destructor) on drop.
/// The object never moves: you get `&T` through `Deref` and `Pin<&mut T>` through `as_mut`.
pub struct CppBox<T> {
    ptr: NonNull<T>,
}

impl<T> CppBox<T> {
    /// Allocates and constructs in place.
    pub fn emplace<C: Ctor<Output = T>>(ctor: C) -> CppBox<T> {
        let layout = Layout::new::<T>();
        let ptr = if layout.size() == 0 {
            NonNull::dangling()
        } else {
            // SAFETY: non-zero size.
            let raw = unsafe { alloc(layout) } as *mut T;
            NonNull::new(raw).unwrap_or_else(|| handle_alloc_error(layout))
        };
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

impl<T> Deref for CppBox<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: constructed in `emplace`, alive until drop.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T> Drop for CppBox<T> {
    fn drop(&mut self) {
        let layout = Layout::new::<T>();
        // SAFETY: constructed in `emplace`; dropped in place exactly once, then freed.
        unsafe {
            core::ptr::drop_in_place(self.ptr.as_ptr());
            if layout.size() != 0 {
                dealloc(self.ptr.as_ptr() as *mut u8, layout);
            }
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for CppBox<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

// The box owns its T: it is Send/Sync exactly when T is.
unsafe impl<T: Send> Send for CppBox<T> {}
unsafe impl<T: Sync> Sync for CppBox<T> {}
