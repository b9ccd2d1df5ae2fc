//! End-to-end fixtures: real C++ headers and sources, bound by the Builder in build.rs,
//! compiled, linked and called from the tests in tests/.

relocxx::include_bindings!("basics");
relocxx::include_bindings!("configured");
relocxx::include_bindings!("classes");
relocxx::include_bindings!("stdtypes");
relocxx::include_bindings!("spans");
relocxx::include_bindings!("templates");
relocxx::include_bindings!("safety");
relocxx::include_bindings!("realworld");
relocxx::include_bindings!("hierarchy");
relocxx::include_bindings!("interfaces");
