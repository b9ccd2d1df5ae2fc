//! The regeneration cache (gen/src/cache.rs): unchanged inputs answer from the cache (observed
//! through `Bindings::from_cache`, not timing) with byte-identical outputs; a changed dependency
//! misses; a header the parse never opened does not matter; a corrupt or foreign entry is
//! ignored and replaced; `RELOCXX_NO_CACHE=1` bypasses it.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use relocxx_gen::{cache, generate, Bindings, Options};

/// Long enough for files just written to count as settled (the cache does not store a
/// generation whose dependencies changed shortly before or during it).
fn settle() {
    std::thread::sleep(Duration::from_millis(80));
}

/// `a.h` includes `b.h`; `c.h` sits beside them and is never opened.
fn project(name: &str) -> (PathBuf, Options) {
    let dir = common::scratch(name);
    std::fs::create_dir_all(dir.join("inc")).unwrap();
    std::fs::write(
        dir.join("inc/a.h"),
        "#pragma once\n#include <string>\n#include \"b.h\"\nnamespace p {\nint twice(int v);\nstd::string name();\nint sum(int n, ...);\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("inc/b.h"),
        "#pragma once\nnamespace p {\nstruct B { int x; };\n}\n",
    )
    .unwrap();
    std::fs::write(dir.join("inc/c.h"), "#pragma once\nint unrelated();\n").unwrap();
    let options = Options {
        name: "proj".into(),
        headers: vec![dir.join("inc/a.h")],
        include_dirs: vec![dir.join("inc")],
        ..Options::default()
    };
    settle();
    (dir, options)
}

fn cached(options: &Options, dir: &Path) -> Bindings {
    cache::generate(options, Some(&dir.join("cache"))).expect("generate")
}

fn entry(dir: &Path) -> PathBuf {
    dir.join("cache/proj.entry")
}

#[test]
fn second_run_hits_with_byte_identical_outputs() {
    let (dir, options) = project("cache-hit");
    let cold = generate(&options).expect("cold generate");
    let first = cached(&options, &dir);
    assert!(!first.from_cache, "nothing cached yet");
    let second = cached(&options, &dir);
    assert!(second.from_cache, "unchanged inputs hit");
    assert_eq!(second.files, cold.files, "byte-identical to a cold run");
    assert_eq!(second.skipped, cold.model.skipped);
    assert!(
        !second.skipped.is_empty(),
        "the fixture skips the variadic `sum`"
    );
    assert_eq!(second.notes, cold.model.notes);
    assert_eq!(second.dependencies, cold.dependencies);
    assert_eq!(
        second,
        Bindings {
            from_cache: true,
            ..first
        }
    );
}

/// A real fixture with classes, std types and skipped declarations: the hit gives exactly what
/// a cold generation gives.
#[test]
fn fixture_hit_equals_cold_generation() {
    let dir = common::scratch("cache-fixture");
    let options = Options {
        name: "stdtypes".into(),
        headers: vec![common::fixture("include/stdtypes.h")],
        include_dirs: vec![
            common::fixture("include"),
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include"),
        ],
        ..Options::default()
    };
    let cold: Bindings = generate(&options).expect("cold").into();
    let first = cached(&options, &dir);
    let second = cached(&options, &dir);
    assert!(second.from_cache);
    assert_eq!(
        second,
        Bindings {
            from_cache: true,
            ..cold.clone()
        }
    );
    assert_eq!(first, cold);
}

#[test]
fn touched_header_hits_changed_dependency_misses_unopened_header_does_not_matter() {
    let (dir, options) = project("cache-deps");
    cached(&options, &dir);
    assert!(cached(&options, &dir).from_cache);

    // Same content, new modification time.
    let a = std::fs::File::options()
        .write(true)
        .open(dir.join("inc/a.h"))
        .unwrap();
    a.set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    assert!(cached(&options, &dir).from_cache, "touched, unchanged");

    // A header beside them that the parse never opened.
    std::fs::write(dir.join("inc/c.h"), "#pragma once\nint other();\n").unwrap();
    assert!(cached(&options, &dir).from_cache, "c.h is not a dependency");

    // A header the bindings depend on (included by a.h).
    std::fs::write(
        dir.join("inc/b.h"),
        "#pragma once\nnamespace p {\nstruct B { int x; long y; };\n}\n",
    )
    .unwrap();
    let changed = cached(&options, &dir);
    assert!(!changed.from_cache, "b.h changed");
    assert!(changed.files.rs.contains("pub y"), "{}", changed.files.rs);
    assert_eq!(changed.files, generate(&options).unwrap().files);
}

#[test]
fn corrupt_truncated_or_foreign_entries_are_ignored_and_replaced() {
    let (dir, options) = project("cache-corrupt");
    let good = cached(&options, &dir);
    let original = std::fs::read(entry(&dir)).unwrap();
    let mut flipped = original.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x20;
    let foreign = String::from_utf8(original.clone()).unwrap().replacen(
        "relocxx-cache 1 ",
        "relocxx-cache 999 ",
        1,
    );
    let corruptions: Vec<(&str, Vec<u8>)> = vec![
        ("a flipped byte", flipped),
        ("truncated", original[..original.len() / 3].to_vec()),
        ("another format version", foreign.into_bytes()),
        ("empty", Vec::new()),
        ("not ours", b"hello\n{}".to_vec()),
    ];
    for (what, bytes) in corruptions {
        std::fs::write(entry(&dir), bytes).unwrap();
        let again = cached(&options, &dir);
        assert!(!again.from_cache, "{what}: must not be trusted");
        assert_eq!(again.files, good.files, "{what}: regenerated the same");
        assert!(cached(&options, &dir).from_cache, "{what}: entry rewritten");
    }
}

#[test]
fn other_options_miss() {
    let (dir, options) = project("cache-options");
    cached(&options, &dir);
    let mut other = options.clone();
    other.defines.push("SOMETHING=1".into());
    assert!(!cached(&other, &dir).from_cache, "another key");
    assert!(cached(&other, &dir).from_cache);
    assert!(
        !cached(&options, &dir).from_cache,
        "one entry per name: replaced"
    );
}

/// `relocxx gen` uses `<out-dir>/.relocxx-cache`, and `RELOCXX_NO_CACHE=1` neither reads nor
/// writes it: an entry (rewritten here with a valid checksum) answers a normal run, never one
/// with the variable set.
#[test]
fn cli_uses_the_cache_and_no_cache_bypasses_it() {
    let (dir, _) = project("cache-cli");
    let out = dir.join("out");
    let header = dir.join("inc/a.h");
    let inc = dir.join("inc");
    let args = [
        "gen",
        "--header",
        header.to_str().unwrap(),
        "-I",
        inc.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--name",
        "proj",
    ];
    let run = |env: &[(&str, &str)]| {
        let o = common::relocxx(&args, env);
        assert!(o.status.success(), "{}", common::text(&o.stderr));
        std::fs::read_to_string(out.join("proj.rs")).unwrap()
    };
    let cache = out.join(".relocxx-cache");
    let real = run(&[("RELOCXX_NO_CACHE", "1")]);
    assert!(!cache.exists(), "RELOCXX_NO_CACHE=1 writes no entry");
    assert_eq!(run(&[]), real);
    let path = cache.join("proj.entry");
    let text = std::fs::read_to_string(&path).expect("entry written");
    let (_, body) = text.split_once('\n').unwrap();
    let mut v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["files"]["rs"] = "// from the cache\n".into();
    let body = v.to_string();
    let sum = cache::fnv1a64(body.as_bytes());
    std::fs::write(&path, format!("relocxx-cache 1 {sum:016x}\n{body}")).unwrap();
    assert_eq!(run(&[]), "// from the cache\n", "a valid entry answers");
    assert_eq!(run(&[("RELOCXX_NO_CACHE", "1")]), real, "bypassed");
}
