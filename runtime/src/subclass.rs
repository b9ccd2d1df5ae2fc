//! The Rust half of C++ classes implemented in Rust (`subclass!`).
//!
//! Generated code gives C++ a `Holder<T>` (behind a `void*`) and a table of `extern "C"`
//! functions monomorphized for `T`; the generated C++ class calls them from its overrides and
//! from its destructor. Everything that keeps those calls sound lives here, in one place:
//!
//! - **Aliasing.** A holder counts the calls running on it, like a `RefCell`: a `&self`
//!   method may run while other `&self` methods run; a `&mut self` method only alone. A call
//!   that would break this (C++ re-entering a `&mut self` method, or calling one from a second
//!   thread while another runs) aborts the process with a message instead of creating
//!   aliasing references.
//! - **Lifetime.** C++ deleting the object while one of its methods runs (a method that
//!   makes C++ drop the last owner) aborts instead of freeing the value under the running
//!   method; otherwise the destructor drops the value exactly once.
//! - **Threads.** `from_rust` accepts any `T` and checks on every call that C++ calls from the
//!   thread that created the object (an `Rc` inside is fine); `from_rust_sync` needs
//!   `T: Send + Sync` and lets C++ call from any thread.
//! - **Panics** never unwind into C++: the process aborts after the panic message, naming the
//!   C++ function that was being implemented.
//! - **Calling the C++ implementation** (a non-pure virtual's default, `<method>_base`) needs the
//!   C++ object, which the Rust value does not know. Each call from C++ records (on this
//!   thread, for its duration) which C++ object it runs for; `current` finds it for the value
//!   it is given, and panics when there is none (the method was called directly from Rust).

use core::cell::{Cell, UnsafeCell};
use core::ffi::c_void;
use core::sync::atomic::{AtomicIsize, AtomicU64, Ordering};

use alloc::boxed::Box;

extern crate std;

/// Identifies one generated interface (its address is the identity), so `current` never
/// hands the C++ object of one interface to the default method of another.
#[doc(hidden)]
pub struct Key(#[allow(dead_code)] u8);

impl Key {
    pub const fn new() -> Key {
        Key(0)
    }
}

impl Default for Key {
    fn default() -> Self {
        Key::new()
    }
}

/// The key of every closure call (closures have no C++ implementation to look up).
#[doc(hidden)]
pub static __CALLBACK: Key = Key::new();

/// A Rust value owned by a C++ object.
#[doc(hidden)]
pub struct Holder<T> {
    /// The thread allowed to call (its `thread_id`), or 0 for any thread.
    owner: u64,
    /// Calls running: > 0 shared, -1 one exclusive; `DROPPING` once the value is dropped.
    state: AtomicIsize,
    value: UnsafeCell<T>,
}

/// `Holder::state` once `__drop` started: no call may begin.
const DROPPING: isize = isize::MIN;

static NEXT_THREAD: AtomicU64 = AtomicU64::new(1);

/// This thread's state, in one thread-local (one lookup per call).
struct Tls {
    /// See `Tls::id`; 0 until first asked.
    id: Cell<u64>,
    /// The innermost running call from C++.
    top: Cell<*const Frame>,
}

std::thread_local! {
    static TLS: Tls = const {
        Tls {
            id: Cell::new(0),
            top: Cell::new(core::ptr::null()),
        }
    };
}

impl Tls {
    /// A number no other thread of the process ever had (thread ids of exited threads are
    /// not reused, unlike the addresses of their thread-locals).
    fn id(&self) -> u64 {
        match self.id.get() {
            0 => {
                let id = NEXT_THREAD.fetch_add(1, Ordering::Relaxed);
                self.id.set(id);
                id
            }
            id => id,
        }
    }
}

/// One running call from C++: which Rust value, for which C++ object.
struct Frame {
    prev: *const Frame,
    rust: *const (),
    key: *const Key,
    cpp: *mut c_void,
}

#[cold]
fn fail(what: &str, why: &str) -> ! {
    std::eprintln!("relocxx: {what}: {why}; aborting");
    std::process::abort()
}

impl<T> Holder<T> {
    /// A holder C++ may call only from the current thread.
    pub fn local(value: T) -> *mut c_void {
        Self::boxed(value, TLS.with(|t| t.id()))
    }

    /// A holder C++ may call from any thread.
    pub fn shared(value: T) -> *mut c_void
    where
        T: Send + Sync,
    {
        Self::boxed(value, 0)
    }

    /// A holder C++ may call from any thread, one call at a time (`FnMut` closures given for
    /// a `std::function`): only exclusive calls are made on it, so `Send` is enough.
    pub fn exclusive(value: T) -> *mut c_void
    where
        T: Send,
    {
        Self::boxed(value, 0)
    }

    fn boxed(value: T, owner: u64) -> *mut c_void {
        Box::into_raw(Box::new(Holder {
            owner,
            state: AtomicIsize::new(0),
            value: UnsafeCell::new(value),
        })) as *mut c_void
    }

    fn check_thread(&self, tls: &Tls, what: &str) {
        if self.owner != 0 && self.owner != tls.id() {
            fail(
                what,
                "called from another thread than the one that made the object with `from_rust`; \
                 a `Send + Sync` type can be given with `from_rust_sync` instead",
            )
        }
    }
}

/// A closure given for a `callback!` pair: its holder, dropped (with the closure) when the
/// wrapper returns. For generated code.
#[doc(hidden)]
pub struct Scoped<'f> {
    holder: *mut c_void,
    drop: unsafe extern "C" fn(*mut c_void),
    _borrows: core::marker::PhantomData<&'f ()>,
}

impl<'f> Scoped<'f> {
    pub fn new<F: Send + 'f>(f: F) -> Scoped<'f> {
        Scoped {
            holder: Holder::exclusive(f),
            drop: __drop::<F>,
            _borrows: core::marker::PhantomData,
        }
    }

    /// The holder, the context C passes back.
    pub fn __ptr(&self) -> *mut c_void {
        self.holder
    }
}

impl Drop for Scoped<'_> {
    fn drop(&mut self) {
        // SAFETY: made by `new`, dropped once.
        unsafe { (self.drop)(self.holder) }
    }
}

/// Runs `f` with the value of `holder` (a `Holder<T>` from `Holder::local`/`shared`), shared
/// (`exclusive == false`) or exclusively, recording `cpp` as the C++ object of the call.
///
/// # Safety
/// `holder` is a live `Holder<T>` made by this module; `cpp` is the C++ object that owns it,
/// an instance of the class generated for `key`.
unsafe fn call<T, R>(
    holder: *mut c_void,
    cpp: *mut c_void,
    key: &'static Key,
    what: &'static str,
    exclusive: bool,
    f: impl FnOnce(*mut T) -> R,
) -> R {
    let h = unsafe { &*(holder as *const Holder<T>) };
    TLS.with(|tls| {
        h.check_thread(tls, what);
        let acquired = if h.owner != 0 {
            // Only the owner thread gets here: no other thread touches `state`.
            let s = h.state.load(Ordering::Relaxed);
            let ok = if exclusive { s == 0 } else { s >= 0 };
            if ok {
                h.state
                    .store(if exclusive { -1 } else { s + 1 }, Ordering::Relaxed);
            }
            ok
        } else if exclusive {
            h.state
                .compare_exchange(0, -1, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
        } else {
            h.state
                .fetch_update(Ordering::Acquire, Ordering::Relaxed, |s| {
                    (s >= 0).then_some(s + 1)
                })
                .is_ok()
        };
        if !acquired {
            if h.state.load(Ordering::Relaxed) == DROPPING {
                fail(
                    what,
                    "called while the Rust value is being dropped (from its `Drop`, through C++)",
                )
            }
            fail(
                what,
                "called while a `&mut self` method of the same Rust object runs (re-entered, or \
                 from another thread); Rust cannot hand out a second reference to it",
            )
        }
        let frame = Frame {
            prev: tls.top.get(),
            rust: h.value.get() as *const (),
            key,
            cpp,
        };
        tls.top.set(&frame);
        let out = std::panic::catch_unwind(core::panic::AssertUnwindSafe(|| f(h.value.get())));
        tls.top.set(frame.prev);
        if h.owner != 0 {
            let s = h.state.load(Ordering::Relaxed);
            h.state
                .store(if exclusive { 0 } else { s - 1 }, Ordering::Relaxed);
        } else if exclusive {
            h.state.store(0, Ordering::Release);
        } else {
            h.state.fetch_sub(1, Ordering::Release);
        }
        match out {
            Ok(r) => r,
            Err(_) => fail(what, "the Rust implementation panicked (message above)"),
        }
    })
}

/// A `&self` method called by C++. For generated code.
///
/// # Safety
/// As `call`.
#[doc(hidden)]
pub unsafe fn __upcall_ref<T, R>(
    holder: *mut c_void,
    cpp: *mut c_void,
    key: &'static Key,
    what: &'static str,
    f: impl FnOnce(&T) -> R,
) -> R {
    unsafe { call(holder, cpp, key, what, false, |v: *mut T| f(&*v)) }
}

/// A `&mut self` method called by C++. For generated code.
///
/// # Safety
/// As `call`.
#[doc(hidden)]
pub unsafe fn __upcall_mut<T, R>(
    holder: *mut c_void,
    cpp: *mut c_void,
    key: &'static Key,
    what: &'static str,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    unsafe { call(holder, cpp, key, what, true, |v: *mut T| f(&mut *v)) }
}

/// The C++ destructor: drops the value exactly once. For generated code.
///
/// # Safety
/// `holder` is a live `Holder<T>` made by this module, not used afterwards.
#[doc(hidden)]
pub unsafe extern "C" fn __drop<T>(holder: *mut c_void) {
    let what = core::any::type_name::<T>();
    let h = unsafe { &*(holder as *const Holder<T>) };
    TLS.with(|tls| h.check_thread(tls, what));
    // From here on no call gets the value (`call` sees a negative state): C++ code reached
    // from `Drop` calling a virtual of the object being destroyed aborts instead of getting a
    // second reference to the value `Drop` holds.
    if h.state
        .compare_exchange(0, DROPPING, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        fail(
            what,
            "the C++ object was deleted while one of its Rust methods runs; the value cannot \
             be dropped under it",
        )
    }
    let dropped = std::panic::catch_unwind(core::panic::AssertUnwindSafe(|| {
        drop(unsafe { Box::from_raw(holder as *mut Holder<T>) })
    }));
    if dropped.is_err() {
        fail(what, "dropping the Rust value panicked (message above)")
    }
}

/// The C++ object a call from C++ into `value` runs for (see the module docs), for a default
/// method calling the C++ implementation. Panics when C++ is not calling `value` now.
#[doc(hidden)]
pub fn __current<T>(value: *const T, key: &'static Key, what: &str) -> *mut c_void {
    let mut f = TLS.with(|t| t.top.get());
    while !f.is_null() {
        // SAFETY: frames live on the stack of the calls that pushed them, which are still
        // running (each pops its frame before returning).
        let fr = unsafe { &*f };
        if fr.rust == value as *const () && core::ptr::eq(fr.key, key) {
            return fr.cpp;
        }
        f = fr.prev;
    }
    panic!(
        "relocxx: `{what}` calls the C++ implementation, which needs the C++ object: it is only \
         available while C++ calls this Rust value (through the object `from_rust` made)"
    )
}

/// The memory a reference argument of a call from C++ covers (at least one byte, so two
/// references to the same zero-sized object meet). For generated code.
#[doc(hidden)]
pub fn __region<T>(p: *const T, mutable: bool) -> (usize, usize, bool) {
    (p as usize, core::mem::size_of::<T>().max(1), mutable)
}

/// Aborts when C++ passes overlapping objects to reference arguments of one call and one of
/// them is mutable: Rust would get a `&mut` aliasing another reference (SAFETY.md rule 22).
/// For generated code (emitted only for calls with two reference arguments, one mutable).
#[doc(hidden)]
pub fn __disjoint(regions: &[(usize, usize, bool)], what: &str) {
    if crate::aliasing_mut(regions) {
        fail(
            what,
            "C++ passed the same object (or overlapping ones) to two reference arguments, \
             one of them mutable; Rust cannot hold a `&mut` aliasing another reference",
        )
    }
}
