// `operator new` is deleted: C++ cannot `new` it, and neither can CppBox.
use relocxx_e2e::safety::safety;

fn main() {
    let b = relocxx::CppBox::emplace(safety::NoHeap::new());
    println!("{}", b.value());
}
