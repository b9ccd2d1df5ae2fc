relocxx::include_cpp! {
    #include "errors.h"
    allow!(errs)
}

fn main() {}
