//! `cargo xtask package` (and a step of `cargo xtask test`): the publishable crates package
//! and build on their own, as `cargo publish --workspace` would upload them.
//!
//! - `cargo publish --workspace --dry-run` packages and verifies every crate that is not
//!   `publish = false` (tests, examples and xtask are), building each from its `.crate` file
//!   alone: a file reached outside the package (the shared C++ headers, the directive and
//!   export grammars, which live once in the repository and are symlinked into each package
//!   that needs them, so they cannot drift) would fail it.
//! - Each package carries both license files and the README.
//! - The runtime's C symbols carry the version of its `links` key, so two semver-incompatible
//!   runtimes can sit in one binary (`symbols`).

use crate::{cargo, root, run};

/// The crates published to crates.io.
const PUBLISHED: &[&str] = &["relocxx", "relocxx-macro", "relocxx-gen"];

pub fn check() -> Result<(), String> {
    for krate in PUBLISHED {
        let out = cargo()
            .args(["package", "--list", "--allow-dirty", "-p", krate])
            .output()
            .map_err(|e| format!("cargo package --list: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cargo package --list -p {krate} failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let files = String::from_utf8_lossy(&out.stdout);
        for needed in ["LICENSE-MIT", "LICENSE-APACHE", "README.md"] {
            if !files.lines().any(|l| l == needed) {
                return Err(format!("the {krate} package lacks {needed}"));
            }
        }
    }
    symbols()?;
    eprintln!("xtask: the publishable crates, packaged and built alone (cargo publish --dry-run)");
    run(cargo().args(["publish", "--workspace", "--dry-run", "--allow-dirty"]))
}

/// The runtime's `links` key is `relocxx_<major>_<minor>` of its version (the semver-compatible
/// part, for 0.x), and so is the prefix of every C symbol it defines (`relocxx_0_1_str_len`):
/// bumping the version without renaming them fails here.
fn symbols() -> Result<(), String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let version = manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .ok_or("no workspace version in Cargo.toml")?;
    let mut parts = version.split('.');
    let (major, minor) = (parts.next().unwrap_or("0"), parts.next().unwrap_or("0"));
    let prefix = format!("relocxx_{major}_{minor}");
    let runtime =
        std::fs::read_to_string(root().join("runtime/Cargo.toml")).map_err(|e| e.to_string())?;
    if !runtime.contains(&format!("links = \"{prefix}\"")) {
        return Err(format!(
            "runtime/Cargo.toml: `links` must be \"{prefix}\" for version {version}"
        ));
    }
    // Every C symbol of the runtime's families, defined or declared, carries the prefix.
    let families = [
        "str_",
        "string_",
        "vector_",
        "unique_",
        "rs_error_",
        "rs_vec_free",
    ];
    let mut files = vec![
        root().join("runtime/cpp/std.cc"),
        root().join("cpp/include/relocxx/rust.hpp"),
        root().join("cpp/include/relocxx/relocxx.hpp"),
    ];
    let mut dirs = vec![root().join("runtime/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for (n, line) in text.lines().enumerate() {
            for fam in families {
                let bare = format!("relocxx_{fam}");
                let mut rest = line;
                while let Some(at) = rest.find(&bare) {
                    let before = rest[..at].chars().last();
                    if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                        return Err(format!(
                            "{}:{}: the runtime symbol `{bare}..` lacks the version prefix `{prefix}_`",
                            file.display(),
                            n + 1
                        ));
                    }
                    rest = &rest[at + bare.len()..];
                }
            }
        }
    }
    Ok(())
}
