//! Rust code that uses the C++ geometry library through the bridge CMake generated, and exports
//! functions the C++ executable calls through the header CMake generates (`geometry_rs.h`): no
//! hand-written `extern "C"` in either direction.

relocxx::include_bindings!("geometry_bridge"); // found through RELOCXX_BRIDGE_DIR

use geometry_bridge::geo;

/// A point of the plane, plain data shared with C++.
#[relocxx::export(namespace = "geometry_rs")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point2 {
    pub x: f64,
    pub y: f64,
}

/// How a total is reported.
#[relocxx::export(namespace = "geometry_rs")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    Meters,
    Feet,
}

/// The number of dimensions the C++ library was compiled with.
#[relocxx::export(namespace = "geometry_rs")]
pub fn dims() -> i32 {
    geo::dims()
}

/// Sums `filled(v)` for each value, through a C++ accumulator held by value in Rust.
#[relocxx::export(namespace = "geometry_rs")]
pub fn total(values: &[f64]) -> f64 {
    let mut acc = geo::Accumulator::new();
    for &v in values {
        acc.add(&geo::filled(v));
    }
    acc.total()
}

/// The centre of mass of the points (`None` for none).
#[relocxx::export(namespace = "geometry_rs")]
pub fn centroid(points: &[Point2]) -> Option<Point2> {
    let n = points.len() as f64;
    (!points.is_empty()).then(|| Point2 {
        x: points.iter().map(|p| p.x).sum::<f64>() / n,
        y: points.iter().map(|p| p.y).sum::<f64>() / n,
    })
}

/// A total as text; a negative total is an error (a C++ exception).
#[relocxx::export(namespace = "geometry_rs")]
pub fn describe(total: f64, unit: Unit) -> Result<String, String> {
    if total < 0.0 {
        return Err(format!("negative total {total}"));
    }
    Ok(match unit {
        Unit::Meters => format!("{total} m"),
        Unit::Feet => format!("{:.1} ft", total * 3.28084),
    })
}
