//! libclang types -> `model::Type`.
//!
//! Invariant: fixed-width and size typedefs (`int64_t`, `size_t`, ...) become the matching Rust
//! primitive only when the canonical type has exactly that size; every other typedef is looked
//! through, so a signature never names an alias that might not be bound.

use crate::clang::sys::*;
use crate::clang::{Cursor, Ty};
use crate::model::{MemberType, NsSeg, Prim, StdType, Type};

thread_local! {
    /// Template parameter -> argument, while the members of a named instantiation are read
    /// from their template (see `instantiate`).
    static SUBSTITUTIONS: std::cell::RefCell<Vec<(String, Type)>> = const { std::cell::RefCell::new(Vec::new()) };
}

thread_local! {
    /// Anonymous records and enums named by a typedef (`typedef struct {..} Name;`), by USR,
    /// for libclang versions that do not give them the typedef's name (14).
    static TYPEDEF_NAMES: std::cell::RefCell<std::collections::HashMap<String, String>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Records, for the parse on this thread, which anonymous types a typedef in `parent` (and
/// the namespaces and `extern "C"` blocks in it) names.
pub fn collect_typedef_names(parent: Cursor<'_>) {
    for c in parent.children() {
        match c.kind() {
            CXCursor_Namespace | CXCursor_LinkageSpec | CXCursor_UnexposedDecl => {
                collect_typedef_names(c)
            }
            CXCursor_TypedefDecl => {
                let under = c.typedef_underlying();
                let under = if under.kind() == CXType_Elaborated {
                    under.named()
                } else {
                    under
                };
                let decl = under.declaration();
                let anonymous = matches!(
                    decl.kind(),
                    CXCursor_StructDecl
                        | CXCursor_UnionDecl
                        | CXCursor_EnumDecl
                        | CXCursor_ClassDecl
                ) && {
                    let spelled = decl.spelling();
                    spelled.is_empty()
                        || decl.is_anonymous()
                        || spelled.contains("(unnamed")
                        || spelled.contains("(anonymous")
                };
                if anonymous {
                    TYPEDEF_NAMES.with(|t| {
                        t.borrow_mut()
                            .entry(decl.usr())
                            .or_insert_with(|| c.spelling());
                    });
                }
            }
            _ => {}
        }
    }
}

/// Forgets the names `collect_typedef_names` recorded.
pub fn clear_typedef_names() {
    TYPEDEF_NAMES.with(|t| t.borrow_mut().clear());
}

/// Runs `f` with template parameters standing for the given arguments.
pub fn with_substitutions<R>(subst: Vec<(String, Type)>, f: impl FnOnce() -> R) -> R {
    let previous = SUBSTITUTIONS.with(|s| std::mem::replace(&mut *s.borrow_mut(), subst));
    let r = f();
    SUBSTITUTIONS.with(|s| *s.borrow_mut() = previous);
    r
}

fn substituted(ty: Ty<'_>) -> Option<Type> {
    let spelling = ty.spelling();
    let name = spelling
        .trim_start_matches("const ")
        .trim_start_matches("volatile ")
        .trim();
    SUBSTITUTIONS.with(|s| {
        s.borrow()
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, t)| t.clone())
    })
}

/// Converts a type seen in a declaration.
pub fn convert(ty: Ty<'_>) -> Type {
    if ty.kind() == CXType_Unexposed {
        if let Some(t) = substituted(ty) {
            return t;
        }
    }
    match ty.kind() {
        CXType_Elaborated => convert(ty.named()),
        CXType_Typedef => {
            let decl = ty.declaration();
            let mut parent = decl.semantic_parent();
            // libc declares `size_t` inside `extern "C" {` (glibc's __BEGIN_DECLS); libclang 14
            // shows that block as an unexposed declaration.
            while matches!(parent.kind(), CXCursor_LinkageSpec | CXCursor_UnexposedDecl) {
                parent = parent.semantic_parent();
            }
            let at_std_scope = parent.is_translation_unit()
                || (parent.kind() == CXCursor_Namespace && parent.spelling() == "std");
            if let Some(p) = fixed_width(&decl.spelling(), ty).filter(|_| at_std_scope) {
                return Type::Prim(p);
            }
            let under = decl.typedef_underlying();
            if under.kind() == CXType_Invalid {
                return convert(ty.canonical());
            }
            convert(under)
        }
        CXType_Pointer => {
            let pointee = ty.pointee();
            if is_function(pointee) {
                let f = pointee.canonical();
                return match f.arg_types() {
                    Some(args) if f.kind() == CXType_FunctionProto => Type::FnPtr {
                        ret: Box::new(convert(f.result())),
                        params: args.into_iter().map(convert).collect(),
                    },
                    _ => Type::unsupported(
                        ty.spelling(),
                        "function pointers without a prototype are not supported",
                    ),
                };
            }
            Type::Pointer {
                is_const: is_const_object(pointee),
                pointee: Box::new(convert(pointee)),
            }
        }
        CXType_LValueReference => {
            let pointee = ty.pointee();
            if is_function(pointee) {
                return Type::unsupported(
                    ty.spelling(),
                    "references to functions are not supported",
                );
            }
            Type::Ref {
                is_const: is_const_object(pointee),
                pointee: Box::new(convert(pointee)),
            }
        }
        CXType_RValueReference => Type::unsupported(
            ty.spelling(),
            "rvalue references (T&&) are not supported yet",
        ),
        CXType_ConstantArray => match ty.array_len() {
            Some(len) => Type::Array {
                elem: Box::new(convert(ty.element())),
                len,
            },
            None => Type::unsupported(ty.spelling(), "array of unknown size"),
        },
        CXType_IncompleteArray | CXType_VariableArray | CXType_DependentSizedArray => {
            Type::unsupported(ty.spelling(), "arrays of unknown size are not supported")
        }
        CXType_Record | CXType_Enum => named_decl(ty),
        CXType_Unexposed | CXType_Auto => {
            // `std::int64_t` reached through `using ::int64_t;` is `UsingType` sugar, which
            // libclang exposes only as "unexposed" with the typedef as its declaration.
            // libclang 19 gives it no declaration, so the spelling is all there is; the size and
            // signedness checks in `fixed_width` keep a look-alike from being misread.
            let spelled = ty.spelling();
            let name = spelled
                .trim_start_matches("const ")
                .trim_start_matches("::")
                .trim_start_matches("std::");
            if let Some(p) = fixed_width(name, ty) {
                return Type::Prim(p);
            }
            let canon = ty.canonical();
            if canon.kind() != ty.kind() && canon.kind() != CXType_Unexposed {
                convert(canon)
            } else {
                Type::unsupported(
                    ty.spelling(),
                    "dependent or unexposed type (templates are not supported yet)",
                )
            }
        }
        k => match builtin(k) {
            Ok(t) => t,
            Err(why) => Type::unsupported(ty.spelling(), why),
        },
    }
}

/// Whether an object of this type is const; an array is const when its elements are
/// (`const int (&)[4]`: libclang puts the qualifier on the element type).
fn is_const_object(ty: Ty<'_>) -> bool {
    if ty.is_const() || ty.canonical().is_const() {
        return true;
    }
    match ty.canonical().kind() {
        CXType_ConstantArray | CXType_IncompleteArray => {
            let elem = ty.element();
            let elem = if elem.kind() == CXType_Invalid {
                ty.canonical().element()
            } else {
                elem
            };
            is_const_object(elem)
        }
        _ => false,
    }
}

fn is_function(ty: Ty<'_>) -> bool {
    let k = ty.canonical().kind();
    k == CXType_FunctionProto || k == CXType_FunctionNoProto
}

fn builtin(kind: CXTypeKind) -> Result<Type, &'static str> {
    let p = match kind {
        CXType_Void => return Ok(Type::Void),
        CXType_Bool => Prim::Bool,
        CXType_Char_S | CXType_Char_U => Prim::CChar,
        CXType_SChar => Prim::SChar,
        CXType_UChar => Prim::UChar,
        CXType_Short => Prim::Short,
        CXType_UShort => Prim::UShort,
        CXType_Int => Prim::Int,
        CXType_UInt => Prim::UInt,
        CXType_Long => Prim::Long,
        CXType_ULong => Prim::ULong,
        CXType_LongLong => Prim::LongLong,
        CXType_ULongLong => Prim::ULongLong,
        CXType_Float => Prim::Float,
        CXType_Double => Prim::Double,
        CXType_Char16 => Prim::Char16,
        CXType_Char32 => Prim::Char32,
        CXType_WChar => return Err("wchar_t differs in size between platforms; not mapped"),
        CXType_Int128 | CXType_UInt128 => return Err("128-bit integers have no stable FFI ABI"),
        CXType_LongDouble => return Err("long double has no Rust equivalent"),
        CXType_NullPtr => return Err("std::nullptr_t is not supported"),
        CXType_Half | CXType_Float16 | CXType_Float128 => {
            return Err("this floating-point type has no stable Rust equivalent")
        }
        _ => return Err("unsupported type"),
    };
    Ok(Type::Prim(p))
}

/// `int64_t` & co.: the standard names, when the canonical type is an integer of exactly
/// that size and signedness.
fn fixed_width(name: &str, ty: Ty<'_>) -> Option<Prim> {
    let ptr = std::mem::size_of::<usize>() as u64;
    let (prim, size, signed) = match name {
        "int8_t" => (Prim::I8, 1, true),
        "int16_t" => (Prim::I16, 2, true),
        "int32_t" => (Prim::I32, 4, true),
        "int64_t" => (Prim::I64, 8, true),
        "uint8_t" => (Prim::U8, 1, false),
        "uint16_t" => (Prim::U16, 2, false),
        "uint32_t" => (Prim::U32, 4, false),
        "uint64_t" => (Prim::U64, 8, false),
        "size_t" | "uintptr_t" => (Prim::Usize, ptr, false),
        "ssize_t" | "ptrdiff_t" | "intptr_t" => (Prim::Isize, ptr, true),
        _ => return None,
    };
    let canon = ty.canonical();
    let integral =
        builtin(canon.kind()).is_ok_and(|t| matches!(t, Type::Prim(p) if p.is_integer()));
    (integral && is_signed(canon.kind()) == signed && canon.size() == Some(size)).then_some(prim)
}

pub(super) fn is_signed(kind: CXTypeKind) -> bool {
    matches!(
        kind,
        CXType_Char_S | CXType_SChar | CXType_Short | CXType_Int | CXType_Long | CXType_LongLong
    )
}

/// A record or enum type: named by its qualified declaration name.
fn named_decl(ty: Ty<'_>) -> Type {
    let decl = ty.declaration();
    if super::library::is_system(decl) {
        return std_type(ty, decl);
    }
    if ty.num_template_args() > 0 {
        // Bound only if the user names it with `instantiate`; `resolve` says so otherwise.
        let canon = ty.canonical().spelling();
        return Type::Record(
            canon
                .trim_start_matches("const ")
                .trim_start_matches("volatile ")
                .to_string(),
        );
    }
    match qualified_name(decl) {
        Ok((ns, name)) => {
            let q = crate::model::qualify(&ns, &name);
            if ty.kind() == CXType_Enum {
                Type::Enum(q)
            } else {
                Type::Record(q)
            }
        }
        Err(why) => Type::unsupported(ty.spelling(), why),
    }
}

/// `std::string`, `std::string_view`, `std::vector<T>` (default allocator); other system types
/// are unsupported with a reason.
fn std_type(ty: Ty<'_>, decl: Cursor<'_>) -> Type {
    let unsupported = || {
        Type::unsupported(
            ty.spelling(),
            "this standard library or system type is not mapped (yet)",
        )
    };
    let Some(template) = decl.specialized_template() else {
        return unsupported();
    };
    let name = visible_name(template);
    let arg = |i: u32| ty.template_arg_type(i);
    let is_char = |t: Ty<'_>| matches!(t.canonical().kind(), CXType_Char_S | CXType_Char_U);
    let is_default_delete = |t: Ty<'_>| {
        t.kind() == CXType_Invalid
            || t.canonical()
                .declaration()
                .specialized_template()
                .is_some_and(|a| visible_name(a) == "std::default_delete")
    };
    let default_allocator = |t: Ty<'_>| {
        t.kind() == CXType_Invalid
            || t.canonical()
                .declaration()
                .specialized_template()
                .is_some_and(|a| visible_name(a) == "std::allocator")
    };
    match name.as_str() {
        "std::basic_string" if is_char(arg(0)) && default_allocator(arg(2)) => {
            Type::Std(StdType::String)
        }
        "std::basic_string_view" if is_char(arg(0)) => Type::Std(StdType::StringView),
        "std::vector" if default_allocator(arg(1)) => {
            Type::Std(StdType::Vector(Box::new(convert(arg(0)))))
        }
        "std::unique_ptr" if is_default_delete(arg(1)) => {
            Type::Std(StdType::UniquePtr(Box::new(convert(arg(0)))))
        }
        "std::shared_ptr" => Type::Std(StdType::SharedPtr(Box::new(convert(arg(0))))),
        "std::optional" => Type::Std(StdType::Optional(Box::new(convert(arg(0))))),
        "std::function" => {
            let f = arg(0).canonical();
            match f.arg_types() {
                Some(args) if f.kind() == CXType_FunctionProto => Type::Std(StdType::Function {
                    ret: Box::new(convert(f.result())),
                    params: args.into_iter().map(convert).collect(),
                }),
                _ => unsupported(),
            }
        }
        "std::span" => Type::Std(StdType::Span {
            is_const: arg(0).is_const(),
            elem: Box::new(convert(arg(0))),
        }),
        _ => unsupported(),
    }
}

/// Namespaces enclosing `decl` (outermost first) and its own name.
pub fn qualified_name(decl: Cursor<'_>) -> Result<(Vec<NsSeg>, String), String> {
    let mut name = decl.spelling();
    if name.is_empty()
        || decl.is_anonymous()
        || name.contains("(unnamed")
        || name.contains("(anonymous")
    {
        // `typedef struct { .. } Name;`: libclang 15+ names the struct `Name` itself.
        match TYPEDEF_NAMES.with(|t| t.borrow().get(&decl.usr()).cloned()) {
            Some(n) => name = n,
            None => return Err("anonymous types are not supported (give the type a name)".into()),
        }
    }
    let mut ns = Vec::new();
    // Enclosing classes, innermost first: a nested type is named `Outer::Inner`.
    let mut outer: Vec<String> = Vec::new();
    let mut parent = decl.semantic_parent();
    loop {
        if parent.is_translation_unit() {
            break;
        }
        match parent.kind() {
            CXCursor_Namespace => {
                let n = parent.spelling();
                if n.is_empty() || parent.is_anonymous() {
                    return Err("declared in an anonymous namespace (internal linkage)".into());
                }
                ns.push(NsSeg {
                    name: n,
                    inline: parent.is_inline_namespace(),
                });
            }
            // `extern "C" {` (libclang 14 reports it as an unexposed declaration).
            CXCursor_LinkageSpec | CXCursor_UnexposedDecl => {}
            CXCursor_StructDecl | CXCursor_ClassDecl | CXCursor_UnionDecl
                if parent.specialized_template().is_none() && !parent.spelling().is_empty() =>
            {
                if parent.access() != CX_CXXPublic && parent.access() != CX_CXXInvalidAccessSpecifier {
                    return Err(format!(
                        "`{}` is not a public member of its enclosing class",
                        parent.spelling()
                    ));
                }
                outer.push(parent.spelling());
            }
            CXCursor_StructDecl | CXCursor_ClassDecl | CXCursor_UnionDecl | CXCursor_ClassTemplate
            | CXCursor_ClassTemplatePartialSpecialization => {
                return Err(format!(
                    "nested in a class template or unnamed class (`{}`): bind the enclosing specialization with instantiate",
                    parent.spelling()
                ))
            }
            k => {
                return Err(format!(
                    "declared inside a function or other unsupported scope (kind {k}, {})",
                    parent.spelling()
                ))
            }
        }
        parent = parent.semantic_parent();
    }
    ns.reverse();
    if decl.access() == CX_CXXPrivate || decl.access() == CX_CXXProtected {
        return Err("not a public member of its enclosing class".into());
    }
    outer.reverse();
    outer.push(name);
    Ok((ns, outer.join("::")))
}

/// What a data member or base of type `ty` means for relocation (see `MemberType`).
pub fn member_type(ty: Ty<'_>) -> MemberType {
    match ty.kind() {
        CXType_Elaborated => member_type(ty.named()),
        CXType_Typedef => {
            let under = ty.declaration().typedef_underlying();
            if under.kind() == CXType_Invalid {
                member_type(ty.canonical())
            } else {
                member_type(under)
            }
        }
        CXType_ConstantArray => MemberType::Array(Box::new(member_type(ty.element()))),
        CXType_Record => record_member(ty),
        CXType_Unexposed | CXType_Auto => {
            let canon = ty.canonical();
            if canon.kind() != CXType_Unexposed {
                member_type(canon)
            } else {
                MemberType::Unknown(ty.spelling())
            }
        }
        CXType_Invalid
        | CXType_IncompleteArray
        | CXType_VariableArray
        | CXType_DependentSizedArray => MemberType::Unknown(ty.spelling()),
        CXType_Pointer | CXType_LValueReference | CXType_RValueReference | CXType_BlockPointer => {
            MemberType::Indirect
        }
        // Scalars, enums, pointers to members.
        _ => MemberType::Trivial,
    }
}

fn record_member(ty: Ty<'_>) -> MemberType {
    let decl = ty.declaration();
    let in_system = super::library::is_system(decl);
    if let Some(template) = decl.specialized_template() {
        let name = visible_name(template);
        if !in_system {
            return MemberType::Unknown(format!(
                "{} (user template specialization)",
                ty.spelling()
            ));
        }
        let n = ty.num_template_args().max(0) as u32;
        let args = (0..n)
            .map(|i| ty.template_arg_type(i))
            .filter(|t| t.kind() != CXType_Invalid)
            .map(member_type)
            .collect();
        return MemberType::Std {
            template: name,
            args,
        };
    }
    if in_system {
        return MemberType::StdClass(visible_name(decl));
    }
    match qualified_name(decl) {
        Ok((ns, name)) => MemberType::Record(crate::model::qualify(&ns, &name)),
        Err(why) => MemberType::Unknown(format!("{}: {why}", ty.spelling())),
    }
}

/// Qualified name without inline namespaces: `std::__cxx11::basic_string` -> `std::basic_string`.
pub fn visible_name(decl: Cursor<'_>) -> String {
    let mut segs = vec![decl.spelling()];
    let mut p = decl.semantic_parent();
    while !p.is_null() && !p.is_translation_unit() {
        if p.kind() == CXCursor_Namespace && p.is_inline_namespace() {
            // skipped: invisible to users
        } else if !p.spelling().is_empty() {
            segs.push(p.spelling());
        }
        p = p.semantic_parent();
    }
    segs.reverse();
    segs.join("::")
}
