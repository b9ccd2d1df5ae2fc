//! Finding and loading libclang at run time.
//!
//! Why our own search instead of `clang_sys::load()` alone: users expect the *highest* installed
//! version (Debian ships several side by side and the default `llvm-config` is often the oldest),
//! an explicit `LIBCLANG_PATH` must win and must not silently fall back to something else, and a
//! `LIBCLANG_PATH` / `llvm-config` pair from different LLVM releases must be reported, not mixed.
//! clang-sys keeps the loaded library in a thread-local, so we load it once per process and hand
//! the same `Arc` to every thread that parses.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::Error;

/// The oldest libclang whose C API covers everything relocxx calls.
pub const MIN_LIBCLANG_MAJOR: u32 = 14;

/// Debian package that provides libclang, named in the "not found" error.
pub const DEBIAN_PACKAGE: &str = "libclang-19-dev";

/// A libclang shared library that was found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// Major version read off the file or directory name (`libclang-19.so.1`, `llvm-19/lib`).
    pub major: Option<u32>,
    /// How it was found, for messages.
    pub source: &'static str,
}

/// The loaded library plus facts about it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub library: Arc<clang_sys::SharedLibrary>,
    pub path: PathBuf,
    /// Full version string from `clang_getClangVersion`, e.g. "Debian clang version 19.1.7".
    pub version: String,
    pub major: u32,
    /// Non-fatal remarks made while searching (e.g. version mismatch with llvm-config).
    pub notes: Vec<String>,
}

static LOADED: OnceLock<Result<Loaded, String>> = OnceLock::new();
static CHOSEN: OnceLock<Result<(Candidate, Vec<String>), String>> = OnceLock::new();
static LOAD_LOCK: Mutex<()> = Mutex::new(());

/// Makes libclang usable on the calling thread, loading it on first use in the process.
pub fn ensure_loaded() -> Result<Loaded, Error> {
    let loaded = LOADED
        .get_or_init(load_once)
        .clone()
        .map_err(Error::Libclang)?;
    if !clang_sys::is_loaded() {
        clang_sys::set_library(Some(loaded.library.clone()));
    }
    Ok(loaded)
}

/// Whether this process has already tried to load libclang ([`ensure_loaded`] then costs
/// nothing).
pub fn is_loaded() -> bool {
    LOADED.get().is_some()
}

/// The library [`ensure_loaded`] loads (or loaded) and the remarks made finding it, chosen once
/// per process without loading it (the regeneration cache keys on it; loading costs more than a
/// cache hit).
pub fn chosen() -> Result<&'static Candidate, String> {
    chosen_with_notes()
        .as_ref()
        .map(|(c, _)| c)
        .map_err(Clone::clone)
}

fn chosen_with_notes() -> &'static Result<(Candidate, Vec<String>), String> {
    CHOSEN.get_or_init(|| {
        let mut notes = Vec::new();
        choose(&mut notes).map(|c| (c, notes))
    })
}

fn load_once() -> Result<Loaded, String> {
    let _guard = LOAD_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let (candidate, notes) = chosen_with_notes().clone()?;
    // clang-sys only loads what its own search finds; pointing its search at exactly the file
    // we chose makes the two agree. This runs once per process, before any parse starts, and
    // the previous value is restored right after. The one thread that may run meanwhile (the
    // compiler query `parse::parse_with` overlaps with loading) reads the environment only
    // through std, whose lock orders its reads with this write; the compiler it starts may
    // inherit this value, which a compiler ignores.
    let previous = std::env::var_os("LIBCLANG_PATH");
    set_env("LIBCLANG_PATH", Some(candidate.path.as_os_str()));
    let result = clang_sys::load_manually();
    set_env("LIBCLANG_PATH", previous.as_deref());
    let library = result.map_err(|e| {
        format!(
            "libclang at {} could not be loaded: {e}. Set LIBCLANG_PATH to the directory that \
             holds a working libclang.so (Debian: apt-get install {DEBIAN_PACKAGE})",
            candidate.path.display()
        )
    })?;
    let library = Arc::new(library);
    let previous = clang_sys::set_library(Some(library.clone()));
    let version = unsafe { super::cursor::to_string(clang_sys::clang_getClangVersion()) };
    clang_sys::set_library(previous);
    let major = parse_major(&version).or(candidate.major).unwrap_or(0);
    if major < MIN_LIBCLANG_MAJOR {
        return Err(format!(
            "libclang at {} is version {major} ({version}); relocxx needs libclang {MIN_LIBCLANG_MAJOR} \
             to 22. Set LIBCLANG_PATH to a newer one (Debian: apt-get install {DEBIAN_PACKAGE})",
            candidate.path.display()
        ));
    }
    Ok(Loaded {
        library,
        path: candidate.path,
        version,
        major,
        notes,
    })
}

#[allow(unused_unsafe)]
fn set_env(key: &str, value: Option<&std::ffi::OsStr>) {
    // SAFETY: called once per process under LOAD_LOCK, see `load_once`.
    unsafe {
        match value {
            Some(v) => std::env::set_var(key, v),
            None => std::env::remove_var(key),
        }
    }
}

/// Picks the library to load: `LIBCLANG_PATH` if set (and nothing else), then an explicit
/// `LLVM_CONFIG_PATH`, then the highest version among `llvm-config` on PATH and system dirs.
pub fn choose(notes: &mut Vec<String>) -> Result<Candidate, String> {
    let llvm_config = llvm_config_libdir();
    if let Some(dir) = std::env::var_os("LIBCLANG_PATH").filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(dir);
        let found = if dir.is_file() {
            vec![Candidate {
                major: major_from_path(&dir),
                path: dir.clone(),
                source: "LIBCLANG_PATH",
            }]
        } else {
            scan_dir(&dir, "LIBCLANG_PATH")
        };
        let best = best(found).ok_or_else(|| {
            format!(
                "LIBCLANG_PATH={} holds no libclang shared library. Point LIBCLANG_PATH at the \
                 directory containing libclang.so (Debian: apt-get install {DEBIAN_PACKAGE})",
                dir.display()
            )
        })?;
        if let (Some((cfg_major, cfg_dir)), Some(lib_major)) = (&llvm_config, best.major) {
            if *cfg_major != lib_major {
                notes.push(format!(
                    "LIBCLANG_PATH selects libclang {lib_major} but llvm-config ({}) is LLVM \
                     {cfg_major}; using LIBCLANG_PATH",
                    cfg_dir.display()
                ));
            }
        }
        return Ok(best);
    }
    let mut found = Vec::new();
    if let Some((_, dir)) = &llvm_config {
        found.extend(scan_dir(dir, "llvm-config"));
        if std::env::var_os("LLVM_CONFIG_PATH").is_some() {
            if let Some(best) = best(found.clone()) {
                return Ok(best);
            }
        }
    }
    for pattern_dir in system_dirs() {
        found.extend(scan_dir(&pattern_dir, "system"));
    }
    best(found).ok_or_else(|| {
        format!(
            "libclang was not found. Install it (Debian/Ubuntu: apt-get install {DEBIAN_PACKAGE}) \
             or set LIBCLANG_PATH to the directory that contains libclang.so"
        )
    })
}

/// Highest major version wins; among equals, the first found (search order is preference).
fn best(found: Vec<Candidate>) -> Option<Candidate> {
    let mut best: Option<Candidate> = None;
    for c in found {
        let better = match &best {
            None => true,
            Some(b) => c.major.unwrap_or(0) > b.major.unwrap_or(0),
        };
        if better {
            best = Some(c);
        }
    }
    best
}

fn system_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for parent in ["/usr/lib", "/usr/local/lib", "/opt"] {
        if let Ok(entries) = std::fs::read_dir(parent) {
            let mut names: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            names.sort();
            for p in names {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.starts_with("llvm") || name.starts_with("clang") {
                    dirs.push(p.join("lib"));
                }
            }
        }
    }
    for d in [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64",
        "/usr/lib",
        "/usr/local/lib",
        "/opt/homebrew/opt/llvm/lib",
        "/usr/local/opt/llvm/lib",
        "/Library/Developer/CommandLineTools/usr/lib",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

fn is_libclang_name(name: &str) -> bool {
    let stem_ok = name.starts_with("libclang.") || name.starts_with("libclang-");
    let ext_ok = name.contains(".so") || name.ends_with(".dylib") || name.ends_with(".dll");
    // libclang-cpp is the C++ API, not the C API we need.
    stem_ok && ext_ok && !name.starts_with("libclang-cpp")
}

fn scan_dir(dir: &Path, source: &'static str) -> Vec<Candidate> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_libclang_name)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|path| Candidate {
            major: major_from_path(&path),
            path,
            source,
        })
        .collect()
}

/// `libclang-19.so.1`, `libclang.so.19.1`, `libclang-19.so`, or a parent dir `llvm-19`.
pub fn major_from_path(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    let digits = |s: &str| -> Option<u32> {
        let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        d.parse().ok()
    };
    if let Some(rest) = name.strip_prefix("libclang-") {
        if let Some(v) = digits(rest) {
            return Some(v);
        }
    }
    if let Some(rest) = name.strip_prefix("libclang.so.") {
        // `libclang.so.1` is an ABI number, not an LLVM version.
        if let Some(v) = digits(rest).filter(|v| *v > 3) {
            return Some(v);
        }
    }
    path.ancestors().skip(1).find_map(|a| {
        let n = a.file_name()?.to_str()?;
        n.strip_prefix("llvm-").and_then(digits)
    })
}

fn llvm_config_libdir() -> Option<(u32, PathBuf)> {
    let exe = std::env::var("LLVM_CONFIG_PATH").unwrap_or_else(|_| "llvm-config".into());
    let out = Command::new(&exe)
        .args(["--version", "--libdir"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut lines = text.lines();
    let major = parse_major(lines.next()?)?;
    Some((major, PathBuf::from(lines.next()?.trim())))
}

/// First integer followed by '.' in a version string: "Debian clang version 19.1.7" -> 19.
pub fn parse_major(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit() && c != '.')
        .find_map(|w| w.split_once('.').and_then(|(m, _)| m.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_debian_and_upstream_names() {
        assert_eq!(
            major_from_path(Path::new("/usr/lib/x86_64-linux-gnu/libclang-19.so.1")),
            Some(19)
        );
        assert_eq!(
            major_from_path(Path::new("/opt/llvm/lib/libclang.so.22.1")),
            Some(22)
        );
        assert_eq!(
            major_from_path(Path::new("/usr/lib/llvm-14/lib/libclang.so.1")),
            Some(14)
        );
        assert_eq!(major_from_path(Path::new("/usr/lib/libclang.so")), None);
        assert_eq!(parse_major("Debian clang version 19.1.7 (3+b1)"), Some(19));
        assert_eq!(parse_major("14.0.6"), Some(14));
    }

    #[test]
    fn libclang_cpp_is_not_the_c_api() {
        assert!(!is_libclang_name("libclang-cpp.so.19.1"));
        assert!(is_libclang_name("libclang-19.so.19"));
        assert!(is_libclang_name("libclang.so"));
    }

    #[test]
    fn highest_version_wins_ties_keep_search_order() {
        let c = |p: &str, m| Candidate {
            path: p.into(),
            major: m,
            source: "t",
        };
        let picked = best(vec![
            c("a14", Some(14)),
            c("b19", Some(19)),
            c("c19", Some(19)),
        ]);
        assert_eq!(picked.unwrap().path, PathBuf::from("b19"));
    }
}
