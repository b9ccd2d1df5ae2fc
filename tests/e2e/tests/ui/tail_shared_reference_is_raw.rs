// `Sized& as_sized(Meter&)`: the `Sized` may be a base subobject whose tail padding holds the
// derived class's members, so it never becomes a `&mut Sized` (a swap would overwrite them):
// the result is a raw pointer and the call `unsafe`.
use relocxx_e2e::hierarchy::inh;

fn main() {
    let mut m = inh::Meter::new(1);
    let base: *mut inh::Sized = inh::as_sized(&mut m);
    let _ = base;
}
