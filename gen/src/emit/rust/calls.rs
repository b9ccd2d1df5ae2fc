//! Lowering one call (free function, constructor, method, operator) to Rust: the `extern "C"`
//! declaration of its thunk and the body of its wrapper. How each value crosses is decided by
//! `emit::abi`; this file only spells it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::Doc;
use super::types::{ffi_pointer, ident, pointee_type, rust_type, Paths};
use crate::emit::abi::{self, Pass, Receiver, Reprs, Ret, Sig};
use crate::model::{BorrowFrom, Type};

/// A call to lower.
pub struct Call<'a> {
    pub sig: Sig<'a>,
    /// Name of the thunk (an `__ffi` function).
    pub thunk: String,
    /// The record whose method this is (`Self`), if any, by qualified name.
    pub self_record: Option<&'a str>,
}

/// The Rust type of the element of a standard-library template type (`T` of `std::span<T>`).
fn element_type(ty: &Type, paths: &Paths, depth: usize) -> TokenStream {
    ty.std_element()
        .map(|e| rust_type(e, paths, depth))
        .unwrap_or_default()
}

pub fn pointee(ty: &Type) -> &Type {
    match ty {
        Type::Ref { pointee, .. } => pointee,
        other => other,
    }
}

/// `pub fn relocxx_...(...)` inside the `__ffi` module (depth 1).
pub fn ffi_decl(call: &Call<'_>, paths: &Paths, reprs: &Reprs) -> TokenStream {
    let name = format_ident!("{}", call.thunk);
    let mut params = Vec::new();
    if let Some(q) = call.self_record {
        let t = paths.path(q, 1);
        params.push(match call.sig.receiver {
            Receiver::None => quote!(),
            Receiver::Const => quote!(this: *const #t),
            Receiver::Mut | Receiver::PinMut => quote!(this: *mut #t),
        });
        params.retain(|p| !p.is_empty());
    }
    for (i, p) in call.sig.params.iter().enumerate() {
        let a = format_ident!("a{i}");
        let ty = match abi::param_of(p, reprs) {
            Pass::Value | Pass::Enum => rust_type(&p.ty, paths, 1),
            Pass::CopyIn => ffi_pointer(&p.ty, true, paths, 1),
            Pass::MoveIn => ffi_pointer(&p.ty, false, paths, 1),
            Pass::Ref { is_const, .. } => ffi_pointer(pointee(&p.ty), is_const, paths, 1),
            Pass::StringMove => quote!(*mut ::core::ffi::c_void),
            Pass::View => {
                let (d, l) = (format_ident!("a{i}_data"), format_ident!("a{i}_len"));
                params.push(quote!(#d: *const ::core::ffi::c_char));
                params.push(quote!(#l: usize));
                continue;
            }
            Pass::CClosure => super::callbacks::c_call_type(p, paths, 1),
            Pass::Context => quote!(*mut ::core::ffi::c_void),
            Pass::Callback => {
                let (d, c) = (format_ident!("a{i}_drop"), format_ident!("a{i}_call"));
                let call_ty = super::callbacks::call_type(p, paths, 1);
                params.push(quote!(#a: *mut ::core::ffi::c_void));
                params.push(quote!(#d: unsafe extern "C" fn(*mut ::core::ffi::c_void)));
                params.push(quote!(#c: #call_ty));
                continue;
            }
            Pass::Span { is_const } => {
                let (d, l) = (format_ident!("a{i}_data"), format_ident!("a{i}_len"));
                let e = element_type(&p.ty, paths, 1);
                let ptr = if is_const {
                    quote!(*const #e)
                } else {
                    quote!(*mut #e)
                };
                params.push(quote!(#d: #ptr));
                params.push(quote!(#l: usize));
                continue;
            }
        };
        params.push(quote!(#a: #ty));
    }
    let ret = match abi::ret(&call.sig, reprs) {
        Ret::Void => quote!(),
        Ret::Value | Ret::Enum => {
            let t = rust_type(call.sig.ret, paths, 1);
            quote!(-> #t)
        }
        Ret::OutPtr | Ret::Ctor => {
            let t = ffi_pointer(call.sig.ret, false, paths, 1);
            params.push(quote!(ret: #t));
            quote!()
        }
        Ret::StringOut => {
            params.push(quote!(ret: *mut ::relocxx::CppString));
            quote!()
        }
        Ret::View => {
            params.push(quote!(ret: *mut ::relocxx::__RawView));
            quote!()
        }
        Ret::Span { .. } => {
            params.push(quote!(ret: *mut ::relocxx::__RawSpan));
            quote!()
        }
        Ret::Optional => {
            let e = element_type(call.sig.ret, paths, 1);
            params.push(quote!(ret: *mut #e));
            quote!(-> bool)
        }
        Ret::Borrow { is_const, .. } | Ret::RawRef { is_const } => {
            let t = ffi_pointer(pointee(call.sig.ret), is_const, paths, 1);
            quote!(-> #t)
        }
    };
    if call.sig.fallible {
        params.push(quote!(err: *mut ::core::ffi::c_void));
        params.push(quote!(set_err: unsafe extern "C" fn(*mut ::core::ffi::c_void, *const ::core::ffi::c_char, usize)));
    }
    quote!(pub fn #name(#(#params),*) #ret;)
}

/// The pieces of a wrapper: parameter list (with receiver), return type, body, and whether it
/// needs the explicit lifetime `'a` (pinned by-value returns capture their arguments).
pub struct Lowered {
    pub params: Vec<TokenStream>,
    pub ret: TokenStream,
    pub body: TokenStream,
    pub generics: TokenStream,
    /// `Some(# Safety text)` for an `unsafe fn`.
    pub safety: Option<String>,
}

/// Lowers `call` for a wrapper emitted `depth` modules below the root.
pub fn lower(call: &Call<'_>, paths: &Paths, depth: usize, reprs: &Reprs) -> Lowered {
    let supers = (0..depth).map(|_| quote!(super::));
    let thunk = format_ident!("{}", call.thunk);
    let thunk = quote!(#(#supers)* __ffi::#thunk);
    let ret_kind = abi::ret(&call.sig, reprs);
    // A pinned by-value return is constructed later, at its final place: the closure captures
    // the arguments, so every borrowed one gets the lifetime of the returned `impl Ctor`.
    let deferred = ret_kind == Ret::Ctor;
    // `[[clang::lifetimebound]]`: the result borrows from the marked arguments (and the
    // receiver) through one explicit lifetime.
    let flexible: Vec<usize> = (0..call.sig.params.len())
        .filter(|&i| {
            matches!(
                abi::param_of(&call.sig.params[i], reprs),
                Pass::Ref { flexible: true, .. }
            )
        })
        .collect();
    let borrow_ret = matches!(ret_kind, Ret::Borrow { .. } | Ret::View | Ret::Span { .. });
    let tied: Option<(bool, Vec<usize>)> = match &call.sig.borrows.ret_from {
        Some(BorrowFrom::Tied { receiver, params }) if !deferred => {
            Some((*receiver, params.clone()))
        }
        // Elided from the only reference argument: named when that argument is generic
        // (`impl MutRef<T> + 'a`), since elision does not look into it.
        Some(BorrowFrom::Elided)
            if borrow_ret && !deferred && call.sig.receiver == Receiver::None =>
        {
            // Elision means exactly one borrowed argument: a flexible one is it.
            flexible.first().map(|&i| (false, vec![i]))
        }
        _ => None,
    };
    let lt_of = |on: bool| if deferred || on { quote!('a) } else { quote!() };
    let lt = lt_of(tied.as_ref().is_some_and(|(r, _)| *r));
    let lt_ret = lt_of(tied.is_some());
    let mut params = Vec::new();
    let mut args = Vec::new();
    let mut prelude = Vec::new();
    match call.sig.receiver {
        Receiver::None => {}
        Receiver::Const => {
            params.push(quote!(&#lt self));
            args.push(quote!(self));
        }
        Receiver::Mut => {
            params.push(quote!(&#lt mut self));
            args.push(quote!(self));
        }
        Receiver::PinMut => {
            params.push(quote!(self: ::core::pin::Pin<&#lt mut Self>));
            args.push(quote!(self.get_unchecked_mut()));
        }
    }
    let names = crate::analyze::naming::param_names(call.sig.params);
    for (i, p) in call.sig.params.iter().enumerate() {
        let id = ident(&names[i]);
        let pass = abi::param_of(p, reprs);
        let lt = lt_of(tied.as_ref().is_some_and(|(_, ps)| ps.contains(&i)));
        let ty = match (pass, &p.ty) {
            (Pass::Ref { flexible: true, .. }, _) => {
                let inner = pointee_type(pointee(&p.ty), paths, depth);
                // `+ 'a`: a result tied to this argument keeps it borrowed.
                let bound = if lt.is_empty() {
                    quote!()
                } else {
                    quote!(+ #lt)
                };
                quote!(impl ::relocxx::MutRef<#inner> #bound)
            }
            (Pass::Ref { pinned: true, .. }, _) => {
                let inner = pointee_type(pointee(&p.ty), paths, depth);
                quote!(::core::pin::Pin<&#lt mut #inner>)
            }
            (Pass::Ref { is_const, .. }, _) => {
                let inner = pointee_type(pointee(&p.ty), paths, depth);
                if is_const {
                    quote!(&#lt #inner)
                } else {
                    quote!(&#lt mut #inner)
                }
            }
            (Pass::View, _) => {
                quote!(&#lt (impl ::core::convert::AsRef<[u8]> + ?::core::marker::Sized))
            }
            (Pass::Callback, _) => {
                let bound = super::callbacks::bound(p, paths, depth);
                quote!(impl #bound)
            }
            (Pass::CClosure, _) => {
                let bound = super::callbacks::c_bound(p, paths, depth);
                quote!(impl #bound)
            }
            // Anything that becomes a `CppString`: `&str`, `String`, bytes, a `CppString`.
            // (Captured by a deferred constructor: it must live as long as the `Ctor`.)
            (Pass::StringMove, _) if deferred => {
                quote!(impl ::core::convert::Into<::relocxx::CppString> + 'a)
            }
            (Pass::StringMove, _) => quote!(impl ::core::convert::Into<::relocxx::CppString>),
            (Pass::Span { is_const }, _) => {
                let e = element_type(&p.ty, paths, depth);
                if is_const {
                    quote!(&#lt [#e])
                } else {
                    quote!(&#lt mut [#e])
                }
            }
            _ => rust_type(&p.ty, paths, depth),
        };
        // A `callback!` context is the closure's holder, not a parameter of the wrapper.
        if pass != Pass::Context {
            params.push(quote!(#id: #ty));
        }
        let arg = match pass {
            Pass::CopyIn => quote!(&#id),
            Pass::MoveIn => {
                // Ownership passes to C++, which moves from the object and destroys it.
                prelude.push(quote!(let mut #id = ::core::mem::ManuallyDrop::new(#id);));
                quote!(&mut *#id)
            }
            Pass::Ref { pinned: true, .. } => quote!(#id.get_unchecked_mut()),
            Pass::Ref { flexible: true, .. } => {
                quote!(::relocxx::MutRef::__into_mut_ptr(#id))
            }
            Pass::StringMove => {
                // Ownership passes to C++, which moves from the string and releases the handle.
                prelude.push(quote! {
                    let mut #id = ::core::mem::ManuallyDrop::new(
                        ::core::convert::Into::<::relocxx::CppString>::into(#id),
                    );
                });
                quote!(#id.__handle_mut())
            }
            Pass::View => {
                prelude.push(quote!(let #id: &[u8] = #id.as_ref();));
                quote!(#id.as_ptr() as *const ::core::ffi::c_char, #id.len())
            }
            Pass::CClosure => {
                // The closure lives until the wrapper returns (the user's `callback!` promise).
                let parts = super::callbacks::c_parts(p, paths, depth, &id);
                prelude.push(quote!(let #id = #parts;));
                quote!(#id.1)
            }
            Pass::Context => {
                let f = call
                    .sig
                    .params
                    .iter()
                    .position(|q| {
                        q.callback
                            .as_ref()
                            .and_then(|c| c.c_pair)
                            .is_some_and(|c| c.param == i)
                    })
                    .expect("a context has its closure");
                let fid = ident(&names[f]);
                quote!(#fid.0.__ptr())
            }
            Pass::Callback => {
                // Ownership of the closure passes to the `std::function` C++ builds.
                let parts = super::callbacks::into_parts(p, paths, depth, &id);
                prelude.push(quote!(let #id = #parts;));
                quote!(#id.0, #id.1, #id.2)
            }
            Pass::Span { is_const: true } => quote!(#id.as_ptr(), #id.len()),
            Pass::Span { is_const: false } => quote!(#id.as_mut_ptr(), #id.len()),
            _ => quote!(#id),
        };
        args.push(arg);
    }
    let generics = if deferred || tied.is_some() {
        quote!(<'a>)
    } else {
        quote!()
    };
    if ret_kind == Ret::Ctor {
        // Constructed later, at its final place: the closure owns the arguments.
        let t = rust_type(call.sig.ret, paths, depth);
        let ret = quote!(-> impl ::relocxx::Ctor<Output = #t> + 'a);
        let body = quote! {
            unsafe {
                ::relocxx::ctor::from_fn(move |ret: *mut #t| {
                    #(#prelude)*
                    #thunk(#(#args,)* ret)
                })
            }
        };
        return Lowered {
            params,
            ret,
            body,
            generics,
            safety: abi::safety(&call.sig, reprs),
        };
    }
    // The Rust type of the result, and how the thunk's raw result becomes it.
    let (ret_ty, finish) = match ret_kind {
        Ret::Void => (quote!(()), quote!(raw)),
        Ret::Value | Ret::Enum => (rust_type(call.sig.ret, paths, depth), quote!(raw)),
        Ret::OutPtr | Ret::StringOut => (
            rust_type(call.sig.ret, paths, depth),
            quote!(unsafe { ret.assume_init() }),
        ),
        Ret::View => (
            quote!(&#lt_ret [u8]),
            quote!(unsafe { ret.assume_init().as_bytes() }),
        ),
        Ret::Span { is_const } => {
            let e = element_type(call.sig.ret, paths, depth);
            if is_const {
                (
                    quote!(&#lt_ret [#e]),
                    quote!(unsafe { ret.assume_init().as_slice::<#e>() }),
                )
            } else {
                (
                    quote!(&#lt_ret mut [#e]),
                    quote!(unsafe { ret.assume_init().as_mut_slice::<#e>() }),
                )
            }
        }
        Ret::Optional => (
            rust_type(call.sig.ret, paths, depth),
            quote!(if raw {
                ::core::option::Option::Some(unsafe { ret.assume_init() })
            } else {
                ::core::option::Option::None
            }),
        ),
        Ret::Borrow { is_const, pinned } => {
            let t = pointee_type(pointee(call.sig.ret), paths, depth);
            if pinned {
                (
                    quote!(::core::pin::Pin<&#lt_ret mut #t>),
                    quote!(unsafe { ::core::pin::Pin::new_unchecked(&mut *raw) }),
                )
            } else if is_const {
                (quote!(&#lt_ret #t), quote!(unsafe { &*raw }))
            } else {
                (quote!(&#lt_ret mut #t), quote!(unsafe { &mut *raw }))
            }
        }
        Ret::RawRef { is_const } => (
            ffi_pointer(pointee(call.sig.ret), is_const, paths, depth),
            quote!(raw),
        ),
        Ret::Ctor => unreachable!("handled above"),
    };
    let mut setup = prelude;
    match ret_kind {
        Ret::OutPtr | Ret::StringOut => {
            setup.push(quote!(let mut ret = ::core::mem::MaybeUninit::<#ret_ty>::uninit();));
            args.push(quote!(ret.as_mut_ptr()));
        }
        Ret::View => {
            setup.push(
                quote!(let mut ret = ::core::mem::MaybeUninit::<::relocxx::__RawView>::uninit();),
            );
            args.push(quote!(ret.as_mut_ptr()));
        }
        Ret::Span { .. } => {
            setup.push(
                quote!(let mut ret = ::core::mem::MaybeUninit::<::relocxx::__RawSpan>::uninit();),
            );
            args.push(quote!(ret.as_mut_ptr()));
        }
        Ret::Optional => {
            let e = element_type(call.sig.ret, paths, depth);
            setup.push(quote!(let mut ret = ::core::mem::MaybeUninit::<#e>::uninit();));
            args.push(quote!(ret.as_mut_ptr()));
        }
        _ => {}
    }
    let (ret, body) = if call.sig.fallible {
        // The thunk reports a caught exception through the callback instead of aborting.
        setup.push(quote!(let mut err: ::core::option::Option<::relocxx::Exception> = ::core::option::Option::None;));
        args.push(quote!(
            &mut err as *mut ::core::option::Option<::relocxx::Exception>
                as *mut ::core::ffi::c_void
        ));
        args.push(quote!(::relocxx::__relocxx_set_exception));
        (
            quote!(-> ::core::result::Result<#ret_ty, ::relocxx::Exception>),
            quote! {
                #(#setup)*
                #[allow(unused_variables)]
                let raw = unsafe { #thunk(#(#args),*) };
                match err {
                    ::core::option::Option::Some(e) => ::core::result::Result::Err(e),
                    ::core::option::Option::None => ::core::result::Result::Ok(#finish),
                }
            },
        )
    } else if matches!(
        ret_kind,
        Ret::Void | Ret::Value | Ret::Enum | Ret::RawRef { .. }
    ) {
        let ret = if ret_kind == Ret::Void {
            quote!()
        } else {
            quote!(-> #ret_ty)
        };
        (ret, quote!(#(#setup)* unsafe { #thunk(#(#args),*) }))
    } else if matches!(
        ret_kind,
        Ret::OutPtr | Ret::StringOut | Ret::View | Ret::Span { .. }
    ) {
        (
            quote!(-> #ret_ty),
            quote!(#(#setup)* unsafe { #thunk(#(#args),*) }; #finish),
        )
    } else {
        (
            quote!(-> #ret_ty),
            quote! {
                #(#setup)*
                let raw = unsafe { #thunk(#(#args),*) };
                #finish
            },
        )
    };
    Lowered {
        params,
        ret,
        body,
        generics,
        safety: abi::safety(&call.sig, reprs),
    }
}

/// A complete `pub fn` (or `pub unsafe fn`) item with docs (a `# Safety` section added for an
/// `unsafe fn`); `#[deprecated]` when C++ says so.
pub fn wrapper_fn(name: &str, low: Lowered, doc: Doc, deprecated: bool) -> TokenStream {
    let name = ident(name);
    let deprecated = if deprecated {
        quote!(#[deprecated = "deprecated in C++"])
    } else {
        quote!()
    };
    let Lowered {
        params,
        ret,
        body,
        generics,
        safety,
    } = low;
    match safety {
        Some(safety) => {
            let doc = doc.section("Safety", &safety).attrs();
            quote! {
                #doc
                #deprecated
                pub unsafe fn #name #generics(#(#params),*) #ret { #body }
            }
        }
        None => {
            let doc = doc.attrs();
            quote! {
                #doc
                #deprecated
                pub fn #name #generics(#(#params),*) #ret { #body }
            }
        }
    }
}
