//! Lowering a call from C++ into Rust (a virtual implemented in Rust, a closure given for a
//! `std::function`): the `extern "C"` parameters C++ passes, the Rust types the implementation
//! sees, and the conversions between them. The crossing of each value was decided by
//! `analyze::subclass` (`UpParam`/`UpRet`); `emit::cpp::upcalls` is the other half.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{pointee_type, rust_type, Paths};
use crate::model::{Callback, InterfaceMethod, Type, UpParam, UpRet};

/// One call from C++ into Rust: the C++ parameter and result types and their crossings.
pub struct UpSig<'a> {
    pub tys: Vec<&'a Type>,
    pub ups: &'a [UpParam],
    pub ret: &'a Type,
    pub up_ret: UpRet,
}

impl<'a> UpSig<'a> {
    pub fn of_method(m: &'a InterfaceMethod) -> UpSig<'a> {
        UpSig {
            tys: m.method.params.iter().map(|p| &p.ty).collect(),
            ups: &m.params,
            ret: &m.method.ret,
            up_ret: m.ret,
        }
    }

    /// The closure of a `std::function` parameter (`analyze::callbacks` set its crossings).
    pub fn of_function_param(p: &'a crate::model::Param) -> UpSig<'a> {
        let (ret, params) =
            crate::analyze::callbacks::callback_type(&p.ty).expect("a callback parameter");
        let cb = p
            .callback
            .as_ref()
            .expect("analyze::callbacks sets every callback's crossing");
        UpSig::of_callback(ret, params, cb)
    }

    pub fn of_callback(ret: &'a Type, params: &'a [Type], cb: &'a Callback) -> UpSig<'a> {
        UpSig {
            tys: params.iter().collect(),
            ups: &cb.params,
            ret,
            up_ret: cb.ret,
        }
    }
}

pub fn pointee(ty: &Type) -> &Type {
    match ty {
        Type::Ref { pointee, .. } => pointee,
        t => t,
    }
}

/// The trait method's parameter types, as the implementation sees them.
pub fn param_types(sig: &UpSig<'_>, paths: &Paths, depth: usize) -> Vec<TokenStream> {
    sig.tys
        .iter()
        .zip(sig.ups)
        .map(|(ty, up)| match up {
            UpParam::Value | UpParam::Copy | UpParam::Move => rust_type(ty, paths, depth),
            UpParam::RawMut => {
                let t = pointee_type(pointee(ty), paths, depth);
                quote!(*mut #t)
            }
            UpParam::Ref { is_const, pinned } => {
                let t = pointee_type(pointee(ty), paths, depth);
                match (is_const, pinned) {
                    (true, _) => quote!(&#t),
                    (false, true) => quote!(::core::pin::Pin<&mut #t>),
                    (false, false) => quote!(&mut #t),
                }
            }
            UpParam::String => quote!(::relocxx::CppString),
            UpParam::View => quote!(&[u8]),
        })
        .collect()
}

pub fn ret_type(sig: &UpSig<'_>, paths: &Paths, depth: usize) -> TokenStream {
    match sig.up_ret {
        UpRet::Void => quote!(),
        UpRet::Value | UpRet::Out => {
            let t = rust_type(sig.ret, paths, depth);
            quote!(-> #t)
        }
        UpRet::String => quote!(-> ::relocxx::CppString),
    }
}

/// FFI parameters of one value (C++ side of the crossing).
pub fn ffi_params(sig: &UpSig<'_>, paths: &Paths, depth: usize) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for (i, (ty, up)) in sig.tys.iter().zip(sig.ups).enumerate() {
        let a = format_ident!("a{i}");
        let t = pointee_type(pointee(ty), paths, depth);
        out.push(match up {
            UpParam::Value => {
                let t = rust_type(ty, paths, depth);
                quote!(#a: #t)
            }
            UpParam::Ref { is_const: true, .. } => quote!(#a: *const #t),
            UpParam::Ref { .. } | UpParam::RawMut | UpParam::Copy | UpParam::Move => {
                quote!(#a: *mut #t)
            }
            UpParam::String => quote!(#a: *const ::relocxx::CppStr),
            UpParam::View => {
                let l = format_ident!("a{i}_len");
                quote!(#a: *const ::core::ffi::c_char, #l: usize)
            }
        });
    }
    match sig.up_ret {
        UpRet::Out => {
            let t = rust_type(sig.ret, paths, depth);
            out.push(quote!(ret: *mut #t));
        }
        UpRet::String => out.push(quote!(ret: *mut ::relocxx::CppString)),
        UpRet::Void | UpRet::Value => {}
    }
    out
}

pub fn ffi_ret(sig: &UpSig<'_>, paths: &Paths, depth: usize) -> TokenStream {
    match sig.up_ret {
        UpRet::Value => {
            let t = rust_type(sig.ret, paths, depth);
            quote!(-> #t)
        }
        _ => quote!(),
    }
}

/// The Rust function's arguments, from the FFI parameters `a0`, `a1`...
pub fn arg_conversions(sig: &UpSig<'_>) -> Vec<TokenStream> {
    sig.ups
        .iter()
        .enumerate()
        .map(|(i, up)| {
            let a = format_ident!("a{i}");
            match up {
                UpParam::Value | UpParam::RawMut => quote!(#a),
                UpParam::Ref { is_const: true, .. } => quote!(&*#a),
                UpParam::Ref { pinned: true, .. } => quote!(::core::pin::Pin::new_unchecked(&mut *#a)),
                UpParam::Ref { .. } => quote!(&mut *#a),
                // Plain data is copied; a relocatable object C++ moved into a temporary is
                // relocated into Rust (C++ destroys only its moved-from parameter).
                UpParam::Copy | UpParam::Move => quote!(::core::ptr::read(#a)),
                UpParam::String => quote!((&*#a).to_owned_string()),
                UpParam::View => {
                    let l = format_ident!("a{i}_len");
                    quote!(if #l == 0 { &[][..] } else { ::core::slice::from_raw_parts(#a as *const u8, #l) })
                }
            }
        })
        .collect()
}

/// The runtime check that no two reference arguments overlap when one is mutable (C++ can pass
/// one object twice; Rust must not get aliasing `&mut`), or nothing when no call could.
pub fn disjoint_check(sig: &UpSig<'_>, what: &str) -> TokenStream {
    let refs: Vec<(usize, bool)> = sig
        .ups
        .iter()
        .enumerate()
        .filter_map(|(i, up)| match up {
            UpParam::Ref { is_const, .. } => Some((i, !is_const)),
            _ => None,
        })
        .collect();
    if refs.len() < 2 || !refs.iter().any(|r| r.1) {
        return quote!();
    }
    let regions = refs.iter().map(|(i, m)| {
        let a = format_ident!("a{i}");
        quote!(::relocxx::subclass::__region(#a as *const _, #m))
    });
    quote!(::relocxx::subclass::__disjoint(&[#(#regions),*], #what);)
}
