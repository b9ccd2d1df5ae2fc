//! `cargo xtask demo` — build and run examples/build-rs, showing what relocxx generated.
//! `cargo xtask test` — make sure libclang, clang and cmake are present (installing them with
//! apt-get on Debian when run as root), then run every test: the workspace with the default
//! C++ compiler, the end-to-end fixtures again with clang++, and every example.
//!
//! `cargo xtask bench` — generation time (gen/benches/generate.rs), by-value vs boxed
//! relocatable objects (tests/e2e/benches/relocate.rs), std::vector by value vs copied
//! (tests/e2e/benches/std_vector.rs).
//!
//! Only std: xtask must build fast on a fresh machine.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Debian packages that provide what the tests need.
const PACKAGES: &[&str] = &[
    "libclang-19-dev",
    "clang-19",
    "cmake",
    "valgrind",
    "libc++-19-dev",
    "libc++abi-19-dev",
];

/// Every example crate under examples/ (README's entry points), built and run by `test`.
const EXAMPLES: &[&str] = &["relocxx-example-build-rs", "relocxx-example-proc-macro"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("test") => test(),
        Some("bench") => run(cargo().args(["bench", "-p", "relocxx-gen", "--bench", "generate"]))
            .and_then(|()| run(cargo().args(["bench", "-p", "relocxx-e2e", "--bench", "relocate"])))
            .and_then(|()| {
                run(cargo().args(["bench", "-p", "relocxx-e2e", "--bench", "std_vector"]))
            }),
        _ => {
            eprintln!("usage: cargo xtask <demo|test|bench>\n  demo   build and run examples/build-rs\n  test   install missing tools (Debian, root) and run every test\n  bench  generation time for a header with <string>, <vector>, <map> and 100 declarations");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: running {cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed with {status}"))
    }
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn demo() -> Result<(), String> {
    ensure_tools()?;
    eprintln!("xtask: building examples/build-rs: its build.rs runs relocxx_gen::Builder on include/shapes.h,");
    eprintln!("xtask: which parses the header with libclang, writes shapes.rs/.h/.cc into OUT_DIR/relocxx and compiles the shim.");
    run(cargo().args(["build", "-p", "relocxx-example-build-rs"]))?;
    let out = root().join("target/debug/build");
    if let Some(dir) = find_generated(&out, "shapes.rs") {
        eprintln!("xtask: generated files in {}:", dir.display());
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .flatten()
            .map(|e| e.path())
            .collect();
        names.sort();
        for p in names.iter().filter(|p| p.is_file()) {
            let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "xtask:   {} ({len} bytes)",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
        }
    }
    eprintln!("xtask: running the example (Rust calling C++ through the generated bindings):");
    run(cargo().args(["run", "-q", "-p", "relocxx-example-build-rs"]))
}

/// The newest `relocxx` output dir under target/debug/build holding `file`.
fn find_generated(build: &Path, file: &str) -> Option<PathBuf> {
    let mut best: Option<(std::time::SystemTime, PathBuf)> = None;
    for entry in std::fs::read_dir(build).ok()?.flatten() {
        let dir = entry.path().join("out/relocxx");
        let f = dir.join(file);
        if let Ok(m) = std::fs::metadata(&f).and_then(|m| m.modified()) {
            if best.as_ref().is_none_or(|(t, _)| m > *t) {
                best = Some((m, dir));
            }
        }
    }
    best.map(|(_, d)| d)
}

fn test() -> Result<(), String> {
    ensure_tools()?;
    // Formatting is checked where rustfmt is installed (it is a rustup component some machines
    // lack, and nothing else can be fetched there).
    if cargo()
        .args(["fmt", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        run(cargo().args(["fmt", "--all", "--check"]))?;
    } else {
        eprintln!("xtask: rustfmt is not installed; skipping the formatting check");
    }
    run(cargo().args(["test", "--workspace"]))?;
    let clangxx = find_clangxx().ok_or("clang++ not found after installation")?;
    valgrind_classes()?;
    eprintln!("xtask: the class and std fixtures against libc++ ({clangxx} -stdlib=libc++)");
    run(cargo()
        .args(["test", "-p", "relocxx-libcxx"])
        .env("RELOCXX_TEST_LIBCXX", "1")
        .env("CXX", &clangxx)
        .env("CXXFLAGS", "-stdlib=libc++")
        // Its own target dir: every C++ object in this build must use libc++.
        .env("CARGO_TARGET_DIR", root().join("target/libcxx")))?;
    eprintln!("xtask: end-to-end fixtures again with the shim compiled by {clangxx}");
    run(cargo()
        .args(["test", "-p", "relocxx-e2e"])
        .env("CXX", &clangxx))?;
    for (major, dir) in installed_libclangs() {
        eprintln!(
            "xtask: generator and e2e tests against libclang {major} ({})",
            dir.display()
        );
        run(cargo()
            .args(["test", "-p", "relocxx-gen", "-p", "relocxx-e2e"])
            .env("LIBCLANG_PATH", &dir))?;
    }
    cmake_tests()?;
    eprintln!("xtask: running every example");
    for example in EXAMPLES {
        run(cargo().args(["run", "-q", "-p", example]))?;
    }
    eprintln!("xtask: all tests passed");
    Ok(())
}

/// Every `/usr/lib/llvm-N/lib` holding a libclang and its builtin headers (N in 14..=22): the
/// version matrix. On Debian, `.ci/run` installs 14 and 22 beside the default 19.
fn installed_libclangs() -> Vec<(u32, PathBuf)> {
    (14..=22)
        .filter_map(|v| {
            let dir = PathBuf::from(format!("/usr/lib/llvm-{v}/lib"));
            let has_lib = std::fs::read_dir(&dir).is_ok_and(|rd| {
                rd.flatten().any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("libclang-{v}.so"))
                })
            });
            (has_lib && dir.join("clang").is_dir()).then_some((v, dir))
        })
        .collect()
}

/// The CMake side: the cmake-mixed example (configure, build, run, its ctest), the bridge's
/// incremental behaviour from a build tree and from an install, all through ctest.
fn cmake_tests() -> Result<(), String> {
    run(cargo().args(["build", "-q", "-p", "relocxx-gen", "--bin", "relocxx"]))?;
    let cli = root().join("target/debug/relocxx");
    let build = root().join("target/cmake");
    eprintln!("xtask: CMake tests (CMakeLists.txt) in {}", build.display());
    run(Command::new("cmake")
        .arg("-S")
        .arg(root())
        .arg("-B")
        .arg(&build)
        .arg(format!("-DRELOCXX_EXECUTABLE={}", cli.display())))?;
    run(Command::new("cmake").arg("--build").arg(&build))?;
    run(Command::new("ctest")
        .arg("--test-dir")
        .arg(&build)
        .arg("--output-on-failure"))
}

/// The class and std-type tests under valgrind memcheck: no leak, no invalid access.
fn valgrind_classes() -> Result<(), String> {
    for test in ["classes", "stdtypes"] {
        let out = cargo()
            .args([
                "test",
                "-p",
                "relocxx-e2e",
                "--test",
                test,
                "--no-run",
                "--message-format=json",
            ])
            .output()
            .map_err(|e| format!("cargo test --no-run: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let exe = text
            .lines()
            .filter(|l| l.contains(&format!("\"name\":\"{test}\"")))
            .find_map(|l| {
                l.split("\"executable\":\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
            })
            .ok_or_else(|| format!("could not find the {test} test binary"))?
            .to_string();
        eprintln!("xtask: {test} tests under valgrind memcheck");
        run(Command::new("valgrind").args([
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--show-possibly-lost=no",
            "--quiet",
            &exe,
            "--test-threads=1",
        ]))?;
    }
    Ok(())
}

fn have_libcxx(clangxx: &str) -> bool {
    let mut child = match Command::new(clangxx)
        .args(["-stdlib=libc++", "-x", "c++", "-E", "-o", "/dev/null", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(_) => return false,
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(b"#include <string>\n");
    }
    child.wait().is_ok_and(|s| s.success())
}

fn have_libclang() -> bool {
    if let Some(p) = std::env::var_os("LIBCLANG_PATH") {
        return Path::new(&p).exists();
    }
    let mut dirs: Vec<PathBuf> = vec![
        "/usr/lib/x86_64-linux-gnu".into(),
        "/usr/lib/aarch64-linux-gnu".into(),
        "/usr/lib64".into(),
        "/usr/local/lib".into(),
    ];
    if let Ok(rd) = std::fs::read_dir("/usr/lib") {
        dirs.extend(
            rd.flatten()
                .map(|e| e.path().join("lib"))
                .filter(|p| p.to_string_lossy().contains("llvm")),
        );
    }
    dirs.iter().any(|d| {
        std::fs::read_dir(d).is_ok_and(|rd| {
            rd.flatten().any(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                (n.starts_with("libclang-") || n.starts_with("libclang."))
                    && n.contains(".so")
                    && !n.starts_with("libclang-cpp")
            })
        })
    })
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn find_clangxx() -> Option<String> {
    std::iter::once("clang++".to_string())
        .chain((14..=22).rev().map(|v| format!("clang++-{v}")))
        .find(|c| on_path(c))
}

fn ensure_tools() -> Result<(), String> {
    let clangxx = find_clangxx();
    let missing: Vec<&str> = [
        ("libclang", have_libclang()),
        ("clang++", clangxx.is_some()),
        ("libc++", clangxx.as_deref().is_some_and(have_libcxx)),
        ("cmake", on_path("cmake")),
        ("valgrind", on_path("valgrind")),
    ]
    .into_iter()
    .filter(|(_, ok)| !ok)
    .map(|(n, _)| n)
    .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!(
        "apt-get update && apt-get install -y {}",
        PACKAGES.join(" ")
    );
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let debian = Path::new("/etc/debian_version").exists();
    if !(is_root && debian) {
        return Err(format!(
            "missing: {}. Install them, e.g. on Debian/Ubuntu: sudo sh -c '{install}'",
            missing.join(", ")
        ));
    }
    eprintln!(
        "xtask: missing {}; installing with apt-get",
        missing.join(", ")
    );
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(PACKAGES)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    let clangxx = find_clangxx();
    if !have_libclang()
        || !clangxx.as_deref().is_some_and(have_libcxx)
        || !on_path("cmake")
        || !on_path("valgrind")
    {
        return Err("tools still missing after apt-get install".into());
    }
    Ok(())
}
