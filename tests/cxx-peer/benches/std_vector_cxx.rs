//! The std::vector<int> case against cxx (issue 13): one C++ function returns a 1,000-element
//! vector, Rust sums it. relocxx holds the vector by value (`CppVector<i32>`, summed through
//! `as_slice`); cxx cannot return a std::vector by value, so its peer returns the same vector
//! allocated with `new` (`UniquePtr<CxxVector<i32>>`), summed through `as_slice` and through
//! `iter`; then both with an empty vector, the fixed cost of a call (for cxx, the `new`/`delete`
//! of the vector itself). Median of 5 runs of 20,000 calls each.

use std::hint::black_box;
use std::time::{Duration, Instant};

use relocxx_cxx_peer::ffi;
use relocxx_cxx_peer::vector::peer;

const CALLS: u32 = 20_000;
const LEN: i32 = 1000;

fn relocxx_as_slice() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = peer::iota(black_box(LEN));
        black_box(v.as_slice().iter().map(|&x| x as i64).sum::<i64>());
    }
    t.elapsed()
}

fn cxx_as_slice() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = ffi::iota_boxed(black_box(LEN));
        let v = v.as_ref().expect("iota_boxed returned null");
        black_box(v.as_slice().iter().map(|&x| x as i64).sum::<i64>());
    }
    t.elapsed()
}

fn cxx_iter() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = ffi::iota_boxed(black_box(LEN));
        let v = v.as_ref().expect("iota_boxed returned null");
        black_box(v.iter().map(|&x| x as i64).sum::<i64>());
    }
    t.elapsed()
}

// The fixed cost of one call, without the elements: an empty vector allocates no buffer, so
// what is left is the call, the destructor and, for cxx, the `new`/`delete` of the vector itself.
fn relocxx_empty() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = peer::iota(black_box(0));
        black_box(v.as_slice().len());
    }
    t.elapsed()
}

fn cxx_empty() -> Duration {
    let t = Instant::now();
    for _ in 0..CALLS {
        let v = ffi::iota_boxed(black_box(0));
        black_box(
            v.as_ref()
                .expect("iota_boxed returned null")
                .as_slice()
                .len(),
        );
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
    let relocxx = median(relocxx_as_slice);
    let slice = median(cxx_as_slice);
    let iter = median(cxx_iter);
    let relocxx_0 = median(relocxx_empty);
    let cxx_0 = median(cxx_empty);
    let per = |d: Duration| d.as_secs_f64() * 1e9 / CALLS as f64;
    let ratio = |d: Duration| d.as_secs_f64() / relocxx.as_secs_f64();
    println!(
        "std::vector<int> of 1,000 from C++, summed in Rust, relocxx vs cxx ({CALLS} calls per run, median of 5)"
    );
    println!(
        "  relocxx, by value (CppVector<i32>, as_slice):            {:.0} ns per call",
        per(relocxx)
    );
    println!(
        "  cxx, on the heap (UniquePtr<CxxVector<i32>>, as_slice):  {:.0} ns per call",
        per(slice)
    );
    println!(
        "  cxx, on the heap (UniquePtr<CxxVector<i32>>, iter):      {:.0} ns per call",
        per(iter)
    );
    println!(
        "  ratio cxx as_slice / relocxx:                            {:.2}x",
        ratio(slice)
    );
    println!(
        "  ratio cxx iter / relocxx:                                {:.2}x",
        ratio(iter)
    );
    println!("  an empty vector (the fixed cost of a call):");
    println!(
        "  relocxx, by value:                                       {:.0} ns per call",
        per(relocxx_0)
    );
    println!(
        "  cxx, on the heap:                                        {:.0} ns per call",
        per(cxx_0)
    );
    println!(
        "  ratio cxx / relocxx:                                     {:.2}x",
        cxx_0.as_secs_f64() / relocxx_0.as_secs_f64()
    );
}
