//! Generates and compiles the bindings of the fixtures under tests/fixtures with the Builder,
//! exactly as a user's build.rs would.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    relocxx_gen::Builder::new()
        .header("../fixtures/include/basics.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/basics.cc")
        .build("basics")?;
    // The struct layout depends on a define and a flag that only this build passes: libclang
    // and the shim compiler must both see them.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/configured.h")
        .include_dir("../fixtures/include")
        .define("RELOCXX_TEST_LEN=12")
        .flag("-DRELOCXX_TEST_SCALE=3")
        .source("../fixtures/configured.cc")
        .build("configured")?;
    // Classes: one of each relocatability verdict source, plus the user's opt-in and opt-out.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/classes.h")
        .include_dir("../fixtures/include")
        .relocatable("cls::OptIn")
        .not_relocatable("cls::OptOut")
        .send("cls::Plain")
        .rename("cls::Tracked::set", "set_value")
        .source("../fixtures/classes.cc")
        .build("classes")?;
    // Standard-library types: std::string, std::string_view, std::vector.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/stdtypes.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/stdtypes.cc")
        .build("stdtypes")?;
    // Class templates: bindings for the specializations named here.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/templates.h")
        .include_dir("../fixtures/include")
        .instantiate("tmpl::Grid<int>")
        .instantiate("tmpl::Grid<double>")
        .instantiate("tmpl::Pair<float>")
        .source("../fixtures/templates.cc")
        .build("templates")?;
    // std::span needs C++20: a binding set can pick its own standard.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/spans.h")
        .include_dir("../fixtures/include")
        .std("c++20")
        .source("../fixtures/spans.cc")
        .build("spans")?;
    // The safety rules (issue #10): views by reference, retained borrows, lifetimebound,
    // raw-pointer fields, class-specific operator new, Send through smart pointers, and a
    // `relocatable` promise the classifier disproves (a warning, kept as asked).
    relocxx_gen::Builder::new()
        .header("../fixtures/include/safety.h")
        .include_dir("../fixtures/include")
        .send("safety::Token")
        .sync("safety::Token")
        .owning("safety::Status")
        .relocatable("safety::Named")
        .source("../fixtures/safety.cc")
        .build("safety")?;
    // Shapes found in real installed libraries (issue #15): nested types, arrays behind
    // pointers, constants and macros, default arguments, opaque handles, owned `new` results.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/realworld.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/realworld.cc")
        .build("realworld")?;
    // Public bases (issue #11): inherited methods, upcasts, checked downcasts.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/hierarchy.h")
        .include_dir("../fixtures/include")
        .source("../fixtures/hierarchy.cc")
        .build("hierarchy")?;
    // C++ interfaces implemented in Rust (issue #11), plus three the generator must refuse.
    relocxx_gen::Builder::new()
        .header("../fixtures/include/interfaces.h")
        .include_dir("../fixtures/include")
        .relocatable("ui::Payload")
        .subclass("ui::Listener")
        .subclass("ui::Filter")
        .subclass("ui::Named")
        .subclass("ui::Editor")
        .subclass("ui::Locator")
        .callback("ui::c_count_until")
        .callback("ui::c_each_event")
        .subclass("ui::NotVirtualDtor")
        .subclass("ui::Sealed")
        .subclass("ui::NoDefaultCtor")
        .source("../fixtures/interfaces.cc")
        .source("../fixtures/interfaces_dispatch.cc")
        .build("interfaces")?;
    Ok(())
}
