// A UniquePtr of a pinned class gives Pin<&mut T> (pin_mut, as_mut), never &mut T: the object
// must not move (mem::swap, mem::replace).
use relocxx_e2e::stdtypes::stdt;

#[allow(unused_mut)]
fn main() {
    let mut a = stdt::make_gadget(1);
    let mut b = stdt::make_gadget(2);
    std::mem::swap(&mut *a, &mut *b);
}
