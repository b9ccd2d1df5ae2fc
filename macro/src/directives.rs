//! The `include_cpp!` directive grammar — the one place it is defined. The proc-macro uses it
//! to expand a block and to report errors at the right token; the generator
//! (`relocxx_gen::Builder::from_rust_source`, `relocxx gen --rust-source`) includes this same
//! file to read the blocks out of Rust sources, so both sides always agree on what a block says.
//!
//! ```text
//! include_cpp! {
//!     #include "geometry.h"            // one or more, quoted
//!     name!(geometry)                  // optional: module and output name (default `ffi`)
//!     allow!("geo::.*")                // regexes over qualified C++ names
//!     block!("geo::detail::.*")
//!     relocatable!("geo::Handle")      // user's relocatability promise / refusal
//!     not_relocatable!("geo::Cache")
//!     send!("geo::Handle")  sync!("geo::Handle")
//!     owning!("geo::Status")          // promise: owns all it points to (no retained borrows)
//!     subclass!("ui::Listener")        // Rust types implement it: ListenerMethods, from_rust
//!     callback!("c::each")             // its (fn pointer, void* context) pair takes a closure
//!     rename!("geo::area(const geo::Rect &)", rect_area)
//!     instantiate!("geo::Grid<int>")
//!     fallible!("geo::parse")          // returns Result<T, relocxx::Exception>
//! }
//! ```
//!
//! Only `proc_macro2` is used, so the macro crate stays light.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

/// Every directive, in the order the error message lists them.
pub const DIRECTIVES: &[&str] = &[
    "name",
    "allow",
    "block",
    "relocatable",
    "not_relocatable",
    "send",
    "sync",
    "owning",
    "subclass",
    "callback",
    "rename",
    "instantiate",
    "fallible",
    "extern_type",
];

/// One parsed `include_cpp!` block.
#[derive(Clone, Debug)]
pub struct Block {
    /// Rust module and output file name.
    pub name: String,
    /// Quoted header paths with the span of their `#include` line.
    pub includes: Vec<(String, Span)>,
    pub allow: Vec<String>,
    pub block: Vec<String>,
    pub relocatable: Vec<String>,
    pub not_relocatable: Vec<String>,
    pub send: Vec<String>,
    pub sync: Vec<String>,
    pub owning: Vec<String>,
    pub subclass: Vec<String>,
    pub callback: Vec<String>,
    pub rename: Vec<(String, String)>,
    pub instantiate: Vec<String>,
    pub fallible: Vec<String>,
    /// `extern_type!("ns::T", "other_crate::ffi::ns::T")`: a C++ class another binding already
    /// bound, used under that Rust path instead of being bound again.
    pub extern_types: Vec<(String, String)>,
}

/// A directive error: where and what.
#[derive(Clone, Debug)]
pub struct DirectiveError {
    pub span: Span,
    pub message: String,
}

fn err<T>(span: Span, message: impl Into<String>) -> Result<T, DirectiveError> {
    Err(DirectiveError {
        span,
        message: message.into(),
    })
}

/// The contents of a string literal token, or None if it is not one.
fn string_lit(t: &TokenTree) -> Option<String> {
    let TokenTree::Literal(lit) = t else {
        return None;
    };
    let s = lit.to_string();
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.chars().take_while(|c| *c == '#').count();
        let inner = &raw[hashes..];
        return inner
            .strip_prefix('"')
            .and_then(|i| i.strip_suffix(&format!("\"{}", "#".repeat(hashes))))
            .map(String::from);
    }
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    // Only the escapes that can appear in paths and regexes.
    Some(
        inner
            .replace("\\\\", "\u{0}")
            .replace("\\\"", "\"")
            .replace('\u{0}', "\\"),
    )
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Parses the tokens inside `include_cpp! { ... }`.
pub fn parse(tokens: TokenStream) -> Result<Block, DirectiveError> {
    let mut b = Block {
        name: "ffi".into(),
        includes: Vec::new(),
        allow: Vec::new(),
        block: Vec::new(),
        relocatable: Vec::new(),
        not_relocatable: Vec::new(),
        send: Vec::new(),
        sync: Vec::new(),
        owning: Vec::new(),
        subclass: Vec::new(),
        callback: Vec::new(),
        rename: Vec::new(),
        instantiate: Vec::new(),
        fallible: Vec::new(),
        extern_types: Vec::new(),
    };
    let mut named = false;
    let mut it = tokens.into_iter().peekable();
    while let Some(t) = it.next() {
        match &t {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                let span = p.span();
                match it.next() {
                    Some(TokenTree::Ident(i)) if i == "include" => {}
                    Some(other) => {
                        return err(other.span(), "relocxx: expected `#include \"header.h\"`")
                    }
                    None => return err(span, "relocxx: expected `#include \"header.h\"`"),
                }
                match it.next() {
                    Some(t) => match string_lit(&t) {
                        Some(path) if !path.is_empty() => b.includes.push((path, t.span())),
                        _ => {
                            return err(
                                t.span(),
                                "relocxx: `#include` takes a quoted header path, e.g. #include \"geometry.h\" (angle brackets are not supported: the path is looked up in the include dirs given to the build)",
                            )
                        }
                    },
                    None => return err(span, "relocxx: `#include` needs a quoted header path"),
                }
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let span = ident.span();
                if !DIRECTIVES.contains(&name.as_str()) {
                    return err(span, format!("relocxx: unknown directive `{name}!`; expected `#include \"...\"` or one of: {}", list()));
                }
                match it.next() {
                    Some(TokenTree::Punct(p)) if p.as_char() == '!' => {}
                    _ => {
                        return err(
                            span,
                            format!("relocxx: directive `{name}` must be written `{name}!(...)`"),
                        )
                    }
                }
                let group = match it.next() {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => g,
                    Some(other) => {
                        return err(
                            other.span(),
                            format!(
                            "relocxx: `{name}!` takes its arguments in parentheses: `{name}!(...)`"
                        ),
                        )
                    }
                    None => {
                        return err(
                            span,
                            format!(
                            "relocxx: `{name}!` takes its arguments in parentheses: `{name}!(...)`"
                        ),
                        )
                    }
                };
                let args: Vec<TokenTree> = group
                    .stream()
                    .into_iter()
                    .filter(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .collect();
                let gspan = group.span();
                let one_string = |what: &str| -> Result<String, DirectiveError> {
                    match args.as_slice() {
                        [t] => string_lit(t).ok_or_else(|| DirectiveError {
                            span: t.span(),
                            message: format!("relocxx: `{name}!` expects one string literal ({what}), e.g. {name}!(\"geo::Point\")"),
                        }),
                        _ => err(gspan, format!("relocxx: `{name}!` expects exactly one string literal ({what})")),
                    }
                };
                match name.as_str() {
                    "name" => {
                        let n = match args.as_slice() {
                            [TokenTree::Ident(i)] => i.to_string(),
                            [t] => string_lit(t).unwrap_or_default(),
                            _ => String::new(),
                        };
                        if n.is_empty() || !n.chars().all(is_ident_char) || n.starts_with(|c: char| c.is_ascii_digit()) {
                            return err(gspan, "relocxx: `name!` expects one identifier, e.g. name!(geometry)");
                        }
                        if named {
                            return err(span, "relocxx: `name!` given twice");
                        }
                        named = true;
                        b.name = n;
                    }
                    "allow" => b.allow.push(one_string("a regex over qualified names")?),
                    "block" => b.block.push(one_string("a regex over qualified names")?),
                    "relocatable" => b.relocatable.push(one_string("a type")?),
                    "not_relocatable" => b.not_relocatable.push(one_string("a type")?),
                    "send" => b.send.push(one_string("a type")?),
                    "sync" => b.sync.push(one_string("a type")?),
                    "owning" => b.owning.push(one_string("a type")?),
                    "subclass" => b.subclass.push(one_string("a class")?),
                    "callback" => b.callback.push(one_string("a function")?),
                    "instantiate" => b.instantiate.push(one_string("a template specialization")?),
                    "fallible" => b.fallible.push(one_string("a function")?),
                    "extern_type" => match args.as_slice() {
                        [cpp, rust] if string_lit(cpp).is_some() && string_lit(rust).is_some() => b
                            .extern_types
                            .push((string_lit(cpp).unwrap_or_default(), string_lit(rust).unwrap_or_default())),
                        _ => return err(gspan, "relocxx: `extern_type!` expects a C++ class and the Rust path of its binding, e.g. extern_type!(\"ns::Thing\", \"crate_a::ffi::ns::Thing\")"),
                    },
                    "rename" => match args.as_slice() {
                        [from, TokenTree::Ident(to)] if string_lit(from).is_some() => {
                            b.rename.push((string_lit(from).unwrap_or_default(), to.to_string()))
                        }
                        _ => return err(gspan, "relocxx: `rename!` expects a C++ name and a Rust identifier, e.g. rename!(\"ns::f(int)\", f_int)"),
                    },
                    _ => unreachable!("checked against DIRECTIVES"),
                }
            }
            other => {
                return err(
                    other.span(),
                    format!(
                        "relocxx: expected `#include \"...\"` or a directive ({})",
                        list()
                    ),
                )
            }
        }
    }
    if b.includes.is_empty() {
        return err(
            Span::call_site(),
            "relocxx: include_cpp! needs at least one `#include \"header.h\"`",
        );
    }
    Ok(b)
}

fn list() -> String {
    DIRECTIVES
        .iter()
        .map(|d| format!("{d}!"))
        .collect::<Vec<_>>()
        .join(", ")
}
