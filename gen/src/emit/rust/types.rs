//! `model::Type` -> Rust type tokens. The only place Rust spellings of C++ types are decided.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::abi::module_path;
use crate::model::{Item, Prim, StdType, Type};

/// Where Rust finds each bound record and enum, and how deep the code being emitted sits.
pub struct Paths {
    /// Qualified C++ name -> Rust path segments from the generated module's root.
    by_name: HashMap<String, Vec<String>>,
    /// Classes another binding owns (`extern_type`): qualified C++ name -> their Rust path as
    /// written (text, so that `Paths` can be shared by the threads printing the file).
    external: HashMap<String, String>,
}

impl Paths {
    pub fn new(items: &[Item]) -> Paths {
        let by_name = items
            .iter()
            .map(|i| {
                let mut segs = module_path(i);
                segs.push(i.rust_name.clone());
                (i.qualified(), segs)
            })
            .collect();
        let external = items
            .iter()
            .filter_map(|i| match &i.kind {
                crate::model::ItemKind::Record(r) => {
                    let path = r.extern_path.as_deref()?;
                    Some((i.qualified(), path.to_string()))
                }
                _ => None,
            })
            .collect();
        Paths { by_name, external }
    }

    /// Path to `qualified` from a module `depth` levels below the root.
    pub fn path(&self, qualified: &str, depth: usize) -> TokenStream {
        if let Some(path) = self.external.get(qualified) {
            return extern_path(path);
        }
        let supers = (0..depth).map(|_| quote!(super::));
        let segs = self
            .by_name
            .get(qualified)
            .cloned()
            .unwrap_or_else(|| vec![qualified.replace("::", "_")]);
        let segs = segs.iter().map(|s| ident(s));
        quote!(#(#supers)* #(#segs)::*)
    }
}

/// The tokens of an `extern_type` path: `crate::..` and `::..` as written, a path starting with
/// another crate's name made absolute (`::crate_a::..`) so no module of the bindings shadows it.
/// `options.rs` checked that it parses.
pub fn extern_path(path: &str) -> TokenStream {
    let path = path.trim();
    let text = if path.starts_with("::") || path.starts_with("crate::") {
        path.to_string()
    } else {
        format!("::{path}")
    };
    text.parse().unwrap_or_else(|_| quote!(crate))
}

/// An identifier that may be raw (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn prim(p: Prim) -> TokenStream {
    use Prim::*;
    match p {
        Bool => quote!(bool),
        CChar => quote!(::core::ffi::c_char),
        SChar => quote!(::core::ffi::c_schar),
        UChar => quote!(::core::ffi::c_uchar),
        Short => quote!(::core::ffi::c_short),
        UShort => quote!(::core::ffi::c_ushort),
        Int => quote!(::core::ffi::c_int),
        UInt => quote!(::core::ffi::c_uint),
        Long => quote!(::core::ffi::c_long),
        ULong => quote!(::core::ffi::c_ulong),
        LongLong => quote!(::core::ffi::c_longlong),
        ULongLong => quote!(::core::ffi::c_ulonglong),
        Float => quote!(f32),
        Double => quote!(f64),
        I8 => quote!(i8),
        I16 => quote!(i16),
        I32 => quote!(i32),
        I64 => quote!(i64),
        U8 => quote!(u8),
        U16 | Char16 => quote!(u16),
        U32 | Char32 => quote!(u32),
        U64 => quote!(u64),
        Usize => quote!(usize),
        Isize => quote!(isize),
    }
}

/// The Rust type a value of `ty` has in safe code (references stay references).
pub fn rust_type(ty: &Type, paths: &Paths, depth: usize) -> TokenStream {
    match ty {
        Type::Void => quote!(()),
        Type::Prim(p) => prim(*p),
        Type::Enum(q) | Type::Record(q) => paths.path(q, depth),
        Type::Pointer { pointee, is_const } => {
            let inner = pointee_type(pointee, paths, depth);
            if *is_const {
                quote!(*const #inner)
            } else {
                quote!(*mut #inner)
            }
        }
        Type::Ref { pointee, is_const } => {
            let inner = pointee_type(pointee, paths, depth);
            if *is_const {
                quote!(&#inner)
            } else {
                quote!(&mut #inner)
            }
        }
        Type::Array { elem, len } => {
            let inner = rust_type(elem, paths, depth);
            let len = proc_macro2::Literal::usize_unsuffixed(*len as usize);
            quote!([#inner; #len])
        }
        Type::Std(StdType::String) => quote!(::relocxx::CppString),
        Type::Std(StdType::StringView) => quote!(&[u8]),
        Type::Std(StdType::Vector(e)) => {
            let e = rust_type(e, paths, depth);
            quote!(::relocxx::CppVector<#e>)
        }
        Type::Std(StdType::UniquePtr(e)) => {
            // The pointee is the `std::string` object itself: `CppStr`, not the owned handle.
            let e = match &**e {
                Type::Std(StdType::String) => quote!(::relocxx::CppStr),
                e => rust_type(e, paths, depth),
            };
            quote!(::relocxx::UniquePtr<#e>)
        }
        Type::Std(StdType::SharedPtr(e)) => {
            let e = rust_type(e, paths, depth);
            quote!(::relocxx::SharedPtr<#e>)
        }
        Type::Std(StdType::Optional(e)) => {
            let e = rust_type(e, paths, depth);
            quote!(::core::option::Option<#e>)
        }
        Type::Std(StdType::Span { elem, is_const }) => {
            let e = rust_type(elem, paths, depth);
            if *is_const {
                quote!(&[#e])
            } else {
                quote!(&mut [#e])
            }
        }
        // Unreachable after `analyze::resolve`; spelled so a bug fails to compile loudly.
        Type::Unsupported { .. } => quote!(::core::compile_error!("relocxx: unsupported type")),
        // Nullable, and calling it is `unsafe`: C gives no more guarantees (bindgen's spelling).
        Type::FnPtr { ret, params } => {
            let ps = params.iter().map(|p| rust_type(p, paths, depth));
            let r = match &**ret {
                Type::Void => quote!(),
                t => {
                    let t = rust_type(t, paths, depth);
                    quote!(-> #t)
                }
            };
            quote!(::core::option::Option<unsafe extern "C" fn(#(#ps),*) #r>)
        }
        // Only parameters take closures (`analyze::callbacks`, lowered by `calls`).
        Type::Std(StdType::Function { .. }) => {
            quote!(::core::compile_error!(
                "relocxx: std::function outside a parameter"
            ))
        }
    }
}

/// Like `rust_type`, but for what a pointer or reference points at: `void` is `c_void`, and a
/// `std::string` object is the borrowed `CppStr` (the owned `CppString` is only a handle).
pub fn pointee_type(ty: &Type, paths: &Paths, depth: usize) -> TokenStream {
    match ty {
        Type::Void => quote!(::core::ffi::c_void),
        Type::Std(StdType::String) => quote!(::relocxx::CppStr),
        _ => rust_type(ty, paths, depth),
    }
}

/// The pointer type a reference to `pointee` becomes at the FFI boundary.
pub fn ffi_pointer(pointee: &Type, is_const: bool, paths: &Paths, depth: usize) -> TokenStream {
    rust_type(
        &Type::Pointer {
            pointee: Box::new(pointee.clone()),
            is_const,
        },
        paths,
        depth,
    )
}
