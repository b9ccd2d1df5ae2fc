//! Golden files pin the generated Rust and C++ for a representative header, and generation is
//! deterministic. Set RELOCXX_BLESS=1 to rewrite the golden files after an intended change.

mod common;

use relocxx_gen::{generate, Options};

fn basics_options() -> Options {
    Options {
        name: "basics".into(),
        headers: vec!["../tests/fixtures/include/basics.h".into()],
        include_dirs: vec!["../tests/fixtures/include".into()],
        ..Options::default()
    }
}

#[test]
fn generated_files_match_golden() {
    let generated = generate(&basics_options()).expect("generate");
    let golden = common::repo_tests().join("golden");
    let bless = std::env::var_os("RELOCXX_BLESS").is_some();
    let mut mismatches = Vec::new();
    for (ext, text) in [
        ("rs", &generated.files.rs),
        ("h", &generated.files.h),
        ("cc", &generated.files.cc),
    ] {
        let path = golden.join(format!("basics.{ext}"));
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

#[test]
fn generated_rust_is_formatted() {
    let generated = generate(&basics_options()).expect("generate");
    let file = syn::parse_file(&generated.files.rs).expect("valid Rust");
    assert_eq!(prettyplease::unparse(&file), generated.files.rs);
}
