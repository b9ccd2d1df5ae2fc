//! The C++ class of an opaque exported type: storage of exactly the size and alignment of the
//! Rust `Option<T>` (read from the compiled crate, `layout.rs`), moves that copy the bytes and
//! leave the source moved-from (`None`, written by Rust), a destructor running `Drop` once, a
//! copy constructor only for `Clone`, and the members of its exported `impl` blocks. The class
//! is trivially relocatable and says so where the compiler has a way (`[[clang::trivial_abi]]`,
//! P2786's `trivially_relocatable_if_eligible`; see `relocxx/rust.hpp`).

use std::fmt::Write;

use super::header::{doc_lines, RT};
use super::syntax::Opaque;

/// (`extern "C"` declarations, class definition, inline member definitions, the global
/// `Abi` specialization).
pub fn class(
    o: &Opaque,
    qualified: &str,
    symbol: &str,
    layout: (u64, u64),
    members: &str,
) -> [String; 4] {
    let name = super::header::cpp_ident(&o.ident.to_string());
    let (size, align) = layout;
    let mut decls = format!(
        "void {symbol}_drop(void* repr) noexcept;\nvoid {symbol}_vacate(void* repr) noexcept;\n"
    );
    if o.clone {
        let _ = writeln!(
            decls,
            "{RT}::detail::ErrorBox* {symbol}_clone(const void* from, void* to) noexcept;"
        );
    }
    let copy = if o.clone {
        format!(
            "    // `Clone`.\n    {name}(const {name}& other);\n    {name}& operator=(const {name}& other);\n"
        )
    } else {
        format!(
            "    // Not `Clone`: no copies.\n    {name}(const {name}&) = delete;\n    {name}& operator=(const {name}&) = delete;\n"
        )
    };
    let mut class = doc_lines(&o.docs);
    let _ = write!(
        class,
        "class RELOCXX_EXPORT_TRIVIAL_ABI {name} RELOCXX_TRIVIALLY_RELOCATABLE_IF_ELIGIBLE final {{\n\
         public:\n\
         {members}\
         \x20   // A move copies the bytes; `other` is left moved-from (using it throws).\n\
         \x20   {name}({name}&& other) noexcept;\n\
         \x20   {name}& operator=({name}&& other) noexcept;\n\
         {copy}\
         \x20   // Runs `Drop` (unless moved from).\n\
         \x20   ~{name}();\n\
         \x20   // Takes the value Rust wrote at `repr` (for generated code).\n\
         \x20   {name}({RT}::detail::Adopt, const void* repr) noexcept;\n\n\
         private:\n\
         \x20   alignas({align}) unsigned char repr_[{size}];\n\
         }};\n\
         static_assert(sizeof({name}) == {size} && alignof({name}) == {align}, \"relocxx: {name} has the size and alignment of the Rust Option<{name}>\");\n"
    );
    let mut defs = format!(
        "inline {name}::{name}({name}&& other) noexcept {{\n\
         \x20   std::memcpy(repr_, other.repr_, sizeof repr_);\n\
         \x20   {symbol}_vacate(other.repr_);\n\
         }}\n\
         inline {name}& {name}::operator=({name}&& other) noexcept {{\n\
         \x20   if (this != &other) {{\n\
         \x20       {symbol}_drop(repr_);\n\
         \x20       std::memcpy(repr_, other.repr_, sizeof repr_);\n\
         \x20       {symbol}_vacate(other.repr_);\n\
         \x20   }}\n\
         \x20   return *this;\n\
         }}\n\
         inline {name}::~{name}() {{ {symbol}_drop(repr_); }}\n\
         inline {name}::{name}({RT}::detail::Adopt, const void* repr) noexcept {{\n\
         \x20   std::memcpy(repr_, repr, sizeof repr_);\n\
         }}\n"
    );
    if o.clone {
        let _ = write!(
            defs,
            "inline {name}::{name}(const {name}& other) {{\n\
             \x20   {RT}::detail::check({symbol}_clone(other.repr_, repr_));\n\
             }}\n\
             inline {name}& {name}::operator=(const {name}& other) {{\n\
             \x20   if (this != &other) *this = {name}(other);\n\
             \x20   return *this;\n\
             }}\n"
        );
    }
    // `#[derive(PartialEq/PartialOrd)]`: the operators ask Rust (a moved-from side throws).
    let mut compare = |what: &str, out: &str, ops: &[(&str, &str)]| {
        let _ = writeln!(
            decls,
            "{RT}::detail::ErrorBox* {symbol}_{what}(const void* a, const void* b, {out}* result) noexcept;"
        );
        let _ = write!(
            defs,
            "inline {out} relocxx_{what}(const {name}& a, const {name}& b) {{\n\
             \x20   {RT}::detail::Out<{out}> r;\n\
             \x20   {RT}::detail::check({symbol}_{what}(&a, &b, r.ptr()));\n\
             \x20   return r.take();\n\
             }}\n"
        );
        for (op, test) in ops {
            let _ = writeln!(
                defs,
                "inline bool operator{op}(const {name}& a, const {name}& b) {{ {test} }}"
            );
        }
    };
    if o.partial_eq {
        compare(
            "eq",
            "bool",
            &[
                ("==", "return relocxx_eq(a, b);"),
                ("!=", "return !relocxx_eq(a, b);"),
            ],
        );
    }
    if o.partial_ord {
        // -1, 0, 1, or 2 when unordered (every comparison false, as Rust's `partial_cmp`).
        compare(
            "cmp",
            "std::int8_t",
            &[
                ("<", "return relocxx_cmp(a, b) == -1;"),
                (
                    "<=",
                    "const auto r = relocxx_cmp(a, b); return r == -1 || r == 0;",
                ),
                (">", "return relocxx_cmp(a, b) == 1;"),
                (
                    ">=",
                    "const auto r = relocxx_cmp(a, b); return r == 1 || r == 0;",
                ),
            ],
        );
    }
    let abi = format!(
        "template <>\n\
         struct relocxx::rust::detail::Abi<{qualified}> {{\n\
         \x20   struct type {{\n\
         \x20       alignas({align}) unsigned char repr[{size}];\n\
         \x20   }};\n\
         \x20   static {qualified} into(type&& a) {{ return {qualified}({RT}::detail::Adopt{{}}, a.repr); }}\n\
         }};\n"
    );
    [decls, class, defs, abi]
}
