//! Generating several binding sets at once (the `include_cpp!` blocks of `build_all` and of
//! `relocxx gen --rust-source`).
//!
//! Invariant: [`map`] returns one result per input, in input order, whatever the threads'
//! timing, so what the callers write and print afterwards is deterministic; and libclang is
//! loaded on the calling thread before any worker starts. Loading sets `LIBCLANG_PATH` for a
//! moment (`clang::discover::load_once`), which must not race with threads that read the
//! environment outside std's lock (libclang does; the compiler query reads it only through
//! std); once loaded, each worker installs the same library in its own clang-sys thread-local (`ensure_loaded`) and creates its own index and
//! translation unit, which libclang allows on separate threads. Everything else a generation
//! keeps per thread is thread-local (`parse::library`, `parse::shown_path`, `parse::types`,
//! `emit::cpp::types`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Caps the number of threads (`1`: one after the other on the calling thread).
pub const JOBS_ENV: &str = "RELOCXX_JOBS";

const STACK_SIZE: usize = 8 << 20;

/// How many generations run at once: `RELOCXX_JOBS`, else cargo's `NUM_JOBS` (in a build
/// script: the build's `-j`), else the machine's parallelism.
pub fn jobs() -> usize {
    [JOBS_ENV, "NUM_JOBS"]
        .iter()
        .find_map(|v| std::env::var(v).ok()?.trim().parse::<usize>().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1)
}

/// `f` (one generation) applied to every item, on up to [`jobs`] threads; results in the
/// order of `items`.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if jobs().min(items.len()) > 1 {
        // A failure to load is reported by each generation; this call only orders the loading.
        let _ = crate::clang::discover::ensure_loaded();
    }
    spread(items, f)
}

thread_local! {
    /// Set on the worker threads: work they spread runs on them, not on threads of its own
    /// (the blocks of `build_all` already use every job; each printing its file on as many
    /// threads again would start jobs² of them).
    static IN_WORKER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `f` applied to every item, on up to [`jobs`] threads taking the next item as they finish
/// one (on the calling thread when it is itself a worker); results in the order of `items`.
/// No libclang (see [`map`]).
pub fn spread<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = jobs().min(items.len());
    if threads <= 1 || IN_WORKER.with(|w| w.get()) {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            // The main thread's usual stack: parsing and formatting a large header recurse.
            let worker = std::thread::Builder::new()
                .name("relocxx-gen".into())
                .stack_size(STACK_SIZE);
            let spawned = worker.spawn_scoped(s, || loop {
                IN_WORKER.with(|w| w.set(true));
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
            });
            if spawned.is_err() {
                break; // the threads already started (or this one, below) take the rest
            }
        }
    });
    // Items no thread took (none could be started): here, in order.
    for (item, slot) in items.iter().zip(&results) {
        let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(f(item));
        }
    }
    results
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .expect("every item was taken by a worker")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..40).collect();
        let out = super::map(&items, |i| {
            std::thread::sleep(std::time::Duration::from_micros((40 - i) * 50));
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
