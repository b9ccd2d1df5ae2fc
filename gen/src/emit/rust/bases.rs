//! Conversions to public bases (DESIGN §6): `AsRef<Base>` for every unambiguous public
//! ancestor, and `relocxx::Downcast<Base>` (a checked `dynamic_cast`) from polymorphic ones.
//! The pointer arithmetic is the shim's (`emit::cpp::bases`): Rust never reinterprets a
//! pointer, so multiple inheritance adjusts the address correctly.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::Paths;
use crate::emit::abi::{self, Reprs};
use crate::model::{Item, Record};

/// Thunk-name keys of the conversions to and from the `k`-th ancestor.
pub fn keys(k: usize) -> (String, String) {
    (format!("_up{k}_"), format!("_down{k}_"))
}

/// The bound ancestors, with their index in `Record::ancestors`.
pub fn bound<'r>(
    r: &'r Record,
    reprs: &'r Reprs,
) -> impl Iterator<Item = (usize, &'r str, bool)> + 'r {
    r.ancestors
        .iter()
        .enumerate()
        .filter(|(_, (a, _))| reprs.contains_key(a))
        .map(|(k, (a, poly))| (k, a.as_str(), *poly))
}

pub fn ffi(binding: &str, item: &Item, r: &Record, paths: &Paths, reprs: &Reprs) -> TokenStream {
    let t = paths.path(&item.qualified(), 1);
    let mut out = TokenStream::new();
    for (k, a, poly) in bound(r, reprs) {
        let (up, down) = keys(k);
        let up = format_ident!("{}", abi::thunk_name(binding, item, Some(&up)));
        let b = paths.path(a, 1);
        out.extend(quote!(pub fn #up(p: *const #t) -> *const #b;));
        if poly {
            let down = format_ident!("{}", abi::thunk_name(binding, item, Some(&down)));
            out.extend(quote!(pub fn #down(p: *const #b) -> *const #t;));
        }
    }
    out
}

pub fn emit(binding: &str, item: &Item, r: &Record, paths: &Paths, reprs: &Reprs) -> TokenStream {
    let depth = item.ns.len();
    let name = super::types::ident(&item.rust_name);
    let supers: Vec<TokenStream> = (0..depth).map(|_| quote!(super::)).collect();
    let mut out = TokenStream::new();
    for (k, a, poly) in bound(r, reprs) {
        let (up, down) = keys(k);
        let up = format_ident!("{}", abi::thunk_name(binding, item, Some(&up)));
        let b = paths.path(a, depth);
        let doc = format!(
            " `{}` is a public base of `{}` (the shim does the upcast).",
            a,
            item.qualified()
        );
        out.extend(quote! {
            #[doc = #doc]
            impl ::core::convert::AsRef<#b> for #name {
                fn as_ref(&self) -> &#b {
                    // SAFETY: the shim converts a live object's address to its base subobject's.
                    unsafe { &*#(#supers)* __ffi::#up(self) }
                }
            }
        });
        if poly {
            let down = format_ident!("{}", abi::thunk_name(binding, item, Some(&down)));
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
    }
    out
}
