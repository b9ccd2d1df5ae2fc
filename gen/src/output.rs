//! Writing generated files: only when their content changed (so build systems that look at
//! mtimes do no work on a no-op regeneration), plus Make-style depfiles.

use std::path::{Path, PathBuf};

use crate::emit::Files;
use crate::error::{Error, Result};
use crate::model::Skipped;

/// The C++ runtime header, shipped inside the generator so every shim can include it.
pub const RUNTIME_HEADER: &str = include_str!("../include/relocxx/relocxx.hpp");

/// Writes `contents` to `path` unless the file already holds exactly that. Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    std::fs::write(path, contents)
        .map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    Ok(true)
}

/// Paths of the outputs for binding `name` in `out_dir`.
pub struct OutputPaths {
    pub rs: PathBuf,
    pub h: PathBuf,
    pub cc: PathBuf,
    pub runtime_header: PathBuf,
    pub skipped: PathBuf,
}

impl OutputPaths {
    pub fn new(out_dir: &Path, name: &str) -> OutputPaths {
        OutputPaths {
            rs: out_dir.join(format!("{name}.rs")),
            h: out_dir.join(format!("{name}.h")),
            cc: out_dir.join(format!("{name}.cc")),
            runtime_header: out_dir.join("include").join("relocxx").join("relocxx.hpp"),
            skipped: out_dir.join(format!("{name}.skipped.txt")),
        }
    }
}

/// Writes `<out_dir>/include/relocxx/relocxx.hpp` (headers that use `RELOCXX_RELOCATABLE`
/// include it, and so does every shim) and `relocxx/rust.hpp` (what export headers include),
/// and returns the include directory to add.
pub fn write_runtime_header(out_dir: &Path) -> Result<PathBuf> {
    let dir = out_dir.join("include");
    write_if_changed(&dir.join("relocxx").join("relocxx.hpp"), RUNTIME_HEADER)?;
    write_if_changed(
        &dir.join("relocxx").join("rust.hpp"),
        crate::export::RUST_HPP,
    )?;
    Ok(dir)
}

/// Writes the three generated files and the skipped list (the runtime header is written by
/// `write_runtime_header`, before parsing).
pub fn write_all(
    out_dir: &Path,
    name: &str,
    files: &Files,
    skipped: &[Skipped],
) -> Result<OutputPaths> {
    let paths = OutputPaths::new(out_dir, name);
    write_if_changed(&paths.rs, &files.rs)?;
    write_if_changed(&paths.h, &files.h)?;
    write_if_changed(&paths.cc, &files.cc)?;
    let list: String = skipped.iter().map(|s| format!("{s}\n")).collect();
    write_if_changed(&paths.skipped, &list)?;
    Ok(paths)
}

/// A Make-style depfile: `target: dep dep ...` with spaces escaped.
pub fn depfile(target: &Path, deps: &[PathBuf]) -> String {
    let esc = |p: &Path| {
        p.display()
            .to_string()
            .replace('\\', "/")
            .replace(' ', "\\ ")
    };
    let mut s = format!("{}:", esc(target));
    for d in deps {
        s.push_str(" \\\n  ");
        s.push_str(&esc(d));
    }
    s.push('\n');
    s
}
