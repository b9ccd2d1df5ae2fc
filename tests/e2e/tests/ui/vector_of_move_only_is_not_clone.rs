// CppVector<T> is Clone only when C++ can copy the elements (std::vector<Ticket> has no copy
// constructor, so no VectorClone was generated for Ticket).
use relocxx_e2e::stdtypes::stdt;

fn main() {
    let v = stdt::tickets(2);
    let _copy = v.clone();
}
