relocxx::include_cpp! {
    #include "errors.h"
    name!(a)
    name!(b)
}

fn main() {}
