relocxx::include_cpp! {
    #include "errors.h"
    name!(never_built)
}

fn main() {}
