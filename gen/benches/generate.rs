//! Generation time for a header that includes <string>, <vector> and <map> plus 100
//! declarations (functions, overloads, enums, structs, aliases): median of 5 runs, and the size
//! of the generated files; then the regeneration cache (a hit against a cold run, in this
//! process and as whole `relocxx gen` processes) and `build_all` of several `include_cpp!`
//! blocks on one thread against several; and the peers on the same header in this process, as
//! ratios: the bare libclang parse and bindgen (a dev-dependency). Run with `cargo bench -p relocxx-gen --bench generate`
//! (or `cargo xtask bench`). A plain bench binary: the quantities are wall-clock medians, and
//! this keeps criterion's dependency tree out of every build.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use relocxx_gen::{cache, generate, Builder, Options};

/// A header with exactly 100 bindable declarations behind heavy standard includes.
fn header() -> String {
    let mut h = String::from("#pragma once\n#include <string>\n#include <vector>\n#include <map>\n#include <cstdint>\n\nnamespace bench {\n");
    for i in 0..20 {
        writeln!(
            h,
            "enum class E{i} : std::uint16_t {{ A = {i}, B, C = 1000 }};"
        )
        .unwrap();
    }
    for i in 0..20 {
        writeln!(
            h,
            "struct S{i} {{ int a; double b; E{i} e; char tag[8]; }};"
        )
        .unwrap();
    }
    for i in 0..30 {
        writeln!(h, "S{} make{i}(int a, double b, E{} e);", i % 20, i % 20).unwrap();
    }
    for i in 0..10 {
        writeln!(h, "int over{i}(int v);\nint over{i}(const S{i}& s);").unwrap();
    }
    for i in 0..10 {
        writeln!(h, "using Alias{i} = S{i};").unwrap();
    }
    h.push_str("}  // namespace bench\n");
    h
}

/// Median, min and max of `runs` timings of `f`, in milliseconds.
fn timed(runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(times[runs / 2]), ms(times[0]), ms(times[runs - 1]))
}

fn report(what: &str, runs: usize, (median, min, max): (f64, f64, f64)) {
    println!("{what}: median of {runs} = {median:.1} ms (min {min:.1}, max {max:.1})");
}

/// Set to a file of NUL-separated file name, contents and arguments: the process only loads
/// libclang and parses that, once (the whole-process peer of `relocxx gen`).
const BARE_PARSE_ENV: &str = "RELOCXX_BENCH_BARE_PARSE";

/// The whole-process bare parse's median, for the ratio printed with the CLI's times.
static PROCESS_PARSE_MS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

fn bare_parse_process(spec: &Path) {
    let text = std::fs::read_to_string(spec).expect("spec");
    let mut parts = text.split('\0').map(String::from);
    let (name, main) = (parts.next().unwrap(), parts.next().unwrap());
    let args: Vec<String> = parts.collect();
    relocxx_gen::clang::discover::ensure_loaded().expect("libclang");
    let tu = relocxx_gen::clang::TranslationUnit::parse(&name, &main, &args).expect("parse");
    assert!(tu.diagnostics().iter().all(|d| !d.is_error));
}

/// The cache: a hit in this process (libclang already loaded), and whole `relocxx gen`
/// processes cold (`RELOCXX_NO_CACHE=1`) against a hit (what CMake pays after a touch).
fn cache_times(options: &Options, dir: &Path) {
    let cache_dir = dir.join("cache");
    let _ = std::fs::remove_dir_all(&cache_dir);
    // Headers written just now are not stored (they may still be changing): let them settle.
    std::thread::sleep(Duration::from_millis(100));
    let stored = cache::generate(options, Some(&cache_dir)).expect("generate");
    assert!(!stored.from_cache);
    let hit = timed(9, || {
        let g = cache::generate(options, Some(&cache_dir)).expect("generate");
        assert!(g.from_cache, "unchanged inputs hit");
        assert_eq!(g.files, stored.files);
    });
    report("cache hit, in process", 9, hit);

    let out = dir.join("cli-out");
    let header = options.headers[0].to_str().expect("UTF-8 path");
    let run = |no_cache: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_relocxx"));
        cmd.args(["gen", "--header", header, "--name", "bench", "--out-dir"])
            .arg(&out);
        if no_cache {
            cmd.env("RELOCXX_NO_CACHE", "1");
        } else {
            cmd.env_remove("RELOCXX_NO_CACHE");
        }
        let o = cmd.output().expect("run relocxx");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let cold = timed(5, || run(true));
    report("relocxx gen process, cold (RELOCXX_NO_CACHE=1)", 5, cold);
    if let Some(parse) = PROCESS_PARSE_MS.get() {
        println!(
            "ratio: relocxx gen process, cold / bare parse process = {:.2}x",
            cold.0 / parse
        );
    }
    run(false); // stores
    report("relocxx gen process, cache hit", 9, timed(9, || run(false)));
}

/// `build_all` of `blocks` include_cpp! blocks (each the bench header), cold, with
/// `RELOCXX_JOBS=1` against the default (the machine's parallelism).
fn parallel_times(dir: &Path, blocks: usize) {
    let src = dir.join("blocks.rs");
    let mut text = String::new();
    for i in 0..blocks {
        writeln!(
            text,
            "relocxx::include_cpp! {{ #include \"bench.h\" name!(b{i}) }}"
        )
        .unwrap();
    }
    std::fs::write(&src, text).unwrap();
    let build = || {
        let out = Builder::from_rust_source(&src)
            .out_dir(dir.join("blocks-out"))
            .generate_only()
            .build_all()
            .expect("build_all");
        assert_eq!(out.len(), blocks);
    };
    // Single-threaded here: nothing else runs while the environment changes.
    std::env::set_var("RELOCXX_NO_CACHE", "1");
    std::env::set_var("RELOCXX_JOBS", "1");
    let one = timed(3, build);
    std::env::remove_var("RELOCXX_JOBS");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let many = timed(3, build);
    std::env::remove_var("RELOCXX_NO_CACHE");
    report(&format!("build_all of {blocks} blocks, 1 thread"), 3, one);
    report(
        &format!(
            "build_all of {blocks} blocks, {} threads",
            threads.min(blocks)
        ),
        3,
        many,
    );
    println!("parallel speed-up: {:.2}x", one.0 / many.0);
}

/// The peers, in this process, on the same header: the bare libclang parse relocxx starts with
/// (its arguments, function bodies skipped, no trait probe), and bindgen (allowlisting the same
/// namespace, formatted output); then relocxx's whole generation as a ratio of each.
fn peer_times(options: &Options, expected: &relocxx_gen::Files) {
    use relocxx_gen::clang::toolchain::{system_includes, Compiler};
    let compiler = Compiler::from_env();
    let sys = system_includes(&compiler, &options.std, &options.flags);
    let mut args = options.clang_args();
    args.extend(sys.args.iter().cloned());
    let header = options.headers[0].display().to_string();
    let main = format!("#include \"{header}\"\n");
    let name = std::env::temp_dir().join("relocxx-bench-parse.cc");
    let name = name.to_string_lossy();
    // Interleaved pairs, so that a slower stretch of the machine weighs on both sides alike;
    // the ratio is the median of the pairs' ratios.
    const PAIRS: usize = 11;
    let mut gen_ms = Vec::new();
    let mut parse_ms = Vec::new();
    let mut ratios = Vec::new();
    for _ in 0..PAIRS {
        let t = Instant::now();
        let g = generate(options).expect("generate");
        let g_ms = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(&g.files, expected, "deterministic");
        let t = Instant::now();
        let tu = relocxx_gen::clang::TranslationUnit::parse(&name, &main, &args).expect("parse");
        let ok = tu.diagnostics().iter().all(|d| !d.is_error);
        // Freed, as generate() frees its own.
        drop(tu);
        let p_ms = t.elapsed().as_secs_f64() * 1e3;
        assert!(ok);
        gen_ms.push(g_ms);
        parse_ms.push(p_ms);
        ratios.push(g_ms / p_ms);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let generate_ms = median(&mut gen_ms);
    report("generate(), in process", PAIRS, generate_ms);
    let parse = median(&mut parse_ms);
    report(
        "bare libclang parse (relocxx's arguments, no probe), in process",
        PAIRS,
        parse,
    );
    let (ratio, lo, hi) = median(&mut ratios);
    println!(
        "ratio: relocxx generate() / bare parse, median of {PAIRS} interleaved pairs = {ratio:.3}x (min {lo:.3}, max {hi:.3})"
    );
    let generate_ms = generate_ms.0;
    // The same parse as a whole process (this binary again: load libclang, parse, exit),
    // against a whole cold `relocxx gen` below.
    let spec = std::env::temp_dir().join("relocxx-bench-parse.args");
    std::fs::write(
        &spec,
        [name.to_string(), main.clone()]
            .iter()
            .chain(&args)
            .cloned()
            .collect::<Vec<_>>()
            .join("\0"),
    )
    .unwrap();
    let process = timed(5, || {
        let o = Command::new(std::env::current_exe().unwrap())
            .env(BARE_PARSE_ENV, &spec)
            .output()
            .expect("run the bare parse");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    });
    report(
        "bare libclang parse, whole process (load libclang, parse, exit)",
        5,
        process,
    );
    PROCESS_PARSE_MS.set(process.0).unwrap();
    let bindgen = timed(5, || {
        let out = bindgen::Builder::default()
            .header(&header)
            .enable_cxx_namespaces()
            .allowlist_item("bench::.*")
            .clang_args(["-x", "c++", &format!("-std={}", options.std)])
            .clang_args(sys.args.iter())
            .generate()
            .expect("bindgen");
        assert!(out.to_string().contains("S19"));
    });
    report("bindgen (same header, same process)", 5, bindgen);
    println!(
        "ratio: relocxx generate() / bindgen = {:.2}x",
        generate_ms / bindgen.0
    );
}

fn main() {
    if let Some(spec) = std::env::var_os(BARE_PARSE_ENV) {
        return bare_parse_process(Path::new(&spec));
    }
    let dir = std::env::temp_dir().join("relocxx-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.h");
    std::fs::write(&path, header()).unwrap();
    let options = Options {
        name: "bench".into(),
        headers: vec![path],
        ..Options::default()
    };
    // Load libclang and warm the file cache once; the runs below measure steady-state work.
    let warm = generate(&options).expect("generate");
    let bound = warm.model.items.len();
    let f = &warm.files;
    println!("bound items: {bound} (skipped: {})", warm.skipped().len());
    println!("files opened by the parse: {}", warm.dependencies.len());
    println!(
        "generated sizes: .rs {} bytes, .h {} bytes, .cc {} bytes",
        f.rs.len(),
        f.h.len(),
        f.cc.len()
    );
    let dep_bytes: u64 = warm
        .dependencies
        .iter()
        .filter_map(|d| std::fs::metadata(d).ok())
        .map(|m| m.len())
        .sum();
    println!("bytes the cache re-hashes on a hit: {dep_bytes}");
    peer_times(&options, &warm.files);
    cache_times(&options, &dir);
    parallel_times(&dir, 4);
}
