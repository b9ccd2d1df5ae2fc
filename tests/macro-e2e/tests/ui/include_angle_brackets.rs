relocxx::include_cpp! {
    #include <errors.h>
}

fn main() {}
