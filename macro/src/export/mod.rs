//! `#[relocxx::export]`: which Rust items and signatures can be exported to C++, how each type
//! maps, and the `extern "C"` symbol names — the one place this is defined (DESIGN §7). The
//! attribute macro uses it to write the `extern "C"` side (`export_glue.rs`); the generator
//! (`relocxx_gen::export`) includes this same file to read the exported items out of the
//! crate's sources and write the C++ header, so both sides always agree.
//!
//! Accepted (each refusal is an error at the offending token):
//! - free functions without generics, `async`, `unsafe`, receivers or C variadics, whose
//!   parameters map (below) and hold no `'static` reference (C++ promises no lifetime), and
//!   whose result maps and holds no reference at all (nothing would tie it to C++);
//! - structs with named, all-`pub` fields of numbers, `bool` and other exported plain structs:
//!   a C++ struct with the same fields (the macro makes the Rust side `#[repr(C)]`);
//! - any other struct (no generics): an opaque C++ class holding the Rust value by value, of
//!   `Option<T>`'s size (`T`'s whenever `T` has a niche; the moved-from state is `None`);
//! - fieldless enums with literal discriminants: a C++ `enum class` over their `#[repr]`
//!   integer (`i32` when there is none); C++ values naming no variant are refused at run time;
//! - inherent `impl` blocks of exported structs: their `pub` methods, as C++ member functions
//!   (`&self` const, `&mut self`, `self` by copy) and static members (no receiver);
//! - `impl Display for T`: C++ `to_string(const T&)` and `operator<<`.
//!
//! Types: `i8`..`u64`, `isize`, `usize`, `f32`, `f64`, `bool`; `&str` and `String` parameters
//! (`relocxx::rust::Str`), a `String` result (`relocxx::rust::String`); `&[T]`/`&mut [T]`
//! (`relocxx::rust::Slice`) and `Vec<T>` of numbers or exported plain structs; `Option<T>`
//! (`std::optional`); `Result<T, E: Display>` as the result (`Err` throws
//! `relocxx::rust::Error`); exported structs and enums by value; `&T`/`&mut T` parameters of
//! numbers and plain structs (`const T&` / `T&`).

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;

mod types;
use types::{map_type, Place};
pub use types::{Prim, Ty};

/// A refusal, at the token it is about.
pub struct Error {
    pub span: Span,
    pub message: String,
}

fn err<T>(at: &dyn Spanned, message: impl Into<String>) -> Result<T, Error> {
    Err(Error {
        span: at.span(),
        message: message.into(),
    })
}

/// The attribute's arguments: `namespace = "a::b"` (the C++ namespace; none by default).
#[derive(Clone, Default)]
pub struct Args {
    pub namespace: Vec<String>,
    /// `include = "geometry.h"`: C++ headers the export header includes (those declaring the
    /// C++ classes, bound with relocxx, that the item's signatures pass by reference).
    pub include: Vec<String>,
    /// `size = N, align = M` on an opaque struct: the size and alignment of `Option<T>` (the
    /// C++ class's storage), stated so the header can be written before the crate is compiled
    /// (a `build.rs` writes it before rustc runs). The attribute asserts both against rustc's.
    pub layout: Option<(u64, u64)>,
}

pub fn parse_args(tokens: TokenStream) -> Result<Args, Error> {
    let mut args = Args::default();
    if tokens.is_empty() {
        return Ok(args);
    }
    let parser =
        syn::punctuated::Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated;
    let list = syn::parse::Parser::parse2(parser, tokens).map_err(|e| Error {
        span: e.span(),
        message: format!("relocxx::export takes `namespace = \"a::b\"` ({e})"),
    })?;
    let (mut size, mut align) = (None, None);
    for nv in list {
        if nv.path.is_ident("size") || nv.path.is_ident("align") {
            let n = match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(i),
                    ..
                }) => i.base10_parse::<u64>().map_err(|e| Error {
                    span: i.span(),
                    message: e.to_string(),
                })?,
                v => return err(v, "expected an integer literal"),
            };
            if nv.path.is_ident("size") {
                size = Some((n, nv.value.span()));
            } else if n.is_power_of_two() {
                align = Some((n, nv.value.span()));
            } else {
                return err(&nv.value, "an alignment is a power of two");
            }
            continue;
        }
        let value = match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => s.value(),
            v => return err(v, "expected a string literal"),
        };
        if nv.path.is_ident("namespace") {
            let segs: Vec<String> = value
                .split("::")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if segs.iter().any(|s| !is_identifier(s)) {
                return err(&nv.value, format!("`{value}` is not a C++ namespace name"));
            }
            args.namespace = segs;
        } else if nv.path.is_ident("include") {
            args.include.push(value);
        } else {
            return err(
                &nv.path,
                "unknown argument: relocxx::export takes `namespace = \"...\"`, `include = \"header.h\"` and, on opaque structs, `size = N, align = M`",
            );
        }
    }
    match (size, align) {
        (Some((s, _)), Some((a, _))) => args.layout = Some((s, a)),
        (None, None) => {}
        (Some((_, span)), None) | (None, Some((_, span))) => {
            return Err(Error {
                span,
                message: "state both `size = N` and `align = M` (of `Option<T>`, the C++ storage)"
                    .into(),
            })
        }
    }
    Ok(args)
}

fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

/// A function's result.
#[derive(Clone)]
pub enum Ret {
    Unit,
    Value(Ty),
    /// `Result<T, E>` (or a `Result<T>` alias): `None` for `T = ()`.
    Result(Option<Ty>),
}

#[derive(Clone)]
pub struct Param {
    /// The Rust name (`arg<i>` for `_` patterns), also the C++ parameter name.
    pub name: String,
    pub ty: Ty,
    pub rust_ty: syn::Type,
}

#[derive(Clone)]
pub struct Func {
    pub ident: syn::Ident,
    pub params: Vec<Param>,
    pub ret: Ret,
    /// The Rust result type (`Ret::Value`) or the `Ok` type (`Ret::Result`).
    pub rust_ret: Option<syn::Type>,
    pub docs: Vec<String>,
}

#[derive(Clone)]
pub struct Plain {
    pub ident: syn::Ident,
    pub fields: Vec<(syn::Ident, Ty)>,
    pub docs: Vec<String>,
    /// `#[derive(PartialEq)]` seen: C++ gets `operator==` (field by field, as derived).
    pub partial_eq: bool,
    /// `#[derive(Copy)]` seen: elements of slices and `Vec`s.
    pub copy: bool,
}

#[derive(Clone)]
pub struct Enum {
    pub ident: syn::Ident,
    pub repr: Prim,
    pub variants: Vec<(syn::Ident, i128)>,
    pub docs: Vec<String>,
}

/// How a method takes `self`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// `&self`: a `const` member function.
    Ref,
    /// `&mut self`: a member function.
    Mut,
    /// `self` (plain data is `Copy`): a `const` member function passing a copy.
    Value,
}

#[derive(Clone)]
pub struct Method {
    pub func: Func,
    /// `None`: an associated function (a `static` member).
    pub receiver: Option<Receiver>,
}

/// The `pub` methods of an inherent `impl` block of an exported type.
#[derive(Clone)]
pub struct Impl {
    /// The type's name (its last path segment) and the type as written.
    pub self_name: String,
    pub self_ty: syn::Type,
    pub methods: Vec<Method>,
}

/// Any other struct: a C++ class of the Rust value's size holding it by value (moved as bytes,
/// destroyed by running `Drop` once), with the methods of its exported `impl` blocks.
#[derive(Clone)]
pub struct Opaque {
    pub ident: syn::Ident,
    pub docs: Vec<String>,
    /// `#[derive(Clone)]` seen: a C++ copy constructor.
    pub clone: bool,
    /// `#[derive(PartialEq)]` / `#[derive(PartialOrd)]` seen: C++ comparison operators.
    pub partial_eq: bool,
    pub partial_ord: bool,
}

#[derive(Clone)]
pub enum Export {
    Fn(Func),
    Plain(Plain),
    Opaque(Opaque),
    Enum(Enum),
    Impl(Impl),
    /// `impl Display for T`: C++ `to_string(const T&)` and `operator<<`.
    Display {
        self_name: String,
        self_ty: syn::Type,
    },
}

pub fn docs(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(string_value)
        .collect()
}

/// The string of a `#[name = "value"]` attribute.
pub fn string_value(a: &syn::Attribute) -> Option<String> {
    match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = a.parse_nested_meta(|m| {
            if let Some(last) = m.path.segments.last() {
                out.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    out
}

/// Whether an attribute is `#[relocxx::export]` (or `#[export]`, imported).
pub fn is_export_attr(a: &syn::Attribute) -> bool {
    let segs: Vec<String> = a
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(
        segs.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["relocxx", "export"] | ["export"]
    )
}

/// Reads one exported item.
pub fn parse_item(item: &syn::Item) -> Result<Export, Error> {
    match item {
        syn::Item::Fn(f) => parse_fn(f).map(Export::Fn),
        syn::Item::Struct(s) => parse_struct(s),
        syn::Item::Enum(e) => parse_enum(e).map(Export::Enum),
        syn::Item::Impl(i) => parse_impl(i),
        other => err(
            other,
            "relocxx::export applies to functions, structs, enums and their impl blocks",
        ),
    }
}

fn parse_impl(i: &syn::ItemImpl) -> Result<Export, Error> {
    if !i.generics.params.is_empty() {
        return err(&i.generics, "generic impl blocks cannot be exported");
    }
    let self_name = match &*i.self_ty {
        syn::Type::Path(p) if p.qself.is_none() => match p.path.segments.last() {
            Some(seg) if seg.arguments.is_none() => seg.ident.to_string(),
            _ => return err(&i.self_ty, "the impl's type is an exported struct or enum"),
        },
        other => return err(other, "the impl's type is an exported struct or enum"),
    };
    if let Some((path, _)) = &i.trait_ {
        let is_display = path.segments.last().is_some_and(|s| s.ident == "Display");
        if !is_display {
            return err(
                path,
                "of trait impls, only `Display` is exported (as `to_string` and `operator<<`)",
            );
        }
        return Ok(Export::Display {
            self_name,
            self_ty: (*i.self_ty).clone(),
        });
    }
    let mut methods = Vec::new();
    for item in &i.items {
        let syn::ImplItem::Fn(f) = item else { continue };
        if !matches!(f.vis, syn::Visibility::Public(_)) {
            continue;
        }
        let (func, receiver) = parse_signature(&f.sig, &f.attrs, Some(&i.self_ty))?;
        methods.push(Method { func, receiver });
    }
    Ok(Export::Impl(Impl {
        self_name,
        self_ty: (*i.self_ty).clone(),
        methods,
    }))
}

fn parse_fn(f: &syn::ItemFn) -> Result<Func, Error> {
    let (func, receiver) = parse_signature(&f.sig, &f.attrs, None)?;
    match receiver {
        Some(_) => err(&f.sig, "a free function has no receiver"),
        None => Ok(func),
    }
}

/// A function's signature; `self_ty` (inside an `impl`) replaces `Self` and allows a receiver.
fn parse_signature(
    sig: &syn::Signature,
    attrs: &[syn::Attribute],
    self_ty: Option<&syn::Type>,
) -> Result<(Func, Option<Receiver>), Error> {
    if !sig.generics.params.is_empty() {
        return err(&sig.generics, "generic functions cannot be exported: C++ would need one function per instantiation (export a non-generic wrapper)");
    }
    if let Some(a) = &sig.asyncness {
        return err(a, "async functions cannot be exported");
    }
    if let syn::Safety::Unsafe(u) = &sig.safety {
        return err(
            u,
            "an `unsafe fn` has preconditions C++ callers cannot see: export a safe wrapper",
        );
    }
    if let Some(abi) = &sig.abi {
        return err(
            abi,
            "the export writes the `extern \"C\"` side itself: remove the ABI",
        );
    }
    if let Some(v) = &sig.variadic {
        return err(v, "variadic functions cannot be exported");
    }
    let mut params = Vec::new();
    let mut receiver = None;
    for (i, input) in sig.inputs.iter().enumerate() {
        let pt = match (input, self_ty) {
            (syn::FnArg::Receiver(r), Some(_)) => {
                receiver = Some(match &r.kind {
                    syn::ReceiverKind::Reference(_, _, Some(_)) => Receiver::Mut,
                    syn::ReceiverKind::Reference(_, _, None) => Receiver::Ref,
                    syn::ReceiverKind::Value => Receiver::Value,
                    _ => {
                        return err(
                            r,
                            "only `self`, `&self` and `&mut self` receivers are exported",
                        )
                    }
                });
                continue;
            }
            (syn::FnArg::Receiver(r), None) => return err(r, "a free function has no receiver"),
            (syn::FnArg::Typed(pt), _) => pt,
        };
        let name = match &*pt.pat {
            syn::Pat::Ident(p) => p.ident.to_string().trim_start_matches("r#").to_string(),
            _ => format!("arg{i}"),
        };
        let rust_ty = replace_self(&pt.ty, self_ty);
        params.push(Param {
            name,
            ty: map_type(&rust_ty, Place::Param)?,
            rust_ty,
        });
    }
    let output = match &sig.output {
        syn::ReturnType::Default => None,
        syn::ReturnType::Type(_, t) => Some(replace_self(t, self_ty)),
    };
    let (ret, rust_ret) = match &output {
        None => (Ret::Unit, None),
        Some(t) => match result_ok(t) {
            Some(syn::Type::Tuple(ok)) if ok.elems.is_empty() => (Ret::Result(None), None),
            Some(ok) => (
                Ret::Result(Some(map_type(ok, Place::Result)?)),
                Some(ok.clone()),
            ),
            None => match t {
                syn::Type::Tuple(tu) if tu.elems.is_empty() => (Ret::Unit, None),
                t => (Ret::Value(map_type(t, Place::Result)?), Some(t.clone())),
            },
        },
    };
    Ok((
        Func {
            ident: sig.ident.clone(),
            params,
            ret,
            rust_ret,
            docs: docs(attrs),
        },
        receiver,
    ))
}

/// `ty` with `Self` replaced by the impl's type (the glue is outside the impl block).
fn replace_self(ty: &syn::Type, self_ty: Option<&syn::Type>) -> syn::Type {
    let mut t = ty.clone();
    if let Some(with) = self_ty {
        rewrite_types(&mut t, &mut |t| {
            if matches!(t, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Self")) {
                *t = with.clone();
            }
        });
    }
    t
}

/// Calls `f` on `ty` and then on every type inside it (references, slices, arrays, generic
/// arguments), for the rewrites the glue needs (`Self`, lifetimes).
pub fn rewrite_types(ty: &mut syn::Type, f: &mut dyn FnMut(&mut syn::Type)) {
    f(ty);
    match ty {
        syn::Type::Reference(r) => rewrite_types(&mut r.elem, f),
        syn::Type::Slice(s) => rewrite_types(&mut s.elem, f),
        syn::Type::Array(a) => rewrite_types(&mut a.elem, f),
        syn::Type::Paren(p) => rewrite_types(&mut p.elem, f),
        syn::Type::Group(g) => rewrite_types(&mut g.elem, f),
        syn::Type::Path(p) => {
            for seg in p.path.segments.iter_mut() {
                if let syn::PathArguments::AngleBracketed(a) = &mut seg.arguments {
                    for g in a.args.iter_mut() {
                        if let syn::GenericArgument::Type(t) = g {
                            rewrite_types(t, f);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// The `T` of a `Result<T, ..>` result (any path ending in `Result` with a first type argument).
fn result_ok(t: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = t else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// A struct whose fields are all `pub` and plain data is a C++ struct; any other is opaque.
fn parse_struct(s: &syn::ItemStruct) -> Result<Export, Error> {
    if !s.generics.params.is_empty() {
        return err(
            &s.generics,
            "generic structs cannot be exported: C++ would need one class per instantiation",
        );
    }
    let d = derives(&s.attrs);
    let plain_fields = match &s.fields {
        syn::Fields::Named(named) => named
            .named
            .iter()
            .map(|f| match (&f.vis, map_type(&f.ty, Place::Element)) {
                (syn::Visibility::Public(_), Ok(t)) => Some((f.ident.clone().expect("named"), t)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>(),
        _ => None,
    };
    // A struct without fields is zero bytes in Rust and one in C++: opaque too.
    let Some(fields) = plain_fields.filter(|f| !f.is_empty()) else {
        return Ok(Export::Opaque(Opaque {
            ident: s.ident.clone(),
            docs: docs(&s.attrs),
            clone: d.iter().any(|x| x == "Clone"),
            partial_eq: d.iter().any(|x| x == "PartialEq"),
            partial_ord: d.iter().any(|x| x == "PartialOrd"),
        }));
    };
    for a in s.attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let text = a.meta.to_token_stream().to_string().replace(' ', "");
        if text != "repr(C)" {
            return err(
                a,
                "an exported plain struct is `#[repr(C)]` (the export adds it): remove this `repr`",
            );
        }
    }
    Ok(Export::Plain(Plain {
        ident: s.ident.clone(),
        fields,
        docs: docs(&s.attrs),
        partial_eq: d.iter().any(|x| x == "PartialEq"),
        copy: d.iter().any(|x| x == "Copy"),
    }))
}

fn parse_enum(e: &syn::ItemEnum) -> Result<Enum, Error> {
    if !e.generics.params.is_empty() {
        return err(&e.generics, "generic enums cannot be exported");
    }
    let mut repr = Prim::I32;
    for a in e.attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let mut found = None;
        let _ = a.parse_nested_meta(|m| {
            if let Some(p) = m
                .path
                .get_ident()
                .and_then(|i| Prim::from_name(&i.to_string()))
            {
                found = Some(p);
            }
            Ok(())
        });
        match found {
            Some(p) if p.is_integer() => repr = p,
            _ => return err(a, "an exported enum's `repr` is an integer type"),
        }
    }
    let mut variants = Vec::new();
    let mut next: i128 = 0;
    for v in &e.variants {
        if !matches!(v.fields, syn::Fields::Unit) {
            return err(v, "only fieldless enums are exported (a C++ `enum class`)");
        }
        let value = match &v.discriminant {
            None => next,
            Some((_, expr)) => literal_int(expr).ok_or_else(|| Error {
                span: expr.span(),
                message: "an exported enum's discriminant is an integer literal".into(),
            })?,
        };
        variants.push((v.ident.clone(), value));
        next = value + 1;
    }
    Ok(Enum {
        ident: e.ident.clone(),
        repr,
        variants,
        docs: docs(&e.attrs),
    })
}

fn literal_int(e: &syn::Expr) -> Option<i128> {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            literal_int(&u.expr).map(|v| -v)
        }
        syn::Expr::Paren(p) => literal_int(&p.expr),
        _ => None,
    }
}

/// The `extern "C"` symbol of an exported function: `relocxx_rs_` and length-prefixed
/// segments (namespace, then names), so `a_b::c` and `a::b_c` stay apart.
pub fn symbol(namespace: &[String], names: &[&str]) -> String {
    let mut s = String::from("relocxx_rs_");
    for seg in namespace
        .iter()
        .map(String::as_str)
        .chain(names.iter().copied())
    {
        let seg = seg.trim_start_matches("r#");
        s.push_str(&seg.len().to_string());
        s.push_str(seg);
    }
    s
}

/// Calls `f` with the path of every exported-type name in `export`'s signatures and fields.
pub fn visit_named(export: &mut Export, f: &mut dyn FnMut(&mut Vec<String>)) {
    fn ty(t: &mut Ty, f: &mut dyn FnMut(&mut Vec<String>)) {
        match t {
            Ty::Named(p) => f(p),
            Ty::Slice { elem: e, .. } | Ty::Vec(e) | Ty::Option(e) | Ty::Ref { inner: e, .. } => {
                ty(e, f)
            }
            Ty::Prim(_) | Ty::Str | Ty::String => {}
        }
    }
    fn func(x: &mut Func, f: &mut dyn FnMut(&mut Vec<String>)) {
        for p in &mut x.params {
            ty(&mut p.ty, f);
        }
        if let Ret::Value(t) | Ret::Result(Some(t)) = &mut x.ret {
            ty(t, f);
        }
    }
    match export {
        Export::Fn(x) => func(x, f),
        Export::Impl(i) => i.methods.iter_mut().for_each(|m| func(&mut m.func, f)),
        Export::Plain(p) => p.fields.iter_mut().for_each(|(_, t)| ty(t, f)),
        Export::Enum(_) | Export::Opaque(_) | Export::Display { .. } => {}
    }
}

/// The C layout (size, align) of a plain struct: `#[repr(C)]` on the Rust side, the same fields
/// in C++, so both sides assert these numbers. `nested` gives the layout of a named field's
/// type (`None`: unknown). `None` when a field's size is the target's (`isize`/`usize`: the
/// macro runs on the host) or unknown.
pub fn plain_layout(
    p: &Plain,
    nested: &dyn Fn(&[String]) -> Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let (mut size, mut align) = (0usize, 1usize);
    for (_, t) in &p.fields {
        let (s, a) = match t {
            Ty::Prim(Prim::Isize | Prim::Usize) => return None,
            Ty::Prim(prim) => (prim.c_size(), prim.c_size()),
            Ty::Named(path) => nested(path)?,
            _ => return None,
        };
        size = size.div_ceil(a) * a + s;
        align = align.max(a);
    }
    Some((size.div_ceil(align) * align, align))
}
