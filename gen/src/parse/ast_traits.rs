//! The compiler traits of a class read off the AST, when the AST alone settles them, so the
//! probe (a second parse, `probe.rs`) is asked only about the rest — and not at all when
//! nothing is left (issue 13: generation at the cost of one parse).
//!
//! Invariant: `decide` answers only for a *C-like struct*, where C++ leaves no choice: a
//! complete, non-union class with at least one field, no bases, no member functions of any kind
//! (so no user-declared constructor, destructor, assignment or virtual), no template, and only
//! public, non-bit-field, non-const, non-volatile fields without default member initializers or
//! attributes, each of a scalar type (arithmetic, enum, pointer), an array of such, or another
//! C-like struct. Such a class is a C++03 POD: trivially copyable, destructible, default/copy/
//! move constructible, and never lends its tail padding (Itanium ABI: POD for layout). Anything
//! else returns `None` and is probed. The compiler builtins (`__is_trivially_relocatable`, P2786)
//! are left unasked: a trivially copyable class is relocatable before they are consulted. The
//! shim's `static_assert(std::is_trivially_copyable<T>)` re-checks the answer at compile time,
//! and gen's `ast_traits_agree_with_the_probe` test compares both on every fixture.

use crate::clang::sys::*;
use crate::clang::{Cursor, Ty};
use crate::model::Traits;

/// The traits of the class at `c` (its definition), when the AST settles them.
pub fn decide(c: Cursor<'_>) -> Option<Traits> {
    c_like(c, 0).then_some(Traits {
        trivially_copyable: Some(true),
        destructible: Some(true),
        default_constructible: Some(true),
        copy_constructible: Some(true),
        move_constructible: Some(true),
        clang_trivially_relocatable: None,
        cpp_trivially_relocatable: None,
        tail_reused: Some(false),
    })
}

fn c_like(c: Cursor<'_>, depth: u32) -> bool {
    if depth > 8 || !matches!(c.kind(), CXCursor_StructDecl | CXCursor_ClassDecl) {
        return false;
    }
    let Some(def) = c.definition() else {
        return false;
    };
    if def.specialized_template().is_some() {
        return false;
    }
    let mut fields = 0;
    for child in def.children() {
        match child.kind() {
            CXCursor_FieldDecl => {
                if !plain_field(child, depth) {
                    return false;
                }
                fields += 1;
            }
            // Nested declarations and access labels do not change the class's own traits.
            CXCursor_StructDecl
            | CXCursor_UnionDecl
            | CXCursor_ClassDecl
            | CXCursor_EnumDecl
            | CXCursor_TypedefDecl
            | CXCursor_TypeAliasDecl
            | CXCursor_CXXAccessSpecifier => {}
            // Bases, member functions, templates, friends, static members, attributes: probe.
            _ => return false,
        }
    }
    fields > 0
}

fn plain_field(f: Cursor<'_>, depth: u32) -> bool {
    if f.access() != CX_CXXPublic || f.is_bit_field() || f.is_mutable_field() {
        return false;
    }
    // An attribute (`[[no_unique_address]]`, `alignas`) is a child cursor; a default member
    // initializer (`= 1`, `{1}`) shows in the tokens (array bounds are children too, so
    // expressions among the children are not the test).
    let attributed = f
        .children()
        .iter()
        .any(|k| unsafe { clang_isAttribute(k.kind()) } != 0);
    let initialized = f.tokens().iter().any(|t| t == "=" || t == "{");
    !attributed && !initialized && plain_type(f.ty(), depth)
}

fn plain_type(t: Ty<'_>, depth: u32) -> bool {
    let t = t.canonical();
    if t.is_const() || t.is_volatile() {
        return false;
    }
    match t.kind() {
        CXType_Bool | CXType_Char_U | CXType_UChar | CXType_Char16 | CXType_Char32
        | CXType_UShort | CXType_UInt | CXType_ULong | CXType_ULongLong | CXType_Char_S
        | CXType_SChar | CXType_WChar | CXType_Short | CXType_Int | CXType_Long
        | CXType_LongLong | CXType_Float | CXType_Double | CXType_LongDouble => true,
        CXType_Enum | CXType_Pointer => true,
        CXType_ConstantArray => {
            t.array_len().is_some_and(|n| n > 0) && plain_type(t.element(), depth)
        }
        CXType_Record => c_like(t.declaration(), depth + 1),
        _ => false,
    }
}
