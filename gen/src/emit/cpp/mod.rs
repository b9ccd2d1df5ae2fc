//! Model -> the C++ shim: `<name>.h` (includes + thunk prototypes) and `<name>.cc`
//! (layout `static_assert`s + thunk definitions). Text is built directly: the output is small,
//! regular C++ and a formatter would add a dependency for no gain.

mod asserts;
mod bases;
mod records;
mod subclass;
mod thunks;
pub mod types;
mod upcalls;

use crate::emit::abi::{self, Sig};
use crate::model::{ItemKind, Model};
use thunks::{Callee, CppCall};

pub struct Shim {
    pub h: String,
    pub cc: String,
}

/// `includes` are the spellings for `#include <...>` of the user's headers.
pub fn emit(binding: &str, model: &Model, includes: &[String]) -> Shim {
    types::with_model(model, || emit_shim(binding, model, includes))
}

fn emit_shim(binding: &str, model: &Model, includes: &[String]) -> Shim {
    let guard = format!("RELOCXX_GENERATED_{}_H", binding.to_ascii_uppercase());
    let mut h = format!(
        "// C++ half of the relocxx bindings `{binding}`. Generated; do not edit.\n\
         #ifndef {guard}\n#define {guard}\n\n\
         #include <cstddef>\n#include <cstdint>\n#include <memory>\n#include <new>\n#include <type_traits>\n\n\
         #include \"include/relocxx/relocxx.hpp\"\n\n"
    );
    for inc in includes {
        h += &format!("#include <{inc}>\n");
    }
    h += "\nextern \"C\" {\n";
    let mut asserts = String::new();
    let mut defs = String::new();
    let reprs = crate::analyze::signatures::reprs(&model.items);
    let targets = abi::std_targets(&model.items);
    asserts += &asserts::runtime_vectors(model);
    for item in &model.items {
        match &item.kind {
            ItemKind::Function(f) => {
                let call = CppCall {
                    sig: Sig::of_function(f),
                    thunk: abi::thunk_name(binding, item, None),
                    self_cpp: None,
                    callee: Callee::Free(item.cpp_path()),
                    what: item.qualified(),
                    noexcept: f.noexcept,
                };
                h += &format!("{};\n", thunks::signature(&call, &reprs));
                defs += "\n";
                defs += &thunks::definition(&call, &reprs);
            }
            // Its owner's shim has its thunks; the layout facts this binding relies on stay.
            ItemKind::Record(r) if r.extern_path.is_some() => {
                asserts += &records::asserts(item, r);
            }
            ItemKind::Record(r) => {
                asserts += &records::asserts(item, r);
                let (mut protos, mut ds) = records::thunks(binding, item, r, &reprs, &targets);
                let (bp, bd) = bases::thunks(binding, item, r, &reprs, &targets);
                protos.extend(bp);
                ds.extend(bd);
                if let Some(iface) = &r.interface {
                    let (sp, sd) = subclass::thunks(binding, item, iface, &reprs);
                    protos.extend(sp);
                    ds.extend(sd);
                }
                for p in protos {
                    h += &format!("{p};\n");
                }
                for d in ds {
                    defs += "\n";
                    defs += &d;
                }
            }
            ItemKind::Enum(e) => asserts += &asserts::for_enum(item, e),
            ItemKind::Constant(k) => asserts += &asserts::for_constant(item, k),
            ItemKind::Typedef(_) | ItemKind::Opaque | ItemKind::Unsupported { .. } => {}
        }
    }
    h += &format!("}} // extern \"C\"\n\n#endif // {guard}\n");
    let cc = format!(
        "// C++ half of the relocxx bindings `{binding}`. Generated; do not edit.\n\
         #include \"{binding}.h\"\n\n\
         // Deprecated C++ functions are bound too (the Rust side is #[deprecated]): calling them\n\
         // here is not the user's use, so the compiler need not warn.\n\
         #if defined(__GNUC__)\n#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n#endif\n\n\
         // Layout facts the Rust side relies on.\n{asserts}{defs}"
    );
    Shim { h, cc }
}
