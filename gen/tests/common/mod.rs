//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// `tests/` at the repository root.
pub fn repo_tests() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

pub fn fixture(rel: &str) -> PathBuf {
    repo_tests().join("fixtures").join(rel)
}

/// Runs the `relocxx` binary with `args`; `env` pairs are set (empty value = removed).
pub fn relocxx(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relocxx"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for (k, v) in env {
        if v.is_empty() {
            cmd.env_remove(k);
        } else {
            cmd.env(k, v);
        }
    }
    cmd.output().expect("run relocxx")
}

/// `relocxx gen --header <header> --out-dir <out> --name <name> <extra...>`.
pub fn gen(header: &str, out: &std::path::Path, name: &str, extra: &[&str]) -> Output {
    let out = out.to_str().expect("UTF-8 scratch path");
    let mut args = vec!["gen", "--header", header, "--out-dir", out, "--name", name];
    args.extend_from_slice(extra);
    relocxx(&args, &[])
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh scratch directory under the target dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
