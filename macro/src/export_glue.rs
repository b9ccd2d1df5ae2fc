//! The `extern "C"` side of `#[relocxx::export]`: what the shared grammar (`export/`) accepted,
//! spelled as Rust. Every value converts through the runtime's `FromCpp`/`IntoCpp` traits, so
//! this file never decides how a type crosses (the runtime's `export.rs` does, and the
//! generated C++ header mirrors it).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::export::{self, Args, Export, Func, Plain, Prim, Ret, Ty};

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = match export::parse_args(args) {
        Ok(a) => a,
        Err(e) => return with_error(item, e),
    };
    let parsed: syn::Item = match syn::parse2(item.clone()) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let parsed_item = export::parse_item(&parsed);
    if args.layout.is_some() && !matches!(parsed_item, Ok(Export::Opaque(_))) {
        let e = export::Error {
            span: parsed.span(),
            message: "`size`/`align` describe an opaque struct (C++ holds it by value); this item has no such storage".into(),
        };
        return with_error(item, e);
    }
    match parsed_item {
        Ok(Export::Fn(f)) => {
            let ident = &f.ident;
            let glue = function(&args, &[&ident.to_string()], &f, quote!(#ident), None);
            quote!(#parsed #glue)
        }
        Ok(Export::Plain(p)) => plain(&p, parsed),
        Ok(Export::Opaque(o)) => opaque(&args, &o, &parsed),
        Ok(Export::Enum(e)) => enumeration(&e, &parsed),
        Ok(Export::Impl(i)) => {
            let self_ty = &i.self_ty;
            let glue = i.methods.iter().map(|m| {
                let ident = &m.func.ident;
                let recv = m.receiver.map(|r| receiver_param(r, self_ty));
                function(
                    &args,
                    &[&i.self_name, &ident.to_string()],
                    &m.func,
                    quote!(<#self_ty>::#ident),
                    recv,
                )
            });
            quote!(#parsed #(#glue)*)
        }
        Ok(Export::Display { self_name, self_ty }) => {
            let rt = quote!(::relocxx::__export);
            let symbol = export::symbol(&args.namespace, &[&self_name, "to_string"]);
            let glue = format_ident!("__relocxx_export_{}", symbol);
            quote! {
                #parsed
                #[doc(hidden)]
                #[export_name = #symbol]
                unsafe extern "C" fn #glue(
                    a0: <#self_ty as #rt::Viewed>::Abi,
                    out: *mut <::std::string::String as #rt::IntoCpp>::Abi,
                ) -> *mut #rt::Error {
                    #rt::call(|| {
                        let v = unsafe { <#self_ty as #rt::Viewed>::view(a0) }?;
                        let text = ::std::string::ToString::to_string(&*v);
                        unsafe { out.write(#rt::IntoCpp::into_cpp(text)) };
                        ::core::result::Result::Ok(())
                    })
                }
            }
        }
        Err(e) => with_error(item, e),
    }
}

/// The item unchanged (so later errors stay meaningful) plus the refusal.
fn with_error(item: TokenStream, e: export::Error) -> TokenStream {
    let msg = format!("relocxx::export: {}", e.message);
    let error = quote_spanned!(e.span=> ::core::compile_error!(#msg););
    quote!(#item #error)
}

/// `ty` with every reference lifetime `'static`, for naming its `Abi` type in a signature (the
/// `Abi` types hold no lifetime).
fn with_static(ty: &syn::Type) -> syn::Type {
    let mut t = ty.clone();
    export::rewrite_types(&mut t, &mut |t| {
        if let syn::Type::Reference(r) = t {
            r.lifetime = Some(syn::Lifetime::new("'static", Span::call_site()));
        }
    });
    t
}

/// The receiver of a method, as a parameter named `self` (`&T`, `&mut T`, or `T` by value).
fn receiver_param(r: export::Receiver, self_ty: &syn::Type) -> export::Param {
    let rust_ty: syn::Type = match r {
        export::Receiver::Ref => syn::parse_quote!(&#self_ty),
        export::Receiver::Mut => syn::parse_quote!(&mut #self_ty),
        export::Receiver::Value => self_ty.clone(),
    };
    export::Param {
        name: "self".into(),
        ty: Ty::Named(Vec::new()),
        rust_ty,
    }
}

/// The `extern "C"` function for `f`, named after `names` (in the namespace), calling `path`
/// with the receiver `recv` (if a method) and the parameters.
fn function(
    args: &Args,
    names: &[&str],
    f: &Func,
    path: TokenStream,
    recv: Option<export::Param>,
) -> TokenStream {
    let symbol = export::symbol(&args.namespace, names);
    let glue = format_ident!("__relocxx_export_{}", symbol);
    let rt = quote!(::relocxx::__export);
    let all: Vec<&export::Param> = recv.iter().chain(&f.params).collect();
    let names: Vec<syn::Ident> = (0..all.len()).map(|i| format_ident!("a{i}")).collect();
    let mut params = Vec::new();
    let mut converts = Vec::new();
    let mut regions = Vec::new();
    for (p, a) in all.iter().zip(&names) {
        let span = p.rust_ty.span();
        let st = with_static(&p.rust_ty);
        let ty = &p.rust_ty;
        params.push(quote_spanned!(span=> #a: <#st as #rt::FromCpp>::Abi));
        regions.push(quote!(unsafe { <#st as #rt::FromCpp>::region(&#a) }));
        let name = &p.name;
        converts.push(quote_spanned! {span=>
            let #a: #ty = unsafe { <#ty as #rt::FromCpp>::from_cpp(#a) }
                .map_err(|e| e.in_argument(#name))?;
        });
    }
    if regions.len() > 1 {
        converts.insert(0, quote!(#rt::disjoint(&[#(#regions),*])?;));
    }
    // Every exported type the signature names is the exported item of that name.
    let mut named = Vec::new();
    for t in all.iter().map(|p| &p.rust_ty).chain(f.rust_ret.iter()) {
        named_paths(t, &mut named);
    }
    let name_checks = named.iter().map(|tp| {
        let last = tp.path.segments.last().expect("a path").ident.to_string();
        let msg = format!(
            "relocxx::export: `{}` is not the exported type named `{last}` (an alias or an import under another name?)",
            quote!(#tp).to_string().replace(' ', "")
        );
        quote_spanned! {tp.span()=>
            const _: () = ::core::assert!(#rt::same_name(<#tp as #rt::Exported>::NAME, #last), #msg);
        }
    });
    let call = quote!(#path(#(#names),*));
    let (out_param, finish) = match (&f.ret, &f.rust_ret) {
        (Ret::Unit, _) => (quote!(), quote!(let () = #call;)),
        (Ret::Result(None), _) => (quote!(), quote!(let () = #rt::result(#call)?;)),
        (Ret::Value(_), Some(t)) => {
            let st = with_static(t);
            (
                quote!(__relocxx_out: *mut <#st as #rt::IntoCpp>::Abi),
                quote!(unsafe { __relocxx_out.write(#rt::IntoCpp::into_cpp(#call)) };),
            )
        }
        (Ret::Result(Some(_)), Some(t)) => {
            let st = with_static(t);
            (
                quote!(__relocxx_out: *mut <#st as #rt::IntoCpp>::Abi),
                quote!(unsafe { __relocxx_out.write(#rt::IntoCpp::into_cpp(#rt::result(#call)?)) };),
            )
        }
        _ => unreachable!("a result type has its Rust type"),
    };
    quote! {
        #(#name_checks)*
        #[doc(hidden)]
        #[allow(non_snake_case, clippy::unused_unit)]
        #[export_name = #symbol]
        unsafe extern "C" fn #glue(#(#params,)* #out_param) -> *mut #rt::Error {
            #rt::call(|| {
                #(#converts)*
                #finish
                ::core::result::Result::Ok(())
            })
        }
    }
}

/// A plain struct: `#[repr(C)]`, passed by value, an element of slices when `Copy`.
fn plain(p: &Plain, item: syn::Item) -> TokenStream {
    let ident = &p.ident;
    let name = ident.to_string();
    let rt = quote!(::relocxx::__export);
    let syn::Item::Struct(mut s) = item else {
        unreachable!("parse_item gave a struct")
    };
    if !s.attrs.iter().any(|a| a.path().is_ident("repr")) {
        s.attrs.push(syn::parse_quote!(#[repr(C)]));
    }
    // Every field is itself plain data C++ may write any bit pattern of.
    let checks = s.fields.iter().map(|f| {
        let t = &f.ty;
        quote_spanned!(t.span()=> __relocxx_element::<#t>();)
    });
    // Nested plain structs are checked by C++ alone (the macro sees one item).
    let size = export::plain_layout(p, &|_| None).map(|(n, _)| {
        quote! {
            const _: () = ::core::assert!(
                ::core::mem::size_of::<#ident>() == #n,
                "relocxx: the exported struct's size differs from the C++ struct's"
            );
        }
    });
    let element = p
        .copy
        .then(|| quote!(unsafe impl #rt::Element for #ident {}));
    quote! {
        #s
        const _: () = {
            fn __relocxx_element<T: #rt::Element>() {}
            #[allow(dead_code)]
            fn __relocxx_fields() { #(#checks)* }
        };
        #size
        // SAFETY: `#[repr(C)]` plain data of `Element` fields, laid out as the C++ struct.
        unsafe impl #rt::FromCpp for #ident {
            type Abi = #ident;
            unsafe fn from_cpp(abi: #ident) -> ::core::result::Result<#ident, #rt::Error> {
                ::core::result::Result::Ok(abi)
            }
        }
        unsafe impl #rt::IntoCpp for #ident {
            type Abi = #ident;
            fn into_cpp(self) -> #ident {
                self
            }
        }
        unsafe impl #rt::Exported for #ident {
            const NAME: &'static str = #name;
        }
        unsafe impl #rt::Viewed for #ident {
            type Abi = *const #ident;
            unsafe fn view<'a>(abi: *const #ident) -> ::core::result::Result<#rt::Held<'a, #ident>, #rt::Error> {
                unsafe { abi.as_ref() }
                    .map(#rt::Held::Borrowed)
                    .ok_or_else(|| #rt::Error::null(#name))
            }
        }
        #element
    }
}

/// A fieldless enum: its integer crosses, checked against the variants coming in.
fn enumeration(e: &export::Enum, item: &syn::Item) -> TokenStream {
    let ident = &e.ident;
    let rt = quote!(::relocxx::__export);
    let repr = format_ident!("{}", e.repr.rust());
    let values: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|(_, v)| {
            let lit = proc_macro2::Literal::i128_unsuffixed(*v);
            quote!(#lit)
        })
        .collect();
    let vars: Vec<&syn::Ident> = e.variants.iter().map(|(v, _)| v).collect();
    let name = ident.to_string();
    quote! {
        #item
        // SAFETY: C++ passes the enum's integer; only values naming a variant become one.
        unsafe impl #rt::FromCpp for #ident {
            type Abi = #repr;
            unsafe fn from_cpp(abi: #repr) -> ::core::result::Result<#ident, #rt::Error> {
                match abi {
                    #(#values => ::core::result::Result::Ok(#ident::#vars),)*
                    other => ::core::result::Result::Err(#rt::Error::bad_enum(other, #name)),
                }
            }
        }
        unsafe impl #rt::Exported for #ident {
            const NAME: &'static str = #name;
        }
        unsafe impl #rt::Viewed for #ident {
            type Abi = #repr;
            unsafe fn view<'a>(abi: #repr) -> ::core::result::Result<#rt::Held<'a, #ident>, #rt::Error> {
                unsafe { <#ident as #rt::FromCpp>::from_cpp(abi) }.map(#rt::Held::Owned)
            }
        }
        unsafe impl #rt::IntoCpp for #ident {
            type Abi = #repr;
            fn into_cpp(self) -> #repr {
                match self {
                    #(#ident::#vars => #values,)*
                }
            }
        }
    }
}

/// An opaque struct: C++ holds its `Option<T>` (see the runtime's `export_opaque.rs`).
fn opaque(args: &Args, o: &export::Opaque, item: &syn::Item) -> TokenStream {
    let ident = &o.ident;
    let name = ident.to_string();
    let rt = quote!(::relocxx::__export);
    let sym = export::symbol(&args.namespace, &[&name]);
    let len = format_ident!("__RELOCXX_LAYOUT_LEN_{}", sym);
    let record = format_ident!("__RELOCXX_LAYOUT_{}", sym);
    let drop_fn = format_ident!("__relocxx_export_{}_drop", sym);
    let vacate_fn = format_ident!("__relocxx_export_{}_vacate", sym);
    let (drop_sym, vacate_sym) = (format!("{sym}_drop"), format!("{sym}_vacate"));
    let clone = o.clone.then(|| {
        let f = format_ident!("__relocxx_export_{}_clone", sym);
        let s = format!("{sym}_clone");
        quote! {
            #[doc(hidden)]
            #[export_name = #s]
            unsafe extern "C" fn #f(
                src: *const ::core::option::Option<#ident>,
                dst: *mut ::core::option::Option<#ident>,
            ) -> *mut #rt::Error {
                #rt::call(|| unsafe { #rt::clone_into(src, dst) })
            }
        }
    });
    let compare = |on: bool, what: &str, f: TokenStream, out: TokenStream| {
        on.then(|| {
            let glue = format_ident!("__relocxx_export_{}_{}", sym, what);
            let s = format!("{sym}_{what}");
            quote! {
                #[doc(hidden)]
                #[export_name = #s]
                unsafe extern "C" fn #glue(
                    a: *const ::core::option::Option<#ident>,
                    b: *const ::core::option::Option<#ident>,
                    out: *mut #out,
                ) -> *mut #rt::Error {
                    #rt::call(|| {
                        let r = unsafe { #f(a, b, #name) }?;
                        unsafe { out.write(r) };
                        ::core::result::Result::Ok(())
                    })
                }
            }
        })
    };
    let eq = compare(o.partial_eq, "eq", quote!(#rt::eq), quote!(bool));
    let cmp = compare(o.partial_ord, "cmp", quote!(#rt::cmp), quote!(i8));
    // The stated layout (written into the header before rustc ran) checked against rustc's: an
    // array-length mismatch, so the error names both numbers ("expected an array with a size
    // of 24, found one with a size of 32").
    let stated = args.layout.map(|(size, align)| {
        let (size, align) = (size as usize, align as usize);
        quote! {
            #[allow(dead_code)]
            const _: [(); #size] = [(); ::core::mem::size_of::<::core::option::Option<#ident>>()];
            #[allow(dead_code)]
            const _: [(); #align] = [(); ::core::mem::align_of::<::core::option::Option<#ident>>()];
        }
    });
    quote! {
        #item
        #stated
        #eq
        #cmp
        const _: () = {
            #[allow(dead_code)]
            fn __relocxx_exported_types_are_send_and_sync() {
                #rt::assert_thread_safe::<#ident>();
            }
        };
        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        const #len: usize = #rt::layout_len(#sym);
        /// Read by the generator from the compiled library: the C++ class's size and alignment.
        #[doc(hidden)]
        #[used]
        #[allow(non_upper_case_globals)]
        static #record: [u8; #len] = #rt::layout_record::<#len>(
            #sym,
            ::core::mem::size_of::<::core::option::Option<#ident>>(),
            ::core::mem::align_of::<::core::option::Option<#ident>>(),
        );
        // SAFETY: C++ passes the address of its object's `Option<T>`; a moved-from object
        // (`None`) is refused, never read as a value.
        unsafe impl #rt::FromCpp for #ident {
            type Abi = *mut ::core::option::Option<#ident>;
            unsafe fn from_cpp(abi: Self::Abi) -> ::core::result::Result<Self, #rt::Error> {
                unsafe { #rt::take(abi, #name) }
            }
            unsafe fn region(abi: &Self::Abi) -> ::core::option::Option<(usize, usize, bool)> {
                #rt::region(*abi, true)
            }
        }
        unsafe impl<'a> #rt::FromCpp for &'a #ident {
            type Abi = *const ::core::option::Option<#ident>;
            unsafe fn from_cpp(abi: Self::Abi) -> ::core::result::Result<Self, #rt::Error> {
                unsafe { #rt::borrow(abi, #name) }
            }
            unsafe fn region(abi: &Self::Abi) -> ::core::option::Option<(usize, usize, bool)> {
                #rt::region(*abi, false)
            }
        }
        unsafe impl<'a> #rt::FromCpp for &'a mut #ident {
            type Abi = *mut ::core::option::Option<#ident>;
            unsafe fn from_cpp(abi: Self::Abi) -> ::core::result::Result<Self, #rt::Error> {
                unsafe { #rt::borrow_mut(abi, #name) }
            }
            unsafe fn region(abi: &Self::Abi) -> ::core::option::Option<(usize, usize, bool)> {
                #rt::region(*abi, true)
            }
        }
        unsafe impl #rt::Exported for #ident {
            const NAME: &'static str = #name;
        }
        unsafe impl #rt::Viewed for #ident {
            type Abi = *const ::core::option::Option<#ident>;
            unsafe fn view<'a>(abi: Self::Abi) -> ::core::result::Result<#rt::Held<'a, #ident>, #rt::Error> {
                unsafe { #rt::borrow(abi, #name) }.map(#rt::Held::Borrowed)
            }
        }
        unsafe impl #rt::IntoCpp for #ident {
            type Abi = ::core::option::Option<#ident>;
            fn into_cpp(self) -> Self::Abi {
                ::core::option::Option::Some(self)
            }
        }
        #[doc(hidden)]
        #[export_name = #drop_sym]
        unsafe extern "C" fn #drop_fn(p: *mut ::core::option::Option<#ident>) {
            unsafe { #rt::drop_in_place(p, #name) }
        }
        #[doc(hidden)]
        #[export_name = #vacate_sym]
        unsafe extern "C" fn #vacate_fn(p: *mut ::core::option::Option<#ident>) {
            unsafe { #rt::vacate(p) }
        }
        #clone
    }
}

/// The paths in `ty` that name exported items (not numbers, `str`, `String`, or the standard
/// containers the grammar maps), as written.
fn named_paths(ty: &syn::Type, out: &mut Vec<syn::TypePath>) {
    match ty {
        syn::Type::Reference(r) => named_paths(&r.elem, out),
        syn::Type::Slice(s) => named_paths(&s.elem, out),
        syn::Type::Paren(p) => named_paths(&p.elem, out),
        syn::Type::Group(g) => named_paths(&g.elem, out),
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return;
            };
            let name = last.ident.to_string();
            match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    for g in &a.args {
                        if let syn::GenericArgument::Type(t) = g {
                            named_paths(t, out);
                        }
                    }
                }
                _ if p.path.segments.len() == 1
                    && (Prim::from_name(&name).is_some()
                        || matches!(name.as_str(), "str" | "String")) => {}
                _ => out.push(p.clone()),
            }
        }
        _ => {}
    }
}
