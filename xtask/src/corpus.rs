//! `cargo xtask corpus` — the generator against real installed C++ libraries, run the way their
//! users would run it.
//!
//! For every library of `LIBRARIES` (its Debian -dev package installed with apt-get when run as
//! root on Debian): `relocxx gen` on the library's public headers into `target/corpus/<lib>`,
//! the generated shim compiled by g++ and by clang++, and every generated Rust module checked in
//! one throwaway crate (`target/corpus/crate`, one cargo feature per library). The table goes to
//! stdout and to `tests/corpus/REPORT.md` (deterministic: no timestamps, no paths of this
//! machine but `/usr/include`).
//!
//! Fails when a library panicked the generator, or a shim or Rust module does not compile;
//! `RELOCXX_CORPUS_ALLOW_FAILURES=1` reports the same and succeeds.

mod report;

use report::{count_bound, skip_reason};

use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One real library: what a user installs and includes, and how they would call the CLI.
struct Library {
    /// Binding-set name (`--name`), output directory and Rust module name.
    name: &'static str,
    /// Debian package providing the headers.
    package: &'static str,
    /// The shape of its API, for the report.
    kind: &'static str,
    /// The public headers a user includes (`--header`, in order).
    headers: &'static [&'static str],
    /// `--std`.
    std: &'static str,
    /// `--allow`, for libraries whose API is spread over headers the umbrella includes.
    allow: Option<&'static str>,
    /// Extra compiler arguments (after `--` for the generator, and for both shim compilers).
    args: &'static [&'static str],
}

/// The corpus, sorted by name.
const LIBRARIES: &[Library] = &[
    Library {
        name: "fmt",
        package: "libfmt-dev",
        kind: "template-heavy",
        headers: &["/usr/include/fmt/format.h"],
        std: "c++17",
        allow: Some("fmt::.*"),
        args: &[],
    },
    Library {
        name: "leveldb",
        package: "libleveldb-dev",
        kind: "class-heavy + C API",
        headers: &["/usr/include/leveldb/db.h", "/usr/include/leveldb/c.h"],
        std: "c++17",
        allow: Some("leveldb::.*|leveldb_.*"),
        args: &[],
    },
    Library {
        name: "nlohmann_json",
        package: "nlohmann-json3-dev",
        kind: "template-heavy",
        headers: &["/usr/include/nlohmann/json.hpp"],
        std: "c++17",
        allow: Some("nlohmann::.*"),
        args: &[],
    },
    Library {
        name: "pugixml",
        package: "libpugixml-dev",
        kind: "class-heavy",
        headers: &["/usr/include/pugixml.hpp"],
        std: "c++17",
        allow: None,
        args: &[],
    },
    Library {
        name: "re2",
        package: "libre2-dev",
        kind: "class-heavy",
        headers: &["/usr/include/re2/re2.h"],
        std: "c++17",
        allow: Some("re2::.*"),
        args: &[],
    },
    Library {
        name: "snappy",
        package: "libsnappy-dev",
        kind: "class-heavy",
        headers: &["/usr/include/snappy.h"],
        std: "c++17",
        allow: Some("snappy::.*"),
        args: &[],
    },
    Library {
        name: "sqlite3",
        package: "libsqlite3-dev",
        kind: "C API",
        headers: &["/usr/include/sqlite3.h"],
        std: "c++17",
        allow: None,
        args: &[],
    },
    Library {
        name: "tinyxml2",
        package: "libtinyxml2-dev",
        kind: "class-heavy",
        headers: &["/usr/include/tinyxml2.h"],
        std: "c++17",
        allow: None,
        args: &[],
    },
    Library {
        name: "yaml_cpp",
        package: "libyaml-cpp-dev",
        kind: "class + template",
        headers: &["/usr/include/yaml-cpp/yaml.h"],
        std: "c++17",
        allow: Some("YAML::.*"),
        args: &[],
    },
    Library {
        name: "zstd",
        package: "libzstd-dev",
        kind: "C API",
        headers: &["/usr/include/zstd.h"],
        std: "c++17",
        allow: None,
        args: &[],
    },
];

/// Longest a generator run or one compilation may take before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(600);

/// Error lines kept per failing step.
const KEPT_LINES: usize = 3;

/// Skip reasons listed per library, and overall.
const TOP_REASONS: usize = 3;
const TOP_REASONS_OVERALL: usize = 10;

/// What one step did.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Ok,
    /// Failed: how (exit status, error count) and the first error lines.
    Failed(String, Vec<String>),
    /// Not run because an earlier step failed.
    NotRun,
}

impl Step {
    /// A failure keeping the first `KEPT_LINES` of `errors`.
    fn failure<S: ToString>(how: String, errors: &[S]) -> Step {
        Step::Failed(
            how,
            errors
                .iter()
                .take(KEPT_LINES)
                .map(|l| l.to_string())
                .collect(),
        )
    }

    fn cell(&self) -> String {
        match self {
            Step::Ok => "ok".into(),
            Step::Failed(how, _) => format!("**FAIL** ({how})"),
            Step::NotRun => "—".into(),
        }
    }
    fn failed(&self) -> bool {
        !matches!(self, Step::Ok)
    }
}

/// Everything recorded for one library.
struct Outcome {
    lib: &'static Library,
    version: String,
    gen: Step,
    panicked: bool,
    /// Skip reasons, one per skipped declaration, names normalised away.
    skipped: Vec<String>,
    bound: Option<usize>,
    gxx: Step,
    clangxx: Step,
    rust: Step,
}

pub fn run() -> Result<(), String> {
    let start = Instant::now();
    ensure_packages()?;
    let clangxx = if crate::on_path("clang++-19") {
        "clang++-19".to_string()
    } else {
        crate::find_clangxx().ok_or("clang++ not found")?
    };
    crate::build_cli()?;
    eprintln!(
        "xtask: corpus: relocxx CLI built ({:.1} s since the start)",
        start.elapsed().as_secs_f64()
    );
    let root = crate::root();
    let cli = root.join("target/debug/relocxx");
    let corpus = root.join("target/corpus");
    std::fs::create_dir_all(&corpus)
        .map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;

    // Generate and compile the shims, a few libraries at a time.
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4);
    eprintln!(
        "xtask: corpus: generating and compiling the shims of {} libraries ({workers} at a time)",
        LIBRARIES.len()
    );
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..LIBRARIES.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(lib) = LIBRARIES.get(i) else { break };
                let t = Instant::now();
                let outcome = library(lib, &root, &cli, &corpus, &clangxx);
                eprintln!(
                    "xtask: corpus: {:<14} gen {:<6} g++ {:<6} {clangxx} {:<6} ({:.1} s)",
                    lib.name,
                    short(&outcome.gen),
                    short(&outcome.gxx),
                    short(&outcome.clangxx),
                    t.elapsed().as_secs_f64()
                );
                results.lock().unwrap()[i] = Some(outcome);
            });
        }
    });
    eprintln!(
        "xtask: corpus: generated and compiled the shims ({:.1} s since the start)",
        start.elapsed().as_secs_f64()
    );
    let mut outcomes: Vec<Outcome> = results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|o| o.expect("every library ran"))
        .collect();

    let t = Instant::now();
    rust_check(&root, &corpus, &mut outcomes)?;
    eprintln!(
        "xtask: corpus: Rust modules checked ({:.1} s)",
        t.elapsed().as_secs_f64()
    );

    let report = report::report(&outcomes, &clangxx);
    println!("{report}");
    let path = root.join("tests/corpus/REPORT.md");
    std::fs::create_dir_all(path.parent().unwrap())
        .and_then(|()| std::fs::write(&path, &report))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!(
        "xtask: corpus: wrote tests/corpus/REPORT.md ({:.1} s in all)",
        start.elapsed().as_secs_f64()
    );

    let failures = failures(&outcomes);
    if failures.is_empty() {
        eprintln!("xtask: corpus: 0 panics, every shim and Rust module compiles");
        return Ok(());
    }
    for f in &failures {
        eprintln!("xtask: corpus: {f}");
    }
    let msg = format!(
        "corpus: {} failure(s) (listed above and in tests/corpus/REPORT.md); the target is 0 \
         panics and every shim and Rust module compiling",
        failures.len()
    );
    if std::env::var("RELOCXX_CORPUS_ALLOW_FAILURES").is_ok_and(|v| v == "1") {
        eprintln!("xtask: {msg}; RELOCXX_CORPUS_ALLOW_FAILURES=1, so not failing");
        Ok(())
    } else {
        Err(format!(
            "{msg} (RELOCXX_CORPUS_ALLOW_FAILURES=1 reports without failing)"
        ))
    }
}

fn short(s: &Step) -> &'static str {
    match s {
        Step::Ok => "ok",
        Step::Failed(..) => "FAIL",
        Step::NotRun => "-",
    }
}

/// One line per failing step, naming the library.
fn failures(outcomes: &[Outcome]) -> Vec<String> {
    let mut out = Vec::new();
    for o in outcomes {
        let name = o.lib.name;
        if o.panicked {
            out.push(format!("{name}: the generator panicked"));
        } else if let Step::Failed(how, _) = &o.gen {
            out.push(format!("{name}: the generator failed ({how})"));
        }
        for (what, step) in [
            ("shim with g++", &o.gxx),
            ("shim with clang++", &o.clangxx),
            ("Rust module", &o.rust),
        ] {
            if let Step::Failed(how, lines) = step {
                let first = lines.first().map(String::as_str).unwrap_or("");
                out.push(format!("{name}: {what} does not compile ({how}): {first}"));
            }
        }
    }
    out
}

/// Installs the -dev packages whose headers are missing (root on Debian), else says how.
fn ensure_packages() -> Result<(), String> {
    let missing = || -> Vec<&'static str> {
        let mut pkgs: Vec<&str> = LIBRARIES
            .iter()
            .filter(|l| !l.headers.iter().all(|h| Path::new(h).is_file()))
            .map(|l| l.package)
            .collect();
        pkgs.sort();
        pkgs.dedup();
        pkgs
    };
    let pkgs = missing();
    if pkgs.is_empty() {
        return Ok(());
    }
    if !super::can_apt_install() {
        return Err(format!(
            "corpus: missing the headers of {}. Install them, e.g. on Debian/Ubuntu: \
             sudo sh -c 'apt-get update && apt-get install -y {}'",
            pkgs.join(", "),
            pkgs.join(" ")
        ));
    }
    eprintln!("xtask: corpus: installing {} with apt-get", pkgs.join(" "));
    crate::run(Command::new("apt-get").args(["update", "-q"]))?;
    crate::run(
        Command::new("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&pkgs)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    let still = missing();
    if still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "corpus: headers still missing after apt-get install ({}); check LIBRARIES in \
             xtask/src/corpus.rs",
            still.join(", ")
        ))
    }
}

fn package_version(package: &str) -> String {
    Command::new("dpkg-query")
        .args(["-W", "-f", "${Version}", package])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "?".into())
}

/// Generator run and both shim compilations of one library.
fn library(
    lib: &'static Library,
    root: &Path,
    cli: &Path,
    corpus: &Path,
    clangxx: &str,
) -> Outcome {
    let out_dir = corpus.join(lib.name);
    let mut outcome = Outcome {
        lib,
        version: package_version(lib.package),
        gen: Step::NotRun,
        panicked: false,
        skipped: Vec::new(),
        bound: None,
        gxx: Step::NotRun,
        clangxx: Step::NotRun,
        rust: Step::NotRun,
    };
    let mut gen = Command::new(cli);
    gen.current_dir(root).arg("gen");
    for h in lib.headers {
        gen.args(["--header", h]);
    }
    gen.args(["--std", lib.std]);
    if let Some(allow) = lib.allow {
        gen.args(["--allow", allow]);
    }
    gen.arg("--out-dir")
        .arg(&out_dir)
        .args(["--name", lib.name]);
    if !lib.args.is_empty() {
        gen.arg("--").args(lib.args);
    }
    let out = match capture(&mut gen, root, Some(TIMEOUT)) {
        Ok(o) => o,
        Err(e) => {
            outcome.gen = Step::Failed("not run".into(), vec![e]);
            return outcome;
        }
    };
    outcome.panicked = out.stderr.contains("panicked");
    outcome.skipped = out.stderr.lines().filter_map(skip_reason).collect();
    let rs = std::fs::read_to_string(out_dir.join(format!("{}.rs", lib.name)));
    outcome.gen = match (&out.status, &rs) {
        (Some(s), Ok(_)) if s.success() && !outcome.panicked => Step::Ok,
        _ => {
            let how = if outcome.panicked {
                "panicked".to_string()
            } else {
                describe(&out.status)
            };
            let lines: Vec<String> = out
                .stderr
                .lines()
                .filter(|l| skip_reason(l).is_none() && !l.trim().is_empty())
                .take(KEPT_LINES)
                .map(str::to_string)
                .collect();
            Step::Failed(how, lines)
        }
    };
    if outcome.gen != Step::Ok {
        return outcome;
    }
    outcome.bound = rs.ok().map(|rs| count_bound(&rs));

    let cc = out_dir.join(format!("{}.cc", lib.name));
    let compile = |compiler: &str, extra: &[&str]| -> Step {
        let mut cmd = Command::new(compiler);
        cmd.current_dir(root)
            .args(["-std=c++17", "-c"])
            .args(extra)
            .arg("-I")
            .arg(&out_dir)
            .arg("-I")
            .arg(out_dir.join("include"))
            .args(lib.args)
            .arg("-o")
            .arg("/dev/null")
            .arg(&cc);
        match capture(&mut cmd, root, Some(TIMEOUT)) {
            Ok(o) if o.status.is_some_and(|s| s.success()) => Step::Ok,
            Ok(o) => {
                let errors: Vec<&str> =
                    o.stderr.lines().filter(|l| l.contains("error: ")).collect();
                let how = match errors.len() {
                    0 => describe(&o.status),
                    1 => "1 error".into(),
                    n => format!("{n} errors"),
                };
                Step::failure(how, &errors)
            }
            Err(e) => Step::Failed("not run".into(), vec![e]),
        }
    };
    outcome.gxx = compile("g++", &[]);
    // No error limit, so that the count is the real one (clang stops at 20 by default).
    outcome.clangxx = compile(clangxx, &["-ferror-limit=0"]);
    outcome
}

/// Checks the generated Rust modules in one throwaway crate, one cargo feature per library: all
/// together first; if that fails, each alone, so that every error is its library's.
fn rust_check(root: &Path, corpus: &Path, outcomes: &mut [Outcome]) -> Result<(), String> {
    let dir = corpus.join("crate");
    std::fs::create_dir_all(dir.join("src"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut toml = format!(
        "# Written by `cargo xtask corpus`.\n[package]\nname = \"relocxx-corpus\"\n\
         version = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         relocxx = {{ path = {:?} }}\n\n[features]\n",
        root.join("runtime").display().to_string()
    );
    let mut lib_rs = String::from("//! Written by `cargo xtask corpus`.\n");
    for o in outcomes.iter() {
        let name = o.lib.name;
        toml.push_str(&format!("{name} = []\n"));
        if o.gen == Step::Ok {
            let rs = corpus.join(name).join(format!("{name}.rs"));
            lib_rs.push_str(&format!(
                "#[cfg(feature = \"{name}\")]\n#[path = {:?}]\npub mod {name};\n",
                rs.display().to_string()
            ));
        }
    }
    toml.push_str("\n[workspace]\n");
    write_if_changed(&dir.join("Cargo.toml"), &toml)?;
    write_if_changed(&dir.join("src/lib.rs"), &lib_rs)?;
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    write_if_changed(&dir.join("Cargo.lock"), &lock)?;

    let generated: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].gen == Step::Ok)
        .collect();
    if generated.is_empty() {
        return Ok(());
    }
    let features: Vec<&str> = generated.iter().map(|&i| outcomes[i].lib.name).collect();
    eprintln!("xtask: corpus: checking the Rust modules together");
    if cargo_check(root, &dir, &features)? == Step::Ok {
        for &i in &generated {
            outcomes[i].rust = Step::Ok;
        }
        return Ok(());
    }
    for &i in &generated {
        let name = outcomes[i].lib.name;
        eprintln!("xtask: corpus: checking the Rust module of {name} alone");
        outcomes[i].rust = cargo_check(root, &dir, &[name])?;
    }
    Ok(())
}

/// `cargo check` of the corpus crate with these features.
fn cargo_check(root: &Path, dir: &Path, features: &[&str]) -> Result<Step, String> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(dir)
        .args([
            "check",
            "--offline",
            "--quiet",
            "--message-format=short",
            "--features",
        ])
        .arg(features.join(","))
        .env("CARGO_TARGET_DIR", dir.join("target"));
    let out = capture(&mut cmd, root, None)?;
    if out.status.is_some_and(|s| s.success()) {
        return Ok(Step::Ok);
    }
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| {
            (l.contains(": error") || l.starts_with("error"))
                && !l.starts_with("error: could not compile")
        })
        .collect();
    let how = out
        .stderr
        .lines()
        .find_map(|l| {
            let n = l.split(" due to ").nth(1)?;
            Some(
                n.split(';')
                    .next()?
                    .trim_end_matches(" previous errors")
                    .to_string(),
            )
        })
        .map(|n| match n.as_str() {
            "1 previous error" => "1 error".to_string(),
            n => format!("{n} errors"),
        })
        .unwrap_or_else(|| describe(&out.status));
    Ok(Step::failure(how, &errors))
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Output of a finished (or timed-out: `status` None) command, with paths under the workspace
/// made relative to it.
struct Captured {
    status: Option<ExitStatus>,
    stderr: String,
}

fn describe(status: &Option<ExitStatus>) -> String {
    match status {
        None => format!("timed out after {} s", TIMEOUT.as_secs()),
        Some(s) => match s.code() {
            Some(c) => format!("exit {c}"),
            None => format!("{s}"),
        },
    }
}

/// Runs `cmd`, keeping its stderr (stdout is discarded), killing it after `timeout`.
fn capture(cmd: &mut Command, root: &Path, timeout: Option<Duration>) -> Result<Captured, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let mut pipe = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if timeout.is_some_and(|t| start.elapsed() > t) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for {cmd:?}: {e}")),
        }
    };
    let stderr = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
    let prefix = format!("{}/", root.display());
    Ok(Captured {
        status,
        stderr: stderr.replace(&prefix, ""),
    })
}
