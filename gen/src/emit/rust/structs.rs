//! Trivially copyable standard-layout structs -> `#[repr(C)]` structs with public fields, `Copy`.
//! Rust re-checks size, alignment and every field offset at compile time, as the shim does in
//! C++, so the two compilers must agree or the build fails.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::{ident, rust_type, Paths};
use crate::model::{Item, Struct};

pub fn emit(item: &Item, s: &Struct, paths: &Paths, source: &str) -> TokenStream {
    let depth = item.ns.len();
    let name = ident(&item.rust_name);
    let doc = format!(" C++ {} `{}` ({source}): trivially copyable, held by value.", s.keyword, item.qualified());
    let repr = match s.explicit_align {
        Some(a) => {
            let a = Literal::u64_unsuffixed(a);
            quote!(#[repr(C, align(#a))])
        }
        None => quote!(#[repr(C)]),
    };
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = rust_type(&f.ty, paths, depth);
        quote!(pub #fname: #ty,)
    });
    let q = item.qualified();
    let check = |actual: TokenStream, expected: u64, what: String| {
        let expected = Literal::u64_unsuffixed(expected);
        let msg = format!("relocxx: {what} of `{q}` differs between C++ and Rust");
        quote!(if #actual != #expected { ::core::panic!(#msg) })
    };
    let mut checks = vec![
        check(quote!(::core::mem::size_of::<#name>()), s.size, "the size".into()),
        check(quote!(::core::mem::align_of::<#name>()), s.align, "the alignment".into()),
    ];
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        checks.push(check(quote!(::core::mem::offset_of!(#name, #fname)), f.offset, format!("the offset of `{}`", f.name)));
    }
    quote! {
        #[doc = #doc]
        #repr
        #[derive(Copy, Clone, Debug, PartialEq)]
        pub struct #name { #(#fields)* }
        const _: () = { #(#checks)* };
    }
}
