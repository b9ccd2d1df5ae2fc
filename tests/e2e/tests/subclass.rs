//! C++ interfaces implemented in Rust (`subclass!`, DESIGN §6): C++ calls Rust overrides
//! through base references and through pointers it keeps in a container; defaults run the C++
//! implementation; values of every crossing kind arrive intact; each Rust value is dropped
//! exactly once, whoever deletes the C++ object; misuse aborts with a message.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

use relocxx::{CppStr, CppString, UniquePtr};

/// The tests count live C++ objects through process-wide counters: one test at a time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}
use relocxx_e2e::interfaces::ui::{self, Kind, Listener, ListenerMethods, Payload, Point};

/// Only the pure virtuals: everything else is the C++ implementation.
struct Minimal {
    seen: Rc<Cell<i32>>,
}

impl ListenerMethods for Minimal {
    fn on_event(&mut self, code: i32) {
        self.seen.set(self.seen.get() + code);
    }
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, text: &[u8]) -> usize {
        text.len()
    }
}

#[test]
fn pure_virtuals_dispatch_to_rust_and_defaults_to_cpp() {
    let _serial = serial();
    let seen = Rc::new(Cell::new(0));
    let mut l: UniquePtr<Listener> = Listener::from_rust(Minimal { seen: seen.clone() });
    assert_eq!(ui::listeners_alive(), 1);
    ui::dispatch(l.pin_mut(), 5);
    ui::dispatch(l.pin_mut(), 2);
    assert_eq!(seen.get(), 7);
    // Non-pure virtuals keep the C++ behaviour (the trait's defaults call it).
    assert_eq!(ui::priority_of(&l), 1);
    assert!(ui::accepts(&l, Kind::Key));
    assert!(!ui::accepts(&l, Kind::Mouse));
    ui::notify_both(l.pin_mut(), 3, &CppString::from("four"));
    assert_eq!(l.notified(), 7);
    let p = ui::move_by(&l, Point { x: 1, y: 2 }, Point { x: 10, y: 20 });
    assert_eq!((p.x, p.y), (11, 22));
    assert_eq!(ui::consume_payload(l.pin_mut(), 4), 1 + 2 + 3 + 4);
    assert_eq!(ui::describe(&l).to_str().unwrap(), "listener");
    assert_eq!(ui::fill(&l).to_str().unwrap(), "<base>");
    assert_eq!(l.pin_mut().close_code(), 100);
    // A by-value object Rust returns becomes C++'s: 1+2+3 and three elements.
    assert_eq!(ui::make_sum(&l, 3), 6 * 1000 + 3);
    assert_eq!(ui::measure(&l, "twelve bytes"), 12);
    drop(l);
    assert_eq!(ui::listeners_alive(), 0);
    assert_eq!(ui::payloads_alive(), 0);
}

/// Every virtual overridden, two of them calling the C++ implementation too.
struct Full {
    log: Rc<RefCell<Vec<String>>>,
    drops: Rc<Cell<i32>>,
}

impl Drop for Full {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

impl ListenerMethods for Full {
    fn on_event(&mut self, code: i32) {
        self.log.borrow_mut().push(format!("event {code}"));
    }
    fn priority(&self) -> i32 {
        self.priority_base() + 10
    }
    fn accepts(&self, kind: Kind) -> bool {
        kind == Kind::Mouse
    }
    fn notify_int(&mut self, code: i32) {
        self.log.borrow_mut().push(format!("int {code}"));
        self.notify_int_base(code * 100);
    }
    fn notify_const_string_ref(&mut self, text: &CppStr) {
        self.log.borrow_mut().push(format!("text {text}"));
    }
    fn moved(&self, from: Point, by: &Point) -> Point {
        Point {
            x: from.x * by.x,
            y: from.y * by.y,
        }
    }
    fn consume(&mut self, mut p: Payload) -> i32 {
        // Relocated into Rust: ours to use and drop.
        p.push(100);
        p.sum() + p.size() * 1000
    }
    fn make(&self, n: i32) -> Payload {
        let mut p = Payload::new();
        for i in 0..n {
            p.push(i * 10);
        }
        p
    }
    fn describe(&self) -> CppString {
        CppString::from("rust listener")
    }
    fn measure(&self, text: &[u8]) -> usize {
        text.iter().filter(|b| **b == b'e').count()
    }
    fn fill(&self, out: &mut CppStr) {
        out.push_str("rust");
    }
    fn on_close(&mut self) -> i32 {
        42
    }
}

#[test]
fn overrides_receive_and_return_every_crossing_kind() {
    let _serial = serial();
    let log = Rc::new(RefCell::new(Vec::new()));
    let drops = Rc::new(Cell::new(0));
    let mut l = Listener::from_rust(Full {
        log: log.clone(),
        drops: drops.clone(),
    });
    ui::dispatch(l.pin_mut(), 9);
    assert_eq!(ui::priority_of(&l), 11);
    assert!(ui::accepts(&l, Kind::Mouse));
    ui::notify_both(l.pin_mut(), 3, &CppString::from("héllo"));
    // The Rust override called the C++ implementation with 300; the text went to Rust only.
    assert_eq!(l.notified(), 300);
    let p = ui::move_by(&l, Point { x: 2, y: 3 }, Point { x: 5, y: 7 });
    assert_eq!((p.x, p.y), (10, 21));
    assert_eq!(ui::consume_payload(l.pin_mut(), 3), 1 + 2 + 3 + 100 + 4000);
    assert_eq!(ui::make_sum(&l, 4), 60 * 1000 + 4);
    assert_eq!(ui::describe(&l).to_str().unwrap(), "rust listener");
    assert_eq!(ui::measure(&l, "eleven e's"), 4);
    assert_eq!(ui::fill(&l).to_str().unwrap(), "<rust>");
    // A protected virtual, called by the class's non-virtual interface.
    assert_eq!(l.pin_mut().close_code(), 42);
    assert_eq!(
        *log.borrow(),
        ["event 9", "int 3", "text héllo"].map(String::from)
    );
    assert_eq!(ui::payloads_alive(), 0);
    assert_eq!(drops.get(), 0);
    drop(l);
    assert_eq!(drops.get(), 1);
    assert_eq!(ui::listeners_alive(), 0);
}

struct Counting {
    total: Rc<Cell<i32>>,
    weight: i32,
    drops: Rc<Cell<i32>>,
}

impl Drop for Counting {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

impl ListenerMethods for Counting {
    fn on_event(&mut self, code: i32) {
        self.total.set(self.total.get() + code);
    }
    fn priority(&self) -> i32 {
        self.weight
    }
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, _: &[u8]) -> usize {
        0
    }
}

/// C++ keeps the objects in a `std::vector<std::unique_ptr<Listener>>` and calls them
/// through the base pointer; deleting them drops each Rust value once.
#[test]
fn cpp_container_owns_rust_objects_and_drops_each_once() {
    let _serial = serial();
    let total = Rc::new(Cell::new(0));
    let drops = Rc::new(Cell::new(0));
    let make = |weight| {
        Listener::from_rust(Counting {
            total: total.clone(),
            weight,
            drops: drops.clone(),
        })
    };
    let mut bus = relocxx::CppBox::emplace(ui::Bus::new());
    for w in 1..=3 {
        bus.as_mut().add(make(w));
    }
    // Ownership handed to C++ as a raw owning pointer.
    let raw = make(10).into_raw();
    unsafe { bus.as_mut().adopt(raw) };
    assert_eq!(bus.size(), 4);
    assert_eq!(ui::listeners_alive(), 4);
    bus.as_mut().emit(2);
    assert_eq!(total.get(), 2 * (1 + 2 + 3 + 10));
    assert_eq!(drops.get(), 0);
    bus.as_mut().clear();
    assert_eq!(drops.get(), 4);
    assert_eq!(ui::listeners_alive(), 0);
    // And through the C++ destructor of the container.
    bus.as_mut().add(make(1));
    drop(bus);
    assert_eq!(drops.get(), 5);
    assert_eq!(ui::listeners_alive(), 0);
}

/// Calling a `_base` method outside a call from C++ has no C++ object: a panic, not UB.
#[test]
fn base_outside_a_cpp_call_panics() {
    let _serial = serial();
    let full = Full {
        log: Default::default(),
        drops: Default::default(),
    };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| full.priority_base()));
    let msg = r.unwrap_err();
    let msg = msg.downcast_ref::<String>().unwrap();
    assert!(msg.contains("needs the C++ object"), "{msg}");
}

struct Shared(Arc<AtomicI32>);

impl ListenerMethods for Shared {
    fn on_event(&mut self, code: i32) {
        self.0.fetch_add(code, Ordering::SeqCst);
    }
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, _: &[u8]) -> usize {
        0
    }
}

#[test]
fn sync_objects_are_callable_from_other_threads() {
    let _serial = serial();
    let n = Arc::new(AtomicI32::new(0));
    let mut l = Listener::from_rust_sync(Shared(n.clone()));
    ui::dispatch_on_thread(l.pin_mut(), 6);
    ui::dispatch(l.pin_mut(), 1);
    assert_eq!(n.load(Ordering::SeqCst), 7);
}

/// The child-process half of the abort tests: runs one scenario, which must abort.
fn scenario(name: &str) {
    let seen = Rc::new(Cell::new(0));
    match name {
        "panic" => {
            struct Panicky;
            impl ListenerMethods for Panicky {
                fn on_event(&mut self, code: i32) {
                    panic!("listener refused code {code}");
                }
                fn make(&self, n: i32) -> Payload {
                    Payload::new_int(n)
                }
                fn measure(&self, _: &[u8]) -> usize {
                    0
                }
            }
            let mut l = Listener::from_rust(Panicky);
            ui::dispatch(l.pin_mut(), 3);
        }
        "reenter" => {
            struct Reentrant;
            impl ListenerMethods for Reentrant {
                fn on_event(&mut self, code: i32) {
                    if code > 0 {
                        // C++ calls this same object again while `&mut self` is live.
                        ui::poke_current(code - 1);
                    }
                }
                fn make(&self, n: i32) -> Payload {
                    Payload::new_int(n)
                }
                fn measure(&self, _: &[u8]) -> usize {
                    0
                }
            }
            let mut l = Listener::from_rust(Reentrant);
            unsafe { ui::set_current(&mut *l.pin_mut().get_unchecked_mut()) };
            ui::dispatch(l.pin_mut(), 1);
        }
        "delete" => {
            struct SelfDeleting;
            impl ListenerMethods for SelfDeleting {
                fn on_event(&mut self, _: i32) {
                    ui::delete_current();
                }
                fn make(&self, n: i32) -> Payload {
                    Payload::new_int(n)
                }
                fn measure(&self, _: &[u8]) -> usize {
                    0
                }
            }
            let l = Listener::from_rust(SelfDeleting).into_raw();
            unsafe { ui::set_current(l) };
            ui::poke_current(1);
        }
        "thread" => {
            let mut l = Listener::from_rust(Minimal { seen: seen.clone() });
            ui::dispatch_on_thread(l.pin_mut(), 1);
        }
        "drop_reenter" => {
            // `Drop` reaches C++ code that calls a virtual of the object being deleted.
            struct CallsBackInDrop;
            impl Drop for CallsBackInDrop {
                fn drop(&mut self) {
                    ui::poke_current(1);
                }
            }
            impl ListenerMethods for CallsBackInDrop {
                fn on_event(&mut self, _: i32) {}
                fn make(&self, n: i32) -> Payload {
                    Payload::new_int(n)
                }
                fn measure(&self, _: &[u8]) -> usize {
                    0
                }
            }
            let mut l = Listener::from_rust(CallsBackInDrop);
            unsafe { ui::set_current(&mut *l.pin_mut().get_unchecked_mut()) };
            drop(l);
        }
        "alias" => {
            let mut e = ui::Editor::from_rust(Appender);
            let mut s = CppString::from("x");
            ui::merge_self(e.pin_mut(), &mut s);
        }
        _ => unreachable!(),
    }
    unreachable!("scenario {name} must abort");
}

fn aborts(name: &str, expected: &[&str]) {
    if let Some(s) = std::env::var_os("RELOCXX_E2E_SUBCLASS") {
        if s == name {
            scenario(name);
        }
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let test = format!("aborts_{name}");
    let out = std::process::Command::new(exe)
        .args([test.as_str(), "--exact", "--nocapture"])
        .env("RELOCXX_E2E_SUBCLASS", name)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for e in expected {
        assert!(stderr.contains(e), "missing {e:?} in stderr: {stderr}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(6), "SIGABRT expected: {stderr}");
    }
}

#[test]
fn aborts_panic() {
    let _serial = serial();
    aborts(
        "panic",
        &[
            "listener refused code 3",
            "relocxx: ui::Listener::on_event (implemented in Rust): the Rust implementation panicked",
        ],
    );
}

#[test]
fn aborts_reenter() {
    let _serial = serial();
    aborts(
        "reenter",
        &["called while a `&mut self` method of the same Rust object runs"],
    );
}

#[test]
fn aborts_delete() {
    let _serial = serial();
    aborts("delete", &["deleted while one of its Rust methods runs"]);
}

#[test]
fn aborts_thread() {
    let _serial = serial();
    aborts("thread", &["called from another thread", "from_rust_sync"]);
}

#[test]
fn aborts_drop_reenter() {
    let _serial = serial();
    aborts(
        "drop_reenter",
        &["called while the Rust value is being dropped"],
    );
}

#[test]
fn aborts_alias() {
    let _serial = serial();
    aborts(
        "alias",
        &["same object (or overlapping ones) to two reference arguments"],
    );
}

struct Appender;

impl ui::EditorMethods for Appender {
    fn merge(&mut self, into: &mut CppStr, from: &CppStr) {
        into.push_bytes(from.as_bytes());
    }
}

/// Two reference arguments, one mutable, to distinct objects reach Rust; the same object twice
/// aborts (`aborts_alias`). A raw pointer argument makes the default and `read_base` `unsafe fn`.
#[test]
fn reference_arguments_are_disjoint_and_pointer_defaults_unsafe() {
    let _serial = serial();
    use ui::EditorMethods;
    let mut e = ui::Editor::from_rust(Appender);
    let mut into = CppString::from("ab");
    let from = CppString::from("cd");
    ui::merge_into(e.pin_mut(), &mut into, &from);
    assert_eq!(into.to_str().unwrap(), "abcd");
    // The default calls the C++ implementation, which reads through the pointer C++ gave.
    assert_eq!(ui::read_through(e.pin_mut(), 42), 42);
    // Parameters named like the generated locals (`cpp`, `ret`, `arg1`) reach C++ intact.
    assert_eq!(ui::weigh_through(e.pin_mut()), 1034);
    // Called from Rust, with no C++ call running, the C++ implementation is not reachable.
    let mut direct = Appender;
    let v = 1;
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| unsafe { direct.read(&v) }));
    assert!(r.is_err());
}

struct Here;

// SAFETY: the pointer stored is a 'static C string.
unsafe impl ui::LocatorMethods for Here {
    fn locate(&mut self, out: &mut *const std::ffi::c_char) {
        *out = c"here".as_ptr();
    }
}

/// A virtual that writes a pointer C++ reads (`const char*&`) makes the trait `unsafe` to
/// implement (ui test `subclass_out_pointer_needs_unsafe_impl`).
#[test]
fn out_pointers_are_an_unsafe_impl() {
    let _serial = serial();
    let mut l = ui::Locator::from_rust(Here);
    assert_eq!(ui::located(l.pin_mut()).to_str().unwrap(), "here");
}

struct Evens;

impl relocxx_e2e::interfaces::ui::FilterMethods for Evens {
    fn keep(&self, code: i32) -> bool {
        code % 2 == 0
    }
    fn weight(&self) -> i32 {
        3
    }
    fn on_event(&mut self, _: i32) {}
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, _: &[u8]) -> usize {
        0
    }
}

/// An interface deriving from another: the inherited virtuals are in its trait, the one it
/// overrides defaults to its own implementation, and a private pure virtual is implementable.
#[test]
fn derived_interface_inherits_virtuals_and_upcasts() {
    let _serial = serial();
    use relocxx::UpcastPin;
    use relocxx_e2e::interfaces::ui::Filter;
    let mut f = Filter::from_rust(Evens);
    assert!(ui::keeps(&f, 4));
    assert!(!ui::keeps(&f, 5));
    assert_eq!(f.weighted(4), 12);
    assert_eq!(f.weighted(5), 0);
    // `Filter::priority` (5), not `Listener::priority` (1), is the default.
    let base: &Listener = (*f).as_ref();
    assert_eq!(ui::priority_of(base), 5);
    ui::dispatch(f.pin_mut().upcast_pin(), 1);
    drop(f);
    assert_eq!(ui::listeners_alive(), 0);
}

struct Static;

// SAFETY: the name is a 'static C string.
unsafe impl relocxx_e2e::interfaces::ui::NamedMethods for Static {
    fn name(&self) -> *const std::ffi::c_char {
        c"static name".as_ptr()
    }
}

/// A virtual returning a raw pointer makes the trait `unsafe` to implement (ui test
/// `subclass_raw_pointer_return_needs_unsafe_impl`).
#[test]
fn raw_pointer_results_are_an_unsafe_impl() {
    let _serial = serial();
    let n = relocxx_e2e::interfaces::ui::Named::from_rust(Static);
    assert_eq!(ui::name_of(&n).to_str().unwrap(), "static name");
}
