// `Sized& as_sized(Meter&)`: the `Sized` may be a base subobject whose tail padding holds the
// derived class's members, so it never becomes a `&mut Sized` (a swap would overwrite them):
// the result is a raw pointer and the call `unsafe`. The same for plain data that is not POD
// for layout (`Tally`, default member initializers) and for a `final` class that can be a
// `[[no_unique_address]]` member (`Gauge`).
use relocxx_e2e::hierarchy::inh;

fn main() {
    let mut m = inh::Meter::new(1);
    let base: *mut inh::Sized = inh::as_sized(&mut m);
    let _ = base;
    let mut t = inh::Tallied::new();
    let tally: *mut inh::Tally = inh::as_tally(&mut t);
    let _ = tally;
    let mut p = inh::Panel::new();
    let gauge: *mut inh::Gauge = inh::gauge_of(&mut p);
    let _ = gauge;
}
