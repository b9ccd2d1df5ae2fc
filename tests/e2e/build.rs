//! Generates and compiles the bindings of every fixture under tests/fixtures with the Builder,
//! exactly as a user's build.rs would.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    relocxx_gen::Builder::new()
        .header("../fixtures/include/basics.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/basics.cc")
        .build("basics")?;
    Ok(())
}
