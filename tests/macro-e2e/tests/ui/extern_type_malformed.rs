// extern_type! takes the C++ class and the Rust path of its binding, both as strings.
relocxx::include_cpp! {
    #include "basics.h"
    extern_type!("geo::Point", crate_a::ffi::geo::Point)
}

fn main() {}
