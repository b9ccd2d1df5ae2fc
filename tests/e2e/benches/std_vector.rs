//! Passing a 1,000-element std::vector<int> from C++ to Rust and summing it: relocxx holds the
//! vector by value (`CppVector<i32>`, summed through `as_slice`) vs copying it into a Rust `Vec`
//! first (what a copying bridge does). Median of 5 runs of 20,000 calls each.

use std::hint::black_box;
use std::time::{Duration, Instant};

use relocxx_e2e::stdtypes::stdt;

const CALLS: u32 = 20_000;

fn by_value() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = stdt::iota(black_box(1000));
        black_box(v.as_slice().iter().map(|&x| x as i64).sum::<i64>());
    }
    t.elapsed()
}

fn copied() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = stdt::iota(black_box(1000));
        let rust: Vec<i32> = v.as_slice().to_vec();
        drop(v);
        black_box(rust.iter().map(|&x| x as i64).sum::<i64>());
    }
    t.elapsed()
}

fn median(f: fn() -> Duration) -> Duration {
    f();
    let mut runs: Vec<Duration> = (0..5).map(|_| f()).collect();
    runs.sort();
    runs[2]
}

fn main() {
    let value = median(by_value);
    let copy = median(copied);
    let per = |d: Duration| d.as_secs_f64() * 1e9 / CALLS as f64;
    println!(
        "std::vector<int> of 1,000 from C++, summed in Rust ({CALLS} calls per run, median of 5)"
    );
    println!(
        "  by value (CppVector<i32>, as_slice):   {:.0} ns per call",
        per(value)
    );
    println!(
        "  copied into a Rust Vec<i32> first:     {:.0} ns per call",
        per(copy)
    );
    println!(
        "  ratio copied / by value:               {:.2}x",
        copy.as_secs_f64() / value.as_secs_f64()
    );
}
