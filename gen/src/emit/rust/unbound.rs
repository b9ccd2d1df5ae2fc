//! Skipped functions and methods, named at the place a user would call them: a stub of the same
//! name whose every use is a compile error carrying relocxx's reason, so calling a skipped
//! `geo::area(&m)` says
//! ``error[E0277]: `geo::area` (include/geo.h:12) is not bound by relocxx: parameter `m`: ...``
//! instead of ``cannot find function `area` ``, with the reason on the first error the user sees.
//!
//! Invariant: a stub can never be called. It requires `&'a (): Trait` of a trait with a sealed
//! supertrait nothing implements (checked at every call, since it names the stub's lifetime
//! parameter), and `#[diagnostic::on_unimplemented]` on that trait is the message. A stub is added only where
//! its name is free: this pass runs on the finished `syn::File` and reads the names actually
//! emitted in the module (value namespace) or in the class's inherent impls, so it can never
//! clash with a bound item or a generated helper.

use std::collections::HashMap;

use quote::{format_ident, quote};

use crate::analyze::naming::rust_ident;
use crate::emit::abi::module_path;
use crate::model::{ItemKind, Model, Skipped};

use super::types::ident;

/// The private module holding the sealing trait, at the root of the generated file.
const SEALED: &str = "__relocxx_sealed";

/// Where a stub goes: the module (Rust segments) and, for a member, the class's Rust name.
struct Place {
    module: Vec<String>,
    class: Option<String>,
    name: String,
}

pub fn add_stubs(file: &mut syn::File, model: &Model) {
    let (records, namespaces) = scopes(model);
    // One stub per place and name; overloads skipped for different reasons share it.
    let mut stubs: Vec<(Place, &Skipped, Vec<&Skipped>)> = Vec::new();
    for s in &model.skipped {
        let Some(c) = s.callable else { continue };
        let (scope, cpp_name) = s.name.rsplit_once("::").unwrap_or(("", &s.name));
        let place = if let Some((module, class)) = records.get(scope) {
            let name = if c.constructor {
                "new".to_string()
            } else {
                rust_ident(cpp_name)
            };
            Place {
                module: module.clone(),
                class: Some(class.clone()),
                name,
            }
        } else if let Some(module) = namespaces.get(scope) {
            Place {
                module: module.clone(),
                class: None,
                name: rust_ident(cpp_name),
            }
        } else {
            continue;
        };
        if syn::parse_str::<syn::Ident>(&place.name).is_err() {
            continue;
        }
        match stubs.iter_mut().find(|(p, ..)| {
            p.module == place.module && p.class == place.class && p.name == place.name
        }) {
            Some((_, _, also)) => also.push(s),
            None => stubs.push((place, s, Vec::new())),
        }
    }
    let mut any = false;
    for (place, first, also) in &stubs {
        let Some(items) = module_items(&mut file.items, &place.module) else {
            continue;
        };
        if taken(items, place) {
            continue;
        }
        items.extend(stub(place, first, also));
        any = true;
    }
    if any {
        let sealed = format_ident!("{SEALED}");
        file.items.push(syn::parse_quote! {
            mod #sealed {
                /// Implemented by nothing: the stubs' traits can never be satisfied.
                pub trait Sealed {}
            }
        });
    }
}

/// Qualified C++ name -> (module, Rust name) of bound records, and C++ namespace -> module.
type Scopes = (
    HashMap<String, (Vec<String>, String)>,
    HashMap<String, Vec<String>>,
);

fn scopes(model: &Model) -> Scopes {
    let mut records = HashMap::new();
    let mut namespaces = HashMap::new();
    namespaces.insert(String::new(), Vec::new());
    for item in &model.items {
        let module = module_path(item);
        for depth in 1..=item.ns.len() {
            let cpp: Vec<&str> = item.ns[..depth].iter().map(|s| s.name.as_str()).collect();
            namespaces.insert(cpp.join("::"), module[..depth].to_vec());
        }
        // (A class another binding owns has no impl here to hold a stub.)
        if let ItemKind::Record(r) = &item.kind {
            if r.extern_path.is_none() {
                records.insert(item.qualified(), (module, item.rust_name.clone()));
            }
        }
    }
    (records, namespaces)
}

/// The items of the module at `path` (nested `pub mod`s from the file's root).
fn module_items<'a>(
    items: &'a mut Vec<syn::Item>,
    path: &[String],
) -> Option<&'a mut Vec<syn::Item>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(items);
    };
    let module = items.iter_mut().find_map(|i| match i {
        syn::Item::Mod(m) if m.ident == first.as_str() => m.content.as_mut(),
        _ => None,
    })?;
    module_items(&mut module.1, rest)
}

/// Whether the stub's name (or its trait's) is already used where it would go.
fn taken(items: &[syn::Item], place: &Place) -> bool {
    let trait_name = trait_ident(place).to_string();
    items.iter().any(|i| match (i, &place.class) {
        (syn::Item::Trait(t), _) if t.ident == trait_name => true,
        (syn::Item::Impl(imp), Some(class)) if imp.trait_.is_none() => {
            let is_class = matches!(&*imp.self_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == class.as_str()));
            is_class
                && imp.items.iter().any(|m| match m {
                    syn::ImplItem::Fn(f) => f.sig.ident == place.name.as_str(),
                    syn::ImplItem::Const(c) => c.ident == place.name.as_str(),
                    _ => false,
                })
        }
        (syn::Item::Fn(f), None) => f.sig.ident == place.name.as_str(),
        (syn::Item::Const(c), None) => c.ident == place.name.as_str(),
        (syn::Item::Static(s), None) => s.ident == place.name.as_str(),
        (syn::Item::Struct(s), None) => {
            s.ident == place.name.as_str() && !matches!(s.fields, syn::Fields::Named(_))
        }
        _ => false,
    })
}

fn trait_ident(place: &Place) -> syn::Ident {
    let name = place.name.trim_start_matches("r#");
    match &place.class {
        Some(class) => format_ident!(
            "__relocxx_unbound_{}_{}",
            class.trim_start_matches("r#"),
            name
        ),
        None => format_ident!("__relocxx_unbound_{}", name),
    }
}

fn stub(place: &Place, first: &Skipped, also: &[&Skipped]) -> Vec<syn::Item> {
    // `{`/`}` are placeholders in on_unimplemented messages.
    let esc = |t: &str| t.replace('{', "{{").replace('}', "}}");
    let mut message = format!(
        "`{}` ({}) is not bound by relocxx: {}",
        first.name,
        first.loc.shown_full(),
        first.reason
    );
    for s in also {
        message += &format!("; an overload ({}): {}", s.loc.shown_full(), s.reason);
    }
    let message = esc(&message);
    let note = esc(&format!(
        "`relocxx inspect <headers> --why {}` says more; see also the binding's skipped.txt",
        first.name
    ));
    let tr = trait_ident(place);
    let sealed = format_ident!("{SEALED}");
    let supers = std::iter::repeat_n(quote!(super::), place.module.len());
    let name = ident(&place.name);
    let c = first.callable.expect("only callables get stubs");
    let receiver = c.receiver.then(|| quote!(&self,));
    // The bound names a lifetime parameter, so it is checked at each call (where it fails,
    // with the message), not at the definition; the parameters take anything.
    let ids: Vec<syn::Ident> = (0..c.params).map(|i| format_ident!("A{i}")).collect();
    let doc = " Not bound (see the compile error where it is used): a stub that cannot be called.";
    let f: proc_macro2::TokenStream = quote! {
        #[doc = #doc]
        #[doc(hidden)]
        #[allow(clippy::all)]
        pub fn #name<'relocxx, #(#ids),*>(#receiver #(_: #ids),*) -> !
        where
            &'relocxx (): #tr,
        {
            ::core::unreachable!()
        }
    };
    let trait_doc = " Why the function of the same name is not bound (its compile error).";
    let mut out: Vec<syn::Item> = vec![syn::parse_quote! {
        #[doc = #trait_doc]
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(message = #message, label = "not bound by relocxx", note = #note)]
        pub trait #tr: #(#supers)* #sealed::Sealed {}
    }];
    match &place.class {
        Some(class) => {
            let class = ident(class);
            out.push(syn::parse_quote!(impl #class { #f }));
        }
        None => out.push(syn::parse2(f).expect("a stub is a function")),
    }
    out
}
