//! How generated files name the file a declaration is in.
//!
//! Invariant: a path that reaches generated output (a declaration's location in the Rust
//! docs, the list of skipped declarations) is relative to the directory of a header the user
//! gave (the deepest one containing the file), else the file's name alone: never absolute and
//! never relative to the working directory, so the same headers give the same bindings
//! wherever the checkout is and whatever directory the build runs in. Diagnostics keep
//! `Loc::file` (relative to the working directory, where a user can open it). The spelling
//! libclang gives unnamed types (`(unnamed enum at /abs/t.h:4:9)`) is made path-free where it
//! is read, in `clang::cursor`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::options::absolute;

thread_local! {
    /// Directories of the given headers for the parse running on this thread, deepest first.
    static DIRS: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `headers` (absolute paths) as the given headers of this thread's parse.
pub fn with_headers<R>(headers: &[PathBuf], f: impl FnOnce() -> R) -> R {
    let mut dirs: Vec<PathBuf> = headers
        .iter()
        .filter_map(|h| absolute(h).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    dirs.dedup();
    let old = DIRS.with(|d| std::mem::replace(&mut *d.borrow_mut(), dirs));
    let out = f();
    DIRS.with(|d| *d.borrow_mut() = old);
    out
}

/// The path generated files show for `path` (see the module docs).
pub fn shown(path: &Path) -> String {
    let abs = absolute(path);
    let rel = DIRS.with(|dirs| {
        dirs.borrow()
            .iter()
            .find_map(|d| abs.strip_prefix(d).ok().map(Path::to_path_buf))
    });
    let shown = match rel {
        Some(rel) if !rel.as_os_str().is_empty() => rel,
        _ => PathBuf::from(abs.file_name().unwrap_or(abs.as_os_str())),
    };
    shown.to_string_lossy().replace('\\', "/")
}
