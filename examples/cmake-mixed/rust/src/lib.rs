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

static HISTOGRAMS_DROPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// An opaque Rust type: C++ holds it by value (its exact size), moves it as bytes, and
/// destroys it by running `Drop` once.
#[relocxx::export(namespace = "geometry_rs")]
#[derive(Clone, Debug, PartialEq, PartialOrd)]
pub struct Histogram {
    bins: Vec<u32>,
}

#[relocxx::export(namespace = "geometry_rs")]
impl Histogram {
    /// `fn new` is the C++ constructor.
    pub fn new(bins: usize) -> Self {
        Histogram {
            bins: vec![0; bins],
        }
    }
    /// An out-of-range bin is an error (a C++ exception).
    pub fn add(&mut self, bin: usize) -> Result<(), String> {
        match self.bins.get_mut(bin) {
            Some(b) => {
                *b += 1;
                Ok(())
            }
            None => Err(format!("bin {bin} out of range 0..{}", self.bins.len())),
        }
    }
    pub fn total(&self) -> u64 {
        self.bins.iter().map(|&b| u64::from(b)).sum()
    }
    pub fn count(&self, bin: usize) -> u32 {
        self.bins.get(bin).copied().unwrap_or(0)
    }
    /// `self` by value: C++ calls it on an rvalue, which is left moved-from.
    pub fn into_counts(self) -> Vec<u32> {
        self.bins.clone()
    }
}

impl Drop for Histogram {
    fn drop(&mut self) {
        HISTOGRAMS_DROPPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

#[relocxx::export(namespace = "geometry_rs")]
impl std::fmt::Display for Histogram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "histogram{:?}", self.bins)
    }
}

/// How many `Histogram`s Rust dropped so far.
#[relocxx::export(namespace = "geometry_rs")]
pub fn histograms_dropped() -> usize {
    HISTOGRAMS_DROPPED.load(std::sync::atomic::Ordering::SeqCst)
}

/// `Box<T>` both ways: C++ passes and receives the value itself.
#[relocxx::export(namespace = "geometry_rs")]
pub fn boxed_sum(h: Box<Histogram>) -> Box<Histogram> {
    Box::new(Histogram {
        bins: vec![h.bins.iter().sum()],
    })
}

/// Opaque objects by reference in, by value out.
#[relocxx::export(namespace = "geometry_rs")]
pub fn merged(a: &Histogram, b: &Histogram) -> Histogram {
    let n = a.bins.len().max(b.bins.len());
    Histogram {
        bins: (0..n).map(|i| a.count(i) + b.count(i)).collect(),
    }
}

/// C++ classes of the bridge, passed back into Rust by reference (`include` names the header
/// that declares them): a `const geo::Vec&`, a `geo::Vec&` (plain data: `&mut`), and a
/// `const geo::Accumulator&`.
#[relocxx::export(namespace = "geometry_rs", include = "geometry.h")]
pub fn vec_sum(v: &geo::Vec) -> f64 {
    geo::sum(v)
}

#[relocxx::export(namespace = "geometry_rs", include = "geometry.h")]
pub fn scale_vec(v: &mut geo::Vec, by: f64) {
    for x in v.v.iter_mut() {
        *x *= by;
    }
}

#[relocxx::export(namespace = "geometry_rs", include = "geometry.h")]
pub fn accumulated(acc: &geo::Accumulator) -> f64 {
    acc.total()
}
