//! Free functions: the `extern "C"` declaration of each thunk and its safe (or `unsafe`) wrapper.
//! How every parameter crosses is decided by `emit::abi`; this file only spells it in Rust.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ffi_pointer, ident, rust_type, Paths};
use crate::emit::abi::{self, Pass, Ret};
use crate::model::{Function, Item, Type};

fn pointee(ty: &Type) -> &Type {
    match ty {
        Type::Ref { pointee, .. } => pointee,
        other => other,
    }
}

/// `fn relocxx_...(...)` inside the `__ffi` module (depth 1).
pub fn ffi_decl(binding: &str, item: &Item, f: &Function, paths: &Paths) -> TokenStream {
    let name = format_ident!("{}", abi::thunk_name(binding, item));
    let mut params: Vec<TokenStream> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let a = format_ident!("a{i}");
            let ty = match abi::param(&p.ty) {
                Pass::Value | Pass::Enum => rust_type(&p.ty, paths, 1),
                Pass::ByPtr => ffi_pointer(&p.ty, true, paths, 1),
                Pass::Ref { is_const } => ffi_pointer(pointee(&p.ty), is_const, paths, 1),
            };
            quote!(#a: #ty)
        })
        .collect();
    let ret = match abi::ret(f) {
        Ret::Void => quote!(),
        Ret::Value | Ret::Enum => {
            let t = rust_type(&f.ret, paths, 1);
            quote!(-> #t)
        }
        Ret::OutPtr => {
            let t = ffi_pointer(&f.ret, false, paths, 1);
            params.push(quote!(ret: #t));
            quote!()
        }
        Ret::Borrow { is_const } | Ret::RawRef { is_const } => {
            let t = ffi_pointer(pointee(&f.ret), is_const, paths, 1);
            quote!(-> #t)
        }
    };
    quote!(pub fn #name(#(#params),*) #ret;)
}

/// The public wrapper, emitted in the module of the item's namespace.
pub fn wrapper(binding: &str, item: &Item, f: &Function, paths: &Paths, source: &str) -> TokenStream {
    let depth = item.ns.len();
    let name = ident(&item.rust_name);
    let thunk = format_ident!("{}", abi::thunk_name(binding, item));
    let supers = (0..depth).map(|_| quote!(super::));
    let thunk_path = quote!(#(#supers)* __ffi::#thunk);
    let mut params = Vec::new();
    let mut args = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (i, p) in f.params.iter().enumerate() {
        let mut pname = crate::analyze::naming::rust_ident(&p.name);
        if !used.insert(pname.clone()) || pname == "ret" {
            pname = format!("arg{i}");
        }
        let id = ident(&pname);
        let ty = rust_type(&p.ty, paths, depth);
        params.push(quote!(#id: #ty));
        args.push(match abi::param(&p.ty) {
            Pass::ByPtr => quote!(&#id),
            _ => quote!(#id),
        });
    }
    let (ret_ty, body) = match abi::ret(f) {
        Ret::Void => (quote!(), quote!(unsafe { #thunk_path(#(#args),*) })),
        Ret::Value | Ret::Enum => {
            let t = rust_type(&f.ret, paths, depth);
            (quote!(-> #t), quote!(unsafe { #thunk_path(#(#args),*) }))
        }
        Ret::OutPtr => {
            let t = rust_type(&f.ret, paths, depth);
            (
                quote!(-> #t),
                quote! {
                    let mut ret = ::core::mem::MaybeUninit::<#t>::uninit();
                    unsafe {
                        #thunk_path(#(#args,)* ret.as_mut_ptr());
                        ret.assume_init()
                    }
                },
            )
        }
        Ret::Borrow { is_const } => {
            let t = rust_type(&f.ret, paths, depth);
            let deref = if is_const { quote!(&*) } else { quote!(&mut *) };
            (quote!(-> #t), quote!(unsafe { #deref #thunk_path(#(#args),*) }))
        }
        Ret::RawRef { is_const } => {
            let t = ffi_pointer(pointee(&f.ret), is_const, paths, depth);
            (quote!(-> #t), quote!(unsafe { #thunk_path(#(#args),*) }))
        }
    };
    let what = format!(" C++ `{}` ({source}).", item.qualified());
    if abi::is_unsafe(f) {
        let safety = " Raw pointers go to C++ unchecked: they must be valid for what the C++ function does \
                      with them. A returned pointer carries no lifetime.";
        quote! {
            #[doc = #what]
            #[doc = ""]
            #[doc = " # Safety"]
            #[doc = #safety]
            pub unsafe fn #name(#(#params),*) #ret_ty { #body }
        }
    } else {
        quote! {
            #[doc = #what]
            pub fn #name(#(#params),*) #ret_ty { #body }
        }
    }
}
