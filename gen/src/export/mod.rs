//! Rust -> C++ (DESIGN §7): reads the `#[relocxx::export]` items of a crate's sources and writes
//! the C++ header that calls them. The grammar (what is accepted, how each type maps, symbol
//! names) is the macro crate's `export/`, included here as `syntax` so the header and the
//! `extern "C"` functions the macro writes always agree; `header.rs` spells the C++.
//!
//! An item the grammar refuses is left out of the header and reported (the macro reports it
//! too, as a compile error at the token); so is a function using a type no export provides.

#[path = "syntax/mod.rs"]
#[allow(dead_code)]
pub mod syntax;

mod calls;
mod header;
pub mod layout;
mod opaque;

use std::path::{Path, PathBuf};

use crate::error::Result;

/// One exported item, with the namespace its attribute gives.
pub struct Found {
    pub file: PathBuf,
    pub namespace: Vec<String>,
    /// The attribute's `include = ".."` headers.
    pub include: Vec<String>,
    /// The attribute's `size = N, align = M` (opaque structs): used when the compiled crate's
    /// layout record is not at hand (a `build.rs` runs before rustc).
    pub layout: Option<(u64, u64)>,
    pub export: syntax::Export,
}

/// Marks a `Ty::Named` path rewritten to a C++ class bound by relocxx (`cpp_types`): the rest
/// is its C++ qualified name.
pub const CPP_MARK: &str = "::cpp";

fn is_cpp(path: &[String]) -> bool {
    path.first().map(String::as_str) == Some(CPP_MARK)
}

/// What reading a crate's exports gave.
pub struct Exports {
    pub items: Vec<Found>,
    /// `file:line: reason` for every exported item left out.
    pub refused: Vec<String>,
    /// Every source file read (to watch).
    pub files: Vec<PathBuf>,
}

/// The exported items of `root` and the modules it declares.
pub fn read(root: &Path) -> Result<Exports> {
    let mut items = Vec::new();
    let mut refused = Vec::new();
    let mut bindings: Vec<String> = Vec::new();
    let mut uses: std::collections::HashMap<PathBuf, Vec<(String, Vec<String>)>> =
        std::collections::HashMap::new();
    let files = crate::rust_source::walk(root, &mut |file, item| {
        match item {
            // The modules of bound C++ (`include_bindings!("x")`, `include_cpp! { name!(x) }`).
            syn::Item::Macro(m) => {
                let last = m.mac.path.segments.last().map(|s| s.ident.to_string());
                match last.as_deref() {
                    Some("include_bindings") => {
                        if let Ok(lit) = syn::parse2::<syn::LitStr>(m.mac.tokens.clone()) {
                            bindings.push(lit.value());
                        }
                    }
                    Some("include_cpp") => {
                        if let Ok(b) = crate::rust_source::directives::parse(m.mac.tokens.clone()) {
                            bindings.push(b.name);
                        }
                    }
                    _ => {}
                }
                return;
            }
            syn::Item::Use(u) => {
                let mut found = Vec::new();
                flatten_use(&u.tree, &mut Vec::new(), &mut found);
                uses.entry(file.to_path_buf()).or_default().extend(found);
                return;
            }
            _ => {}
        }
        let attrs = match item {
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => return,
        };
        let Some(attr) = attrs.iter().find(|a| syntax::is_export_attr(a)) else {
            return;
        };
        let args = match &attr.meta {
            syn::Meta::List(l) => syntax::parse_args(l.tokens.clone()),
            _ => Ok(syntax::Args::default()),
        };
        match args.and_then(|a| syntax::parse_item(item).map(|e| (a, e))) {
            Ok((args, export)) => items.push(Found {
                file: file.to_path_buf(),
                namespace: args.namespace,
                include: args.include,
                layout: args.layout,
                export,
            }),
            Err(e) => refused.push(format!(
                "{}:{}: {}",
                file.display(),
                e.span.start().line,
                e.message
            )),
        }
    })?;
    for f in &mut items {
        let file_uses = uses.get(&f.file).map(Vec::as_slice).unwrap_or(&[]);
        cpp_types(&mut f.export, file_uses, &bindings);
    }
    Ok(Exports {
        items,
        refused,
        files,
    })
}

/// Every name a `use` tree brings in, with the path it stands for.
fn flatten_use(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(String, Vec<String>)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut full = prefix.clone();
            full.push(n.ident.to_string());
            out.push((n.ident.to_string(), full));
        }
        syn::UseTree::Rename(r) => {
            let mut full = prefix.clone();
            full.push(r.ident.to_string());
            out.push((r.rename.to_string(), full));
        }
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, out);
            }
        }
        syn::UseTree::Glob(_) => {}
    }
}

/// Rewrites the named types of `export` that go through a module of bound C++ (after the
/// file's `use`s) to `CPP_MARK` + their C++ qualified name: the generated modules mirror the
/// C++ namespaces, so `geometry_bridge::geo::Accumulator` is C++ `geo::Accumulator`.
fn cpp_types(export: &mut syntax::Export, uses: &[(String, Vec<String>)], bindings: &[String]) {
    let resolve = |path: &mut Vec<String>| {
        let mut full = match uses.iter().find(|(n, _)| Some(n) == path.first()) {
            Some((_, target)) => target.iter().chain(path.iter().skip(1)).cloned().collect(),
            None => path.clone(),
        };
        while matches!(
            full.first().map(String::as_str),
            Some("crate" | "self" | "super")
        ) {
            full.remove(0);
        }
        if full.len() > 1 && bindings.contains(&full[0]) {
            full[0] = CPP_MARK.to_string();
            *path = full;
        }
    };
    syntax::visit_named(export, &mut |p: &mut Vec<String>| resolve(p));
}

/// The header text for `exports`, named `name` (`<name>.h`), with the sizes of opaque types
/// from `layouts` (`layout::read` of the compiled crate); items that use a type no export
/// provides, or whose size is unknown, are left out and added to `refused`.
pub fn header(name: &str, exports: &mut Exports, layouts: &layout::Layouts) -> String {
    header::write(name, &exports.items, layouts, &mut exports.refused)
}

/// What `write` did: the header written (if the crate exports anything), the refusals, and
/// every source file read.
pub struct Written {
    pub header: Option<PathBuf>,
    pub refused: Vec<String>,
    pub files: Vec<PathBuf>,
}

/// Reads the exports of `root` and writes `<include_dir>/<name>.h` when there are any. `name`
/// defaults to the package name (`crate_name`); `rust_lib` is the compiled crate, where the
/// sizes of opaque types are read.
pub fn write(
    root: &Path,
    include_dir: &Path,
    name: Option<&str>,
    rust_lib: Option<&Path>,
) -> Result<Written> {
    let mut exports = read(root)?;
    if exports.items.is_empty() && exports.refused.is_empty() {
        return Ok(Written {
            header: None,
            refused: Vec::new(),
            files: exports.files,
        });
    }
    let name = name
        .map(str::to_string)
        .or_else(|| crate_name(root))
        .unwrap_or_else(|| "exports".into());
    let layouts = match rust_lib {
        Some(lib) => layout::read(lib)?,
        None => layout::Layouts::new(),
    };
    let text = header(&name, &mut exports, &layouts);
    let path = include_dir.join(format!("{name}.h"));
    crate::output::write_if_changed(&path, &text)?;
    Ok(Written {
        header: Some(path),
        refused: exports.refused,
        files: exports.files,
    })
}

/// The C++ half of the export runtime (`relocxx/rust.hpp`), written next to every header.
pub const RUST_HPP: &str = include_str!("../../include/relocxx/rust.hpp");

/// The package name of the crate `root` belongs to (the nearest `Cargo.toml` above it), `-`
/// replaced by `_`: the default header name.
pub fn crate_name(root: &Path) -> Option<String> {
    let mut dir = root.canonicalize().ok()?.parent()?.to_path_buf();
    loop {
        let manifest = dir.join("Cargo.toml");
        if let Ok(text) = std::fs::read_to_string(&manifest) {
            let mut in_package = false;
            for line in text.lines().map(str::trim) {
                if line.starts_with('[') {
                    in_package = line == "[package]";
                } else if in_package {
                    if let Some(v) = line.strip_prefix("name").map(str::trim) {
                        if let Some(v) = v.strip_prefix('=') {
                            return Some(v.trim().trim_matches('"').replace('-', "_"));
                        }
                    }
                }
            }
        }
        dir = dir.parent()?.to_path_buf();
    }
}
