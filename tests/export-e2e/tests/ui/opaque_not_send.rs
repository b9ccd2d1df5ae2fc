// An opaque type C++ holds by value must be `Send + Sync`: C++ moves objects between threads
// and calls const members concurrently, with nothing to stop it.
use std::rc::Rc;

#[relocxx::export]
pub struct Shared {
    inner: Rc<u32>,
}

fn main() {}
