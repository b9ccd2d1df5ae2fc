//! Bindings declared in Rust source with include_cpp!: two blocks, one here and one in a
//! submodule file.

relocxx::include_cpp! {
    #include "errors.h"
    name!(errors)
    fallible!("errs::checked_div")
    fallible!("errs::throw_int")
    fallible!("errs::Account::(Account|withdraw)")
    rename!("errs::checked_div_abort", div_or_abort)
    send!("errs::Account")
}

pub mod listeners;
pub mod second;
