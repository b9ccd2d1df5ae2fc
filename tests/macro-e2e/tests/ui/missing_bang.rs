relocxx::include_cpp! {
    #include "errors.h"
    block("errs::.*")
}

fn main() {}
