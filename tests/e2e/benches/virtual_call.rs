//! The cost of a C++ virtual call that lands in Rust (`subclass!`) against one that lands in
//! C++: a C++ loop calls `Listener::on_event` 10,000,000 times through a `Listener&`, once on a
//! listener implemented in C++ and once on a Rust value (`from_rust`, checked for the calling
//! thread, and `from_rust_sync`). Median of 5 runs each; a plain bench binary
//! (`cargo bench -p relocxx-e2e --bench virtual_call`, or `cargo xtask bench`).

use std::cell::Cell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use relocxx_e2e::interfaces::ui::{self, Listener, ListenerMethods, Payload};

const N: i32 = 10_000_000;

struct Sum(Cell<i64>);

impl ListenerMethods for Sum {
    fn on_event(&mut self, code: i32) {
        self.0.set(self.0.get() + code as i64);
    }
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, text: &[u8]) -> usize {
        text.len()
    }
}

struct SyncSum(i64);

impl ListenerMethods for SyncSum {
    fn on_event(&mut self, code: i32) {
        self.0 += code as i64;
    }
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, text: &[u8]) -> usize {
        text.len()
    }
}

fn time(l: &mut relocxx::UniquePtr<Listener>) -> Duration {
    let t = Instant::now();
    ui::dispatch_many(l.pin_mut(), black_box(N));
    t.elapsed()
}

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    f(); // warm-up
    let mut runs: Vec<Duration> = (0..5).map(|_| f()).collect();
    runs.sort();
    runs[2]
}

fn main() {
    let mut cpp = ui::make_cpp_listener();
    let mut local = Listener::from_rust(Sum(Cell::new(0)));
    let mut sync = Listener::from_rust_sync(SyncSum(0));
    let c = median(|| time(&mut cpp));
    let r = median(|| time(&mut local));
    let s = median(|| time(&mut sync));
    black_box(ui::cpp_listener_total(&cpp));
    let per = |d: Duration| d.as_secs_f64() * 1e9 / N as f64;
    println!("virtual call, {N} calls from a C++ loop through Listener& (median of 5):");
    println!("  C++ implementation:              {:6.2} ns/call", per(c));
    println!(
        "  Rust, from_rust (thread-checked): {:6.2} ns/call  ({:.1}x)",
        per(r),
        per(r) / per(c)
    );
    println!(
        "  Rust, from_rust_sync:            {:6.2} ns/call  ({:.1}x)",
        per(s),
        per(s) / per(c)
    );
}
