//! Making libclang see the headers the real C++ compiler sees.
//!
//! The shim is compiled by whatever `cc` picks (g++ by default on Linux, or `$CXX`), so the
//! layout facts we read from libclang must come from the *same* standard library headers. We ask
//! the compiler for its search list (`-E -v`), keep its library directories in order and drop its
//! builtin-header directories (those belong to one compiler version; libclang brings its own
//! matching resource directory). If the compiler cannot be run, libclang's defaults are used and
//! the reason is recorded as a note.
//!
//! The answer is kept for the rest of the process (`ASKED`): the search list depends only on
//! the compiler's file, its flags, the standard, the working directory and the environment
//! variables it reads, so a build script binding several headers, or several `include_cpp!`
//! blocks, runs the compiler once. The first question runs while libclang loads
//! (`parse::parse_with`).

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

/// Environment variables that change what libclang or the compiler's `-E -v` sees (also part
/// of the regeneration cache's key).
pub(crate) const QUERY_ENV: &[&str] = &[
    "CPATH",
    "CPLUS_INCLUDE_PATH",
    "C_INCLUDE_PATH",
    "SDKROOT",
    "GCC_EXEC_PREFIX",
    "COMPILER_PATH",
    "LLVM_CONFIG_PATH",
];

/// The C++ compiler whose view of the system headers libclang should share.
#[derive(Clone, Debug, Default)]
pub struct Compiler {
    pub program: PathBuf,
    /// Flags that change the header search (e.g. `-stdlib=libc++`, `--sysroot`).
    pub args: Vec<String>,
}

impl Compiler {
    /// `$CXX` if set, else `c++`.
    pub fn from_env() -> Compiler {
        let cxx = std::env::var("CXX").ok().filter(|s| !s.trim().is_empty());
        let mut words = cxx
            .as_deref()
            .unwrap_or("c++")
            .split_whitespace()
            .map(String::from);
        let program = PathBuf::from(words.next().unwrap_or_else(|| "c++".into()));
        Compiler {
            program,
            args: words.collect(),
        }
    }
}

/// The compiler arguments (`CXXFLAGS`, target and ABI flags the build adds) that change what a
/// parse sees: macros, include paths, the standard, the target and layout-affecting options.
/// Others (warnings, optimisation, code generation) are left out: libclang need not know
/// them, and a GCC-only flag would be an error there.
pub fn parse_relevant(args: &[String]) -> Vec<String> {
    const WITH_VALUE: &[&str] = &[
        "-isystem",
        "-include",
        "-target",
        "-I",
        "-D",
        "-U",
        "-idirafter",
        "-iquote",
        "--sysroot",
    ];
    const PREFIXES: &[&str] = &[
        "-D",
        "-U",
        "-I",
        "-isystem",
        "-idirafter",
        "-iquote",
        "-std=",
        "--target=",
        "-stdlib=",
        "--sysroot",
        "-m32",
        "-m64",
        "-mx32",
        "-march=",
        "-mabi=",
        "-mfloat-abi=",
        "-funsigned-char",
        "-fsigned-char",
        "-fshort-enums",
        "-fshort-wchar",
        "-fpack-struct",
        "-fno-exceptions",
        "-fno-rtti",
        "-malign-double",
    ];
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if WITH_VALUE.contains(&a.as_str()) {
            if let Some(v) = it.next() {
                out.push(a.clone());
                out.push(v.clone());
            }
        } else if PREFIXES.iter().any(|p| a.starts_with(p)) {
            out.push(a.clone());
        }
    }
    out
}

/// Result of asking the compiler: extra libclang arguments plus a human note on failure.
#[derive(Clone, Debug, Default)]
pub struct SystemIncludes {
    pub args: Vec<String>,
    pub dirs: Vec<PathBuf>,
    pub note: Option<String>,
}

/// The compiler's library include directories, asked once per process for the same question
/// (`ASKED`); a failed question is asked again next time.
pub fn system_includes(compiler: &Compiler, std: &str, extra_flags: &[String]) -> SystemIncludes {
    /// One slot per question: generations asking the same one at once (the blocks of
    /// `build_all`) wait for the first to ask, rather than all running the compiler.
    type Slot = Arc<Mutex<Option<SystemIncludes>>>;
    static ASKED: OnceLock<Mutex<HashMap<String, Slot>>> = OnceLock::new();
    let Some(key) = question(compiler, std, extra_flags) else {
        return ask(compiler, std, extra_flags);
    };
    let slot: Slot = {
        let mut asked = ASKED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        asked.entry(key).or_default().clone()
    };
    let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(known) = slot.as_ref() {
        return known.clone();
    }
    let answer = ask(compiler, std, extra_flags);
    if answer.note.is_none() {
        *slot = Some(answer.clone());
    }
    answer
}

/// Everything the compiler's answer depends on, as text; `None` when the compiler's file cannot
/// be found (then it is asked every time).
fn question(compiler: &Compiler, std: &str, extra_flags: &[String]) -> Option<String> {
    let program = resolve_program(&compiler.program)?;
    let mut q = format!(
        "{} {:?} {std} {:?} {:?}\n",
        identity(&program)?,
        compiler.args,
        search_flags(extra_flags),
        std::env::current_dir().ok()?
    );
    // `PATH` too: a wrapper (`ccache g++`) finds the real compiler there.
    for var in QUERY_ENV
        .iter()
        .chain(&["PATH", "CCC_OVERRIDE_OPTIONS", "DEVELOPER_DIR"])
    {
        let _ = writeln!(q, "{var}={:?}", std::env::var_os(var));
    }
    Some(q)
}

/// The flags of `extra_flags` that change the compiler's header search.
fn search_flags(extra_flags: &[String]) -> Vec<&String> {
    extra_flags
        .iter()
        .filter(|f| {
            f.starts_with("-stdlib")
                || f.starts_with("--sysroot")
                || f.starts_with("--gcc-toolchain")
                || f.starts_with("-nostdinc")
        })
        .collect()
}

/// `path size mtime` of a file (symlinks resolved): changes whenever the file is replaced.
pub(crate) fn identity(path: &Path) -> Option<String> {
    let real = path.canonicalize().ok()?;
    let meta = std::fs::metadata(&real).ok()?;
    Some(format!(
        "{:?} {} {}",
        real,
        meta.len(),
        nanos(meta.modified().ok()?)?
    ))
}

pub(crate) fn nanos(t: SystemTime) -> Option<u64> {
    let d = t.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    u64::try_from(d.as_nanos()).ok()
}

/// The file a compiler name runs: as given when it has a directory, else found on `PATH`.
pub(crate) fn resolve_program(program: &Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return Some(program.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|c| c.is_file())
}

/// Runs the compiler with `-E -v` and reads its search list.
fn ask(compiler: &Compiler, std: &str, extra_flags: &[String]) -> SystemIncludes {
    let relevant = search_flags(extra_flags);
    let output = Command::new(&compiler.program)
        .args(&compiler.args)
        .args(relevant)
        .arg(format!("-std={std}"))
        .args(["-x", "c++", "-E", "-v", "-"])
        // The search list's headings are translated in other locales.
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    let text = match output {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stderr).into_owned(),
        Ok(o) => {
            return SystemIncludes {
                note: Some(format!(
                    "`{} -E -v` failed ({}); libclang uses its default system headers",
                    compiler.program.display(),
                    o.status
                )),
                ..Default::default()
            }
        }
        Err(e) => {
            return SystemIncludes {
                note: Some(format!(
                    "C++ compiler `{}` could not be run ({e}); libclang uses its default system headers",
                    compiler.program.display()
                )),
                ..Default::default()
            }
        }
    };
    let dirs: Vec<PathBuf> = search_list(&text)
        .into_iter()
        .filter(|d| !is_builtin_dir(d))
        .collect();
    if dirs.is_empty() {
        return SystemIncludes {
            note: Some("the compiler reported no include directories".into()),
            ..Default::default()
        };
    }
    let mut args = vec!["-nostdlibinc".to_string()];
    for d in &dirs {
        args.push("-isystem".into());
        args.push(d.display().to_string());
    }
    SystemIncludes {
        args,
        dirs,
        note: None,
    }
}

/// The `#include <...>` search list printed by gcc and clang with `-v`.
fn search_list(text: &str) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("#include <...> search starts here") {
            inside = true;
        } else if line.starts_with("End of search list") {
            break;
        } else if inside {
            let d = line.trim().trim_end_matches(" (framework directory)");
            if !d.is_empty() {
                dirs.push(PathBuf::from(d));
            }
        }
    }
    dirs
}

/// A compiler's own builtin headers (stdarg.h, intrinsics): gcc's `include`/`include-fixed`
/// under `lib/gcc`, or a clang resource dir. These must come from libclang itself.
fn is_builtin_dir(dir: &Path) -> bool {
    let s = dir.to_string_lossy();
    let in_cxx_lib = s.contains("c++");
    (dir.join("stdarg.h").is_file() && !in_cxx_lib) || s.ends_with("include-fixed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_flags_that_change_the_parse() {
        let args: Vec<String> = [
            "-O2",
            "-DLEN=12",
            "-Wall",
            "-isystem",
            "/x",
            "-m32",
            "-ffunction-sections",
            "--target=aarch64-unknown-linux-gnu",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            parse_relevant(&args),
            [
                "-DLEN=12",
                "-isystem",
                "/x",
                "-m32",
                "--target=aarch64-unknown-linux-gnu"
            ]
        );
    }

    /// A second question about the same compiler is answered without running it; replacing
    /// the compiler's file asks again.
    #[cfg(unix)]
    #[test]
    fn the_compiler_is_asked_once_per_process() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("relocxx-ask-once-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("runs");
        let script = dir.join("counting-c++");
        // Written under another name and renamed, so no writable descriptor of the file that
        // is executed can be open (ETXTBSY).
        let write_script = |extra: &str| {
            let text = format!(
                "#!/bin/sh\necho run >> '{}'\n# {extra}\nexec c++ \"$@\"\n",
                log.display()
            );
            let draft = dir.join("draft");
            std::fs::write(&draft, text).unwrap();
            std::fs::set_permissions(&draft, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::rename(&draft, &script).unwrap();
        };
        write_script("first");
        let compiler = Compiler {
            program: script.clone(),
            args: Vec::new(),
        };
        let runs = || {
            std::fs::read_to_string(&log)
                .unwrap_or_default()
                .lines()
                .count()
        };
        let first = system_includes(&compiler, "c++17", &[]);
        assert!(first.note.is_none(), "{:?}", first.note);
        assert!(!first.dirs.is_empty());
        assert_eq!(runs(), 1);
        let again = system_includes(&compiler, "c++17", &["-O2".into()]);
        assert_eq!(again.dirs, first.dirs);
        assert_eq!(runs(), 1, "the same question is not asked twice");
        system_includes(&compiler, "c++20", &[]);
        assert_eq!(runs(), 2, "another standard is another question");
        // A new file (its size changes): asked again.
        write_script("second, longer");
        system_includes(&compiler, "c++17", &[]);
        assert_eq!(runs(), 3, "a replaced compiler is asked again");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn parses_gcc_search_list() {
        let text = "ignoring nonexistent directory \"/x\"\n#include \"...\" search starts here:\n\
                    #include <...> search starts here:\n /usr/include/c++/12\n /usr/include\n\
                    End of search list.\n";
        assert_eq!(
            search_list(text),
            vec![
                PathBuf::from("/usr/include/c++/12"),
                PathBuf::from("/usr/include")
            ]
        );
    }
}
