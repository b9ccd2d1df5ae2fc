//! Constants -> `pub const`: numbers with their C++ type (`c_uint`, `f64`, an enum newtype),
//! C strings as `&'static CStr`. The shim re-checks each value with a `static_assert`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::Doc;
use super::types::{ident, rust_type, Paths};
use crate::model::{ConstValue, Constant, Item, Type};

pub fn emit(item: &Item, k: &Constant, paths: &Paths, depth: usize, source: &str) -> TokenStream {
    let name = ident(&item.rust_name);
    let doc = Doc::cpp(&item.doc)
        .para(&format!("C++ `{}` ({source}).", item.qualified()))
        .attrs();
    let (ty, value) = match (&k.value, &k.ty) {
        (ConstValue::Int(v), Type::Enum(_)) => {
            let t = rust_type(&k.ty, paths, depth);
            let v = Literal::i128_unsuffixed(*v);
            (t.clone(), quote!(#t(#v)))
        }
        (ConstValue::Int(v), Type::Prim(crate::model::Prim::Bool)) => {
            let b = *v != 0;
            (quote!(bool), quote!(#b))
        }
        (ConstValue::Int(v), _) => {
            let v = Literal::i128_unsuffixed(*v);
            // Untyped: the literal takes the constant's type (the value fits it exactly).
            (rust_type(&k.ty, paths, depth), quote!(#v))
        }
        (ConstValue::Float(v), _) => {
            let v = Literal::f64_unsuffixed(*v);
            (rust_type(&k.ty, paths, depth), quote!(#v))
        }
        (ConstValue::Str(s), _) => {
            let mut bytes = s.clone();
            bytes.push(0);
            let lit = Literal::byte_string(&bytes);
            (
                quote!(&::core::ffi::CStr),
                // The bytes end in their only NUL (checked when the constant was read).
                quote!(match ::core::ffi::CStr::from_bytes_with_nul(#lit) {
                    ::core::result::Result::Ok(s) => s,
                    ::core::result::Result::Err(_) => panic!("relocxx: not a C string"),
                }),
            )
        }
    };
    quote! {
        #doc
        pub const #name: #ty = #value;
    }
}
