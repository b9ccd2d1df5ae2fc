// Reads the `#[relocxx::export]` items of src/lib.rs, writes their C++ header
// ($OUT_DIR/relocxx/include/stats_rs.h) and compiles the C++ program that calls them.
fn main() -> Result<(), relocxx_gen::Error> {
    relocxx_gen::Builder::from_rust_source("src/lib.rs")
        .export_name("stats_rs")
        .source("cpp/calls.cc")
        .source("cpp/bench.cc")
        .build_all()?;
    Ok(())
}
