//! Compiles the C++ half of the standard-library types (cpp/std.cc) with the program's C++
//! compiler and flags (CXX, CXXFLAGS), and tells the Rust side which standard library that is:
//! `relocxx_libcxx` when libc++ (whose std::string is relocatable, so CppString holds it by
//! value), otherwise CppString owns a heap-allocated string.

fn main() {
    println!("cargo:rerun-if-changed=cpp/std.cc");
    println!("cargo:rerun-if-changed=include/relocxx/relocxx.hpp");
    println!("cargo:rustc-check-cfg=cfg(relocxx_libcxx)");
    for var in ["CXX", "CXXFLAGS", "CXXSTDLIB"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let include = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("include");
    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++17")
        .include(&include)
        .file("cpp/std.cc")
        .warnings(true);
    let probe_dir =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let probe = probe_dir.join("stdlib_probe.cc");
    std::fs::write(
        &probe,
        "#include <string>\n#if defined(_LIBCPP_VERSION)\nrelocxx_stdlib_is_libcxx\n#endif\n",
    )
    .expect("write the probe");
    let expanded = cc::Build::new()
        .cpp(true)
        .std("c++17")
        .file(&probe)
        .cargo_metadata(false)
        .try_expand()
        .unwrap_or_default();
    if String::from_utf8_lossy(&expanded).contains("relocxx_stdlib_is_libcxx") {
        println!("cargo:rustc-cfg=relocxx_libcxx");
    }
    build.compile("relocxx_std");
}
