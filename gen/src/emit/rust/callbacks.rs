//! Rust closures for `std::function` parameters (`analyze::callbacks`): the parameter is
//! `impl FnMut(Args...) -> R + Send + 'static`; the wrapper turns the closure into a holder (the
//! runtime's `relocxx::subclass::Holder`, so calls are checked for overlap and panics abort),
//! its drop function and a call function monomorphized for the closure type, from which the
//! thunk builds the `std::function` (`emit::cpp::thunks`). Values cross as for a virtual
//! implemented in Rust (`upcalls`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::Paths;
use super::upcalls::{arg_conversions, ffi_params, ffi_ret, param_types, ret_type, UpSig};
use crate::analyze::callbacks::callback_type;
use crate::model::{Param, UpRet};

fn sig(p: &Param) -> UpSig<'_> {
    let (ret, params) = callback_type(&p.ty).expect("a callback parameter");
    let cb = p
        .callback
        .as_ref()
        .expect("analyze::callbacks sets every callback's crossing");
    UpSig::of_callback(ret, params, cb)
}

/// `FnMut(Args...) -> R + Send + 'static`.
pub fn bound(p: &Param, paths: &Paths, depth: usize) -> TokenStream {
    let s = sig(p);
    let tys = param_types(&s, paths, depth);
    let ret = ret_type(&s, paths, depth);
    quote!(::core::ops::FnMut(#(#tys),*) #ret + ::core::marker::Send + 'static)
}

/// The type of the call function C++ receives.
pub fn call_type(p: &Param, paths: &Paths, depth: usize) -> TokenStream {
    let s = sig(p);
    let ps = ffi_params(&s, paths, depth);
    let fr = ffi_ret(&s, paths, depth);
    quote!(unsafe extern "C" fn(*mut ::core::ffi::c_void, *mut ::core::ffi::c_void, #(#ps),*) #fr)
}

/// An expression turning the closure `id` into (holder, drop, call).
pub fn into_parts(p: &Param, paths: &Paths, depth: usize, id: &Ident) -> TokenStream {
    let s = sig(p);
    let bound = bound(p, paths, depth);
    let ps = ffi_params(&s, paths, depth);
    let fr = ffi_ret(&s, paths, depth);
    let call_ty = call_type(p, paths, depth);
    let converted = arg_conversions(&s);
    let what = format!("the Rust closure given for `{}` (a std::function)", p.name);
    let call = quote! {
        ::relocxx::subclass::__upcall_mut::<F, _>(
            holder,
            ::core::ptr::null_mut(),
            &::relocxx::subclass::__CALLBACK,
            #what,
            |f| f(#(#converted),*),
        )
    };
    let body = match s.up_ret {
        UpRet::Void | UpRet::Value => call,
        UpRet::Out | UpRet::String => quote!(::core::ptr::write(ret, #call)),
    };
    quote! {{
        fn parts<F: #bound>(f: F) -> (
            *mut ::core::ffi::c_void,
            unsafe extern "C" fn(*mut ::core::ffi::c_void),
            #call_ty,
        ) {
            unsafe extern "C" fn call<F: #bound>(
                holder: *mut ::core::ffi::c_void,
                _cpp: *mut ::core::ffi::c_void,
                #(#ps),*
            ) #fr {
                // SAFETY: called by the `std::function` the thunk built, with this closure's
                // holder and the values of its call operator's parameters.
                unsafe { #body }
            }
            (
                ::relocxx::subclass::Holder::exclusive(f),
                ::relocxx::subclass::__drop::<F>,
                call::<F>,
            )
        }
        parts(#id)
    }}
}
