//! Procedural macros of relocxx. Thin by design: they locate or expand what the generator
//! wrote; all mapping logic lives in relocxx-gen.

use std::path::PathBuf;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenTree};
use quote::{format_ident, quote, quote_spanned};

/// `include_bindings!("name")` expands to `pub mod name;` backed by the generated
/// `<name>.rs`, found in `$RELOCXX_BRIDGE_DIR` (CMake and other build systems) or in
/// `$OUT_DIR/relocxx` (written by `relocxx_gen::Builder` in build.rs).
#[proc_macro]
pub fn include_bindings(input: TokenStream) -> TokenStream {
    match expand(input.into()) {
        Ok(t) => t.into(),
        Err((span, msg)) => quote_spanned!(span=> ::core::compile_error!(#msg);).into(),
    }
}

fn expand(input: proc_macro2::TokenStream) -> Result<proc_macro2::TokenStream, (Span, String)> {
    let mut tokens = input.into_iter();
    let (name, span) = match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Literal(lit)), None) => {
            let text = lit.to_string();
            let name = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).map(str::to_string);
            match name {
                Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => (n, lit.span()),
                _ => return Err((lit.span(), "relocxx::include_bindings! expects the binding name as a string literal, e.g. include_bindings!(\"geometry\")".into())),
            }
        }
        _ => return Err((Span::call_site(), "relocxx::include_bindings! expects exactly one string literal: the name given to Builder::build".into())),
    };
    let dir = match (std::env::var_os("RELOCXX_BRIDGE_DIR"), std::env::var_os("OUT_DIR")) {
        (Some(d), _) => PathBuf::from(d),
        (None, Some(out)) => PathBuf::from(out).join("relocxx"),
        (None, None) => {
            return Err((span, format!(
                "relocxx: bindings `{name}` not found: this crate has no build script output (OUT_DIR is not set). \
                 Add a build.rs that runs relocxx_gen::Builder::new().header(...).build(\"{name}\"), \
                 or set RELOCXX_BRIDGE_DIR to the directory where `relocxx gen` wrote {name}.rs"
            )))
        }
    };
    let file = dir.join(format!("{name}.rs"));
    if !file.is_file() {
        return Err((span, format!(
            "relocxx: bindings `{name}` not found at {}. Call relocxx_gen::Builder::new()...build(\"{name}\") \
             in build.rs (or `relocxx gen --name {name}` into RELOCXX_BRIDGE_DIR)",
            file.display()
        )));
    }
    let path = file.to_string_lossy().into_owned();
    let module = format_ident!("{}", name, span = span);
    Ok(quote! {
        #[path = #path]
        pub mod #module;
    })
}
