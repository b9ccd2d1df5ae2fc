//! `RELOCXX_TIMINGS=1`: how long each phase of a generation took, on stderr (`relocxx:
//! <phase> <ms>`), for finding what makes a header slow to bind. Off by default; read once.

use std::sync::OnceLock;
use std::time::Instant;

/// Set (to anything but empty or `0`) to print phase times.
pub const TIMINGS_ENV: &str = "RELOCXX_TIMINGS";

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var(TIMINGS_ENV).is_ok_and(|v| !v.is_empty() && v != "0"))
}

/// Runs `f`, printing how long it took as `what` when timings are on.
pub fn phase<R>(what: &str, f: impl FnOnce() -> R) -> R {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let r = f();
    eprintln!(
        "relocxx: {what} {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    r
}
