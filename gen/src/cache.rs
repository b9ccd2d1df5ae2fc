//! The regeneration cache: the same inputs give the previous outputs without parsing.
//!
//! Invariant: an entry is used only when all of these hold, and is otherwise ignored (the
//! generation runs and replaces it):
//! 1. it is whole and ours: its first line names this format version and the FNV-1a 64 checksum
//!    of the rest, which matches, and the rest is the JSON this module writes;
//! 2. it was written for exactly this key (`key`): the options (their `Debug` text), the
//!    effective compiler and the file it resolves to, the working and temporary directories, the
//!    environment variables the parse or the compiler read, the libclang that would be loaded
//!    (its file's path, size, modification time) and the generator itself: its package version and the identity (path, size,
//!    modification time) of the running executable, which cargo relinks whenever the
//!    generator's code changes (a build script, the `relocxx` binary, a test);
//! 3. every file the parse that produced it opened has the same length and content hash (a
//!    touched but unchanged header still hits; a header the parse never opened does not matter);
//! 4. every directory those files were found in, and every include directory, has the same
//!    modification time (a file created there could shadow one that was opened).
//!
//! An entry is stored only when no dependency changed during the parse that produced it (their
//! change times are older than the parse's start, less the file system clock's granularity), and
//! it is written to a temporary file and renamed, so two builds sharing a cache read either a
//! whole old entry or a whole new one. Errors are never cached. One entry per binding name: a
//! new key replaces the old entry, so the cache does not grow with every rebuild.
//!
//! Hash: FNV-1a 64 (fixed, documented, no dependency; std's `DefaultHasher` may change between
//! Rust releases). It is not collision-resistant against an adversary, but whoever can write the
//! headers controls the bindings anyway; by accident a changed file keeps its hash and length
//! with probability about 2^-64, and the shim's `static_assert`s still check every layout.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use serde_json::{json, Value};

use crate::clang::toolchain::{identity, nanos, resolve_program, Compiler, QUERY_ENV};
use crate::emit::Files;
use crate::error::Result;
use crate::model::{Callable, Loc, Skipped};
use crate::{Generated, Options};

/// Set (to anything but empty or `0`) to turn the cache off: every run parses.
pub const NO_CACHE_ENV: &str = "RELOCXX_NO_CACHE";

/// The first word of every entry; the number changes with the entry format.
const FORMAT: &str = "relocxx-cache 1";

/// A dependency changed less than this before the parse started may have changed during it
/// (file times come from a coarse clock): such a generation is not stored.
const CLOCK_SLACK: Duration = Duration::from_millis(30);

/// What the Builder and the CLI use of one generation, which is what a cache entry keeps
/// (the full analysed model is only in [`Generated`], from [`crate::generate`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bindings {
    pub files: Files,
    /// Declarations not bound, with the reason (`<name>.skipped.txt`, build warnings).
    pub skipped: Vec<Skipped>,
    /// Remarks for the user (printed as warnings).
    pub notes: Vec<String>,
    /// Every file the parse opened (headers and what they include).
    pub dependencies: Vec<PathBuf>,
    /// Whether these came from the regeneration cache (no parse ran).
    pub from_cache: bool,
}

impl From<Generated> for Bindings {
    fn from(g: Generated) -> Bindings {
        Bindings {
            files: g.files,
            skipped: g.model.skipped,
            notes: g.model.notes,
            dependencies: g.dependencies,
            from_cache: false,
        }
    }
}

/// Whether `RELOCXX_NO_CACHE` turns the cache off.
pub fn disabled() -> bool {
    std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Generates `options`, answering from the cache in `dir` when the inputs are unchanged (see
/// the module invariant). `None`, or `RELOCXX_NO_CACHE`, parses every time.
pub fn generate(options: &Options, dir: Option<&Path>) -> Result<Bindings> {
    match lookup(options, dir)? {
        Lookup::Hit(b) => Ok(b),
        Lookup::Miss(m) => m.generate(),
    }
}

/// [`generate`] for several binding sets: the cache is asked for each in turn (a hit needs no
/// libclang), then the misses are generated on several threads (`crate::parallel`). Results
/// in the order of `options`.
pub fn generate_all(options: &[&Options], dir: Option<&Path>) -> Vec<Result<Bindings>> {
    let looked: Vec<Result<Lookup>> = options.iter().map(|o| lookup(o, dir)).collect();
    let misses: Vec<&Miss> = looked
        .iter()
        .filter_map(|l| match l {
            Ok(Lookup::Miss(m)) => Some(m),
            _ => None,
        })
        .collect();
    let mut generated = crate::parallel::map(&misses, |m| m.generate()).into_iter();
    looked
        .into_iter()
        .map(|l| match l? {
            Lookup::Hit(b) => Ok(b),
            Lookup::Miss(_) => generated.next().expect("one generation per miss"),
        })
        .collect()
}

/// What the cache says about one binding set.
pub enum Lookup<'a> {
    Hit(Bindings),
    Miss(Miss<'a>),
}

/// A binding set the cache could not answer: [`Miss::generate`] parses and stores it.
pub struct Miss<'a> {
    options: &'a Options,
    /// `None` when the cache is off (or no key could be made).
    store: Option<(String, PathBuf, PathBuf)>,
}

/// Asks the cache in `dir` for `options` (never parses, never loads libclang).
pub fn lookup<'a>(options: &'a Options, dir: Option<&Path>) -> Result<Lookup<'a>> {
    let Some(dir) = dir.filter(|_| !disabled()) else {
        return Ok(Lookup::Miss(Miss {
            options,
            store: None,
        }));
    };
    options.validate()?;
    // Before anything is timed: creating it changes its parent's modification time.
    let _ = std::fs::create_dir_all(dir);
    let entry = dir.join(format!("{}.entry", options.name));
    let key = key(options);
    if let Some(hit) = key.as_deref().and_then(|k| read(&entry, k)) {
        return Ok(Lookup::Hit(hit));
    }
    Ok(Lookup::Miss(Miss {
        options,
        store: key.map(|k| (k, dir.to_path_buf(), entry)),
    }))
}

impl Miss<'_> {
    /// Parses, analyses and emits ([`crate::generate`]), and stores the result.
    pub fn generate(&self) -> Result<Bindings> {
        let start = SystemTime::now();
        let before = dir_times(&watched_dirs(self.options, &[]));
        let bindings = Bindings::from(crate::generate(self.options)?);
        if let Some((key, dir, entry)) = &self.store {
            // A cache that cannot be written only costs the next run a parse.
            let _ = store(dir, entry, key, self.options, &bindings, (start, &before));
        }
        Ok(bindings)
    }
}

/// Everything besides the opened files that decides the output, as text (compared whole).
/// `None` when no libclang is found (the generation then reports why). libclang is named by its
/// file (path, size, modification time), which fixes its version, rather than loaded to ask:
/// loading it costs more than a whole cache hit.
fn key(options: &Options) -> Option<String> {
    let libclang = crate::clang::discover::chosen().ok()?;
    let compiler = options.compiler.clone().unwrap_or_else(Compiler::from_env);
    let mut k = String::new();
    let _ = writeln!(k, "{FORMAT}");
    let _ = writeln!(k, "relocxx-gen {}", env!("CARGO_PKG_VERSION"));
    let exe = std::env::current_exe().ok()?;
    let _ = writeln!(k, "generator {}", identity(&exe)?);
    let _ = writeln!(k, "libclang {}", identity(&libclang.path)?);
    let resolved = resolve_program(&compiler.program);
    let _ = writeln!(
        k,
        "compiler {compiler:?} {}",
        resolved
            .as_deref()
            .and_then(identity)
            .unwrap_or_else(|| "not found".into())
    );
    let _ = writeln!(k, "cwd {:?}", std::env::current_dir().ok()?);
    let _ = writeln!(k, "tmp {:?}", std::env::temp_dir());
    for var in QUERY_ENV {
        let _ = writeln!(k, "env {var}={:?}", std::env::var_os(var));
    }
    // `Debug` is a stable serialization here: the same executable (part of the key) always
    // prints the same options the same way, paths included.
    let _ = writeln!(k, "options {options:#?}");
    Some(k)
}

/// The later of modification and (on Unix) status-change time: what a write during the parse
/// would have moved.
fn changed_at(meta: &std::fs::Metadata) -> Option<SystemTime> {
    let modified = meta.modified().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ctime = SystemTime::UNIX_EPOCH.checked_add(Duration::new(
            u64::try_from(meta.ctime()).ok()?,
            u32::try_from(meta.ctime_nsec()).ok()?,
        ))?;
        Some(modified.max(ctime))
    }
    #[cfg(not(unix))]
    Some(modified)
}

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Directories whose new files could change what the parse opens: those of the opened files,
/// and every include directory.
fn watched_dirs(options: &Options, deps: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = deps
        .iter()
        .filter_map(|d| d.parent().map(Path::to_path_buf))
        .chain(
            options
                .include_dirs
                .iter()
                .map(|d| crate::options::absolute(d)),
        )
        .chain(
            crate::parse::include_dirs_in(options.flags.iter().chain(&options.parse_flags))
                .iter()
                .map(|d| crate::options::absolute(d)),
        )
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// Modification time in nanoseconds of a directory; 0 when it does not exist (an include
/// directory created later could shadow a header too).
fn dir_time(dir: &Path) -> u64 {
    std::fs::metadata(dir)
        .and_then(|m| m.modified())
        .ok()
        .and_then(nanos)
        .unwrap_or(0)
}

fn dir_times(dirs: &[PathBuf]) -> Vec<(PathBuf, u64)> {
    dirs.iter().map(|d| (d.clone(), dir_time(d))).collect()
}

fn read_entry(path: &Path) -> Option<Value> {
    let text = std::fs::read(path).ok()?;
    let newline = text.iter().position(|b| *b == b'\n')?;
    let (head, body) = (
        std::str::from_utf8(&text[..newline]).ok()?,
        &text[newline + 1..],
    );
    let sum = head.strip_prefix(FORMAT)?.strip_prefix(' ')?;
    if u64::from_str_radix(sum, 16).ok()? != fnv1a64(body) {
        return None;
    }
    serde_json::from_slice(body).ok()
}

/// The entry's outputs, if it is whole, for `key`, and its dependencies are unchanged.
fn read(path: &Path, key: &str) -> Option<Bindings> {
    let v = read_entry(path)?;
    if v.get("key")?.as_str()? != key {
        return None;
    }
    for d in v.get("dirs")?.as_array()? {
        let (dir, mtime) = (d.get(0)?.as_str()?, d.get(1)?.as_u64()?);
        if dir_time(Path::new(dir)) != mtime {
            return None;
        }
    }
    let mut dependencies = Vec::new();
    for d in v.get("deps")?.as_array()? {
        let (file, len, hash) = (
            d.get(0)?.as_str()?,
            d.get(1)?.as_u64()?,
            d.get(2)?.as_u64()?,
        );
        let bytes = std::fs::read(file).ok()?;
        if bytes.len() as u64 != len || fnv1a64(&bytes) != hash {
            return None;
        }
        dependencies.push(PathBuf::from(file));
    }
    let files = v.get("files")?;
    let text = |v: &Value, k: &str| v.get(k)?.as_str().map(String::from);
    let skipped = v
        .get("skipped")?
        .as_array()?
        .iter()
        .map(skipped_from_json)
        .collect::<Option<Vec<_>>>()?;
    let notes = v
        .get("notes")?
        .as_array()?
        .iter()
        .map(|n| n.as_str().map(String::from))
        .collect::<Option<Vec<_>>>()?;
    Some(Bindings {
        files: Files {
            rs: text(files, "rs")?,
            h: text(files, "h")?,
            cc: text(files, "cc")?,
        },
        skipped,
        notes,
        dependencies,
        from_cache: true,
    })
}

/// Writes the entry for `bindings`, unless a dependency or an include directory changed while
/// they were generated (`before`: the parse's start and the include directories' times then),
/// or a path is not UTF-8, which the JSON could not carry exactly. The directories of opened
/// files that are not include directories are only known after the parse: their times are
/// taken then (a file created in one of them during the parse would go unnoticed).
fn store(
    dir: &Path,
    entry: &Path,
    key: &str,
    options: &Options,
    bindings: &Bindings,
    before: (SystemTime, &[(PathBuf, u64)]),
) -> Option<()> {
    let (start, include_times) = before;
    let settled =
        |meta: &std::fs::Metadata| changed_at(meta).is_some_and(|t| t + CLOCK_SLACK < start);
    let mut deps = Vec::new();
    for d in &bindings.dependencies {
        let bytes = std::fs::read(d).ok()?;
        if !settled(&std::fs::metadata(d).ok()?) {
            return None;
        }
        deps.push(json!([d.to_str()?, bytes.len() as u64, fnv1a64(&bytes)]));
    }
    let mut dirs = Vec::new();
    for (d, t) in dir_times(&watched_dirs(options, &bindings.dependencies)) {
        if include_times.iter().any(|(i, was)| *i == d && *was != t) {
            return None;
        }
        dirs.push(json!([d.to_str()?, t]));
    }
    let body = json!({
        "key": key,
        "deps": deps,
        "dirs": dirs,
        "files": {"rs": bindings.files.rs, "h": bindings.files.h, "cc": bindings.files.cc},
        "skipped": bindings.skipped.iter().map(skipped_to_json).collect::<Vec<_>>(),
        "notes": bindings.notes,
    })
    .to_string();
    let text = format!("{FORMAT} {:016x}\n{body}", fnv1a64(body.as_bytes()));
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        options.name,
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, entry).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return None;
    }
    Some(())
}

fn skipped_to_json(s: &Skipped) -> Value {
    json!({
        "file": s.loc.file, "line": s.loc.line, "column": s.loc.column, "shown": s.loc.shown,
        "name": s.name, "reason": s.reason,
        "callable": s.callable.map(|c| json!([c.params, c.receiver, c.constructor])),
    })
}

fn skipped_from_json(v: &Value) -> Option<Skipped> {
    let text = |k: &str| v.get(k)?.as_str().map(String::from);
    let num = |k: &str| u32::try_from(v.get(k)?.as_u64()?).ok();
    let callable = match v.get("callable")? {
        Value::Null => None,
        c => Some(Callable {
            params: usize::try_from(c.get(0)?.as_u64()?).ok()?,
            receiver: c.get(1)?.as_bool()?,
            constructor: c.get(2)?.as_bool()?,
        }),
    };
    Some(Skipped {
        loc: Loc {
            file: text("file")?,
            line: num("line")?,
            column: num("column")?,
            shown: text("shown")?,
        },
        name: text("name")?,
        reason: text("reason")?,
        callable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn skipped_round_trips() {
        let s = Skipped {
            loc: Loc {
                file: "a/b.h".into(),
                line: 3,
                column: 7,
                shown: "b.h".into(),
            },
            name: "ns::f".into(),
            reason: "parameter `p`: \"quoted\"\nnext".into(),
            callable: Some(Callable {
                params: 2,
                receiver: true,
                constructor: false,
            }),
        };
        assert_eq!(skipped_from_json(&skipped_to_json(&s)), Some(s.clone()));
        let plain = Skipped {
            callable: None,
            ..s
        };
        assert_eq!(skipped_from_json(&skipped_to_json(&plain)), Some(plain));
    }
}
