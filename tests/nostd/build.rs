//! The fixtures' bindings, generated for a `#![no_std]` crate: the generated code must not
//! need the runtime's `std` feature.
fn main() -> Result<(), relocxx_gen::Error> {
    for name in ["basics", "classes", "stdtypes"] {
        relocxx_gen::Builder::new()
            .header(format!("../fixtures/include/{name}.h"))
            .include_dir("../fixtures/include")
            .source(format!("../fixtures/{name}.cc"))
            .build(name)?;
    }
    Ok(())
}
