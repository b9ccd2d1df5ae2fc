//! Binds cpp/vec.h twice: `peer::iota` with relocxx's Builder (it compiles only its shim) and
//! `peer::iota_boxed` with cxx's bridge in src/lib.rs (cxx_build compiles the bridge and
//! cpp/vec.cc, the one definition of both functions). Two static libraries, no symbol in both:
//! `librelocxx_vector.a` holds only the `relocxx_vector_*` shim functions, `libcxx_peer_bridge.a`
//! the `cxxbridge1$*` functions and `peer::iota`/`peer::iota_boxed`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    relocxx_gen::Builder::new()
        .header("cpp/vec.h")
        .allow("peer::iota")
        .build("vector")?;
    cxx_build::bridge("src/lib.rs")
        .file("cpp/vec.cc")
        .std("c++17")
        .compile("cxx_peer_bridge");
    println!("cargo:rerun-if-changed=src/lib.rs");
    println!("cargo:rerun-if-changed=cpp/vec.cc");
    println!("cargo:rerun-if-changed=cpp/vec.h");
    Ok(())
}
