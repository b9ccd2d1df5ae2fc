// A declaration relocxx skipped, named where the user calls it: the first error is relocxx's
// reason (not "cannot find function"), for a free function, a method and a constructor.
use relocxx_e2e::interfaces::ui;
use relocxx_e2e::safety::safety;

fn main() {
    let mut view = 0u8;
    safety::view_reset(&mut view);
    let s = safety::Slice::new();
    s.reset_view(&mut view);
    let _ = ui::Listener::new();
}
