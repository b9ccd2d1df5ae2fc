relocxx::include_cpp! {
    #include "errors.h"
    allw!("errs::.*")
}

fn main() {}
