// Binds the C++ classes of tests/fixtures/include/classes.h (the other direction, passed back
// through Rust by value), then reads the `#[relocxx::export]` items of src/lib.rs, writes their
// C++ header ($OUT_DIR/relocxx/include/stats_rs.h) and compiles the C++ program that calls them.
fn main() -> Result<(), relocxx_gen::Error> {
    relocxx_gen::Builder::new()
        .header("../fixtures/include/classes.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/classes.cc")
        .build("classes")?;
    relocxx_gen::Builder::from_rust_source("src/lib.rs")
        .export_name("stats_rs")
        .include_dir("../fixtures/include")
        .source("cpp/calls.cc")
        .source("cpp/bench.cc")
        .build_all()?;
    Ok(())
}
