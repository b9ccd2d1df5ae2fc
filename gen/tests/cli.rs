//! The `relocxx` CLI on good and bad input: exit codes 0/1/2, diagnostics with file:line, and
//! never a panic.

mod common;

use common::{fixture, gen, relocxx, scratch, text};

fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "must not panic:\n{stderr}");
}

#[test]
fn gen_writes_three_files_and_a_depfile() {
    let out = scratch("cli-gen");
    let header = fixture("include/basics.h");
    let dep = out.join("basics.d");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "basics",
        &[
            "-I",
            fixture("include").to_str().unwrap(),
            "--depfile",
            dep.to_str().unwrap(),
        ],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    for f in [
        "basics.rs",
        "basics.h",
        "basics.cc",
        "include/relocxx/relocxx.hpp",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // Unsupported declarations are listed with file:line and reason, and generation goes on.
    assert!(
        stderr
            .contains("basics.h:87:7: warning: skipped `geo::Bits`: unions are not supported yet"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped `geo::variadic`: C variadic functions"),
        "{stderr}"
    );
    let depfile = std::fs::read_to_string(&dep).unwrap();
    assert!(depfile.starts_with(&format!("{}:", out.join("basics.rs").display())));
    assert!(depfile.contains("basics.h"), "{depfile}");
    assert!(
        depfile.contains("/string"),
        "system headers the parse opened are listed: {depfile}"
    );

    // A second run with identical input rewrites nothing.
    let before = std::fs::metadata(out.join("basics.rs"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "basics",
        &["-I", fixture("include").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::metadata(out.join("basics.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
}

#[test]
fn missing_header_is_an_input_error() {
    let out = scratch("cli-missing");
    let o = gen("no/such/header.h", &out, "x", &[]);
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("header not found: no/such/header.h"),
        "{stderr}"
    );
    assert_no_panic(&stderr);
}

#[test]
fn syntax_error_reports_file_line_and_fails() {
    let out = scratch("cli-syntax");
    let header = fixture("bad/syntax_error.h");
    let o = gen(header.to_str().unwrap(), &out, "x", &[]);
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("syntax_error.h:5:29: error: expected ';'"),
        "{stderr}"
    );
    assert!(
        !out.join("x.rs").exists(),
        "nothing is written for a header that does not compile"
    );
    assert_no_panic(&stderr);
}

#[test]
fn invalid_allow_regex_is_a_usage_error() {
    let out = scratch("cli-regex");
    let header = fixture("bad/allow_block.h");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "x",
        &["--allow", "lib::(api"],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("invalid allow regex `lib::(api`"),
        "{stderr}"
    );
    assert_no_panic(&stderr);
}

#[test]
fn usage_errors_exit_2() {
    let o = relocxx(&["gen", "--name", "x"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = relocxx(&["frobnicate"], &[]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn libclang_not_found_names_libclang_path_and_the_package() {
    let empty = scratch("cli-no-libclang");
    let header = fixture("include/basics.h");
    let o = relocxx(
        &["inspect", header.to_str().unwrap()],
        &[("LIBCLANG_PATH", empty.to_str().unwrap())],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("LIBCLANG_PATH"), "{stderr}");
    assert!(
        stderr.contains("apt-get install libclang-19-dev"),
        "{stderr}"
    );
    assert_eq!(
        stderr.trim().lines().count(),
        1,
        "one clear error line: {stderr}"
    );
    assert_no_panic(&stderr);
}

#[test]
fn allow_and_block_select_and_pull_in_dependencies() {
    let out = scratch("cli-allow");
    let header = fixture("bad/allow_block.h");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "sel",
        &["--allow", "lib::api::.*", "--block", "lib::Secret"],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    let rs = std::fs::read_to_string(out.join("sel.rs")).unwrap();
    assert!(rs.contains("pub fn configure("), "allowed");
    assert!(
        rs.contains("pub struct Config"),
        "used by an allowed function, so pulled in"
    );
    assert!(!rs.contains("internal_helper"), "not allowed");
    assert!(!rs.contains("pub struct Secret"), "blocked");
    assert!(
        stderr.contains(
            "skipped `lib::api::unlock`: parameter `s` uses `lib::Secret`, which is blocked"
        ),
        "{stderr}"
    );
}

#[test]
fn inspect_lists_types_functions_and_skipped() {
    let header = fixture("include/basics.h");
    let o = relocxx(
        &[
            "inspect",
            header.to_str().unwrap(),
            "-I",
            fixture("include").to_str().unwrap(),
        ],
        &[],
    );
    let stdout = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(stdout.contains("geo::Point"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("geo::Rect") && l.contains(" 40 ") && l.contains(" 8 ")),
        "{stdout}"
    );
    assert!(
        // libclang 14 spells the parameter `const geo::Point &`, later ones `const Point &`.
        stdout.lines().any(|l| l.starts_with("geo::length(const ")
            && l.ends_with("-> fn geo::length_const_Point_ref")),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped `geo::Bits`: unions are not supported yet"),
        "{stdout}"
    );
}

#[test]
fn compile_commands_give_the_translation_units_flags() {
    let out = scratch("cli-compdb");
    let fixtures = fixture("");
    let db = out.join("compile_commands.json");
    let entries = serde_json::json!([
        { "directory": "/", "file": "/nonexistent/other.cc", "command": "c++ -DRELOCXX_TEST_LEN=99 -c other.cc" },
        {
            "directory": fixtures.display().to_string(),
            "file": "configured.cc",
            "arguments": ["c++", "-Iinclude", "-DRELOCXX_TEST_LEN=7", "-DRELOCXX_TEST_SCALE=1", "-std=c++20", "-O2", "-c", "configured.cc"]
        }
    ]);
    std::fs::write(&db, entries.to_string()).unwrap();
    let header = fixture("include/configured.h");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "cfg",
        &["--compile-commands", db.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rs = std::fs::read_to_string(out.join("cfg.rs")).unwrap();
    assert!(
        rs.contains("pub data: [::core::ffi::c_uchar; 7]"),
        "the entry that includes the header decides: {rs}"
    );
}

#[test]
fn standards_before_cxx17_are_refused_before_generating() {
    let out = scratch("cli-std14");
    let header = fixture("include/basics.h");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "basics",
        &["--std", "c++14"],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("C++17"), "{stderr}");
    assert!(!out.join("basics.rs").exists(), "nothing generated");
    assert_no_panic(&stderr);
}

#[test]
fn target_triple_reaches_the_parse() {
    let out = scratch("cli-target");
    let header = out.join("target.h");
    std::fs::write(&header, "namespace t { struct L { long a; void* p; }; }\n").unwrap();
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "target",
        &["--target", "i686-unknown-linux-gnu"],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    let cc = std::fs::read_to_string(out.join("target.cc")).unwrap();
    // 32-bit layout: two 4-byte members (the host would say 16).
    assert!(cc.contains("sizeof(::t::L) == 8"), "{cc}");
}

#[test]
fn subclass_flag_generates_the_trait_and_the_derived_class() {
    let out = scratch("cli-subclass");
    let header = fixture("include/interfaces.h");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "ifaces",
        &[
            "--subclass",
            "ui::Listener",
            "--subclass",
            "ui::Sealed",
            "--relocatable",
            "ui::Payload",
        ],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    let rs = std::fs::read_to_string(out.join("ifaces.rs")).unwrap();
    assert!(rs.contains("pub trait ListenerMethods"), "trait");
    assert!(
        rs.contains("pub fn from_rust<T: ListenerMethods>"),
        "constructor"
    );
    let cc = std::fs::read_to_string(out.join("ifaces.cc")).unwrap();
    assert!(
        cc.contains("final : public ::ui::Listener"),
        "derived class"
    );
    assert!(
        stderr.contains("skipped `subclass!(\"ui::Sealed\")`: it is `final`"),
        "{stderr}"
    );
}

/// A selection pattern naming no declaration (a typo) is a warning naming the pattern, and
/// generation goes on; a pattern that matches stays quiet.
#[test]
fn a_pattern_matching_nothing_warns() {
    let out = scratch("cli-unmatched");
    let header = fixture("include/basics.h");
    let o = gen(
        header.to_str().unwrap(),
        &out,
        "basics",
        &[
            "-I",
            fixture("include").to_str().unwrap(),
            "--allow",
            "goe::.*",
            "--allow",
            "geo::.*",
            "--send",
            "geo::NoSuchClass",
        ],
    );
    let stderr = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("`allow` pattern `goe::.*` matches no declaration"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`send` pattern `geo::NoSuchClass` matches no declaration"),
        "{stderr}"
    );
    assert!(!stderr.contains("`geo::.*`"), "{stderr}");
}

/// `Debug` of an error prints its message, as `fn main() -> Result<(), Error>` shows it.
#[test]
fn errors_debug_as_their_message() {
    let e = relocxx_gen::Error::Usage("no header given".into());
    assert_eq!(format!("{e:?}"), format!("{e}"));
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert_eq!(format!("{boxed:?}"), "relocxx: no header given");
}

/// `inspect` lists methods with their Rust paths, and `--why NAME` says what became of a
/// declaration: bound as what, skipped why, not selected (and what selects it), or undeclared
/// (with near names).
#[test]
fn inspect_lists_methods_and_answers_why() {
    let dir = scratch("cli-why");
    std::fs::write(dir.join("inner.h"), "namespace lib { int helper(int); }\n").unwrap();
    std::fs::write(
        dir.join("outer.h"),
        "#include \"inner.h\"\n#include <string_view>\nnamespace lib {\nstruct Counter { int n; int bump(int by); };\nvoid reset(std::string_view& v);\n}\n",
    )
    .unwrap();
    let header = dir.join("outer.h");
    let inspect = |extra: &[&str]| {
        let mut args = vec!["inspect", header.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = relocxx(&args, &[]);
        let stderr = text(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{stderr}");
        assert_no_panic(&stderr);
        text(&o.stdout)
    };
    // Only the two allowed: `lib::helper` is declared but not selected.
    let select: &[&str] = &["--allow", "lib::Counter", "--allow", "lib::reset"];
    let inspect = |extra: &[&str]| inspect(&[select, extra].concat());
    let all = inspect(&[]);
    assert!(
        all.contains("lib::Counter::bump(int)") && all.contains("-> fn lib::Counter::bump"),
        "{all}"
    );
    let why = inspect(&["--why", "bump"]);
    assert!(
        why.contains("`lib::Counter::bump(int)` is bound: fn lib::Counter::bump"),
        "{why}"
    );
    let why = inspect(&["--why", "lib::reset"]);
    assert!(
        why.contains("`lib::reset` (") && why.contains("is skipped: parameter `v`"),
        "{why}"
    );
    let why = inspect(&["--why", "helper"]);
    assert!(
        why.contains("`lib::helper` (")
            && why.contains("is not selected")
            && why.contains("--allow 'lib::helper'"),
        "{why}"
    );
    let why = inspect(&["--why", "Countr"]);
    assert!(
        why.contains("no declaration named `Countr`")
            && why.contains("did you mean `lib::Counter`?"),
        "{why}"
    );
}
