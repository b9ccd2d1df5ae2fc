//! The class fixture again, compiled against libc++ (clang++ -stdlib=libc++), where std::string
//! is relocatable. Runs only when `cargo xtask test` sets RELOCXX_TEST_LIBCXX to the clang++ to
//! use (it installs libc++ first); otherwise the crate is empty.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=RELOCXX_TEST_LIBCXX");
    println!("cargo:rustc-check-cfg=cfg(relocxx_libcxx)");
    let Ok(clangxx) = std::env::var("RELOCXX_TEST_LIBCXX") else { return Ok(()) };
    relocxx_gen::Builder::new()
        .compiler(&clangxx)
        .flag("-stdlib=libc++")
        .header("../fixtures/include/classes.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/classes.cc")
        .build("classes")?;
    println!("cargo:rustc-cfg=relocxx_libcxx");
    Ok(())
}
