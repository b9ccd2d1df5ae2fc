//! How each Rust type of an exported signature maps to C++ (the type half of the grammar in
//! `mod.rs`): numbers and `bool` as themselves, text and slices as views, owned `String`/`Vec`
//! results as Rust allocations C++ owns, `Option` as `std::optional`, exported items by name.

use super::{err, Error};

/// A number or `bool`: the same value in C++.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Prim {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    Isize,
    Usize,
    F32,
    F64,
    Bool,
}

impl Prim {
    pub fn from_name(n: &str) -> Option<Prim> {
        Some(match n {
            "i8" => Prim::I8,
            "i16" => Prim::I16,
            "i32" => Prim::I32,
            "i64" => Prim::I64,
            "u8" => Prim::U8,
            "u16" => Prim::U16,
            "u32" => Prim::U32,
            "u64" => Prim::U64,
            "isize" => Prim::Isize,
            "usize" => Prim::Usize,
            "f32" => Prim::F32,
            "f64" => Prim::F64,
            "bool" => Prim::Bool,
            _ => return None,
        })
    }

    pub fn rust(self) -> &'static str {
        match self {
            Prim::I8 => "i8",
            Prim::I16 => "i16",
            Prim::I32 => "i32",
            Prim::I64 => "i64",
            Prim::U8 => "u8",
            Prim::U16 => "u16",
            Prim::U32 => "u32",
            Prim::U64 => "u64",
            Prim::Isize => "isize",
            Prim::Usize => "usize",
            Prim::F32 => "f32",
            Prim::F64 => "f64",
            Prim::Bool => "bool",
        }
    }

    /// Size (and alignment) in bytes; `isize`/`usize` as on 64-bit targets (`plain_layout`
    /// leaves them out).
    pub fn c_size(self) -> usize {
        match self {
            Prim::I8 | Prim::U8 | Prim::Bool => 1,
            Prim::I16 | Prim::U16 => 2,
            Prim::I32 | Prim::U32 | Prim::F32 => 4,
            Prim::I64 | Prim::U64 | Prim::F64 | Prim::Isize | Prim::Usize => 8,
        }
    }

    pub fn is_integer(self) -> bool {
        !matches!(self, Prim::F32 | Prim::F64 | Prim::Bool)
    }
}

/// How a type maps to C++.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Prim(Prim),
    /// `&str`: `relocxx::rust::Str` (from `std::string_view`, `std::string`, `const char*`).
    Str,
    /// `String`: a `relocxx::rust::Str` argument, a `relocxx::rust::String` result.
    String,
    /// `&[T]` / `&mut [T]`: `relocxx::rust::Slice<const T>` / `Slice<T>`.
    Slice {
        elem: Box<Ty>,
        mutable: bool,
    },
    /// `Vec<T>`: a `Slice<const T>` argument (copied), a `relocxx::rust::Vec<T>` result.
    Vec(Box<Ty>),
    /// `Option<T>`: `std::optional`.
    Option(Box<Ty>),
    /// Another exported item, by its path as written (the last segment names it).
    Named(Vec<String>),
    /// `&T` / `&mut T` of plain data (a parameter): `const T&` / `T&`.
    Ref {
        inner: Box<Ty>,
        mutable: bool,
    },
}

/// Where a type appears: what may be in it differs.
#[derive(Copy, Clone, PartialEq, Eq)]
pub(super) enum Place {
    Param,
    Result,
    /// Inside a slice, `Vec` or a plain struct: numbers and plain structs only.
    Element,
}

pub(super) fn map_type(ty: &syn::Type, place: Place) -> Result<Ty, Error> {
    match ty {
        syn::Type::Paren(p) => map_type(&p.elem, place),
        syn::Type::Group(g) => map_type(&g.elem, place),
        syn::Type::Reference(r) => {
            if place == Place::Result {
                return err(r, "a returned reference cannot be exported: nothing ties its lifetime to C++ (return an owned value)");
            }
            if place == Place::Element {
                return err(r, "a reference cannot be an element here");
            }
            if let Some(l) = &r.lifetime {
                if l.ident == "static" {
                    return err(l, "a `'static` reference cannot come from C++: C++ does not promise that the value lives forever");
                }
            }
            match &*r.elem {
                syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => {
                    if r.mutability.is_some() {
                        return err(
                            r,
                            "`&mut str` cannot be exported (take `&str` or `&mut [u8]`)",
                        );
                    }
                    Ok(Ty::Str)
                }
                syn::Type::Slice(s) => Ok(Ty::Slice {
                    elem: Box::new(map_type(&s.elem, Place::Element)?),
                    mutable: r.mutability.is_some(),
                }),
                inner => match map_type(inner, Place::Element)? {
                    t @ (Ty::Prim(_) | Ty::Named(_)) => Ok(Ty::Ref {
                        inner: Box::new(t),
                        mutable: r.mutability.is_some(),
                    }),
                    _ => err(
                        inner,
                        "references are exported to numbers and exported plain structs",
                    ),
                },
            }
        }
        syn::Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().expect("a path has a segment");
            let name = last.ident.to_string();
            let args: Vec<&syn::Type> = match &last.arguments {
                syn::PathArguments::None => Vec::new(),
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .map(|g| match g {
                        syn::GenericArgument::Type(t) => Ok(t),
                        other => err(other, "only type arguments are supported here"),
                    })
                    .collect::<Result<_, _>>()?,
                syn::PathArguments::Parenthesized(a) => {
                    return err(a, "function traits cannot be exported")
                }
            };
            if p.path.segments.len() == 1 && args.is_empty() {
                if let Some(prim) = Prim::from_name(&name) {
                    return Ok(Ty::Prim(prim));
                }
                if name == "char" {
                    return err(ty, "`char` is not exported yet (pass a `u32` or a `&str`)");
                }
            }
            // `String`, `Vec`, `Option`... as the standard library's (a bound C++ class may be
            // named `geo::Vec`).
            let first = p.path.segments.first().map(|s| s.ident.to_string());
            let std_path = p.path.segments.len() == 1
                || matches!(first.as_deref(), Some("std" | "alloc" | "core"));
            let name = if std_path { name } else { String::new() };
            match (name.as_str(), args.as_slice()) {
                ("String", []) if place != Place::Element => Ok(Ty::String),
                ("Vec", [e]) if place != Place::Element => {
                    Ok(Ty::Vec(Box::new(map_type(e, Place::Element)?)))
                }
                ("Option", [e]) if place != Place::Element => {
                    let inner = map_type(e, place)?;
                    if matches!(inner, Ty::Option(_)) {
                        return err(e, "`Option<Option<T>>` has no C++ counterpart");
                    }
                    if matches!(inner, Ty::Ref { .. }) {
                        return err(e, "`Option<&T>` is not exported yet (`std::optional` holds no references)");
                    }
                    Ok(Ty::Option(Box::new(inner)))
                }
                ("Result", _) => err(ty, "`Result` is exported only as a function's whole result"),
                // Owning types are not plain data: a struct holding one is opaque.
                ("String" | "Vec" | "Option" | "Box", _) if place == Place::Element => {
                    err(ty, format!("`{name}` is not plain data"))
                }
                // `Pin<&mut T>` of a pinned C++ class: C++ passes `T&`.
                ("Pin", [e]) if place == Place::Param => match map_type(e, place)? {
                    t @ Ty::Ref { mutable: true, .. } => Ok(t),
                    _ => err(e, "`Pin` is exported around `&mut T` only"),
                },
                // C++ sees the boxed value itself (moved into or out of the box).
                ("Box", [e]) if place != Place::Element => map_type(e, place),
                ("Box" | "Rc" | "Arc" | "HashMap" | "BTreeMap" | "Cow", _) => {
                    err(ty, format!("`{name}` is not exported yet"))
                }
                (_, []) => Ok(Ty::Named(
                    p.path
                        .segments
                        .iter()
                        .map(|s| s.ident.to_string())
                        .collect(),
                )),
                _ => err(
                    ty,
                    "generic types cannot be exported (C++ would need one class per instantiation)",
                ),
            }
        }
        syn::Type::Tuple(t) if t.elems.is_empty() => err(t, "`()` is only a result"),
        syn::Type::ImplTrait(t) => err(
            t,
            "`impl Trait` cannot be exported (C++ needs one concrete type)",
        ),
        syn::Type::TraitObject(t) => err(t, "trait objects cannot be exported yet"),
        other => err(other, "this type cannot be exported"),
    }
}
