relocxx::include_cpp! {
    #include "errors.h"
    rename!("errs::checked_div")
}

fn main() {}
