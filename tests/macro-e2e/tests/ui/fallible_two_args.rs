relocxx::include_cpp! {
    #include "errors.h"
    fallible!("errs::checked_div", "errs::throw_int")
}

fn main() {}
