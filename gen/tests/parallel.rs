//! Several `include_cpp!` blocks generate on several threads (gen/src/parallel.rs) with the
//! same files, messages and order as one after the other; and through the cache, the Builder's
//! `build_all` gives what a cold generation of each block gives.

mod common;

use std::path::{Path, PathBuf};

use relocxx_gen::{generate, Builder, Options};

/// Four blocks over headers that each skip something (messages to order), and one block whose
/// header is missing (an error to report in order).
fn blocks(dir: &Path) -> PathBuf {
    let mut src = String::new();
    for i in 0..4 {
        std::fs::write(
            dir.join(format!("h{i}.h")),
            format!(
                "#pragma once\n#include <string>\n#include <vector>\nnamespace n{i} {{\nstruct S {{ int v; }};\nstd::vector<int> values(const S& s, int n);\nint sum(int n, ...);\n}}\n"
            ),
        )
        .unwrap();
        src.push_str(&format!(
            "relocxx::include_cpp! {{ #include \"h{i}.h\" name!(b{i}) }}\n"
        ));
        if i == 1 {
            src.push_str("relocxx::include_cpp! { #include \"missing.h\" name!(broken) }\n");
        }
    }
    let path = dir.join("lib.rs");
    std::fs::write(&path, src).unwrap();
    path
}

fn outputs(out: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn cli_blocks_on_threads_match_one_thread() {
    let dir = common::scratch("parallel-cli");
    let src = blocks(&dir);
    let run = |jobs: &str| {
        let out = dir.join(format!("out-{jobs}"));
        let o = common::relocxx(
            &[
                "gen",
                "--rust-source",
                src.to_str().unwrap(),
                "--out-dir",
                out.to_str().unwrap(),
                "--depfile",
                out.join("blocks.d").to_str().unwrap(),
            ],
            &[("RELOCXX_NO_CACHE", "1"), ("RELOCXX_JOBS", jobs)],
        );
        assert_eq!(o.status.code(), Some(1), "the missing header fails the run");
        let stderr = common::text(&o.stderr).replace(out.to_str().unwrap(), "OUT");
        let files = outputs(&out)
            .into_iter()
            .map(|(n, t)| (n, t.replace(out.to_str().unwrap(), "OUT")))
            .collect::<Vec<_>>();
        (stderr, files)
    };
    let (one_err, one_files) = run("1");
    let (many_err, many_files) = run("4");
    assert_eq!(many_files, one_files);
    assert_eq!(many_err, one_err, "same messages, same order");
    // Warnings as each block is written, in block order; failures collected at the end.
    let order: Vec<usize> = [
        "`n0::sum`",
        "`n1::sum`",
        "`n2::sum`",
        "`n3::sum`",
        "block `broken`",
    ]
    .iter()
    .map(|m| {
        one_err
            .find(m)
            .unwrap_or_else(|| panic!("{m} in {one_err}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{one_err}");
    assert!(one_files.iter().any(|(n, _)| n == "broken.error.txt"));
}

#[test]
fn build_all_equals_cold_generation_of_each_block() {
    let dir = common::scratch("parallel-builder");
    let src = blocks(&dir);
    std::thread::sleep(std::time::Duration::from_millis(80));
    let out = dir.join("out");
    let build = || {
        Builder::from_rust_source(&src)
            .out_dir(&out)
            .generate_only()
            .build_all()
            .expect("build_all")
    };
    let first = build();
    let second = build();
    assert_eq!(first.len(), 4, "the broken block is reported, not returned");
    assert!(first.iter().all(|b| !b.from_cache));
    assert!(second.iter().all(|b| b.from_cache));
    for (i, b) in second.iter().enumerate() {
        let options = Options {
            name: format!("b{i}"),
            headers: vec![dir.join(format!("h{i}.h"))],
            include_dirs: vec![out.join("include")],
            ..Options::default()
        };
        let cold = generate(&options).expect("generate");
        assert_eq!(b.files, cold.files, "block b{i}");
        assert_eq!(b.skipped, cold.model.skipped, "block b{i}");
    }
}
