//! Enums -> `#[repr(transparent)]` newtypes over the underlying integer, with one associated
//! constant per enumerator. Any value C++ can store stays representable in Rust (a Rust `enum`
//! would make an out-of-range value from C++ undefined behaviour).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::Doc;
use super::types::{ident, prim};
use crate::model::{Enum, Item};

pub fn emit(item: &Item, e: &Enum, source: &str) -> TokenStream {
    let name = ident(&item.rust_name);
    let under = prim(e.underlying);
    let doc = Doc::cpp(&item.doc)
        .para(&format!(
            "C++ {} `{}` ({source}). Holds any value of the underlying type, not only the enumerators.",
            if e.scoped { "enum class" } else { "enum" },
            item.qualified()
        ))
        .attrs();
    let consts = e.variants.iter().map(|v| {
        let vname = ident(&crate::analyze::naming::rust_ident(&v.name));
        let value = literal(v.value);
        let doc = Doc::cpp(&v.doc)
            .para(&format!("C++ `{}::{}`.", item.qualified(), v.name))
            .attrs();
        quote!(#doc pub const #vname: #name = #name(#value);)
    });
    let mut seen = std::collections::HashSet::new();
    let arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter(|v| seen.insert(v.value))
        .map(|v| {
            let value = literal(v.value);
            let text = format!("{}::{}", item.rust_name.trim_start_matches("r#"), v.name);
            quote!(#value => f.write_str(#text),)
        })
        .collect();
    let msg = format!(
        "relocxx: `{}` is not the size of its underlying type",
        item.qualified()
    );
    let fallback = format!("{}({{}})", item.rust_name.trim_start_matches("r#"));
    quote! {
        #doc
        #[repr(transparent)]
        #[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name(pub #under);
        impl #name {
            #(#consts)*
        }
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.0 {
                    #(#arms)*
                    other => ::core::write!(f, #fallback, other),
                }
            }
        }
        const _: () = if ::core::mem::size_of::<#name>() != ::core::mem::size_of::<#under>() {
            ::core::panic!(#msg)
        };
    }
}

/// An integer literal for any enumerator value (negative values as `-N`).
fn literal(v: i128) -> TokenStream {
    let abs = Literal::u128_unsuffixed(v.unsigned_abs());
    if v < 0 {
        quote!(-#abs)
    } else {
        quote!(#abs)
    }
}
