//! Procedural macros of relocxx. Thin by design: they locate or expand what the generator
//! wrote; all C++ -> Rust mapping logic lives in relocxx-gen. `#[relocxx::export]` writes the
//! `extern "C"` side of Rust exported to C++, from the grammar in `export/` (shared with the
//! generator) and the runtime's conversion traits.

mod directives;
#[allow(dead_code)] // the generator reads what the macro does not
mod export;
mod export_glue;

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenTree};
use quote::{format_ident, quote, quote_spanned};

/// `#[relocxx::export(namespace = "ns")]` on a function, a plain struct or a fieldless enum:
/// C++ can call it through the header the generator writes (`relocxx gen --rust-source`,
/// `Builder::from_rust_source(..).build_all()`). This writes the `extern "C"` side.
#[proc_macro_attribute]
pub fn export(args: TokenStream, item: TokenStream) -> TokenStream {
    export_glue::expand(args.into(), item.into()).into()
}

/// `include_bindings!("name")` expands to `pub mod name;` backed by the generated
/// `<name>.rs`: the one this crate's build script wrote to `$OUT_DIR/relocxx`
/// (`relocxx_gen::Builder` in build.rs), else the one in `$RELOCXX_BRIDGE_DIR` (CMake and other
/// build systems). If both directories hold a `<name>.rs` and they differ, that is a compile
/// error naming both files: two different bindings share the name.
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
    let file = match locate(&[format!("{name}.rs")]) {
        Ok(Some(file)) => file,
        Ok(None) => return Err((span, format!(
            "relocxx: bindings `{name}` not found (no {name}.rs in $OUT_DIR/relocxx or RELOCXX_BRIDGE_DIR). \
             Call relocxx_gen::Builder::new()...build(\"{name}\") in build.rs (or `relocxx gen --name {name}` into RELOCXX_BRIDGE_DIR)"
        ))),
        Err(conflict) => return Err((span, conflict.message(
            &format!("bindings `{name}`"),
            &format!("the name given to Builder::build(\"{name}\") or to `relocxx gen --name {name}`"),
        ))),
    };
    Ok(module_from_file(&name, span, &file))
}

/// `$OUT_DIR/relocxx`: where this crate's build script (`relocxx_gen::Builder`) writes.
fn own_dir() -> Option<PathBuf> {
    std::env::var_os("OUT_DIR").map(|out| PathBuf::from(out).join("relocxx"))
}

/// `$RELOCXX_BRIDGE_DIR`: where CMake and other build systems (`relocxx gen`) write. Set but
/// empty counts as unset.
fn bridge_dir() -> Option<PathBuf> {
    std::env::var_os("RELOCXX_BRIDGE_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// The directories generated bindings can come from, the crate's own output first.
fn bridge_dirs() -> Vec<PathBuf> {
    own_dir().into_iter().chain(bridge_dir()).collect()
}

/// The same binding name found in both directories with different contents.
struct Conflict {
    own: PathBuf,
    bridge: PathBuf,
}

impl Conflict {
    /// `what`: "bindings `x`" or "include_cpp! block `x`"; `rename`: where its name is given.
    fn message(&self, what: &str, rename: &str) -> String {
        format!(
            "relocxx: {what} is generated twice, with different contents:\n  {} (written by this crate's build script)\n  {} (found through RELOCXX_BRIDGE_DIR)\n\
             These are two different bindings with the same name, and relocxx will not guess which one is meant: \
             rename one of them ({rename}), or unset RELOCXX_BRIDGE_DIR when building this crate.",
            self.own.display(),
            self.bridge.display(),
        )
    }
}

/// The generated file for a binding: the first of `files` (same binding, alternative outcomes,
/// e.g. `<name>.rs` or `<name>.error.txt`) that this crate's build script wrote, else the first
/// in `$RELOCXX_BRIDGE_DIR`. The bridge dir never silently replaces the crate's own output: if
/// both hold a file for the name and they are not identical (same file name and bytes), it is a
/// [`Conflict`].
fn locate(files: &[String]) -> Result<Option<PathBuf>, Conflict> {
    let first_in = |dir: PathBuf| files.iter().map(|f| dir.join(f)).find(|p| p.is_file());
    let own = own_dir().and_then(first_in);
    let bridge = bridge_dir().and_then(first_in);
    match (own, bridge) {
        (Some(own), Some(bridge)) if !same_binding(&own, &bridge) => Err(Conflict { own, bridge }),
        (Some(own), _) => Ok(Some(own)),
        (None, bridge) => Ok(bridge),
    }
}

/// Identical files are one binding, even if generated twice (or the two dirs are the same).
fn same_binding(a: &Path, b: &Path) -> bool {
    a.file_name() == b.file_name()
        && matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

/// `#[path = "<file>"] pub mod <name>;` — real items, so rust-analyzer and `cargo expand` see them.
fn module_from_file(name: &str, span: Span, file: &Path) -> proc_macro2::TokenStream {
    let path = file.to_string_lossy().into_owned();
    let module = format_ident!("{}", name, span = span);
    quote! {
        // Makes cargo recompile the crate when RELOCXX_BRIDGE_DIR changes (which file backs
        // the module depends on it): rustc tracks only the variables `env!`-like macros read.
        const _: ::core::option::Option<&str> = ::core::option_env!("RELOCXX_BRIDGE_DIR");
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
/// macro expands to the generated module, or to a `compile_error!` at the offending token. The
/// module (or the header error recorded in `<name>.error.txt`) is the one this crate's build
/// script wrote to `$OUT_DIR/relocxx`, else the one `relocxx gen --rust-source` wrote to
/// `$RELOCXX_BRIDGE_DIR`; if both directories hold one and they differ, that is a compile error
/// naming both files.
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
    let file = match locate(&[format!("{name}.rs"), format!("{name}.error.txt")]) {
        Ok(Some(file)) => file,
        Ok(None) => {
            let msg = format!("relocxx: include_cpp! block `{name}` has not been generated (no {name}.rs in $OUT_DIR/relocxx or RELOCXX_BRIDGE_DIR). To generate it, {how}");
            return quote!(::core::compile_error!(#msg);).into();
        }
        Err(conflict) => {
            let msg = conflict.message(
                &format!("include_cpp! block `{name}`"),
                &format!("name!({name}) of this block, or of the block generated into RELOCXX_BRIDGE_DIR"),
            );
            return quote!(::core::compile_error!(#msg);).into();
        }
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
