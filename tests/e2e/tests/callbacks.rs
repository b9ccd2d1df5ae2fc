//! `std::function` parameters take Rust closures (DESIGN §6): called by C++ with every kind of
//! value, kept by C++ and called later, copied (the copies share the closure), called from
//! another thread (`Send`), and dropped exactly once when the last copy goes.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

use relocxx::CppString;
use relocxx_e2e::interfaces::ui::{self, Point};

#[test]
fn closures_receive_and_return_values() {
    assert_eq!(ui::sum_mapped(4, |i| i * i), 1 + 4 + 9);
    let mut calls = 0;
    // Only `'static` closures: this one owns its state (moved in).
    let joined = ui::join_mapped(
        3,
        move |i| {
            calls += 1;
            CppString::from(format!("<{i}:{calls}>").as_str())
        },
        ", ",
    );
    assert_eq!(joined.to_str().unwrap(), "<0:1>, <1:2>, <2:3>");
    let words = Arc::new(Mutex::new(Vec::new()));
    let w = words.clone();
    ui::for_each_word("the quick  brown fox", move |word: &[u8]| {
        w.lock()
            .unwrap()
            .push(String::from_utf8(word.to_vec()).unwrap());
    });
    assert_eq!(*words.lock().unwrap(), ["the", "quick", "brown", "fox"]);
    let p = ui::transform(Point { x: 3, y: 4 }, |p: &Point| Point { x: p.y, y: -p.x });
    assert_eq!((p.x, p.y), (4, -3));
}

/// Counts drops of the closure's state.
struct Guard(Arc<AtomicI32>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn copies_share_one_closure_dropped_once() {
    let drops = Arc::new(AtomicI32::new(0));
    let g = Guard(drops.clone());
    let mut n = 0;
    // Three calls through three copies of one std::function: one shared counter.
    let total = ui::call_copies(move || {
        let _keep = &g;
        n += 1;
        n
    });
    assert_eq!(total, 1 + 2 + 3);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn cpp_keeps_closures_and_calls_them_later() {
    let drops = Arc::new(AtomicI32::new(0));
    let seen = Arc::new(AtomicI32::new(0));
    let mut timer = relocxx::CppBox::emplace(ui::Timer::new());
    for weight in [1, 10] {
        let (g, s) = (Guard(drops.clone()), seen.clone());
        timer.as_mut().on_tick(move |n| {
            let _keep = &g;
            s.fetch_add(n * weight, Ordering::SeqCst);
        });
    }
    assert_eq!(timer.handlers(), 2);
    timer.as_mut().tick(2);
    timer.as_mut().tick(3);
    assert_eq!(seen.load(Ordering::SeqCst), (2 + 3) * 11);
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    timer.as_mut().clear();
    assert_eq!(drops.load(Ordering::SeqCst), 2);
    let g = Guard(drops.clone());
    timer.as_mut().on_tick(move |_| {
        let _keep = &g;
    });
    drop(timer);
    assert_eq!(drops.load(Ordering::SeqCst), 3);
}

#[test]
fn send_closures_run_on_other_threads() {
    let here = std::thread::current().id();
    let ran_on = Arc::new(Mutex::new(None));
    let r = ran_on.clone();
    ui::run_on_thread(move || {
        *r.lock().unwrap() = Some(std::thread::current().id());
    });
    let there = ran_on.lock().unwrap().expect("ran");
    assert_ne!(there, here);
}

#[test]
fn a_panicking_closure_aborts() {
    if std::env::var_os("RELOCXX_E2E_CALLBACK_PANIC").is_some() {
        ui::sum_mapped(3, |i| {
            if i == 2 {
                panic!("closure refused {i}")
            } else {
                i
            }
        });
        unreachable!("the panic must abort");
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["a_panicking_closure_aborts", "--exact", "--nocapture"])
        .env("RELOCXX_E2E_CALLBACK_PANIC", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("closure refused 2"), "{stderr}");
    assert!(
        stderr.contains(
            "the Rust closure given for `f` (a std::function): the Rust implementation panicked"
        ),
        "{stderr}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(6), "SIGABRT expected");
    }
}

/// `callback("ui::c_count_until")`: the (function pointer, `void*`) pair takes a closure,
/// which may borrow (the function calls it only before returning: the user's promise).
#[test]
fn c_style_pairs_take_borrowing_closures() {
    let mut seen = Vec::new();
    let n = ui::c_count_until(10, |v| {
        seen.push(v);
        (v == 3) as i32
    });
    assert_eq!(n, 3);
    assert_eq!(seen, [0, 1, 2, 3]);
    let mut events = Vec::new();
    ui::c_each_event(
        |e: ui::Event, at: &Point| events.push((e.id, e.weight, at.x, at.y)),
        3,
    );
    assert_eq!(events, [(0, 0.0, 0, 0), (1, 0.5, 1, -1), (2, 1.0, 2, -2)]);
}

extern "C" fn triple(x: i32) -> i32 {
    x * 3
}

/// Unmarked function pointers are raw: `Option<unsafe extern "C" fn>`, in an `unsafe fn`; a
/// struct field of that type is plain data.
#[test]
fn raw_function_pointers_and_fields() {
    // SAFETY: `triple` is a valid `int(int)` function; null is handled by c_apply.
    assert_eq!(unsafe { ui::c_apply(Some(triple), 4) }, 12);
    assert_eq!(unsafe { ui::c_apply(None, 4) }, -1);
    let ops = ui::Ops {
        step: Some(triple),
        base: 5,
    };
    // SAFETY: the field points at a valid function.
    assert_eq!(unsafe { ui::run_ops(&ops) }, 15);
}

/// A closure that writes a pointer C++ then reads (`const char*&`) makes the call an
/// `unsafe fn`: the closure must store a valid pointer.
#[test]
fn closures_storing_pointers_make_the_call_unsafe() {
    // SAFETY: the closure stores a 'static C string.
    let s = unsafe { ui::located_by(|out: &mut *const std::ffi::c_char| *out = c"found".as_ptr()) };
    assert_eq!(s.to_str().unwrap(), "found");
}
