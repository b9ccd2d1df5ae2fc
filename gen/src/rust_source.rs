//! Finding `include_cpp!` blocks (and, through `walk`, `#[relocxx::export]` items) in Rust
//! sources, for `Builder::from_rust_source` and `relocxx gen --rust-source`. The directive grammar itself is the macro crate's
//! `directives.rs`, included here so the two can never disagree.
//!
//! The scan follows the module tree from the given file: inline `mod x { .. }` and `mod x;`
//! declarations (with `#[path]`), looking at item-level macro invocations named `include_cpp`.

#[path = "directives.rs"]
#[allow(dead_code)]
pub mod directives;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::Options;

/// One block found in a source file.
#[derive(Clone, Debug)]
pub struct FoundBlock {
    pub file: PathBuf,
    pub block: directives::Block,
}

/// The blocks in `root` and the modules it declares, plus every file read (to watch).
/// Blocks with directive errors are left out: the macro reports those, with a span.
pub fn find_blocks(root: &Path) -> Result<(Vec<FoundBlock>, Vec<PathBuf>)> {
    let mut blocks = Vec::new();
    let files = walk(root, &mut |file, item| match item {
        syn::Item::Macro(m)
            if m.mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "include_cpp") =>
        {
            if let Ok(block) = directives::parse(m.mac.tokens.clone()) {
                blocks.push(FoundBlock {
                    file: file.to_path_buf(),
                    block,
                });
            }
        }
        _ => {}
    })?;
    let mut seen = std::collections::HashMap::new();
    for b in &blocks {
        if let Some(prev) = seen.insert(b.block.name.clone(), b.file.clone()) {
            return Err(Error::Usage(format!(
                "two include_cpp! blocks are named `{}` ({} and {}): give one a different name!(..)",
                b.block.name,
                prev.display(),
                b.file.display()
            )));
        }
    }
    Ok((blocks, files))
}

/// Calls `visit` with every item of `root` and of the modules it declares (inline, `mod x;`,
/// `#[path]`), in source order; returns every file read.
pub fn walk(root: &Path, visit: &mut dyn FnMut(&Path, &syn::Item)) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let dir = module_dir(root);
    scan_file(root, &dir, visit, &mut files)?;
    Ok(files)
}

/// Where `mod x;` declared in `file` is looked up: the file's own directory for crate roots and
/// `mod.rs`, else a directory named after the file.
fn module_dir(file: &Path) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    match file.file_stem().and_then(|s| s.to_str()) {
        Some("main" | "lib" | "mod" | "build") | None => parent,
        Some(stem) => parent.join(stem),
    }
}

fn scan_file(
    file: &Path,
    dir: &Path,
    visit: &mut dyn FnMut(&Path, &syn::Item),
    files: &mut Vec<PathBuf>,
) -> Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::io(format!("reading {}", file.display()), e))?;
    files.push(file.to_path_buf());
    let parsed = syn::parse_file(&text).map_err(|e| {
        Error::Usage(format!(
            "{}: not valid Rust ({e}); cannot read its include_cpp! blocks and exports",
            file.display()
        ))
    })?;
    scan_items(&parsed.items, file, dir, visit, files)
}

fn scan_items(
    items: &[syn::Item],
    file: &Path,
    dir: &Path,
    visit: &mut dyn FnMut(&Path, &syn::Item),
    files: &mut Vec<PathBuf>,
) -> Result<()> {
    for item in items {
        visit(file, item);
        let syn::Item::Mod(m) = item else { continue };
        let name = m.ident.to_string();
        let path_attr = m
            .attrs
            .iter()
            .find(|a| a.path().is_ident("path"))
            .and_then(crate::export::syntax::string_value);
        match (&m.content, path_attr) {
            (Some((_, inner)), _) => scan_items(inner, file, &dir.join(&name), visit, files)?,
            (None, Some(p)) => {
                let target = file.parent().unwrap_or(Path::new(".")).join(p);
                let sub_dir = module_dir(&target);
                scan_file(&target, &sub_dir, visit, files)?;
            }
            (None, None) => {
                let flat = dir.join(format!("{name}.rs"));
                let nested = dir.join(&name).join("mod.rs");
                if flat.is_file() {
                    scan_file(&flat, &dir.join(&name), visit, files)?;
                } else if nested.is_file() {
                    scan_file(&nested, &dir.join(&name), visit, files)?;
                }
            }
        }
    }
    Ok(())
}

/// The options for one block: the shared `base` (include dirs, defines, flags, std, compiler)
/// plus the block's own directives. Headers are looked up like the preprocessor would: in the
/// include dirs, then next to the Rust file, then relative to the working directory.
pub fn block_options(base: &Options, found: &FoundBlock) -> Result<Options> {
    let b = &found.block;
    let mut o = base.clone();
    o.name = b.name.clone();
    o.headers = Vec::new();
    for (h, _) in &b.includes {
        let candidates: Vec<PathBuf> = base
            .include_dirs
            .iter()
            .map(|d| d.join(h))
            .chain(found.file.parent().map(|p| p.join(h)))
            .chain([PathBuf::from(h)])
            .collect();
        match candidates.iter().find(|c| c.is_file()) {
            Some(c) => o.headers.push(c.clone()),
            None => {
                return Err(Error::Usage(format!(
                    "relocxx: #include \"{h}\" not found (searched {})",
                    candidates
                        .iter()
                        .map(|c| c.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
            }
        }
    }
    o.allow.extend(b.allow.iter().cloned());
    o.block.extend(b.block.iter().cloned());
    o.relocatable.extend(b.relocatable.iter().cloned());
    o.not_relocatable.extend(b.not_relocatable.iter().cloned());
    o.send.extend(b.send.iter().cloned());
    o.sync.extend(b.sync.iter().cloned());
    o.owning.extend(b.owning.iter().cloned());
    o.subclass.extend(b.subclass.iter().cloned());
    o.callback.extend(b.callback.iter().cloned());
    o.rename.extend(b.rename.iter().cloned());
    o.instantiate.extend(b.instantiate.iter().cloned());
    o.fallible.extend(b.fallible.iter().cloned());
    o.extern_types.extend(b.extern_types.iter().cloned());
    Ok(o)
}
