//! Free functions: a thunk declaration and a wrapper each, lowered by `calls`.

use proc_macro2::TokenStream;

use super::calls::{ffi_decl, lower, wrapper_fn, Call};
use super::docs::Doc;
use super::types::Paths;
use crate::emit::abi::{self, Reprs, Sig};
use crate::model::{Function, Item};

fn call<'a>(binding: &str, item: &'a Item, f: &'a Function) -> Call<'a> {
    Call {
        sig: Sig::of_function(f),
        thunk: abi::thunk_name(binding, item, None),
        self_record: None,
    }
}

pub fn ffi(binding: &str, item: &Item, f: &Function, paths: &Paths, reprs: &Reprs) -> TokenStream {
    ffi_decl(&call(binding, item, f), paths, reprs)
}

pub fn wrapper(
    binding: &str,
    item: &Item,
    f: &Function,
    paths: &Paths,
    reprs: &Reprs,
    source: &str,
) -> TokenStream {
    let low = lower(&call(binding, item, f), paths, item.ns.len(), reprs);
    let doc = Doc::cpp(&item.doc).para(&format!("C++ `{}` ({source}).", item.qualified()));
    wrapper_fn(&item.rust_name, low, doc, f.deprecated)
}
