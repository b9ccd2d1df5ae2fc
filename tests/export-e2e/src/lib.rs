//! Rust exported to C++ (`#[relocxx::export]`, issue #12): every mapped form, called from the
//! C++ in cpp/calls.cc through the generated `stats_rs.h` (tests/export.rs runs it).

use std::fmt;

/// Plain data: a C++ struct with the same fields.
#[relocxx::export(namespace = "stats")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub count: u64,
    pub mean: f64,
}

#[relocxx::export(namespace = "stats")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

/// Plain data holding plain data (laid out after `Point` in the header).
#[relocxx::export(namespace = "stats")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from: Point,
    pub to: Point,
    pub visible: bool,
}

/// A fieldless enum: a C++ `enum class` over `u8`.
#[relocxx::export(namespace = "stats")]
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Color {
    Red = 1,
    Green,
    Blue = 10,
}

/// Mean of the values (a `&[f64]` from a `std::vector<double>`).
#[relocxx::export(namespace = "stats")]
pub fn summarize(values: &[f64]) -> Summary {
    let count = values.len() as u64;
    let mean = if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    };
    Summary { count, mean }
}

#[derive(Debug)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a count: {:?}", self.0)
    }
}

/// `Err` throws `relocxx::rust::Error` with the Display text.
#[relocxx::export(namespace = "stats")]
pub fn parse_count(text: &str) -> Result<u64, ParseError> {
    text.trim()
        .parse()
        .map_err(|_| ParseError(text.to_string()))
}

/// A `String` result: `relocxx::rust::String` in C++.
#[relocxx::export(namespace = "stats")]
pub fn greet(name: &str) -> String {
    format!("hello, {name}")
}

/// An owned `String` argument (C++ passes any string form; Rust gets its own copy).
#[relocxx::export(namespace = "stats")]
pub fn shout(mut text: String) -> String {
    text.make_ascii_uppercase();
    text.push('!');
    text
}

/// `&mut [f64]`: C++'s elements, changed in place.
#[relocxx::export(namespace = "stats")]
pub fn scale(values: &mut [f64], by: f64) {
    for v in values {
        *v *= by;
    }
}

/// Two slices of which one is mutable: C++ passing overlapping ones throws instead.
#[relocxx::export(namespace = "stats")]
pub fn add_into(dst: &mut [i32], src: &[i32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += *s;
    }
}

/// A `Vec<u32>` result: `relocxx::rust::Vec<std::uint32_t>`, freed by Rust.
#[relocxx::export(namespace = "stats")]
pub fn evens(n: u32) -> Vec<u32> {
    (0..n).map(|i| i * 2).collect()
}

/// A `Vec` argument (copied from C++'s elements).
#[relocxx::export(namespace = "stats")]
pub fn total(values: Vec<i64>) -> i64 {
    values.into_iter().sum()
}

/// `Option` both ways: `std::optional`.
#[relocxx::export(namespace = "stats")]
pub fn half(x: Option<i64>) -> Option<i64> {
    x.filter(|v| v % 2 == 0).map(|v| v / 2)
}

#[relocxx::export(namespace = "stats")]
pub fn first_word(text: &str) -> Option<String> {
    text.split_whitespace().next().map(str::to_string)
}

/// Enums both ways; a C++ value naming no variant throws.
#[relocxx::export(namespace = "stats")]
pub fn next_color(c: Color) -> Color {
    match c {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

/// Plain structs by value, in slices and nested.
#[relocxx::export(namespace = "stats")]
pub fn length2(s: Segment) -> i64 {
    let dx = i64::from(s.to.x - s.from.x);
    let dy = i64::from(s.to.y - s.from.y);
    if s.visible {
        dx * dx + dy * dy
    } else {
        -1
    }
}

#[relocxx::export(namespace = "stats")]
pub fn centroid(points: &[Point]) -> Option<Point> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as i32;
    let (sx, sy) = points.iter().fold((0, 0), |(x, y), p| (x + p.x, y + p.y));
    Some(Point {
        x: sx / n,
        y: sy / n,
    })
}

/// A panic becomes `relocxx::rust::Panic`, never unwinding into C++.
#[relocxx::export(namespace = "stats")]
pub fn checked_div(a: i32, b: i32) -> i32 {
    if b == 0 {
        panic!("division of {a} by zero");
    }
    a / b
}

/// `Result<(), E>`: nothing to return, but it can throw.
#[relocxx::export(namespace = "stats")]
pub fn require_positive(x: i32) -> Result<(), String> {
    if x > 0 {
        Ok(())
    } else {
        Err(format!("{x} is not positive"))
    }
}

/// A name that is a C++ keyword (`delete`) gets a trailing `_` there.
#[relocxx::export(namespace = "stats")]
pub fn delete(flags: &[bool]) -> usize {
    flags.iter().filter(|f| !**f).count()
}

/// No namespace argument: the global namespace.
#[relocxx::export]
pub fn stats_rs_version() -> u32 {
    12
}

/// For the call benchmark (benches/call.rs): an exported function...
#[relocxx::export(namespace = "stats")]
pub fn bump(x: u64) -> u64 {
    x.wrapping_mul(3).wrapping_add(1)
}

/// ...and the same body as a hand-written `extern "C"` function, to compare with.
#[no_mangle]
pub extern "C" fn stats_plain_bump(x: u64) -> u64 {
    x.wrapping_mul(3).wrapping_add(1)
}

/// Methods of an exported plain struct: C++ members (`new` is a C++ keyword: `new_`).
#[relocxx::export(namespace = "stats")]
impl Point {
    /// A static member (no receiver).
    pub fn new(x: i32, y: i32) -> Self {
        Point { x, y }
    }
    /// `&self`: a const member.
    pub fn manhattan(&self) -> i32 {
        self.x.abs() + self.y.abs()
    }
    /// `&mut self`: a member changing the C++ object.
    pub fn translate(&mut self, dx: i32, dy: i32) {
        self.x += dx;
        self.y += dy;
    }
    /// `self` by value (a copy of the C++ object).
    pub fn swapped(self) -> Point {
        Point {
            x: self.y,
            y: self.x,
        }
    }
    /// Not `pub`: not exported.
    #[allow(dead_code)]
    fn hidden(&self) {}
}

/// `Display`: C++ `to_string` and `operator<<`.
#[relocxx::export(namespace = "stats")]
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

#[relocxx::export(namespace = "stats")]
impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Color::Red => "red",
            Color::Green => "green",
            Color::Blue => "blue",
        })
    }
}

/// `&mut T` and `&T` of plain data; the same object for both throws.
#[relocxx::export(namespace = "stats")]
pub fn nudge(p: &mut Point, by: &Point) {
    p.x += by.x;
    p.y += by.y;
}

/// A parameter named like the wrapper's own locals (`out`) still reaches Rust.
#[relocxx::export(namespace = "stats")]
pub fn fill(out: &mut [u8], with: u8) -> usize {
    out.fill(with);
    out.len()
}

/// Opaque, with its layout stated: this crate's header is written by build.rs, before rustc
/// has compiled the crate, so the size of `Option<Samples>` (24 bytes: `Vec` has a niche) is
/// written here and checked by the attribute against rustc's.
#[cfg(target_pointer_width = "64")]
#[relocxx::export(namespace = "stats", size = 24, align = 8)]
#[derive(Clone, PartialEq)]
pub struct Samples {
    values: Vec<f64>,
}

/// `Samples` values dropped so far: C++ checks that its moves never drop and that
/// destruction drops exactly once.
static SAMPLES_DROPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[cfg(target_pointer_width = "64")]
impl Drop for Samples {
    fn drop(&mut self) {
        SAMPLES_DROPPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

#[cfg(target_pointer_width = "64")]
#[relocxx::export(namespace = "stats")]
impl Samples {
    /// The C++ constructor.
    pub fn new(first: f64) -> Self {
        Samples {
            values: vec![first],
        }
    }
    pub fn push(&mut self, v: f64) {
        self.values.push(v);
    }
    pub fn mean(&self) -> f64 {
        self.values.iter().sum::<f64>() / self.values.len() as f64
    }
    pub fn len(&self) -> usize {
        self.values.len()
    }
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    /// A static member.
    pub fn dropped() -> usize {
        SAMPLES_DROPPED.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// An opaque value by value and by reference in free functions.
#[cfg(target_pointer_width = "64")]
#[relocxx::export(namespace = "stats")]
pub fn merged(mut a: Samples, b: &Samples) -> Samples {
    a.values.extend_from_slice(&b.values);
    a
}

/// `Option` of an opaque type both ways: `std::optional<stats::Samples>`.
#[cfg(target_pointer_width = "64")]
#[relocxx::export(namespace = "stats")]
pub fn longer(a: Option<Samples>, b: Option<Samples>) -> Option<Samples> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.values.len() > a.values.len() {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    }
}

relocxx::include_bindings!("classes");

/// C++ classes bound by relocxx, passed back through Rust by value: `cls::Tracked` is
/// relocatable (held by value in Rust), so C++ moves the argument into storage Rust relocates
/// it out of, and Rust's result becomes the C++ object. Its counters show every copy, move
/// and destruction.
#[relocxx::export(namespace = "stats", include = "classes.h")]
pub fn tracked_sum(a: classes::cls::Tracked, b: &classes::cls::Tracked) -> classes::cls::Tracked {
    classes::cls::Tracked::new_int(a.value() + b.value())
}

/// A Rust function that refuses an argument after the C++ class was moved in: C++ destroys it
/// (Rust never took it).
#[relocxx::export(namespace = "stats", include = "classes.h")]
pub fn tracked_pair(a: classes::cls::Tracked, b: Color) -> i32 {
    a.value() + b as i32
}

/// In an `Option` result.
#[relocxx::export(namespace = "stats", include = "classes.h")]
pub fn tracked_if(v: i32) -> Option<classes::cls::Tracked> {
    (v > 0).then(|| classes::cls::Tracked::new_int(v))
}
