// `virtual int priority() const`: C++ may call it while other const calls run, so the Rust
// implementation gets `&self`; asking for `&mut self` does not compile.
use relocxx_e2e::interfaces::ui::{ListenerMethods, Payload};

struct Greedy(i32);

impl ListenerMethods for Greedy {
    fn on_event(&mut self, _: i32) {}
    fn priority(&mut self) -> i32 {
        self.0 += 1;
        self.0
    }
    fn make(&self, n: i32) -> Payload {
        Payload::new_int(n)
    }
    fn measure(&self, _: &[u8]) -> usize {
        0
    }
}

fn main() {}
