//! Conversions to public bases (DESIGN §6): `AsRef<Base>` for every unambiguous public
//! ancestor, `relocxx::Downcast<Base>` (a checked `dynamic_cast`) from polymorphic ones, and
//! `relocxx::UpcastUnique<Base>` (`UniquePtr<Derived>::upcast`) where the base's destructor is
//! virtual, so deleting through it is correct, and `relocxx::UpcastShared<Base>`
//! (`SharedPtr<Derived>::upcast`) where both are held in `std::shared_ptr`. The pointer arithmetic is the shim's
//! (`emit::cpp::bases`): Rust never reinterprets a pointer, so multiple inheritance adjusts the
//! address correctly.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::Paths;
use crate::emit::abi::{self, Reprs, StdTargets};
use crate::model::{Ancestor, Item, Record, Repr};

/// Thunk-name keys of the conversions for the `k`-th ancestor: up (const), down (const), up
/// (mutable, for owning pointers).
pub fn keys(k: usize) -> [String; 3] {
    [
        format!("_up{k}_"),
        format!("_down{k}_"),
        format!("_upmut{k}_"),
    ]
}

/// Thunk-name key of the `std::shared_ptr` conversion to the `k`-th ancestor.
pub fn shared_key(k: usize) -> String {
    format!("_upshared{k}_")
}

/// Both the class and the ancestor are held in `std::shared_ptr` somewhere in the bindings.
pub fn shared_pair(item: &Item, a: &Ancestor, targets: &StdTargets) -> bool {
    targets.shared.contains(&item.qualified()) && targets.shared.contains(&a.name)
}

/// The bound ancestors, with their index in `Record::ancestors`.
pub fn bound<'r>(
    r: &'r Record,
    reprs: &'r Reprs,
) -> impl Iterator<Item = (usize, &'r Ancestor)> + 'r {
    r.ancestors
        .iter()
        .enumerate()
        .filter(|(_, a)| reprs.contains_key(&a.name))
}

/// Both the class and its ancestor are pinned: `Pin<&mut Self>` converts to `Pin<&mut Base>`.
pub fn pinned_pair(r: &Record, a: &Ancestor, reprs: &Reprs) -> bool {
    r.repr() == Repr::Pinned && reprs.get(&a.name) == Some(&Repr::Pinned)
}

/// Both are relocatable: `&mut Self` passes its base to a C++ `Base&` (`relocxx::MutRef`).
pub fn relocatable_pair(r: &Record, a: &Ancestor, reprs: &Reprs) -> bool {
    r.repr() == Repr::Relocatable && reprs.get(&a.name) == Some(&Repr::Relocatable)
}

/// Whether the shim exports the mutable upcast for this pair.
pub fn has_upmut(r: &Record, a: &Ancestor, reprs: &Reprs) -> bool {
    (a.virtual_dtor && abi::deletable(r))
        || pinned_pair(r, a, reprs)
        || relocatable_pair(r, a, reprs)
}

pub fn ffi(
    binding: &str,
    item: &Item,
    r: &Record,
    paths: &Paths,
    reprs: &Reprs,
    targets: &StdTargets,
) -> TokenStream {
    let t = paths.path(&item.qualified(), 1);
    let mut out = TokenStream::new();
    for (k, a) in bound(r, reprs) {
        let [up, down, upmut] =
            keys(k).map(|key| format_ident!("{}", abi::thunk_name(binding, item, Some(&key))));
        let b = paths.path(&a.name, 1);
        out.extend(quote!(pub fn #up(p: *const #t) -> *const #b;));
        if a.polymorphic {
            out.extend(quote!(pub fn #down(p: *const #b) -> *const #t;));
        }
        if has_upmut(r, a, reprs) {
            out.extend(quote!(pub fn #upmut(p: *mut #t) -> *mut #b;));
        }
        if shared_pair(item, a, targets) {
            let f = format_ident!("{}", abi::thunk_name(binding, item, Some(&shared_key(k))));
            out.extend(quote!(pub fn #f(from: *mut ::relocxx::SharedPtr<#t>, out: *mut ::relocxx::SharedPtr<#b>);));
        }
    }
    out
}

pub fn emit(
    binding: &str,
    item: &Item,
    r: &Record,
    paths: &Paths,
    reprs: &Reprs,
    targets: &StdTargets,
) -> TokenStream {
    let depth = item.ns.len();
    let name = super::types::ident(&item.rust_name);
    let supers: Vec<TokenStream> = (0..depth).map(|_| quote!(super::)).collect();
    let mut out = TokenStream::new();
    for (k, a) in bound(r, reprs) {
        let [up, down, upmut] =
            keys(k).map(|key| format_ident!("{}", abi::thunk_name(binding, item, Some(&key))));
        let b = paths.path(&a.name, depth);
        let doc = super::docs::Doc::default()
            .para(&format!(
                "`{}` is a public base of `{}` (the shim does the upcast).",
                a.name,
                item.qualified()
            ))
            .attrs();
        out.extend(quote! {
            #doc
            impl ::core::convert::AsRef<#b> for #name {
                fn as_ref(&self) -> &#b {
                    // SAFETY: the shim converts a live object's address to its base subobject's.
                    unsafe { &*#(#supers)* __ffi::#up(self) }
                }
            }
        });
        if a.polymorphic {
            out.extend(quote! {
                impl ::relocxx::Downcast<#b> for #name {
                    fn downcast_ref(base: &#b) -> ::core::option::Option<&Self> {
                        // SAFETY: `dynamic_cast` gives null or the complete object, which lives
                        // as long as `base` does.
                        unsafe { #(#supers)* __ffi::#down(base).as_ref() }
                    }
                }
            });
        }
        if pinned_pair(r, a, reprs) {
            out.extend(quote! {
                // SAFETY: the base is pinned (`!Unpin`); the shim does the conversion.
                unsafe impl ::relocxx::UpcastPin<#b> for #name {
                    fn __upcast_mut(p: *mut Self) -> *mut #b {
                        unsafe { #(#supers)* __ffi::#upmut(p) }
                    }
                }
            });
        }
        if relocatable_pair(r, a, reprs) {
            // Never a `&mut Base` in Rust (a base subobject may share its tail padding with
            // the derived members): C++ gets the pointer, for a `Base&` parameter.
            out.extend(quote! {
                // SAFETY: the shim's upcast of an exclusively borrowed object.
                unsafe impl ::relocxx::MutRef<#b> for &mut #name {
                    fn __into_mut_ptr(self) -> *mut #b {
                        unsafe { #(#supers)* __ffi::#upmut(self) }
                    }
                }
                // SAFETY: as above; the class is relocatable (`Unpin`).
                unsafe impl ::relocxx::MutRef<#b> for ::core::pin::Pin<&mut #name> {
                    fn __into_mut_ptr(self) -> *mut #b {
                        let r: &mut #name = ::core::pin::Pin::into_inner(self);
                        unsafe { #(#supers)* __ffi::#upmut(r) }
                    }
                }
            });
        }
        if shared_pair(item, a, targets) {
            let f = format_ident!("{}", abi::thunk_name(binding, item, Some(&shared_key(k))));
            out.extend(quote! {
                // SAFETY: the shim moves the `std::shared_ptr` into one of the base (address
                // adjusted, same control block) and destroys the moved-from one.
                unsafe impl ::relocxx::UpcastShared<#b> for #name {
                    unsafe fn __upcast_shared(
                        from: *mut ::relocxx::SharedPtr<Self>,
                        out: *mut ::relocxx::SharedPtr<#b>,
                    ) {
                        unsafe { #(#supers)* __ffi::#f(from, out) }
                    }
                }
            });
        }
        if a.virtual_dtor && abi::deletable(r) {
            out.extend(quote! {
                // SAFETY: the base's destructor is virtual, so deleting through it destroys and
                // frees the whole object; the shim does the conversion.
                unsafe impl ::relocxx::UpcastUnique<#b> for #name {
                    fn __upcast(p: *mut Self) -> *mut #b {
                        unsafe { #(#supers)* __ffi::#upmut(p) }
                    }
                }
            });
        }
    }
    out
}
