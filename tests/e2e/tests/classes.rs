//! Classes by value and pinned: exact constructor/destructor counts across Rust moves, one
//! fixture per relocatability verdict source, methods, operators and in-place construction.

use std::pin::Pin;
use std::sync::Mutex;

use relocxx::{CppBox, Relocatable};
use relocxx_e2e::classes::cls;

/// The counters are global in C++: tests that read them run one at a time.
static COUNTERS: Mutex<()> = Mutex::new(());

fn counted<R>(f: impl FnOnce() -> R) -> (R, cls::Counters) {
    let _guard = COUNTERS.lock().unwrap_or_else(|p| p.into_inner());
    cls::reset_counters();
    let r = f();
    (r, cls::counters())
}

fn assert_relocatable<T: Relocatable + Unpin>() {}
fn assert_send<T: Send>() {}

#[test]
fn relocatable_objects_move_by_memcpy_and_are_destroyed_exactly_once() {
    let (sum, c) = counted(|| {
        let mut v: Vec<cls::Tracked> = Vec::new();
        for i in 0..1000 {
            v.push(cls::Tracked::new_int(i)); // Vec growth relocates by memcpy
        }
        let copy = v[10].clone();
        let mut a = cls::Tracked::new_int(-1);
        let mut b = cls::Tracked::new_int_int(6, 7);
        std::mem::swap(&mut a, &mut b);
        assert_eq!((a.value(), b.value()), (42, -1));
        let mut opt = Some(cls::Tracked::default());
        let taken = opt.take().unwrap();
        assert!(opt.is_none());
        let boxed = Box::new(cls::Tracked::new_int(5));
        let unboxed = *boxed;
        let sum: i64 = v.iter().map(|t| t.value() as i64).sum::<i64>()
            + copy.value() as i64
            + taken.value() as i64
            + unboxed.value() as i64;
        drop(v);
        sum
    });
    assert_eq!(sum, 499_500 + 10 + 5);
    assert_eq!(
        c.constructed,
        1000 + 2 + 1 + 1,
        "every constructor ran once"
    );
    assert_eq!(c.copied, 1, "clone is the copy constructor");
    assert_eq!(c.moved, 0, "Rust moves never run the C++ move constructor");
    assert_eq!(
        c.destroyed,
        c.constructed + c.copied,
        "every object destroyed exactly once"
    );
}

#[test]
fn by_value_parameters_and_returns_cross_without_leaks() {
    let ((), c) = counted(|| {
        let t = cls::make_tracked(7);
        assert_eq!(t.value(), 7);
        assert_eq!(cls::consume(t), 7); // ownership goes to C++, which destroys it
        let mut u = cls::Tracked::new_int(1);
        cls::bump(&mut u);
        assert_eq!(u.value(), 2);
    });
    // make_tracked + new_int; consume moves its argument into the parameter (one C++ move).
    assert_eq!(c.constructed, 2);
    assert_eq!(c.moved, 1);
    assert_eq!(c.destroyed, c.constructed + c.moved);
}

#[test]
fn methods_operators_and_renames() {
    let _guard = COUNTERS.lock().unwrap_or_else(|p| p.into_inner());
    let mut t = cls::Tracked::new_int(3);
    t.set_value(10); // renamed from `set`
    assert_eq!(t.value(), 10);
    let r: &i32 = t.value_ref();
    assert_eq!(*r, 10);
    assert_eq!(t.index(5), 15);
    assert_eq!(cls::Tracked::twice(21), 42);
    let a = cls::Tracked::new_int(1);
    let b = cls::Tracked::new_int(2);
    assert!(a != b && a == cls::Tracked::new_int(1));
    assert!(a < b);
    assert_eq!(a.partial_cmp(&b), Some(std::cmp::Ordering::Less));
    let c = a + b;
    assert_eq!(c.value(), 3);
}

#[test]
fn verdict_sources_give_by_value_types() {
    assert_relocatable::<cls::Plain>(); // compiler: trivially copyable
    assert_relocatable::<cls::Tracked>(); // marker: RELOCXX_RELOCATABLE
    assert_relocatable::<cls::Handle>(); // marker: [[clang::trivial_abi]]
    assert_relocatable::<cls::Owner>(); // composition: unique_ptr + vector
    assert_relocatable::<cls::Square>(); // polymorphic, implicit special members
    assert_relocatable::<cls::OptIn>(); // user opt-in
    assert_send::<cls::Plain>(); // user opt-in to Send

    let p = cls::Plain::new(21);
    assert_eq!(p.doubled().value(), 42);
    let handles: Vec<cls::Handle> = (0..10).map(cls::Handle::new).collect();
    assert_eq!(handles.iter().map(|h| h.fd()).sum::<i32>(), 45);
    let mut owners: Vec<cls::Owner> = (1..=50).map(cls::Owner::new).collect();
    owners[0].push(41);
    assert_eq!(owners[0].sum(), 42);
    assert_eq!(owners[49].size(), 50);
    assert_eq!(owners[49].boxed(), 50);
    let square = cls::Square::new();
    let squares = vec![square.clone(), cls::Square::default()];
    assert_eq!(
        squares[1].sides(),
        4,
        "virtual call through a relocated object"
    );
    let opt = cls::OptIn::new(9);
    let opts = vec![opt.clone(), opt];
    assert_eq!(opts[1].get(), 9);
}

#[test]
fn pinned_objects_are_built_in_place_and_never_move() {
    let boxed = CppBox::emplace(cls::SelfRef::new_int(7));
    assert!(boxed.intact());
    assert_eq!(boxed.value(), 7);
    let mut boxes: Vec<CppBox<cls::SelfRef>> = (0..100)
        .map(|i| CppBox::emplace(cls::SelfRef::new_int(i)))
        .collect();
    boxes[3].as_mut().set(33); // Vec growth moved the boxes, never the objects
    assert!(boxes.iter().all(|b| b.intact()));
    assert_eq!(boxes[3].value(), 33);
    relocxx::emplace!(let on_stack = cls::SelfRef::new());
    assert!(on_stack.intact());
    let no_moves: Vec<CppBox<cls::NoMove>> = (0..50)
        .map(|_| CppBox::emplace(cls::NoMove::new()))
        .collect();
    assert!(no_moves.iter().all(|b| b.intact()));
    let copy = CppBox::emplace(cls::SelfRef::new_copy(&boxed));
    assert!(copy.intact() && copy.value() == 7);
    let opt_out = CppBox::emplace(cls::OptOut::new());
    let _ = &*opt_out;
}

#[test]
fn pinned_objects_are_destroyed_exactly_once() {
    let ((), c) = counted(|| {
        let mut a = CppBox::emplace(cls::Pinned::new(1));
        a.as_mut().add(41);
        assert_eq!(a.value(), 42);
        let boxes: Vec<CppBox<cls::Pinned>> = (0..10)
            .map(|i| CppBox::emplace(cls::Pinned::new(i)))
            .collect();
        let from_fn = CppBox::emplace(cls::make_pinned(5)); // by-value return constructed in place
        assert_eq!(from_fn.value(), 5);
        let copy = CppBox::emplace(cls::Pinned::new_copy(&a));
        assert_eq!(copy.value(), 42);
        {
            relocxx::emplace!(let mut local = cls::Pinned::new(3));
            local.as_mut().add(1);
            assert_eq!(local.value(), 4);
            let mut p: Pin<&mut cls::Pinned> = local;
            let addr = unsafe { p.as_mut().self_() } as usize;
            assert_eq!(
                addr, &*p as *const cls::Pinned as usize,
                "C++ sees the object where Rust placed it"
            );
        }
        drop(boxes);
    });
    assert_eq!(c.constructed, 1 + 10 + 1 + 1);
    assert_eq!(c.copied, 1);
    assert_eq!(c.moved, 0);
    assert_eq!(c.destroyed, c.constructed + c.copied);
}

#[test]
fn abstract_base_through_references() {
    let square = cls::Square::new();
    let shape: &cls::Shape = cls::as_shape(&square); // borrows `square`
    assert_eq!(cls::count_sides(shape), 4);
    assert_eq!(shape.sides(), 4, "virtual dispatch through the pinned base");
    assert_eq!(shape.twice_sides(), 8);
}

#[test]
fn std_string_member_decides_by_library() {
    // libstdc++: pinned (built in place); libc++: relocatable. Either way this reads the same.
    let named = CppBox::emplace(cls::Named::new(40));
    assert_eq!(named.length(), 40);
    assert!(named.small_buffer_intact());
    let short = CppBox::emplace(cls::Named::new(3));
    assert_eq!(short.length(), 3);
}

mod pinned_idioms {
    use relocxx_e2e::classes::cls;
    include!("../../fixtures/pinned_idioms_cases.rs");
}
