//! The class and std fixtures again, against libc++ (where std::string is relocatable). Runs
//! only when `cargo xtask test` sets RELOCXX_TEST_LIBCXX, together with CXX=clang++ and
//! CXXFLAGS=-stdlib=libc++ for the whole build (the runtime's C++ half must use the same
//! library); otherwise the crate is empty.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=RELOCXX_TEST_LIBCXX");
    println!("cargo:rustc-check-cfg=cfg(relocxx_libcxx)");
    if std::env::var_os("RELOCXX_TEST_LIBCXX").is_none() {
        return Ok(());
    }
    for (header, source, name) in [
        ("classes.h", "classes.cc", "classes"),
        ("stdtypes.h", "stdtypes.cc", "stdtypes"),
    ] {
        relocxx_gen::Builder::new()
            .header(format!("../fixtures/include/{header}"))
            .include_dir("../fixtures/include")
            .source(format!("../fixtures/{source}"))
            .build(name)?;
    }
    println!("cargo:rustc-cfg=relocxx_libcxx");
    Ok(())
}
