//! Generates (without compiling the shims: rustdoc does not link) the bindings of the
//! documented fixture and of the other fixtures, with the options tests/e2e uses where they
//! change what is generated.
fn main() -> Result<(), relocxx_gen::Error> {
    let fixture = |name: &str| {
        relocxx_gen::Builder::new()
            .header(format!("../fixtures/include/{name}.h"))
            .include_dir("../fixtures/include")
            .generate_only()
    };
    for name in [
        "docs",
        "basics",
        "stdtypes",
        "safety",
        "realworld",
        "hierarchy",
    ] {
        fixture(name).build(name)?;
    }
    fixture("classes")
        .relocatable("cls::OptIn")
        .not_relocatable("cls::OptOut")
        .send("cls::Plain")
        .build("classes")?;
    fixture("templates")
        .instantiate("tmpl::Grid<int>")
        .instantiate("tmpl::Pair<float>")
        .build("templates")?;
    fixture("spans").std("c++20").build("spans")?;
    let mut interfaces = fixture("interfaces").relocatable("ui::Payload");
    for class in ["Listener", "Filter", "Named", "Editor", "Locator"] {
        interfaces = interfaces.subclass(format!("ui::{class}"));
    }
    interfaces
        .callback("ui::c_count_until")
        .callback("ui::c_each_event")
        .build("interfaces")?;
    Ok(())
}
