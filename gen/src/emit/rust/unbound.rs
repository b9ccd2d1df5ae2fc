//! Skipped functions and methods, named at the place a user would call them: a stub of the same
//! name whose every use is a compile error carrying relocxx's reason, so calling a skipped
//! `geo::area(&m)` says
//! ``error[E0277]: `geo::area` (include/geo.h:12) is not bound by relocxx: parameter `m`: ...``
//! instead of ``cannot find function `area` ``, with the reason on the first error the user sees.
//!
//! Invariant: a stub can never be called. It requires `&'a (): Trait` of a trait with a sealed
//! supertrait nothing implements (checked at every call, since it names the stub's lifetime
//! parameter), and `#[diagnostic::on_unimplemented]` on that trait is the message. A stub is added only where
//! its name is free: this pass runs after the rest of the file is built and reads the names
//! actually emitted in the module (value namespace) or in the class's inherent impls
//! ([`Defined`], noted from the parsed items of each piece), so it can never clash with a bound
//! item or a generated helper.

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenStream;
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

/// The names one module of the emitted file already uses where a stub could go.
#[derive(Default)]
pub struct Defined {
    /// Traits of the module.
    traits: HashSet<String>,
    /// Value-namespace names: `(None, name)` of the module, `(Some(class), name)` of a class's
    /// inherent impls.
    values: HashSet<(Option<String>, String)>,
}

impl Defined {
    /// Notes the names `items` (all or part of one module's items) define.
    pub fn note(&mut self, items: &[syn::Item]) {
        for i in items {
            match i {
                syn::Item::Trait(t) => {
                    self.traits.insert(t.ident.to_string());
                }
                syn::Item::Impl(imp) if imp.trait_.is_none() => {
                    let syn::Type::Path(p) = &*imp.self_ty else {
                        continue;
                    };
                    let Some(class) = p.path.segments.last() else {
                        continue;
                    };
                    for m in &imp.items {
                        let name = match m {
                            syn::ImplItem::Fn(f) => &f.sig.ident,
                            syn::ImplItem::Const(c) => &c.ident,
                            _ => continue,
                        };
                        self.values
                            .insert((Some(class.ident.to_string()), name.to_string()));
                    }
                }
                syn::Item::Fn(f) => self.value(&f.sig.ident),
                syn::Item::Const(c) => self.value(&c.ident),
                syn::Item::Static(s) => self.value(&s.ident),
                // A tuple or unit struct's name is also a value (its constructor).
                syn::Item::Struct(s) if !matches!(s.fields, syn::Fields::Named(_)) => {
                    self.value(&s.ident)
                }
                _ => {}
            }
        }
    }

    fn value(&mut self, name: &syn::Ident) {
        self.values.insert((None, name.to_string()));
    }

    /// Adds what `other` noted (another piece of the same module).
    pub fn merge(&mut self, other: Defined) {
        self.traits.extend(other.traits);
        self.values.extend(other.values);
    }

    /// Whether the stub's name (or its trait's) is already used where it would go.
    fn takes(&self, place: &Place) -> bool {
        self.traits.contains(&trait_ident(place).to_string())
            || self
                .values
                .contains(&(place.class.clone(), place.name.clone()))
    }
}

/// The stubs to add, by module (Rust segments from the file's root), given what each module
/// of the file defines (`defined` has every module, empty ones included); each module's stubs
/// in the order of `model.skipped`. Also whether any stub was made: then the file's root needs
/// [`sealed`].
pub fn stubs(
    model: &Model,
    defined: &mut HashMap<Vec<String>, Defined>,
) -> (HashMap<Vec<String>, TokenStream>, bool) {
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
    let mut out: HashMap<Vec<String>, TokenStream> = HashMap::new();
    let mut any = false;
    for (place, first, also) in &stubs {
        let Some(names) = defined.get_mut(&place.module) else {
            continue;
        };
        if names.takes(place) {
            continue;
        }
        names.traits.insert(trait_ident(place).to_string());
        names
            .values
            .insert((place.class.clone(), place.name.clone()));
        out.entry(place.module.clone())
            .or_default()
            .extend(stub(place, first, also));
        any = true;
    }
    (out, any)
}

/// The private module holding the sealing trait, at the root of the file.
pub fn sealed() -> TokenStream {
    let sealed = format_ident!("{SEALED}");
    quote! {
        mod #sealed {
            /// Implemented by nothing: the stubs' traits can never be satisfied.
            pub trait Sealed {}
        }
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

fn stub(place: &Place, first: &Skipped, also: &[&Skipped]) -> TokenStream {
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
    let f = match &place.class {
        Some(class) => {
            let class = ident(class);
            quote!(impl #class { #f })
        }
        None => f,
    };
    quote! {
        #[doc = #trait_doc]
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(message = #message, label = "not bound by relocxx", note = #note)]
        pub trait #tr: #(#supers)* #sealed::Sealed {}
        #f
    }
}
