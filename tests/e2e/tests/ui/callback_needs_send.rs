// C++ may call a `std::function` from any thread: the closure must be `Send`, so capturing an
// `Rc` does not compile.
use std::rc::Rc;

use relocxx_e2e::interfaces::ui;

fn main() {
    let shared = Rc::new(5);
    ui::sum_mapped(3, move |i| i * *shared);
}
