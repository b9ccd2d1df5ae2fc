// C++ may call a `from_rust_sync` object from any thread: an `Rc` inside must not compile
// (`from_rust` takes it, and checks the calling thread instead).
use std::rc::Rc;

use relocxx_e2e::interfaces::ui::{Listener, ListenerMethods, Payload};

struct Local(Rc<i32>);

impl ListenerMethods for Local {
    fn on_event(&mut self, _: i32) {}
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, _: &[u8]) -> usize {
        0
    }
}

fn main() {
    let _fine = Listener::from_rust(Local(Rc::new(1)));
    let _rejected = Listener::from_rust_sync(Local(Rc::new(2)));
}
