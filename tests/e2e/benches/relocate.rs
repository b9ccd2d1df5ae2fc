//! Creating, moving into a Vec and dropping 1,000,000 relocatable C++ objects held by value,
//! against the same objects boxed on the heap. Median of 5 runs each. A plain bench binary
//! (`cargo bench -p relocxx-e2e --bench relocate`, or `cargo xtask bench`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use relocxx_e2e::classes::cls::Tracked;

const N: i32 = 1_000_000;

fn by_value() -> Duration {
    let t = Instant::now();
    let mut v: Vec<Tracked> = Vec::new();
    for i in 0..N {
        v.push(Tracked::new_int(i)); // constructed in place, then relocated by memcpy as v grows
    }
    black_box(&v);
    drop(v);
    t.elapsed()
}

fn boxed() -> Duration {
    let t = Instant::now();
    let mut v: Vec<Box<Tracked>> = Vec::new();
    for i in 0..N {
        v.push(Box::new(Tracked::new_int(i)));
    }
    black_box(&v);
    drop(v);
    t.elapsed()
}

fn median(f: fn() -> Duration) -> Duration {
    f(); // warm-up
    let mut runs: Vec<Duration> = (0..5).map(|_| f()).collect();
    runs.sort();
    runs[2]
}

fn main() {
    let value = median(by_value);
    let heap = median(boxed);
    println!("1,000,000 relocatable objects (cls::Tracked: user-provided ctor/copy/move/dtor, RELOCXX_RELOCATABLE)");
    println!(
        "  by value in Vec<Tracked>:       median of 5 = {:.2} ms",
        value.as_secs_f64() * 1e3
    );
    println!(
        "  boxed in Vec<Box<Tracked>>:     median of 5 = {:.2} ms",
        heap.as_secs_f64() * 1e3
    );
    println!(
        "  ratio boxed / by value:         {:.2}x",
        heap.as_secs_f64() / value.as_secs_f64()
    );
}
