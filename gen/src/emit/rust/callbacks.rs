//! Rust closures for `std::function` parameters (`analyze::callbacks`): the parameter is
//! `impl FnMut(Args...) -> R + Send + 'static`; the wrapper turns the closure into a holder (the
//! runtime's `relocxx::subclass::Holder`, so calls are checked for overlap and panics abort),
//! its drop function and a call function monomorphized for the closure type, from which the
//! thunk builds the `std::function` (`emit::cpp::thunks`). Values cross as for a virtual
//! implemented in Rust (`upcalls`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::Paths;
use super::upcalls::{
    arg_conversions, disjoint_check, ffi_params, ffi_ret, param_types, ret_type, UpSig,
};
use crate::model::{Param, Type, UpParam, UpRet};

fn sig(p: &Param) -> UpSig<'_> {
    UpSig::of_function_param(p)
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
    let check = disjoint_check(&s, &what);
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
                unsafe {
                    #check
                    #body
                }
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

/// The C function pointer of a `callback!` pair, and the closure's view of it: its arguments
/// without the `void*` context (at `arg`), in C order.
fn c_sig(p: &Param) -> (UpSig<'_>, usize) {
    let Type::FnPtr { ret, params } = &p.ty else {
        unreachable!("a callback! pair's function pointer")
    };
    let cb = p.callback.as_ref().expect("set by analyze::callbacks");
    let arg = cb.c_pair.expect("a callback! pair").arg;
    let mut s = UpSig::of_callback(ret, params, cb);
    s.tys.remove(arg);
    (s, arg)
}

fn c_ups(p: &Param) -> Vec<UpParam> {
    let cb = p.callback.as_ref().expect("set by analyze::callbacks");
    let mut ups = cb.params.clone();
    ups.remove(cb.c_pair.expect("a callback! pair").arg);
    ups
}

/// `FnMut(Args...) -> R + Send` (no `'static`: it lives only during the call).
pub fn c_bound(p: &Param, paths: &Paths, depth: usize) -> TokenStream {
    let (s, _) = c_sig(p);
    let ups = c_ups(p);
    let s = UpSig { ups: &ups, ..s };
    let tys = param_types(&s, paths, depth);
    let ret = ret_type(&s, paths, depth);
    quote!(::core::ops::FnMut(#(#tys),*) #ret + ::core::marker::Send)
}

/// The C function pointer type, with the context where C passes it.
pub fn c_call_type(p: &Param, paths: &Paths, depth: usize) -> TokenStream {
    let (s, arg) = c_sig(p);
    let ups = c_ups(p);
    let s = UpSig { ups: &ups, ..s };
    let mut ps = ffi_params(&s, paths, depth);
    ps.insert(arg, quote!(ctx: *mut ::core::ffi::c_void));
    let fr = ffi_ret(&s, paths, depth);
    quote!(unsafe extern "C" fn(#(#ps),*) #fr)
}

/// An expression turning the closure `id` into (holder freed at the end of the scope, the C
/// function to pass).
pub fn c_parts(p: &Param, paths: &Paths, depth: usize, id: &Ident) -> TokenStream {
    let (s, arg) = c_sig(p);
    let ups = c_ups(p);
    let s = UpSig { ups: &ups, ..s };
    let bound = c_bound(p, paths, depth);
    let mut ps = ffi_params(&s, paths, depth);
    ps.insert(arg, quote!(ctx: *mut ::core::ffi::c_void));
    let fr = ffi_ret(&s, paths, depth);
    let call_ty = c_call_type(p, paths, depth);
    let converted = arg_conversions(&s);
    let what = format!("the Rust closure given for `{}` (callback!)", p.name);
    let check = disjoint_check(&s, &what);
    quote! {{
        fn parts<'f, F: #bound + 'f>(f: F) -> (::relocxx::subclass::Scoped<'f>, #call_ty) {
            unsafe extern "C" fn call<F: #bound>(#(#ps),*) #fr {
                // SAFETY: C calls it with the context the wrapper passed (this closure's
                // holder, alive until the wrapper returns) and the arguments of its type.
                unsafe {
                    #check
                    ::relocxx::subclass::__upcall_mut::<F, _>(
                        ctx,
                        ::core::ptr::null_mut(),
                        &::relocxx::subclass::__CALLBACK,
                        #what,
                        |f| f(#(#converted),*),
                    )
                }
            }
            (::relocxx::subclass::Scoped::new(f), call::<F>)
        }
        parts(#id)
    }}
}
