//! Rust code that uses the C++ geometry library through the bridge CMake generated, and
//! exports functions the C++ executable calls.

relocxx::include_bindings!("geometry_bridge"); // found through RELOCXX_BRIDGE_DIR

use geometry_bridge::geo;

/// The number of dimensions the C++ library was compiled with.
#[no_mangle]
pub extern "C" fn geometry_rs_dims() -> i32 {
    geo::dims()
}

/// Sums `filled(0) + filled(1)` through a C++ accumulator held by value in Rust.
#[no_mangle]
pub extern "C" fn geometry_rs_total() -> f64 {
    let mut acc = geo::Accumulator::new();
    let vs: Vec<geo::Vec> = (0..2).map(|i| geo::filled(i as f64)).collect();
    for v in &vs {
        acc.add(v);
    }
    assert_eq!(vs[1].v.len(), geo::dims() as usize);
    acc.total()
}
