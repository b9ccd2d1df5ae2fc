//! RELOCXX_BRIDGE_DIR never silently replaces a binding the crate's own build script wrote
//! (issue #10, case 5). A throwaway crate whose build.rs writes `$OUT_DIR/relocxx/geometry.rs`
//! and `blocky.rs` (what `relocxx_gen::Builder` writes) is checked with `cargo check` against
//! the workspace's `relocxx` runtime and macros, with RELOCXX_BRIDGE_DIR pointing at a directory
//! that holds:
//! - different `geometry.rs` / `blocky.rs`: both macros fail, naming both files;
//! - identical copies: accepted, the crate's own output is used;
//! - only a binding the build script does not write (`extra.rs`): that one comes from the
//!   bridge dir, the others from the build script;
//! - different files again, with no source change: cargo recompiles (the expansion tracks
//!   RELOCXX_BRIDGE_DIR) and fails.
//!
//! The throwaway crate and its target dir live in `target/tmp/bridge-conflict`, so the main
//! build is not locked and later runs only recompile the macro and the crate.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What the throwaway crate's build script writes, as `Builder` would.
const OWN_GEOMETRY: &str = "pub const OWN: u32 = 1;\n";
const OWN_BLOCKY: &str = "pub const OWN: u32 = 2;\n";

/// Writes them into `$OUT_DIR/relocxx`, where `Builder` writes.
fn build_rs() -> String {
    format!(
        r#"fn main() {{
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("relocxx");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("geometry.rs"), {OWN_GEOMETRY:?}).unwrap();
    std::fs::write(out.join("blocky.rs"), {OWN_BLOCKY:?}).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}}
"#
    )
}

/// Line 1 col 28 is the `"geometry"` literal; the include_cpp! call starts at line 2 col 1.
const LIB_RS: &str = r#"relocxx::include_bindings!("geometry");
relocxx::include_cpp! {
    #include "blocky.h"
    name!(blocky)
}
relocxx::include_bindings!("extra");

pub const SEEN: (u32, u32, u32) = (geometry::OWN, blocky::OWN, extra::FROM_BRIDGE);
"#;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Writes the throwaway crate into `root/crate`.
fn write_crate(root: &Path) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workspace = workspace.canonicalize().unwrap();
    let krate = root.join("crate");
    write(
        &krate.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"bridge-conflict\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nrelocxx = {{ path = '{}' }}\n\n[workspace]\n",
            workspace.join("runtime").display()
        ),
    );
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    write(&krate.join("build.rs"), &build_rs());
    write(&krate.join("src/lib.rs"), LIB_RS);
}

/// `cargo check` of the crate with RELOCXX_BRIDGE_DIR=`bridge`: success and stderr.
fn check(root: &Path, bridge: &Path) -> (bool, String) {
    let krate = root.join("crate");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["check", "--offline", "--color", "never", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("RELOCXX_BRIDGE_DIR", bridge)
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh bridge dir holding `files`.
fn bridge_dir(root: &Path, case: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = root.join(case);
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        write(&dir.join(name), text);
    }
    dir.canonicalize().unwrap()
}

#[test]
fn own_build_output_wins_and_a_different_bridge_file_is_an_error() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bridge-conflict");
    let extra = ("extra.rs", "pub const FROM_BRIDGE: u32 = 3;\n");
    write_crate(&root);

    // (a) Same names, different contents: an error at each macro, naming both files.
    let different = bridge_dir(
        &root,
        "bridge-different",
        &[
            ("geometry.rs", "pub const BOGUS: u32 = 0;\n"),
            ("blocky.rs", "pub const BOGUS: u32 = 0;\n"),
            extra,
        ],
    );
    let (ok, stderr) = check(&root, &different);
    assert!(
        !ok,
        "a conflicting RELOCXX_BRIDGE_DIR must fail the build:\n{stderr}"
    );
    for (name, what, at) in [
        ("geometry", "bindings `geometry`", "src/lib.rs:1:28"),
        ("blocky", "include_cpp! block `blocky`", "src/lib.rs:2:1"),
    ] {
        let ours = format!("out/relocxx/{name}.rs");
        let theirs = different.join(format!("{name}.rs")).display().to_string();
        let error = stderr
            .split("\nerror")
            .find(|e| e.contains(what) && e.contains("RELOCXX_BRIDGE_DIR"))
            .unwrap_or_else(|| panic!("no conflict error for `{name}`:\n{stderr}"));
        assert!(error.contains(&ours), "{error}");
        assert!(error.contains(&theirs), "{error}");
        assert!(error.contains("rename"), "{error}");
        assert!(error.contains("unset RELOCXX_BRIDGE_DIR"), "{error}");
        assert!(error.contains(&format!("--> {at}")), "{error}");
    }
    assert!(
        !stderr.contains("BOGUS") && !stderr.contains("E0425"),
        "the bridge files must not be compiled:\n{stderr}"
    );

    // (b) Identical copies are the same binding: accepted.
    let bridge = bridge_dir(
        &root,
        "bridge-identical",
        &[
            ("geometry.rs", OWN_GEOMETRY),
            ("blocky.rs", OWN_BLOCKY),
            extra,
        ],
    );
    let (ok, stderr) = check(&root, &bridge);
    assert!(ok, "identical bindings are not a conflict:\n{stderr}");

    // (b) The bridge dir only fills in what the build script did not write: geometry::OWN and
    // blocky::OWN come from the build script, extra::FROM_BRIDGE from RELOCXX_BRIDGE_DIR.
    let other = bridge_dir(&root, "bridge-other", &[extra]);
    let (ok, stderr) = check(&root, &other);
    assert!(
        ok,
        "the crate's own output and the bridge's extra binding:\n{stderr}"
    );

    // Only RELOCXX_BRIDGE_DIR changes, no file: cargo must still recompile and see the conflict.
    let (ok, stderr) = check(&root, &different);
    assert!(!ok && stderr.contains("generated twice"), "{stderr}");
}
