//! include_cpp! blocks built and called: fallible functions return Err with the C++ message,
//! non-fallible ones abort with it, several blocks coexist.

use relocxx_macro_e2e::errors::errs;
use relocxx_macro_e2e::second::geometry::geo;

#[test]
fn fallible_functions_return_the_exception() {
    assert_eq!(errs::checked_div(84, 2), Ok(42));
    let e = errs::checked_div(1, 0).unwrap_err();
    assert_eq!(e.what(), "division by zero");
    assert_eq!(e.to_string(), "division by zero");
    let e = errs::throw_int().unwrap_err();
    assert_eq!(e.what(), "C++ exception of unknown type");
}

#[test]
fn fallible_constructors_and_methods() {
    let mut account = errs::Account::new(100).expect("valid balance");
    assert_eq!(account.withdraw(30), Ok(()));
    assert_eq!(account.balance(), 70);
    let e = account.withdraw(500).unwrap_err();
    assert_eq!(e.what(), "insufficient funds: balance 70, asked 500");
    assert_eq!(
        account.balance(),
        70,
        "a throwing call leaves the object as C++ left it"
    );
    let e = errs::Account::new(-1).unwrap_err();
    assert_eq!(e.what(), "negative opening balance");
    fn assert_send<T: Send>() {}
    assert_send::<errs::Account>(); // send!("errs::Account")
}

#[test]
fn several_blocks_and_renames() {
    assert_eq!(geo::detail::triple(5), 15);
    let p = geo::Point { x: 1, y: 2 };
    assert_eq!(geo::detail::mirror(&p), geo::Point { x: 2, y: 1 });
    assert_eq!(errs::div_or_abort(9, 3), 3);
}

/// A non-fallible function that throws aborts the process with the message.
#[test]
fn non_fallible_throw_aborts_with_message() {
    if std::env::var_os("RELOCXX_MACRO_THROW").is_some() {
        errs::div_or_abort(1, 0);
        unreachable!("the C++ exception must abort the process");
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "non_fallible_throw_aborts_with_message",
            "--exact",
            "--nocapture",
        ])
        .env("RELOCXX_MACRO_THROW", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr
            .contains("relocxx: C++ exception escaped `errs::checked_div_abort`: division by zero"),
        "{stderr}"
    );
}

/// `subclass!("ui::Listener")` in an include_cpp! block: the trait and `from_rust`.
#[test]
fn subclass_directive_implements_an_interface_in_rust() {
    use relocxx_macro_e2e::listeners::listeners::ui;
    use std::cell::Cell;
    use std::rc::Rc;
    struct Count(Rc<Cell<i32>>);
    impl ui::ListenerMethods for Count {
        fn on_event(&mut self, code: i32) {
            self.0.set(self.0.get() + code);
        }
        fn priority(&self) -> i32 {
            self.priority_base() * 3
        }
        fn make(&self, n: i32) -> ui::Payload {
            ui::Payload::new_int(n)
        }
        fn measure(&self, text: &[u8]) -> usize {
            text.len()
        }
    }
    let seen = Rc::new(Cell::new(0));
    let mut l = ui::Listener::from_rust(Count(seen.clone()));
    ui::dispatch(l.pin_mut(), 4);
    assert_eq!(seen.get(), 4);
    assert_eq!(ui::priority_of(&l), 3);
    drop(l);
    assert_eq!(ui::listeners_alive(), 0);
}
