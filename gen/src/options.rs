//! What to generate: the one configuration shared by the Builder, the CLI and (later) the
//! `include_cpp!` scanner, so every front-end means the same thing by the same option.

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::clang::toolchain::Compiler;
use crate::error::{Error, Result};

#[derive(Clone, Debug)]
pub struct Options {
    /// Name of the binding set: output files are `<name>.rs/.h/.cc`, thunks are prefixed with it.
    pub name: String,
    pub headers: Vec<PathBuf>,
    pub include_dirs: Vec<PathBuf>,
    /// `NAME` or `NAME=VALUE`.
    pub defines: Vec<String>,
    /// Extra compiler flags, passed to libclang and to the C++ compiler.
    pub flags: Vec<String>,
    /// `c++17` by default.
    pub std: String,
    /// Regexes over qualified names; empty means "everything declared in `headers`".
    pub allow: Vec<String>,
    pub block: Vec<String>,
    /// The user's promise that these types (regexes) are trivially relocatable.
    pub relocatable: Vec<String>,
    /// Types (regexes) that must stay pinned whatever the classifier finds.
    pub not_relocatable: Vec<String>,
    /// Types (regexes) the user declares safe to send / share across threads.
    pub send: Vec<String>,
    pub sync: Vec<String>,
    /// The user's promise that values of these types (regexes) own everything they point to,
    /// so a call returning or filling one never keeps a pointer into a borrowed argument
    /// (SAFETY.md rule 6): their calls stay safe.
    pub owning: Vec<String>,
    /// Functions and methods (regexes over qualified names) whose C-style callback pair (a
    /// function pointer with a `void*` argument, and the `void*` passed to it) takes a Rust
    /// closure. The user's promise: the function calls it only before it returns.
    pub callback: Vec<String>,
    /// Classes (exact qualified names) a Rust type can implement: a trait per class and a C++
    /// class deriving from it that forwards its virtual functions to Rust (`analyze::subclass`).
    pub subclass: Vec<String>,
    /// `(C++ name, Rust name)`: the C++ name is `ns::f` or, to pick one overload,
    /// `ns::f(int, const Point &)` (spaces are ignored).
    pub rename: Vec<(String, String)>,
    /// Functions and methods (regexes over qualified names) whose C++ exceptions come back as
    /// `Err(relocxx::Exception)` instead of aborting.
    pub fallible: Vec<String>,
    /// Template specializations to bind (`ns::Grid<int>`).
    pub instantiate: Vec<String>,
    /// `(C++ class, Rust path)`: classes another binding (another crate, or another
    /// `include_cpp!` block) already bound; uses of them name that Rust type, which the
    /// generated code checks at compile time to be the binding of the same class with the same
    /// layout and representation (`analyze::extern_types`).
    pub extern_types: Vec<(String, String)>,
    /// The C++ compiler whose system headers libclang should see.
    pub compiler: Option<Compiler>,
    /// Flags only libclang gets, because the shim's compiler adds them by itself: `CXXFLAGS`
    /// and target flags the build passes to `cc` (`clang::toolchain::parse_relevant`), and
    /// `--target` of a cross build. Without them the parse would see other layouts.
    pub parse_flags: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            name: String::new(),
            headers: Vec::new(),
            include_dirs: Vec::new(),
            defines: Vec::new(),
            flags: Vec::new(),
            std: "c++17".into(),
            allow: Vec::new(),
            block: Vec::new(),
            relocatable: Vec::new(),
            not_relocatable: Vec::new(),
            send: Vec::new(),
            sync: Vec::new(),
            owning: Vec::new(),
            callback: Vec::new(),
            subclass: Vec::new(),
            rename: Vec::new(),
            fallible: Vec::new(),
            extern_types: Vec::new(),
            instantiate: Vec::new(),
            compiler: None,
            parse_flags: Vec::new(),
        }
    }
}

/// Compiled allow/block patterns. Each pattern must match the *whole* qualified name.
#[derive(Clone, Debug)]
pub struct Selection {
    pub allow: Vec<Regex>,
    pub block: Vec<Regex>,
    pub relocatable: Vec<Regex>,
    pub not_relocatable: Vec<Regex>,
    pub send: Vec<Regex>,
    pub sync: Vec<Regex>,
    pub owning: Vec<Regex>,
    pub fallible: Vec<Regex>,
    pub callback: Vec<Regex>,
    /// Classes named by `subclass!` (selected like an `allow`ed name).
    pub subclass: Vec<String>,
    /// `(C++ class, Rust path)` of `extern_type` (exact names).
    pub extern_types: Vec<(String, String)>,
}

/// Whether any pattern matches any of the names.
pub fn matches_any(patterns: &[Regex], names: &[&str]) -> bool {
    patterns.iter().any(|r| names.iter().any(|n| r.is_match(n)))
}

impl Selection {
    pub fn is_allowed(&self, names: &[&str]) -> bool {
        matches_any(&self.allow, names)
    }

    pub fn is_blocked(&self, names: &[&str]) -> bool {
        matches_any(&self.block, names)
    }
}

impl Options {
    pub fn validate(&self) -> Result<()> {
        if self.name.is_empty()
            || !self
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(Error::Usage(format!(
                "binding name `{}` must be non-empty and use only ASCII letters, digits and `_`",
                self.name
            )));
        }
        if self.headers.is_empty() {
            return Err(Error::Usage("no header given".into()));
        }
        for h in &self.headers {
            if !h.is_file() {
                return Err(Error::HeaderNotFound(h.clone()));
            }
        }
        if !self.std.starts_with("c++") && !self.std.starts_with("gnu++") {
            return Err(Error::Usage(format!(
                "`{}` is not a C++ standard (expected e.g. c++17)",
                self.std
            )));
        }
        // The shim and relocxx.hpp use C++17 (std::launder, std::string_view, if constexpr).
        let version = self
            .std
            .trim_start_matches("gnu++")
            .trim_start_matches("c++");
        if matches!(version, "98" | "03" | "0x" | "11" | "1y" | "14") {
            return Err(Error::Usage(format!(
                "--std {}: relocxx's shims need C++17 or later (std::launder, std::string_view); \
                 the headers may be older C++, but they are parsed and the shim is compiled as \
                 c++17 or newer: use `c++17`",
                self.std
            )));
        }
        for (cpp, rust) in &self.rename {
            let ok = !rust.is_empty()
                && rust.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !rust.starts_with(|c: char| c.is_ascii_digit());
            if !ok {
                return Err(Error::Usage(format!(
                    "rename of `{cpp}`: `{rust}` is not a Rust identifier"
                )));
            }
        }
        for (cpp, rust) in &self.extern_types {
            let path = rust.trim();
            if syn::parse_str::<syn::Path>(path).is_err() || path.is_empty() {
                return Err(Error::Usage(format!(
                    "extern_type `{cpp}`: `{rust}` is not a Rust path (e.g. crate_a::ffi::ns::Thing)"
                )));
            }
        }
        self.selection().map(|_| ())
    }

    pub fn selection(&self) -> Result<Selection> {
        let compile = |what: &'static str, pats: &[String]| -> Result<Vec<Regex>> {
            pats.iter()
                .map(|p| {
                    Regex::new(&format!("^(?:{p})$")).map_err(|e| Error::Regex {
                        what,
                        pattern: p.clone(),
                        message: e
                            .to_string()
                            .lines()
                            .last()
                            .unwrap_or("")
                            .trim()
                            .to_string(),
                    })
                })
                .collect()
        };
        Ok(Selection {
            allow: compile("allow", &self.allow)?,
            block: compile("block", &self.block)?,
            relocatable: compile("relocatable", &self.relocatable)?,
            not_relocatable: compile("not_relocatable", &self.not_relocatable)?,
            send: compile("send", &self.send)?,
            sync: compile("sync", &self.sync)?,
            owning: compile("owning", &self.owning)?,
            fallible: compile("fallible", &self.fallible)?,
            callback: compile("callback", &self.callback)?,
            subclass: self
                .subclass
                .iter()
                .map(|s| s.trim().trim_start_matches("::").to_string())
                .collect(),
            extern_types: self
                .extern_types
                .iter()
                .map(|(c, r)| {
                    (
                        c.trim().trim_start_matches("::").to_string(),
                        r.trim().to_string(),
                    )
                })
                .collect(),
        })
    }

    /// Arguments for libclang, excluding the system-include arguments found from the compiler.
    pub fn clang_args(&self) -> Vec<String> {
        let mut args = vec![
            "-x".to_string(),
            "c++".to_string(),
            format!("-std={}", self.std),
        ];
        for d in &self.include_dirs {
            args.push(format!("-I{}", d.display()));
        }
        for d in &self.defines {
            args.push(format!("-D{d}"));
        }
        args.extend(self.flags.iter().cloned());
        args.extend(self.parse_flags.iter().cloned());
        args
    }

    /// How the shim includes `header`: relative to an include dir when it lies under one
    /// (portable and machine-independent output), else by absolute path.
    pub fn include_spelling(&self, header: &Path) -> String {
        let abs = absolute(header);
        for dir in &self.include_dirs {
            if let Ok(rel) = abs.strip_prefix(absolute(dir)) {
                return rel.to_string_lossy().replace('\\', "/");
            }
        }
        abs.to_string_lossy().into_owned()
    }
}

/// Absolute, normalised path (symlinks resolved when the file exists).
pub fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

/// Path as shown in diagnostics and generated docs: relative to the working directory (with
/// `..` where needed) when the two share a directory below the root, so output does not depend
/// on where a checkout lives; otherwise absolute (system headers).
pub fn display_path(p: &Path) -> String {
    let abs = absolute(p);
    let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) else {
        return abs.to_string_lossy().into_owned();
    };
    let a: Vec<_> = abs.components().collect();
    let b: Vec<_> = cwd.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common < 2 {
        return abs.to_string_lossy().into_owned();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c);
    }
    rel.to_string_lossy().replace('\\', "/")
}
