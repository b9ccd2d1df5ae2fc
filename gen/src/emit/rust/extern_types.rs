//! One C++ class, one Rust type across bindings (`extern_type`, `analyze::extern_types`): the
//! owning binding says what each class is (`relocxx::CppType`), and a binding using another's
//! class checks it at compile time, so a path naming another class, or the same class with a
//! different layout or representation, does not compile.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{Item, Record, Repr};

use super::types::Paths;

fn repr_code(r: &Record) -> u8 {
    match r.repr() {
        Repr::Pod => 0,
        Repr::Relocatable => 1,
        Repr::Pinned => 2,
    }
}

/// In the owning binding: what the class is.
pub fn owner_impl(item: &Item, r: &Record, name: &Ident) -> TokenStream {
    let q = item.qualified();
    let (size, align) = (r.size as usize, r.align as usize);
    let repr = repr_code(r);
    quote! {
        // SAFETY: generated from the class's layout and relocatability verdict.
        unsafe impl ::relocxx::CppType for #name {
            const NAME: &'static str = #q;
            const SIZE: usize = #size;
            const ALIGN: usize = #align;
            const REPR: u8 = #repr;
        }
    }
}

/// In a binding using another's class: the compile-time check of that binding.
pub fn check(item: &Item, r: &Record, paths: &Paths) -> TokenStream {
    let q = item.qualified();
    let path = paths.path(&q, 0);
    let (size, align) = (r.size as usize, r.align as usize);
    let repr = repr_code(r);
    quote! {
        const _: () = ::relocxx::check_extern_type::<#path>(#q, #size, #align, #repr);
    }
}
