//! `relocxx gen --compile-commands build/compile_commands.json`: parse with the flags of the
//! translation unit that includes the header, as the build compiles it.
//!
//! The translation unit is the first entry whose source `#include`s the header's file name;
//! failing that, one whose source has the header's stem (`geometry.cpp` for `geometry.h`);
//! failing that, the first entry. Only flags that change what the parser sees are kept:
//! include paths, macro definitions, the language standard, the standard library, sysroot,
//! target and forced includes.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Result};

/// Adds the flags of `options`' first header's translation unit in the database at `db` (its
/// `-std=` becomes `options.std`). The CLI's `--compile-commands` and the Builder's
/// `compile_commands` both come here.
pub fn apply(options: &mut crate::Options, db: &Path) -> Result<()> {
    let Some(header) = options.headers.first() else {
        return Ok(());
    };
    for f in flags_for(db, header)? {
        match f.strip_prefix("-std=") {
            Some(std) => options.std = std.to_string(),
            None => options.flags.push(f),
        }
    }
    Ok(())
}

/// Flags for `header` from the database at `db`, with relative paths made absolute.
pub fn flags_for(db: &Path, header: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(db)
        .map_err(|e| Error::io(format!("reading {}", db.display()), e))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| {
        Error::Usage(format!(
            "{} is not a compilation database: {e}",
            db.display()
        ))
    })?;
    let entries = json
        .as_array()
        .ok_or_else(|| Error::Usage(format!("{}: expected a JSON array", db.display())))?;
    let entry = pick(entries, header)
        .ok_or_else(|| Error::Usage(format!("{} has no entries", db.display())))?;
    let dir = PathBuf::from(
        entry
            .get("directory")
            .and_then(Value::as_str)
            .unwrap_or("."),
    );
    let args: Vec<String> = match (
        entry.get("arguments").and_then(Value::as_array),
        entry.get("command").and_then(Value::as_str),
    ) {
        (Some(a), _) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        (None, Some(cmd)) => shlex::split(cmd)
            .ok_or_else(|| Error::Usage(format!("cannot split the command of {}", db.display())))?,
        (None, None) => Vec::new(),
    };
    Ok(keep_relevant(&args, &dir))
}

fn source_of(entry: &Value) -> Option<PathBuf> {
    let file = PathBuf::from(entry.get("file")?.as_str()?);
    let dir = PathBuf::from(
        entry
            .get("directory")
            .and_then(Value::as_str)
            .unwrap_or("."),
    );
    Some(if file.is_absolute() {
        file
    } else {
        dir.join(file)
    })
}

fn pick<'a>(entries: &'a [Value], header: &Path) -> Option<&'a Value> {
    let name = header.file_name()?.to_string_lossy().into_owned();
    let stem = header.file_stem()?.to_string_lossy().into_owned();
    let includes = |e: &&Value| {
        source_of(e)
            .and_then(|p| std::fs::read_to_string(p).ok())
            .is_some_and(|src| {
                src.lines().any(|l| {
                    let l = l.trim_start();
                    l.starts_with('#')
                        && l.contains("include")
                        && (l.contains(&format!("/{name}"))
                            || l.contains(&format!("\"{name}"))
                            || l.contains(&format!("<{name}")))
                })
            })
    };
    let same_stem = |e: &&Value| {
        source_of(e)
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy() == stem))
            .unwrap_or(false)
    };
    entries
        .iter()
        .find(includes)
        .or_else(|| entries.iter().find(same_stem))
        .or(entries.first())
}

/// Keeps the flags that affect parsing; makes path arguments absolute against `dir`.
fn keep_relevant(args: &[String], dir: &Path) -> Vec<String> {
    let abs = |p: &str| {
        let path = Path::new(p);
        if path.is_absolute() {
            p.to_string()
        } else {
            dir.join(path).display().to_string()
        }
    };
    let mut out = Vec::new();
    let mut i = 1; // args[0] is the compiler
    while i < args.len() {
        let a = &args[i];
        let next = args.get(i + 1);
        let mut take_pair = |flag: &str, value: &str| {
            out.push(flag.to_string());
            out.push(value.to_string());
        };
        match a.as_str() {
            "-I" | "-isystem" | "-iquote" | "-idirafter" | "-include" => {
                if let Some(v) = next {
                    take_pair(a, &abs(v));
                    i += 1;
                }
            }
            "-D" | "-U" | "-target" => {
                if let Some(v) = next {
                    take_pair(a, v);
                    i += 1;
                }
            }
            _ if a.starts_with("-I") => out.push(format!("-I{}", abs(&a[2..]))),
            _ if a.starts_with("-isystem") => out.push(format!("-isystem{}", abs(&a[8..]))),
            _ if a.starts_with("-D")
                || a.starts_with("-U")
                || a.starts_with("-std=")
                || a.starts_with("-stdlib=")
                || a.starts_with("--sysroot")
                || a.starts_with("--target=")
                || a == "-m32"
                || a == "-m64" =>
            {
                out.push(a.clone())
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_parse_relevant_flags_and_absolutises_paths() {
        let args: Vec<String> = [
            "c++",
            "-Iinc",
            "-isystem",
            "/sys",
            "-DX=1",
            "-O2",
            "-std=c++20",
            "-c",
            "a.cpp",
            "-o",
            "a.o",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            keep_relevant(&args, Path::new("/b")),
            ["-I/b/inc", "-isystem", "/sys", "-DX=1", "-std=c++20"]
        );
    }
}
