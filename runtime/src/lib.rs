//! relocxx runtime: what code using generated bindings depends on.
//!
//! Bring generated bindings into a crate with [`include_bindings!`]:
//!
//! ```ignore
//! // build.rs: relocxx_gen::Builder::new().header("include/geometry.h").build("geometry")?;
//! relocxx::include_bindings!("geometry"); // declares `pub mod geometry`
//! let a = geometry::geo::area(&geometry::geo::Point { x: 2, y: 3 });
//! ```
//!
//! C++ classes come in two kinds (decided per type by the generator, see its docs):
//! relocatable ones are ordinary Rust values (they implement [`Relocatable`]); pinned ones are
//! `!Unpin` and are built in place from an [`Ctor`], on the heap with [`CppBox::emplace`] or on
//! the stack with [`emplace!`].

#![no_std]
#![warn(missing_docs)]

extern crate alloc;

// The Rust half of `#[relocxx::export]`, for generated code. Always present, since every
// generated binding implements its traits for the classes it binds; the exported calls
// themselves (`call`, the opaque destructor) catch panics and so need `std`. (A plain comment:
// rustdoc would resolve the module's own intra-doc links in this scope if it had an outer doc.)
#[doc(hidden)]
#[allow(missing_docs)]
#[path = "export.rs"]
pub mod __export;
mod cppbox;
pub mod ctor;
mod exception;
mod extern_type;
mod smart_ptr;
mod string;
#[cfg(feature = "std")]
pub mod subclass;
mod vector;

pub use cppbox::{BoxAlloc, CppBox};
pub use ctor::{Ctor, Slot};
#[doc(hidden)]
pub use exception::__relocxx_set_exception;
pub use exception::Exception;
pub use extern_type::{check_extern_type, CppType};
pub use relocxx_macro::{export, include_bindings, include_cpp};
pub use smart_ptr::{
    SharedPtr, SharedPtrTarget, UniquePtr, UniquePtrTarget, UpcastShared, UpcastUnique,
};

pub use string::{CppStr, CppString};
pub use vector::{CppVector, VectorClone, VectorElement, VectorIter, VectorIterMut, VectorSlice};

/// Whether two of the memory regions (address, bytes, mutable) overlap while one of them is
/// mutable: Rust would then hold a `&mut` aliasing another reference. The one check behind
/// both boundaries that turn C++ pointers into references (calls into Rust overrides and
/// closures, `subclass::__disjoint`; exported functions, `__export::disjoint`).
pub(crate) fn aliasing_mut(regions: &[(usize, usize, bool)]) -> bool {
    regions.iter().enumerate().any(|(i, a)| {
        regions[i + 1..].iter().any(|b| {
            let overlap = a.0 < b.0.wrapping_add(b.1) && b.0 < a.0.wrapping_add(a.1);
            overlap && (a.2 || b.2)
        })
    })
}

/// A C++ type for which a Rust move (memcpy to a new address, the old bytes forgotten) is a
/// valid C++ relocation, so it can be held and moved by value.
///
/// # Safety
/// Implemented only by generated code, for types whose relocatability the generator proved (or
/// the user promised) and whose size and alignment the C++ shim re-checks.
pub unsafe trait Relocatable {}

/// A checked downcast from a polymorphic C++ base (`dynamic_cast`): implemented by generated
/// bindings for every class with a polymorphic public base `B`.
pub trait Downcast<B>: Sized {
    /// `Some` when `base` is (a base subobject of) a `Self`.
    fn downcast_ref(base: &B) -> Option<&Self>;
}

/// A pinned C++ class with a pinned public base `B`: `Pin<&mut Self>` converts to
/// `Pin<&mut B>` (the shim adjusts the address), for C++ functions taking `B&`. Only for a
/// pinned `B` (`!Unpin`): Rust cannot reach a `&mut B` through it, so it can never overwrite
/// the base subobject of a larger object.
///
/// # Safety
/// Implemented by generated code only: `__upcast_mut` is the shim's derived-to-base
/// conversion and `B` is `!Unpin`.
pub unsafe trait UpcastPin<B> {
    #[doc(hidden)]
    fn __upcast_mut(p: *mut Self) -> *mut B;

    /// The base subobject, pinned like the object.
    fn upcast_pin(self: core::pin::Pin<&mut Self>) -> core::pin::Pin<&mut B> {
        // SAFETY: the base subobject lives and stays in place as long as the object; `B` is
        // `!Unpin`, so the pin hands out no `&mut B`.
        unsafe {
            let p = Self::__upcast_mut(core::pin::Pin::get_unchecked_mut(self));
            core::pin::Pin::new_unchecked(&mut *p)
        }
    }
}

/// What a C++ `T&` parameter of a relocatable class accepts: `&mut T`, or the `Pin<&mut T>`
/// the pinned idioms give (`CppBox::as_mut`, `emplace!`). A class holding a `std::string` is
/// pinned under libstdc++ and relocatable under libc++; code written with the pinned idioms
/// compiles against both.
///
/// Also implemented by generated code for a class with a relocatable public base `T`: a
/// `&mut Derived` passes its base subobject (the shim does the upcast) to a C++ `T&`.
///
/// # Safety
/// `__into_mut_ptr` returns a pointer to a live `T` exclusively borrowed for the reference's
/// lifetime. Only the forms `&mut _` and `Pin<&mut _>` can implement it.
pub unsafe trait MutRef<T>: mut_ref::Sealed {
    #[doc(hidden)]
    fn __into_mut_ptr(self) -> *mut T;
}

mod mut_ref {
    pub trait Sealed {}
    impl<T> Sealed for &mut T {}
    impl<T> Sealed for core::pin::Pin<&mut T> {}
}

// SAFETY: the reference itself.
unsafe impl<T: Relocatable + Unpin> MutRef<T> for &mut T {
    fn __into_mut_ptr(self) -> *mut T {
        self
    }
}

// SAFETY: the reference itself.
unsafe impl<T: Relocatable + Unpin> MutRef<T> for core::pin::Pin<&mut T> {
    fn __into_mut_ptr(self) -> *mut T {
        let r: &mut T = core::pin::Pin::into_inner(self);
        r
    }
}

/// For generated code: a `std::string_view` coming back from C++.
#[doc(hidden)]
#[repr(C)]
pub struct __RawView {
    data: *const u8,
    len: usize,
}

impl __RawView {
    /// # Safety
    /// The view must point at `len` bytes that live for `'a` (generated code ties `'a` to the
    /// receiver or the only borrowed argument).
    #[doc(hidden)]
    pub unsafe fn as_bytes<'a>(self) -> &'a [u8] {
        if self.len == 0 {
            &[]
        } else {
            core::slice::from_raw_parts(self.data, self.len)
        }
    }
}

/// For generated code: a `std::span` coming back from C++.
#[doc(hidden)]
#[repr(C)]
pub struct __RawSpan {
    data: *mut core::ffi::c_void,
    len: usize,
}

impl __RawSpan {
    /// # Safety
    /// The span must point at `len` live `T`s for `'a` (tied by generated code like a borrow).
    #[doc(hidden)]
    pub unsafe fn as_slice<'a, T>(self) -> &'a [T] {
        if self.len == 0 {
            &[]
        } else {
            core::slice::from_raw_parts(self.data as *const T, self.len)
        }
    }

    /// # Safety
    /// As `as_slice`, and the elements are not otherwise borrowed.
    #[doc(hidden)]
    pub unsafe fn as_mut_slice<'a, T>(self) -> &'a mut [T] {
        if self.len == 0 {
            &mut []
        } else {
            core::slice::from_raw_parts_mut(self.data as *mut T, self.len)
        }
    }
}
