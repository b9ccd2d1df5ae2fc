//! Runs the C++ of cpp/calls.cc, which calls the Rust of src/lib.rs through the generated
//! header: each test is one group of checks; a failed check prints its line to stderr.

extern "C" {
    fn export_test_numbers_and_plain_data() -> i32;
    fn export_test_strings() -> i32;
    fn export_test_slices_and_vectors() -> i32;
    fn export_test_options_and_enums() -> i32;
    fn export_test_errors_and_panics() -> i32;
    fn export_test_methods_and_display() -> i32;
    fn export_test_opaque_with_stated_layout() -> i32;
    fn export_test_cpp_classes_by_value() -> i32;
}

// The exported functions live in the library; naming one keeps it linked.
#[used]
static KEEP: fn(&[f64]) -> relocxx_export_e2e::Summary = relocxx_export_e2e::summarize;

#[test]
fn numbers_and_plain_data() {
    assert_eq!(unsafe { export_test_numbers_and_plain_data() }, 0);
}

#[test]
fn strings() {
    assert_eq!(unsafe { export_test_strings() }, 0);
}

#[test]
fn slices_and_vectors() {
    assert_eq!(unsafe { export_test_slices_and_vectors() }, 0);
}

#[test]
fn options_and_enums() {
    assert_eq!(unsafe { export_test_options_and_enums() }, 0);
}

#[test]
fn errors_and_panics() {
    assert_eq!(unsafe { export_test_errors_and_panics() }, 0);
}

#[test]
fn methods_and_display() {
    assert_eq!(unsafe { export_test_methods_and_display() }, 0);
}

#[test]
fn opaque_with_stated_layout() {
    assert_eq!(unsafe { export_test_opaque_with_stated_layout() }, 0);
}

#[test]
fn cpp_classes_by_value() {
    assert_eq!(unsafe { export_test_cpp_classes_by_value() }, 0);
}
