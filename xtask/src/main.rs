//! `cargo xtask demo` — build and run examples/build-rs, showing what relocxx generated.
//! `cargo xtask test` — make sure libclang, clang and cmake are present (installing them with
//! apt-get on Debian when run as root), then run every test: the workspace with the default
//! C++ compiler, the end-to-end fixtures again with clang++ and under ASan+UBSan, and every
//! example.
//! `cargo xtask sanitize` — only the ASan+UBSan run of the end-to-end fixtures (see `sanitize`).
//! `cargo xtask corpus` — the generator on real installed C++ libraries (see corpus.rs).
//! `cargo xtask package` — the publishable crates package and build alone (see package.rs).
//!
//! `cargo xtask bench` — generation time (gen/benches/generate.rs), by-value vs boxed
//! relocatable objects (tests/e2e/benches/relocate.rs), std::vector by value vs copied
//! (tests/e2e/benches/std_vector.rs), the same std::vector case against cxx's
//! `UniquePtr<CxxVector>` (tests/cxx-peer/benches/std_vector_cxx.rs), a virtual call from C++
//! into Rust vs into C++ (tests/e2e/benches/virtual_call.rs), a C++ -> Rust exported call vs a
//! plain `extern "C"` one (tests/export-e2e/benches/call.rs).
//!
//! Only std: xtask must build fast on a fresh machine.

mod corpus;
mod package;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// Debian packages that provide what the tests need.
const PACKAGES: &[&str] = &[
    "libclang-19-dev",
    "clang-19",
    "cmake",
    "valgrind",
    "libc++-19-dev",
    "libc++abi-19-dev",
    // ASan and UBSan runtimes for the sanitizer run.
    "libclang-rt-19-dev",
    // llvm-symbolizer-19, which Debian's sanitizer runtime looks for: without it reports show
    // bare addresses. Not checked, the run works without it.
    "llvm-19",
];

/// The sanitizers of the sanitizer run, for compiling the C++ objects and linking alike.
const SANITIZERS: &str = "-fsanitize=address,undefined";

/// e2e test targets the sanitizer run leaves out. compile_fail (trybuild) has no C++ of its own,
/// so its binary lacks the C++ ABI library the UBSan C++ runtime needs and does not link; it runs
/// cargo inside the test, which would apply our RUSTFLAGS to build scripts and proc-macros; and
/// it checks rustc diagnostics, which sanitizers cannot see.
const NOT_SANITIZED: &[&str] = &["compile_fail"];

/// Every example crate under examples/ (README's entry points), built and run by `test`.
const EXAMPLES: &[&str] = &["relocxx-example-build-rs", "relocxx-example-proc-macro"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("test") => test(),
        Some("sanitize") => ensure_tools().and_then(|()| sanitize()),
        Some("corpus") => ensure_tools().and_then(|()| corpus::run()),
        Some("package") => package::check(),
        Some("bench") => run(cargo().args(["bench", "-p", "relocxx-gen", "--bench", "generate"]))
            .and_then(|()| run(cargo().args(["bench", "-p", "relocxx-e2e", "--bench", "relocate"])))
            .and_then(|()| {
                run(cargo().args(["bench", "-p", "relocxx-e2e", "--bench", "std_vector"]))
            })
            .and_then(|()| {
                run(cargo().args([
                    "bench",
                    "-p",
                    "relocxx-cxx-peer",
                    "--bench",
                    "std_vector_cxx",
                ]))
            })
            .and_then(|()| {
                run(cargo().args(["bench", "-p", "relocxx-e2e", "--bench", "virtual_call"]))
            })
            .and_then(|()| {
                run(cargo().args(["bench", "-p", "relocxx-export-e2e", "--bench", "call"]))
            }),
        _ => {
            eprintln!("usage: cargo xtask <demo|test|bench|corpus|package>\n  demo   build and run examples/build-rs\n  test   install missing tools (Debian, root) and run every test\n  bench  generation time for a header with <string>, <vector>, <map> and 100 declarations\n  corpus generate and compile bindings for real installed C++ libraries (tests/corpus/REPORT.md)\n  package the publishable crates, packaged and built alone (cargo publish --dry-run)");
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
    // Alone, so that no other member turns the runtime's `std` feature back on.
    eprintln!("xtask: bindings in a #![no_std] crate, the runtime without `std` (tests/nostd)");
    run(cargo().args(["build", "-p", "relocxx-nostd"]))?;
    generated_docs()?;
    package::check()?;
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
    // CXXFLAGS change a layout (tests/fixtures/include/configured.h): libclang must see them.
    eprintln!("xtask: end-to-end fixtures (and the export header) again compiled by {clangxx}, CXXFLAGS=-DRELOCXX_TEST_EXTRA=5");
    run(cargo()
        .args(["test", "-p", "relocxx-e2e", "-p", "relocxx-export-e2e"])
        .env("CXX", &clangxx)
        .env("CXXFLAGS", "-DRELOCXX_TEST_EXTRA=5"))?;
    sanitize()?;
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
    // The generator on real libraries (tests/corpus/REPORT.md): a panic or a shim or Rust module
    // that does not compile fails the run. The report-only escape is for `cargo xtask corpus`.
    std::env::remove_var("RELOCXX_CORPUS_ALLOW_FAILURES");
    corpus::run()?;
    // corpus::run installed the -dev packages of its libraries (or failed saying how), which
    // include the four that tests/reallibs binds and calls.
    eprintln!("xtask: programs calling pugixml, snappy, leveldb and re2 (tests/reallibs)");
    run(cargo()
        .args(["test", "-p", "relocxx-reallibs"])
        .env("RELOCXX_TEST_REAL_LIBS", "1"))?;
    eprintln!("xtask: running every example");
    for example in EXAMPLES {
        run(cargo().args(["run", "-q", "-p", example]))?;
    }
    eprintln!("xtask: all tests passed");
    Ok(())
}

/// The fixtures' generated docs in a `#![deny(missing_docs)]` crate (tests/docs): valid
/// rustdoc with warnings denied (no link, HTML tag or bare URL read from C++ comments or
/// relocxx's own lines), and not one of them a Rust doctest.
fn generated_docs() -> Result<(), String> {
    eprintln!("xtask: generated docs under rustdoc -D warnings and missing_docs (tests/docs)");
    run(cargo()
        .args(["doc", "-p", "relocxx-docs", "--no-deps"])
        .env("RUSTDOCFLAGS", "-D warnings"))?;
    eprintln!("xtask: the published crates' own docs under rustdoc -D warnings");
    run(cargo()
        .args([
            "doc",
            "--no-deps",
            "-p",
            "relocxx",
            "-p",
            "relocxx-macro",
            "-p",
            "relocxx-gen",
        ])
        .args(["--features", "relocxx-gen/cli"])
        .env("RUSTDOCFLAGS", "-D warnings"))?;
    let mut cmd = cargo();
    cmd.args(["test", "-p", "relocxx-docs", "--doc"]);
    eprintln!("xtask: running {cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !stdout.contains("running 0 tests") {
        return Err(format!(
            "generated docs hold Rust doctests (or rustdoc failed):\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
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

/// Builds the `relocxx` command (target/debug/relocxx; behind the `cli` feature).
fn build_cli() -> Result<(), String> {
    run(cargo().args([
        "build",
        "-q",
        "-p",
        "relocxx-gen",
        "--features",
        "cli",
        "--bin",
        "relocxx",
    ]))
}

/// The CMake side: the cmake-mixed example (configure, build, run, its ctest), the bridge's
/// incremental behaviour from a build tree and from an install, all through ctest.
fn cmake_tests() -> Result<(), String> {
    build_cli()?;
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

/// The end-to-end fixtures under AddressSanitizer (with LeakSanitizer) and
/// UndefinedBehaviorSanitizer. Every C++ object of the test binaries — the generated shims, the
/// fixtures' .cc files, the runtime's cpp/std.cc — is compiled by clang++ with the sanitizers (the
/// Builder and runtime/build.rs both compile through `cc`, which reads CXX/CXXFLAGS), and the
/// binaries are linked by the same clang++, which adds the matching runtimes, their C++ parts
/// included (UBSan's vptr check needs them). The Rust code itself is not instrumented (stable has
/// no -Zsanitizer), but every heap allocation goes through ASan's allocator, so C++ touching
/// freed or out-of-bounds Rust heap memory, double destruction and leaks of C++ objects are
/// caught too.
///
/// Reports go to files (log_path) rather than the terminal so that one from a child process —
/// the exception test re-runs its binary and expects it to abort — is counted as well; any report
/// fails the run, even when every test passed.
fn sanitize() -> Result<(), String> {
    let start = std::time::Instant::now();
    let clangxx = find_clangxx().ok_or("clang++ not found")?;
    if !have_sanitizer_runtimes(&clangxx) {
        return Err(format!(
            "{clangxx} cannot link with {SANITIZERS}: install the sanitizer runtimes \
             (Debian: libclang-rt-N-dev for clang N)"
        ));
    }
    let clang =
        find_clang(&clangxx).ok_or_else(|| format!("no C compiler matching {clangxx} on PATH"))?;
    let host = host_triple()?;
    let target_dir = root().join("target/sanitize");
    let reports = target_dir.join("reports");
    // Reports of an earlier run must not be counted again.
    let _ = std::fs::remove_dir_all(&reports);
    std::fs::create_dir_all(&reports)
        .map_err(|e| format!("cannot create {}: {e}", reports.display()))?;
    let tests = e2e_test_targets()?;
    let compile = format!("{SANITIZERS} -fno-sanitize-recover=all -fno-omit-frame-pointer");
    let mut common = format!("log_path={}", reports.join("report").display());
    match find_symbolizer(&clangxx) {
        Some(s) => common.push_str(&format!(":external_symbolizer_path={}", s.display())),
        None => eprintln!("xtask: no llvm-symbolizer found; sanitizer stacks will be addresses"),
    }
    eprintln!(
        "xtask: end-to-end fixtures under ASan+UBSan ({clangxx}), in {}",
        target_dir.display()
    );
    let mut cmd = cargo();
    // `--target` (even the host's) keeps RUSTFLAGS off build scripts and proc-macros: the e2e
    // build script loads libclang and must not be linked with the sanitizers.
    // --no-fail-fast: every binary runs, so one run shows every report.
    cmd.args([
        "test",
        "-p",
        "relocxx-e2e",
        "--no-fail-fast",
        "--target",
        &host,
    ]);
    for t in &tests {
        cmd.args(["--test", t]);
    }
    cmd
        // Its own target dir: the normal build stays valid, and no uninstrumented object is reused.
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("CXX", &clangxx)
        .env("CXXFLAGS", &compile)
        .env("CC", &clang)
        .env("CFLAGS", &compile)
        // It would take precedence over RUSTFLAGS.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env(
            "RUSTFLAGS",
            format!("-C linker={clangxx} -C link-arg={SANITIZERS}"),
        )
        // The first report ends the test binary (SIGABRT), so no test can pass after it.
        .env(
            "ASAN_OPTIONS",
            format!("detect_leaks=1:halt_on_error=1:abort_on_error=1:{common}"),
        )
        .env(
            "UBSAN_OPTIONS",
            format!("print_stacktrace=1:halt_on_error=1:{common}"),
        );
    let result = run_counting_tests(&mut cmd);
    let found = sanitizer_reports(&reports)?;
    let secs = start.elapsed().as_secs_f64();
    match result {
        Ok(passed) if found == 0 => {
            eprintln!(
                "xtask: sanitizer run (ASan+UBSan): {passed} tests passed, 0 reports ({secs:.1} s)"
            );
            Ok(())
        }
        Ok(passed) => Err(format!(
            "sanitizer run (ASan+UBSan): {passed} tests passed, but {found} report(s) (above)"
        )),
        Err(e) => Err(format!("{e}; {found} sanitizer report(s) (above)")),
    }
}

/// The e2e test targets (tests/e2e/tests/*.rs) but NOT_SANITIZED, named one by one: a new test
/// file is sanitized without being listed here.
fn e2e_test_targets() -> Result<Vec<String>, String> {
    let dir = root().join("tests/e2e/tests");
    let mut tests: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .filter(|t| !NOT_SANITIZED.contains(&t.as_str()))
        .collect();
    tests.sort();
    if tests.is_empty() {
        return Err(format!("no test targets in {}", dir.display()));
    }
    Ok(tests)
}

/// Runs `cmd` (a `cargo test`), echoing its standard output, and adds up libtest's
/// `test result: ... N passed` lines.
fn run_counting_tests(cmd: &mut Command) -> Result<usize, String> {
    eprintln!("xtask: running {cmd:?}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let mut passed = 0;
    if let Some(out) = child.stdout.take() {
        for line in std::io::BufReader::new(out).lines() {
            let line = line.map_err(|e| format!("reading {cmd:?}: {e}"))?;
            println!("{line}");
            if let Some(rest) = line.strip_prefix("test result: ") {
                passed += rest
                    .split(['.', ';'])
                    .find_map(|part| part.trim().strip_suffix(" passed")?.parse::<usize>().ok())
                    .unwrap_or(0);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for {cmd:?}: {e}"))?;
    if status.success() {
        Ok(passed)
    } else {
        Err(format!("{cmd:?} failed with {status}"))
    }
}

/// Prints every sanitizer log file in `dir` and returns how many reports they hold: each ASan,
/// LSan or UBSan report ends with one `SUMMARY:` line.
fn sanitizer_reports(dir: &Path) -> Result<usize, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut reports = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        eprintln!("xtask: sanitizer output in {}:\n{text}", f.display());
        reports += text.lines().filter(|l| l.starts_with("SUMMARY: ")).count();
    }
    Ok(reports)
}

/// The host target triple, from `rustc -vV`.
fn host_triple() -> Result<String, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc)
        .arg("-vV")
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot run {rustc} -vV: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(|h| h.trim().to_string())
        .ok_or_else(|| format!("no `host:` line in {rustc} -vV"))
}

/// The C compiler of the same LLVM as `clangxx` (`clang++-19` -> `clang-19`), so that any C
/// object is instrumented by the version whose runtimes are linked.
fn find_clang(clangxx: &str) -> Option<String> {
    let clang = clangxx.replacen("clang++", "clang", 1);
    on_path(&clang).then_some(clang)
}

/// llvm-symbolizer for readable stacks, passed by path: Debian's sanitizer runtime looks only
/// for `llvm-symbolizer-N` of its own version (package llvm-N), and without it prints addresses.
/// That one when installed, else any llvm-symbolizer on PATH.
fn find_symbolizer(clangxx: &str) -> Option<PathBuf> {
    let versioned = clangxx
        .rsplit_once('-')
        .map(|(_, v)| format!("llvm-symbolizer-{v}"));
    let path = std::env::var_os("PATH")?;
    versioned
        .into_iter()
        .chain(std::iter::once("llvm-symbolizer".to_string()))
        .find_map(|name| {
            std::env::split_paths(&path)
                .map(|d| d.join(&name))
                // is_file follows symlinks: a dangling one (Debian's alternatives) is skipped.
                .find(|p| p.is_absolute() && p.is_file())
        })
}

/// The class, std-type, hierarchy, subclass and export tests under valgrind memcheck: no leak, no invalid access.
fn valgrind_classes() -> Result<(), String> {
    for (package, test) in [
        ("relocxx-e2e", "classes"),
        ("relocxx-e2e", "stdtypes"),
        ("relocxx-e2e", "safety"),
        ("relocxx-e2e", "hierarchy"),
        ("relocxx-e2e", "subclass"),
        ("relocxx-e2e", "callbacks"),
        ("relocxx-export-e2e", "export"),
    ] {
        let out = cargo()
            .args([
                "test",
                "-p",
                package,
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
    clang_accepts(
        clangxx,
        &["-stdlib=libc++", "-E", "-o", "/dev/null"],
        b"#include <string>\n",
    )
}

/// Whether clang++ can link a sanitized program: the ASan/UBSan runtimes are a separate
/// package (libclang-rt-N-dev) that clang itself does not pull in.
fn have_sanitizer_runtimes(clangxx: &str) -> bool {
    let exe = std::env::temp_dir().join(format!("relocxx-xtask-sanitize-{}", std::process::id()));
    let ok = clang_accepts(
        clangxx,
        &[SANITIZERS, "-o", &exe.to_string_lossy()],
        b"int main() { return 0; }\n",
    );
    let _ = std::fs::remove_file(&exe);
    ok
}

/// Whether `clangxx <args> -x c++ -` succeeds on `source`.
fn clang_accepts(clangxx: &str, args: &[&str], source: &[u8]) -> bool {
    let mut child = match Command::new(clangxx)
        .args(args)
        .args(["-x", "c++", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(_) => return false,
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(source);
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

/// Root on Debian: missing packages can be installed with apt-get.
fn can_apt_install() -> bool {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    is_root && Path::new("/etc/debian_version").exists()
}

fn ensure_tools() -> Result<(), String> {
    let clangxx = find_clangxx();
    let missing: Vec<&str> = [
        ("libclang", have_libclang()),
        ("clang++", clangxx.is_some()),
        ("libc++", clangxx.as_deref().is_some_and(have_libcxx)),
        (
            "sanitizer runtimes",
            clangxx.as_deref().is_some_and(have_sanitizer_runtimes),
        ),
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
    if !can_apt_install() {
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
        || !clangxx.as_deref().is_some_and(have_sanitizer_runtimes)
        || !on_path("cmake")
        || !on_path("valgrind")
    {
        return Err("tools still missing after apt-get install".into());
    }
    Ok(())
}
