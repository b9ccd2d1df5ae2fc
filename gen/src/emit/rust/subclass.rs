//! C++ classes implemented in Rust (`subclass!`, DESIGN §6): for an interface `ns::Iface`,
//! the trait `IfaceMethods` (one method per virtual, named by the overload rule; `&self` for
//! const ones; non-pure ones default to `<name>_base`, the C++ implementation),
//! `Iface::from_rust(value)` / `from_rust_sync(value)` giving a `UniquePtr<Iface>`, and the
//! table of `extern "C"` functions, monomorphized per implementing type, that the C++ class
//! (`emit::cpp::subclass`) calls. The values cross as `analyze::subclass` decided; every
//! soundness check (aliasing, threads, panics, deletion during a call) is the runtime's
//! `relocxx::subclass`, so this file only spells calls to it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::Doc;
use super::types::{ident, rust_type, Paths};
use super::upcalls::{
    arg_conversions, disjoint_check, ffi_params, ffi_ret, param_types, ret_type, UpSig,
};
use crate::emit::abi;
use crate::model::{Interface, InterfaceMethod, Item, UpParam, UpRet};

/// Thunk-name keys: the constructor C++ exports, and the `k`-th method's C++ implementation.
pub const FROM_KEY: &str = "_sub_from_";
pub fn base_key(k: usize) -> String {
    format!("_sub_base{k}_")
}

/// `extern "C"` declarations of the C++ side (inside `__ffi`, depth 1).
pub fn ffi(binding: &str, item: &Item, iface: &Interface, paths: &Paths) -> TokenStream {
    let t = paths.path(&item.qualified(), 1);
    let from = format_ident!("{}", abi::thunk_name(binding, item, Some(FROM_KEY)));
    let mut out = quote! {
        pub fn #from(holder: *mut ::core::ffi::c_void, table: *const ::core::ffi::c_void) -> *mut #t;
    };
    for (k, m) in iface.methods.iter().enumerate().filter(|(_, m)| !m.pure) {
        let base = format_ident!("{}", abi::thunk_name(binding, item, Some(&base_key(k))));
        let sig = UpSig::of_method(m);
        let ps = ffi_params(&sig, paths, 1);
        let r = ffi_ret(&sig, paths, 1);
        out.extend(quote!(pub fn #base(cpp: *mut ::core::ffi::c_void, #(#ps),*) #r;));
    }
    out
}

/// The trait, the function table and `from_rust`, in the interface's module.
pub fn emit(binding: &str, item: &Item, iface: &Interface, paths: &Paths) -> TokenStream {
    let depth = item.ns.len();
    let q = item.qualified();
    let name = ident(&item.rust_name);
    let bare = item.rust_name.trim_start_matches("r#");
    let trait_name = format_ident!("{bare}Methods");
    let table = format_ident!("__{bare}Table");
    let vt = format_ident!("__{bare}Vt");
    let key = format_ident!("__{bare}_KEY");
    let supers: Vec<TokenStream> = (0..depth).map(|_| quote!(super::)).collect();
    let ffi = quote!(#(#supers)* __ffi);
    let from = format_ident!("{}", abi::thunk_name(binding, item, Some(FROM_KEY)));

    let mut trait_items = Vec::new();
    let mut fields = Vec::new();
    let mut inits = Vec::new();
    let mut thunks = Vec::new();
    for (k, m) in iface.methods.iter().enumerate() {
        let mname = ident(&m.method.rust_name);
        let recv = if m.is_const() {
            quote!(&self)
        } else {
            quote!(&mut self)
        };
        let sig = UpSig::of_method(m);
        let tys = param_types(&sig, paths, depth);
        let args: Vec<_> = crate::analyze::naming::param_names(&m.method.params)
            .iter()
            .map(|n| ident(n))
            .collect();
        let ret = ret_type(&sig, paths, depth);
        let what = format!("{q}::{} (implemented in Rust)", m.method.name);
        let access = if m.pure { "pure virtual" } else { "virtual" };
        let doc = Doc::cpp(&m.method.doc).para(&format!(
            "C++ `{}::{}`{} ({access}, {}).",
            m.declared_in,
            m.method.display,
            if m.is_const() { " const" } else { "" },
            m.method.loc.shown_full()
        ));
        if m.pure {
            let doc = doc.attrs();
            trait_items.push(quote!(#doc fn #mname(#recv, #(#args: #tys),*) #ret;));
        } else {
            let base = format_ident!("{}", m.base_name);
            let base_thunk =
                format_ident!("{}", abi::thunk_name(binding, item, Some(&base_key(k))));
            let (call_args, out_slot) = base_call(m, &args, paths, depth);
            let call = match m.ret {
                UpRet::Void | UpRet::Value => {
                    quote!(unsafe { #ffi::#base_thunk(__relocxx_cpp, #(#call_args),*) })
                }
                UpRet::Out | UpRet::String => quote! {
                    let mut __relocxx_ret = ::core::mem::MaybeUninit::<#out_slot>::uninit();
                    unsafe {
                        #ffi::#base_thunk(__relocxx_cpp, #(#call_args,)* __relocxx_ret.as_mut_ptr());
                        __relocxx_ret.assume_init()
                    }
                },
            };
            let base_doc = Doc::default().para(&format!(
                "The C++ implementation `{}::{}`: callable while C++ calls this value (it panics \
                 otherwise, when there is no C++ object).",
                m.declared_in, m.method.name
            ));
            let doc = doc.para("Defaults to the C++ implementation.");
            // Forwarding raw pointers to C++ is the caller's promise (`upcall_safety`): then
            // both the default and `_base` are `unsafe fn` (C++ calling in keeps it).
            let (unsafety, doc, base_doc, forward) = match &m.unsafe_call {
                Some(why) => (
                    quote!(unsafe),
                    doc.section("Safety", why),
                    base_doc.section("Safety", why),
                    quote!(unsafe { self.#base(#(#args),*) }),
                ),
                None => (quote!(), doc, base_doc, quote!(self.#base(#(#args),*))),
            };
            let (doc, base_doc) = (doc.attrs(), base_doc.attrs());
            trait_items.push(quote! {
                #doc
                #unsafety fn #mname(#recv, #(#args: #tys),*) #ret {
                    #forward
                }
                #base_doc
                #unsafety fn #base(#recv, #(#args: #tys),*) #ret {
                    let __relocxx_cpp = ::relocxx::subclass::__current(self as *const Self, &#key, #what);
                    #call
                }
            });
        }

        // The function C++ calls.
        let field = format_ident!("m{k}");
        let ps = ffi_params(&sig, paths, depth);
        let fr = ffi_ret(&sig, paths, depth);
        let fn_ty = quote!(unsafe extern "C" fn(*mut ::core::ffi::c_void, *mut ::core::ffi::c_void, #(#ps),*) #fr);
        fields.push(quote!(#field: #fn_ty,));
        inits.push(quote!(#field: Self::#field,));
        let converted = arg_conversions(&sig);
        let check = disjoint_check(&sig, &what);
        let upcall = if m.is_const() {
            quote!(__upcall_ref)
        } else {
            quote!(__upcall_mut)
        };
        let body = quote! {
            ::relocxx::subclass::#upcall::<T, _>(holder, cpp, &#key, #what, |v| {
                v.#mname(#(#converted),*)
            })
        };
        let body = match m.ret {
            UpRet::Void | UpRet::Value => body,
            UpRet::Out | UpRet::String => quote!(::core::ptr::write(ret, #body)),
        };
        thunks.push(quote! {
            unsafe extern "C" fn #field(holder: *mut ::core::ffi::c_void, cpp: *mut ::core::ffi::c_void, #(#ps),*) #fr {
                // SAFETY: called by the generated C++ class with its own holder and `this`,
                // and with the values of its override's parameters.
                unsafe {
                    #check
                    #body
                }
            }
        });
    }
    // Handing C++ raw pointers is a promise Rust cannot check (`analyze::upcall_safety`).
    let trait_doc = Doc::default().para(&format!(
        "Implement C++ `{q}` in Rust: one method per virtual function. `{}::from_rust(value)` \
         makes the C++ object.",
        item.rust_name
    ));
    let (unsafety, trait_doc) = match &iface.unsafe_impl {
        Some(why) => (quote!(unsafe), trait_doc.section("Safety", why)),
        None => (quote!(), trait_doc),
    };
    let trait_doc = trait_doc.attrs();
    let from_doc = format!(
        "A C++ `{q}` whose virtual functions call `value`'s `{trait_name}` methods, owned by a \
         `UniquePtr` (`into_raw` hands the ownership to C++). Deleting it drops `value` once. \
         C++ must call it on this thread (checked; see `from_rust_sync`)."
    );
    let sync_doc = format!(
        "Like `from_rust`, for a `Send + Sync` value: C++ may call it from any thread (e.g. a \
         `{q}` a C++ library uses on its worker threads)."
    );
    let (from_doc, sync_doc) = (
        Doc::default().para(&from_doc).attrs(),
        Doc::default().para(&sync_doc).attrs(),
    );
    quote! {
        #trait_doc
        pub #unsafety trait #trait_name: Sized + 'static {
            #(#trait_items)*
        }

        #[doc(hidden)]
        static #key: ::relocxx::subclass::Key = ::relocxx::subclass::Key::new();

        /// The functions the generated C++ class calls (layout shared with the shim).
        #[doc(hidden)]
        #[repr(C)]
        pub struct #table {
            drop: unsafe extern "C" fn(*mut ::core::ffi::c_void),
            #(#fields)*
        }

        #[doc(hidden)]
        pub struct #vt<T>(::core::marker::PhantomData<T>);

        impl<T: #trait_name> #vt<T> {
            const TABLE: #table = #table {
                drop: ::relocxx::subclass::__drop::<T>,
                #(#inits)*
            };
            #(#thunks)*
        }

        impl #name {
            #from_doc
            pub fn from_rust<T: #trait_name>(value: T) -> ::relocxx::UniquePtr<#name> {
                let holder = ::relocxx::subclass::Holder::local(value);
                // SAFETY: the shim news the object (aborting if it cannot), which owns `holder`
                // and calls the table's functions for `T`.
                unsafe {
                    ::relocxx::UniquePtr::from_raw(#ffi::#from(holder, &#vt::<T>::TABLE as *const #table as *const ::core::ffi::c_void))
                }
            }

            #sync_doc
            pub fn from_rust_sync<T: #trait_name + Send + Sync>(value: T) -> ::relocxx::UniquePtr<#name> {
                let holder = ::relocxx::subclass::Holder::shared(value);
                // SAFETY: as in `from_rust`.
                unsafe {
                    ::relocxx::UniquePtr::from_raw(#ffi::#from(holder, &#vt::<T>::TABLE as *const #table as *const ::core::ffi::c_void))
                }
            }
        }
    }
}

/// Arguments of the call to the C++ implementation (the FFI parameters of the override, a
/// by-value object handed back for C++ to move from and destroy), and the result slot's type.
fn base_call(
    m: &InterfaceMethod,
    names: &[proc_macro2::Ident],
    paths: &Paths,
    depth: usize,
) -> (Vec<TokenStream>, TokenStream) {
    let args = m
        .params
        .iter()
        .zip(names)
        .map(|(up, a)| match up {
            UpParam::Ref { is_const: true, .. } => quote!(#a as *const _),
            UpParam::Ref { pinned: true, .. } => {
                quote!(unsafe { ::core::pin::Pin::get_unchecked_mut(#a) } as *mut _)
            }
            UpParam::Ref { .. } => quote!(#a as *mut _),
            UpParam::RawMut => quote!(#a),
            UpParam::Copy => quote!(&#a as *const _ as *mut _),
            // Handed back by value: C++ moves from it and destroys it.
            UpParam::Move => quote!(&mut *::core::mem::ManuallyDrop::new(#a) as *mut _),
            UpParam::String => quote!(&*#a as *const ::relocxx::CppStr),
            UpParam::View => quote!(#a.as_ptr() as *const ::core::ffi::c_char, #a.len()),
            UpParam::Value => quote!(#a),
        })
        .collect();
    let slot = match m.ret {
        UpRet::String => quote!(::relocxx::CppString),
        _ => rust_type(&m.method.ret, paths, depth),
    };
    (args, slot)
}
