//! Golden files pin the generated Rust and C++ for a representative header, and generation is
//! deterministic. Set RELOCXX_BLESS=1 to rewrite the golden files after an intended change.

mod common;

use relocxx_gen::{generate, Options};

fn fixture_options(name: &str) -> Options {
    Options {
        name: name.into(),
        headers: vec![format!("../tests/fixtures/include/{name}.h").into()],
        include_dirs: vec!["../tests/fixtures/include".into()],
        ..Options::default()
    }
}

fn basics_options() -> Options {
    fixture_options("basics")
}

#[test]
fn generated_files_match_golden() {
    let generated = generate(&basics_options()).expect("generate");
    let [rs, h, cc] = [&generated.files.rs, &generated.files.h, &generated.files.cc];
    check_golden("basics", &[("rs", rs), ("h", h), ("cc", cc)]);
}

/// C++ documentation comments as rustdoc (tests/fixtures/include/docs.h): the text kept, the
/// escaping, the code blocks, relocxx's own lines after it.
#[test]
fn documentation_matches_golden() {
    let generated = generate(&fixture_options("docs")).expect("generate");
    check_golden("docs", &[("rs", &generated.files.rs)]);
}

fn check_golden(name: &str, files: &[(&str, &String)]) {
    let golden = common::repo_tests().join("golden");
    let bless = std::env::var_os("RELOCXX_BLESS").is_some();
    let mut mismatches = Vec::new();
    for &(ext, text) in files {
        let path = golden.join(format!("{name}.{ext}"));
        if bless {
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if &expected != text {
            mismatches.push(format!(
                "{} differs (RELOCXX_BLESS=1 to update)",
                path.display()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    let a = generate(&basics_options()).expect("first");
    let b = generate(&basics_options()).expect("second");
    assert_eq!(a.files, b.files);
    // And on another thread (libclang state is per thread).
    let c = std::thread::spawn(|| generate(&basics_options()).expect("thread"))
        .join()
        .unwrap();
    assert_eq!(a.files, c.files);
    assert_eq!(a.skipped(), c.skipped());
}

/// The Rust file is printed in pieces on several threads (emit/rust/pieces.rs); printed again
/// as one file it must not change. Every fixture (nested and inline namespaces, stubs of
/// skipped functions, empty modules).
#[test]
fn generated_rust_is_formatted() {
    let mut checked = 0;
    let mut stubs = 0;
    for entry in std::fs::read_dir(common::repo_tests().join("fixtures/include")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "errors" {
            continue; // does not compile, on purpose
        }
        let mut options = fixture_options(&name);
        options
            .include_dirs
            .push(common::repo_tests().join("../cpp/include"));
        options.flags.push("-DRELOCXX_TEST_LEN=4".into()); // configured.h
        if name == "spans" {
            options.std = "c++20".into();
        }
        let generated = generate(&options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rs = &generated.files.rs;
        let file = syn::parse_file(rs).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            prettyplease::unparse(&file) == *rs,
            "{name}: not as printed whole"
        );
        stubs += rs.matches("__relocxx_unbound_").count();
        checked += 1;
    }
    assert!(checked >= 12, "{checked} fixtures");
    assert!(stubs > 0, "some fixture has stubs");
}

/// The same header in two directories gives byte-identical bindings: no absolute path, nor one
/// relative to the working directory, reaches the output, libclang's spellings of unnamed
/// types included (the copies of docs.h get one; a golden file cannot pin it, since libclang
/// 14 spells it `N::S::(unnamed enum at ..)` and 19 `enum (unnamed at ..)`).
#[test]
fn output_does_not_depend_on_where_the_headers_are() {
    let fixture = common::repo_tests().join("fixtures/include/docs.h");
    let mut header = std::fs::read_to_string(fixture).unwrap();
    let line = header.lines().count() + 3;
    header.push_str("namespace docs {\nstruct WithUnnamed {\n    enum { Off, On } state;\n};\n}\n");
    let base = std::env::temp_dir().join(format!("relocxx-paths-{}", std::process::id()));
    let generate_in = |sub: &str| {
        let dir = base.join(sub).join("include");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("docs.h"), &header).unwrap();
        generate(&Options {
            name: "docs".into(),
            headers: vec![dir.join("docs.h")],
            include_dirs: vec![dir.clone()],
            ..Options::default()
        })
        .expect("generate")
    };
    let a = generate_in("one/deeper");
    let b = generate_in("two");
    std::fs::remove_dir_all(&base).ok();
    let spelled = format!(" at docs.h:{line}:5)");
    assert!(
        a.files.rs.contains(&spelled),
        "the unnamed enum is spelled `..{spelled}`, without its directory:\n{}",
        a.files.rs
    );
    let base = base.to_string_lossy();
    for (x, y) in [
        (&a.files.rs, &b.files.rs),
        (&a.files.h, &b.files.h),
        (&a.files.cc, &b.files.cc),
    ] {
        assert_eq!(x, y);
        assert!(!x.contains(&*base), "a path reached the output:\n{x}");
    }
}
