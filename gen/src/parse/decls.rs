//! One libclang declaration -> one `model::ItemKind`.
//!
//! Invariant: a declaration we cannot bind still produces an item (`ItemKind::Unsupported`,
//! with the reason), so the selection pass can report it; nothing is dropped here silently.

use crate::clang::sys::*;
use crate::clang::Cursor;
use crate::model::{Enum, Field, Function, ItemKind, Param, Skipped, Struct, Type, Typedef, Variant};

use super::types::convert;

fn unsupported(what: &str, reason: impl Into<String>) -> ItemKind {
    ItemKind::Unsupported { what: what.into(), reason: reason.into() }
}

pub fn function(c: Cursor<'_>) -> ItemKind {
    let name = c.spelling();
    if name.starts_with("operator") {
        return unsupported("operator", "free operator functions are not bound yet (operators come with classes)");
    }
    if c.is_deleted() {
        return unsupported("function", "deleted function");
    }
    if c.is_variadic() {
        return unsupported("function", "C variadic functions (`...`) cannot be called safely from Rust");
    }
    if c.ty().num_template_args() > 0 {
        return unsupported("function", "function template specializations are not supported yet");
    }
    let params = c
        .arguments()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let n = a.spelling();
            Param { name: if n.is_empty() { format!("arg{i}") } else { n }, ty: convert(a.ty()) }
        })
        .collect();
    let noexcept = matches!(
        c.exception_spec(),
        CXCursor_ExceptionSpecificationKind_BasicNoexcept
            | CXCursor_ExceptionSpecificationKind_DynamicNone
            | CXCursor_ExceptionSpecificationKind_NoThrow
    );
    ItemKind::Function(Function { params, ret: convert(c.result_type()), noexcept })
}

pub fn enumeration(c: Cursor<'_>) -> ItemKind {
    let underlying = match convert(c.enum_integer_type()) {
        Type::Prim(p) if p.is_integer() => p,
        other => return unsupported("enum", format!("unsupported underlying type {other:?}")),
    };
    let unsigned = !super::types::is_signed(c.enum_integer_type().canonical().kind());
    let variants = c
        .children()
        .into_iter()
        .filter(|v| v.kind() == CXCursor_EnumConstantDecl)
        .map(|v| Variant {
            name: v.spelling(),
            value: if unsigned { v.enum_value_unsigned() as i128 } else { v.enum_value_signed() as i128 },
        })
        .collect();
    ItemKind::Enum(Enum { underlying, scoped: c.is_scoped_enum(), variants })
}

/// A record becomes a `Struct` only when it is trivially copyable and standard-layout with
/// public fields whose layout Rust's `repr(C)` reproduces; the shim re-checks this with
/// `static_assert`. Members we do not bind yet are recorded on the struct as skipped.
pub fn record(c: Cursor<'_>, qualified: &str, loc_of: impl Fn(Cursor<'_>) -> crate::model::Loc) -> ItemKind {
    let keyword = if c.kind() == CXCursor_ClassDecl { "class" } else { "struct" };
    if c.kind() == CXCursor_UnionDecl {
        return unsupported("union", "unions are not supported yet");
    }
    let not_pod = |why: &str| {
        unsupported(
            keyword,
            format!("{why}; only trivially copyable standard-layout structs with public fields are bound so far"),
        )
    };
    let ty = c.ty();
    let (Some(size), Some(align)) = (ty.size(), ty.align()) else {
        return unsupported(keyword, "libclang reports no layout (incomplete or dependent type)");
    };
    let mut fields = Vec::new();
    let mut skipped_members = Vec::new();
    let mut expected_offset = 0u64;
    let mut max_field_align = 1u64;
    for m in c.children() {
        let member = format!("{qualified}::{}", m.spelling());
        let mut skip = |reason: &str| {
            skipped_members.push(Skipped { loc: loc_of(m), name: member.clone(), reason: reason.into() })
        };
        match m.kind() {
            CXCursor_CXXBaseSpecifier => return not_pod("it has base classes"),
            CXCursor_FieldDecl => {
                if m.access() != CX_CXXPublic {
                    return not_pod("it has non-public fields");
                }
                if m.is_bit_field() {
                    return not_pod("it has bit-fields");
                }
                let fty = m.ty();
                let (Some(fsize), Some(falign), Some(offset)) = (fty.size(), fty.align(), m.field_offset_bits()) else {
                    return not_pod("a field has no known layout");
                };
                let natural = expected_offset.next_multiple_of(falign);
                if offset % 8 != 0 || offset / 8 != natural {
                    return not_pod("its field offsets differ from repr(C) (packed or over-aligned fields)");
                }
                expected_offset = natural + fsize;
                max_field_align = max_field_align.max(falign);
                fields.push(Field { name: m.spelling(), ty: convert(fty), offset: offset / 8, rust_name: String::new() });
            }
            CXCursor_CXXMethod if m.is_virtual_method() => return not_pod("it is polymorphic (virtual methods)"),
            CXCursor_Destructor if !m.is_defaulted() => return not_pod("it has a user-provided destructor"),
            CXCursor_Constructor
                if (m.is_copy_constructor() || m.is_move_constructor()) && !m.is_defaulted() && !m.is_deleted() =>
            {
                return not_pod("it has a user-provided copy or move constructor")
            }
            CXCursor_CXXMethod if m.spelling() == "operator=" && !m.is_defaulted() && !m.is_deleted() => {
                return not_pod("it has a user-provided assignment operator")
            }
            CXCursor_Constructor | CXCursor_Destructor | CXCursor_CXXMethod | CXCursor_ConversionFunction
            | CXCursor_FunctionTemplate => {
                if !m.is_defaulted() && !m.is_deleted() {
                    skip("member functions are not bound yet (they come with class support)");
                }
            }
            CXCursor_VarDecl => skip("static data members are not bound yet"),
            CXCursor_StructDecl | CXCursor_ClassDecl | CXCursor_UnionDecl | CXCursor_EnumDecl
            | CXCursor_TypedefDecl | CXCursor_TypeAliasDecl | CXCursor_ClassTemplate => {
                skip("nested types are not supported yet")
            }
            _ => {}
        }
    }
    if fields.is_empty() {
        return not_pod("it has no fields (an empty C++ struct has size 1, a Rust one size 0)");
    }
    if size != expected_offset.next_multiple_of(align) || align < max_field_align {
        return not_pod("its size or alignment differs from repr(C)");
    }
    let explicit_align = (align > max_field_align).then_some(align);
    ItemKind::Struct(Struct { fields, size, align, explicit_align, keyword, skipped_members })
}

pub fn typedef(c: Cursor<'_>) -> ItemKind {
    let under = c.typedef_underlying();
    ItemKind::Typedef(Typedef { target: convert(under) })
}
