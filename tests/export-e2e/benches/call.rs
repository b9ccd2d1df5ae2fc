//! The cost of a C++ -> Rust call through `#[relocxx::export]` (argument conversion, the
//! error check, `catch_unwind`) against a plain hand-written `extern "C"` call: 10M calls
//! from a C++ loop, median of 5 runs (the better of two interleaved rounds).

use std::time::Instant;

extern "C" {
    fn export_bench_wrapped(n: u64) -> u64;
    fn export_bench_plain(n: u64) -> u64;
}

#[used]
static KEEP: fn(u64) -> u64 = relocxx_export_e2e::bump;

fn median_ns(f: unsafe extern "C" fn(u64) -> u64, n: u64) -> (f64, u64) {
    let mut times = Vec::new();
    let mut out = 0;
    for _ in 0..5 {
        let t = Instant::now();
        out = unsafe { f(n) };
        times.push(t.elapsed().as_nanos() as f64 / n as f64);
    }
    times.sort_by(f64::total_cmp);
    (times[2], out)
}

fn main() {
    let n = 10_000_000;
    // Warm up both, then measure each twice, interleaved.
    median_ns(export_bench_plain, n / 10);
    median_ns(export_bench_wrapped, n / 10);
    let (p1, a) = median_ns(export_bench_plain, n);
    let (w1, b) = median_ns(export_bench_wrapped, n);
    let (p2, _) = median_ns(export_bench_plain, n);
    let (w2, _) = median_ns(export_bench_wrapped, n);
    let (plain, wrapped) = (p1.min(p2), w1.min(w2));
    assert_eq!(a, b, "both loops compute the same value");
    println!("C++ -> Rust call, {n} calls from a C++ loop (median of 5):");
    println!("  plain extern \"C\":          {plain:6.2} ns/call");
    println!(
        "  #[relocxx::export] wrapper: {wrapped:6.2} ns/call  ({:.1}x)",
        wrapped / plain
    );
}
