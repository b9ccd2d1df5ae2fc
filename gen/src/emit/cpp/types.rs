//! `model::Type` -> C++ spellings for the shim. Names are fully qualified (`::ns::T`) so no
//! parameter or local name in a thunk can shadow them; const is written east (`T const*`) so
//! spellings compose for pointers to pointers.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::model::{ItemKind, Model, Prim, StdType, Type};

thread_local! {
    /// Records whose name a function hides, with their keyword, for the shim being emitted.
    static HIDDEN: RefCell<HashMap<String, &'static str>> = RefCell::new(HashMap::new());
}

/// Runs `f` with the hidden record names of `model` known to `cpp_type`.
pub fn with_model<R>(model: &Model, f: impl FnOnce() -> R) -> R {
    let hidden = model
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Record(r) if r.name_hidden => Some((i.qualified(), r.keyword)),
            _ => None,
        })
        .collect();
    let previous = HIDDEN.with(|h| std::mem::replace(&mut *h.borrow_mut(), hidden));
    let r = f();
    HIDDEN.with(|h| *h.borrow_mut() = previous);
    r
}

pub fn prim(p: Prim) -> &'static str {
    use Prim::*;
    match p {
        Bool => "bool",
        CChar => "char",
        SChar => "signed char",
        UChar => "unsigned char",
        Short => "short",
        UShort => "unsigned short",
        Int => "int",
        UInt => "unsigned int",
        Long => "long",
        ULong => "unsigned long",
        LongLong => "long long",
        ULongLong => "unsigned long long",
        Float => "float",
        Double => "double",
        I8 => "std::int8_t",
        I16 => "std::int16_t",
        I32 => "std::int32_t",
        I64 => "std::int64_t",
        U8 => "std::uint8_t",
        U16 => "std::uint16_t",
        U32 => "std::uint32_t",
        U64 => "std::uint64_t",
        Usize => "std::size_t",
        Isize => "std::ptrdiff_t",
        Char16 => "char16_t",
        Char32 => "char32_t",
    }
}

pub fn cpp_type(ty: &Type) -> String {
    match ty {
        Type::Void => "void".into(),
        Type::Prim(p) => prim(*p).into(),
        Type::Record(q) => match HIDDEN.with(|h| h.borrow().get(q).copied()) {
            Some(keyword) => format!("{keyword} ::{q}"),
            None => format!("::{q}"),
        },
        Type::Enum(q) => format!("::{q}"),
        Type::Pointer { pointee, is_const } => format!(
            "{}{}*",
            cpp_type(pointee),
            if *is_const { " const" } else { "" }
        ),
        Type::Ref { pointee, is_const } => format!(
            "{}{}&",
            cpp_type(pointee),
            if *is_const { " const" } else { "" }
        ),
        // An alias, so pointers and references to arrays compose like any other type.
        Type::Array { elem, len } => {
            format!("::relocxx::detail::array_t<{}, {len}>", cpp_type(elem))
        }
        Type::Std(StdType::String) => "std::string".into(),
        Type::Std(StdType::StringView) => "std::string_view".into(),
        Type::Std(StdType::Vector(e)) => format!("std::vector<{}>", cpp_type(e)),
        Type::Std(StdType::UniquePtr(e)) => format!("std::unique_ptr<{}>", cpp_type(e)),
        Type::Std(StdType::SharedPtr(e)) => format!("std::shared_ptr<{}>", cpp_type(e)),
        Type::Std(StdType::Optional(e)) => format!("std::optional<{}>", cpp_type(e)),
        Type::Std(StdType::Span { elem, is_const }) => format!(
            "std::span<{}{}>",
            cpp_type(elem),
            if *is_const { " const" } else { "" }
        ),
        Type::Std(StdType::Function { ret, params }) => format!(
            "std::function<{}({})>",
            cpp_type(ret),
            params.iter().map(cpp_type).collect::<Vec<_>>().join(", ")
        ),
        Type::FnPtr { ret, params } => format!(
            "std::add_pointer_t<{}({})>",
            cpp_type(ret),
            params.iter().map(cpp_type).collect::<Vec<_>>().join(", ")
        ),
        Type::Unsupported { spelling, .. } => spelling.clone(),
    }
}

/// A pointer to `ty` (for references and by-pointer structs crossing the boundary).
pub fn pointer_to(ty: &Type, is_const: bool) -> String {
    format!("{}{}*", cpp_type(ty), if is_const { " const" } else { "" })
}

pub fn underlying_of(enum_ty: &Type) -> String {
    format!("std::underlying_type_t<{}>", cpp_type(enum_ty))
}
