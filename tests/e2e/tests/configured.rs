//! Definitions given to the Builder reach both libclang (layout) and the shim compiler.

use relocxx_e2e::configured::cfg;

#[test]
fn layout_follows_build_definitions() {
    assert_eq!(
        core::mem::size_of::<cfg::Buffer>(),
        16,
        "12 bytes of data + padding + int"
    );
    let b = cfg::make_buffer(5);
    assert_eq!(b.data.len(), 12);
    assert_eq!(b.data[11], 11);
    assert_eq!(b.used, 5);
    assert_eq!(cfg::scale(), 3);
}

/// The shim's compiler and libclang agree on a layout set only through CXXFLAGS (else the
/// shim's size static_assert fails the build): Rust's size is the C++ one.
#[test]
fn layout_follows_cxxflags() {
    assert_eq!(
        core::mem::size_of::<cfg::Extra>(),
        cfg::extra_len() as usize
    );
}
