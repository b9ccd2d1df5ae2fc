//! C++ classes bound here, passed to Rust functions exported back to C++
//! (`#[relocxx::export]`, DESIGN §7): `&T` from a C++ `const T&`, `&mut T` from a `T&` where
//! SAFETY.md rule 20 allows one (plain data and relocatable classes whose tail padding no other
//! object can share), `Pin<&mut T>` for pinned classes; by value for plain data and
//! relocatable classes (C++ moves the argument into storage Rust relocates it out of). The runtime's `FromCpp` does the rest;
//! `Exported` lets the exported function's glue check the name it was given.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{Item, Record, Repr};

pub fn emit(item: &Item, r: &Record, name: &Ident) -> TokenStream {
    let rt = quote!(::relocxx::__export);
    let rust_name = item.rust_name.trim_start_matches("r#").to_string();
    let q = item.qualified();
    let shared = quote! {
        unsafe impl #rt::Exported for #name {
            const NAME: &'static str = #rust_name;
        }
        // SAFETY: C++ passes the address of a live object for the call.
        unsafe impl<'a> #rt::FromCpp for &'a #name {
            type Abi = *const #name;
            unsafe fn from_cpp(abi: *const #name) -> ::core::result::Result<Self, #rt::Error> {
                unsafe { abi.as_ref() }.ok_or_else(|| #rt::Error::null(#q))
            }
            unsafe fn region(abi: &*const #name) -> ::core::option::Option<(usize, usize, bool)> {
                ::core::option::Option::Some((*abi as usize, ::core::mem::size_of::<#name>(), false))
            }
        }
    };
    let mutable = match r.repr() {
        Repr::Pinned => quote! {
            // SAFETY: a pinned class is only ever reached as `Pin<&mut T>`.
            unsafe impl<'a> #rt::FromCpp for ::core::pin::Pin<&'a mut #name> {
                type Abi = *mut #name;
                unsafe fn from_cpp(abi: *mut #name) -> ::core::result::Result<Self, #rt::Error> {
                    unsafe { abi.as_mut() }
                        .map(|r| unsafe { ::core::pin::Pin::new_unchecked(r) })
                        .ok_or_else(|| #rt::Error::null(#q))
                }
                unsafe fn region(abi: &*mut #name) -> ::core::option::Option<(usize, usize, bool)> {
                    ::core::option::Option::Some((*abi as usize, ::core::mem::size_of::<#name>(), true))
                }
            }
        },
        // A `T&` that may be a base subobject sharing its tail padding never becomes `&mut T`.
        _ if r.tail_shared() => quote!(),
        _ => quote! {
            // SAFETY: C++ passes the address of a live object the call may change; the object
            // owns all `size_of::<T>()` bytes (no tail sharing, SAFETY.md rule 20).
            unsafe impl<'a> #rt::FromCpp for &'a mut #name {
                type Abi = *mut #name;
                unsafe fn from_cpp(abi: *mut #name) -> ::core::result::Result<Self, #rt::Error> {
                    unsafe { abi.as_mut() }.ok_or_else(|| #rt::Error::null(#q))
                }
                unsafe fn region(abi: &*mut #name) -> ::core::option::Option<(usize, usize, bool)> {
                    ::core::option::Option::Some((*abi as usize, ::core::mem::size_of::<#name>(), true))
                }
            }
        },
    };
    // By value: the by-value reprs only (a Rust move relocates them); a pinned class has no
    // `FromCpp`/`IntoCpp` by value, so an exported signature naming one does not compile.
    let by_value = match r.repr() {
        Repr::Pinned => quote!(),
        Repr::Pod | Repr::Relocatable => quote! {
            // SAFETY: the C++ wrapper moved the argument into a `Relocated<T>`; Rust relocates
            // it out and marks it taken, so it is destroyed once (by Rust's `Drop`).
            unsafe impl #rt::FromCpp for #name {
                type Abi = *mut #rt::OptionAbi<#name>;
                unsafe fn from_cpp(abi: Self::Abi) -> ::core::result::Result<Self, #rt::Error> {
                    unsafe { #rt::take_relocated(abi, #q) }
                }
            }
            // SAFETY: the C++ wrapper's result storage has `T`'s layout (static_assert in the
            // shim) and takes the relocated value as a C++ object.
            unsafe impl #rt::IntoCpp for #name {
                type Abi = #name;
                fn into_cpp(self) -> #name {
                    self
                }
            }
        },
    };
    quote!(#shared #mutable #by_value)
}
