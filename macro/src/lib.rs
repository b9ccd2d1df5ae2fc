//! Procedural macros of relocxx. Thin by design: they locate or expand what the generator
//! wrote; all mapping logic lives in relocxx-gen.

mod directives;

use std::path::{Path, PathBuf};

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
    if bridge_dirs().is_empty() {
        return Err((span, format!(
            "relocxx: bindings `{name}` not found: this crate has no build script output (OUT_DIR is not set). \
             Add a build.rs that runs relocxx_gen::Builder::new().header(...).build(\"{name}\"), \
             or set RELOCXX_BRIDGE_DIR to the directory where `relocxx gen` wrote {name}.rs"
        )));
    }
    let Some(file) = find_in_dirs(&[format!("{name}.rs")]) else {
        return Err((span, format!(
            "relocxx: bindings `{name}` not found (no {name}.rs in RELOCXX_BRIDGE_DIR or $OUT_DIR/relocxx). \
             Call relocxx_gen::Builder::new()...build(\"{name}\") in build.rs (or `relocxx gen --name {name}` into RELOCXX_BRIDGE_DIR)"
        )));
    };
    Ok(module_from_file(&name, span, &file))
}

/// Where generated bindings are looked for, in order: `$RELOCXX_BRIDGE_DIR` (CMake and other
/// build systems), then `$OUT_DIR/relocxx` (this crate's build script).
fn bridge_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os("RELOCXX_BRIDGE_DIR") {
        dirs.push(PathBuf::from(d));
    }
    if let Some(out) = std::env::var_os("OUT_DIR") {
        dirs.push(PathBuf::from(out).join("relocxx"));
    }
    dirs
}

/// The first search dir holding one of `files`, and which one it holds.
fn find_in_dirs(files: &[String]) -> Option<PathBuf> {
    bridge_dirs()
        .into_iter()
        .flat_map(|d| files.iter().map(move |f| d.join(f)))
        .find(|p| p.is_file())
}

/// `#[path = "<file>"] pub mod <name>;` — real items, so rust-analyzer and `cargo expand` see them.
fn module_from_file(name: &str, span: Span, file: &Path) -> proc_macro2::TokenStream {
    let path = file.to_string_lossy().into_owned();
    let module = format_ident!("{}", name, span = span);
    quote! {
        #[path = #path]
        pub mod #module;
    }
}

/// Declares C++ bindings in Rust source:
///
/// ```ignore
/// relocxx::include_cpp! {
///     #include "geometry.h"
///     name!(geometry)              // module name (default `ffi`)
///     allow!("geo::.*")
///     fallible!("geo::parse")      // returns Result<_, relocxx::Exception>
/// }
/// ```
///
/// The build script generates the bindings (`relocxx_gen::Builder::from_rust_source`); this
/// macro expands to the generated module, or to a `compile_error!` at the offending token.
#[proc_macro]
pub fn include_cpp(input: TokenStream) -> TokenStream {
    let block = match directives::parse(input.into()) {
        Ok(b) => b,
        Err(e) => {
            let msg = e.message;
            return quote_spanned!(e.span=> ::core::compile_error!(#msg);).into();
        }
    };
    let name = &block.name;
    let source = proc_macro::Span::call_site().file();
    let source = if source.is_empty() {
        "src/main.rs".to_string()
    } else {
        source
    };
    let how = format!(
        "add to build.rs:\n    relocxx_gen::Builder::from_rust_source(\"{source}\").include_dir(\"...\").build_all()?;\n\
         (with `relocxx-gen` in [build-dependencies]), or run `relocxx gen --rust-source {source}` into RELOCXX_BRIDGE_DIR"
    );
    if bridge_dirs().is_empty() {
        let msg = format!("relocxx: include_cpp! block `{name}` has not been generated: this crate has no build script. To generate it, {how}");
        return quote!(::core::compile_error!(#msg);).into();
    }
    let Some(file) = find_in_dirs(&[format!("{name}.rs"), format!("{name}.error.txt")]) else {
        let msg = format!("relocxx: include_cpp! block `{name}` has not been generated (no {name}.rs in RELOCXX_BRIDGE_DIR or $OUT_DIR/relocxx). To generate it, {how}");
        return quote!(::core::compile_error!(#msg);).into();
    };
    // Generation failed: report the header diagnostic at the `#include` it concerns.
    if file.extension().is_some_and(|e| e == "txt") {
        let error = std::fs::read_to_string(&file).unwrap_or_default();
        let span = block
            .includes
            .iter()
            .find(|(h, _)| error.contains(h.rsplit('/').next().unwrap_or(h)))
            .or(block.includes.first())
            .map(|(_, s)| *s)
            .unwrap_or_else(Span::call_site);
        let msg = error.trim().to_string();
        return quote_spanned!(span=> ::core::compile_error!(#msg);).into();
    }
    module_from_file(name, Span::call_site(), &file).into()
}
