relocxx::include_cpp! {
    #include "syntax_error.h"
    name!(broken)
}

fn main() {}
