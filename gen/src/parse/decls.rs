//! One libclang declaration -> one `model::ItemKind`.
//!
//! Invariant: a declaration we cannot bind still produces an item (`ItemKind::Unsupported`,
//! with the reason), so the selection pass can report it; nothing is dropped here silently.

use crate::clang::sys::*;
use crate::clang::Cursor;
use crate::model::{
    Access, Enum, Field, Function, ItemKind, Loc, Marker, MemberType, Method, MethodKind, Operator,
    Param, Record, Skipped, Type, Typedef, UserProvided, Variant, Virtual,
};

use super::types::{convert, member_type};

fn unsupported(what: &str, reason: impl Into<String>) -> ItemKind {
    ItemKind::Unsupported {
        what: what.into(),
        reason: reason.into(),
    }
}

pub fn function(c: Cursor<'_>) -> ItemKind {
    let name = c.spelling();
    if name.starts_with("operator") {
        return unsupported(
            "operator",
            "free operator functions are not bound yet (operators come with classes)",
        );
    }
    if c.is_deleted() {
        return unsupported("function", "deleted function");
    }
    if c.is_variadic() {
        return unsupported(
            "function",
            "C variadic functions (`...`) cannot be called safely from Rust",
        );
    }
    if c.ty().num_template_args() > 0 {
        return unsupported(
            "function",
            "function template specializations are not supported yet",
        );
    }
    ItemKind::Function(Function {
        display: c.display_name(),
        params: params(c),
        ret: convert(c.result_type()),
        noexcept: is_noexcept(c),
        fallible: false,
        borrows: Default::default(),
        with_defaults: false,
        omitted_borrows: Vec::new(),
        deprecated: c.is_deprecated(),
    })
}

pub fn enumeration(c: Cursor<'_>) -> ItemKind {
    let underlying = match convert(c.enum_integer_type()) {
        Type::Prim(p) if p.is_integer() => p,
        other => return unsupported("enum", format!("unsupported underlying type {other:?}")),
    };
    let unsigned = !super::types::is_signed(c.enum_integer_type().canonical().kind());
    let enumerators: Vec<Cursor<'_>> = c
        .children()
        .into_iter()
        .filter(|v| v.kind() == CXCursor_EnumConstantDecl)
        .collect();
    let variants = enumerators
        .iter()
        .zip(super::comments::docs_of_siblings(&enumerators))
        .map(|(v, doc)| Variant {
            name: v.spelling(),
            doc,
            value: if unsigned {
                v.enum_value_unsigned() as i128
            } else {
                v.enum_value_signed() as i128
            },
        })
        .collect();
    ItemKind::Enum(Enum {
        underlying,
        scoped: c.is_scoped_enum(),
        variants,
    })
}

/// Everything relocxx needs about a record: its layout, whether it is plain data (`pod`), the
/// members and bases the composition rule inspects, relocation markers, and the constructors
/// and methods to bind. Members that cannot be bound are recorded as skipped, with the reason.
pub fn record(c: Cursor<'_>, qualified: &str, loc_of: impl Fn(Cursor<'_>) -> Loc) -> ItemKind {
    record_with(c, c.children(), qualified, loc_of)
}

/// `record`, with the member cursors given: a named template instantiation takes its fields
/// from the instantiated type and its other members from the template (`instantiate`).
pub fn record_with<'tu>(
    c: Cursor<'tu>,
    members: Vec<Cursor<'tu>>,
    qualified: &str,
    loc_of: impl Fn(Cursor<'_>) -> Loc,
) -> ItemKind {
    let keyword = if c.kind() == CXCursor_ClassDecl {
        "class"
    } else {
        "struct"
    };
    if c.kind() == CXCursor_UnionDecl {
        return unsupported("union", "unions are not supported yet");
    }
    let ty = c.ty();
    let (Some(size), Some(align)) = (ty.size(), ty.align()) else {
        return unsupported(
            keyword,
            "libclang reports no layout (incomplete or dependent type)",
        );
    };
    let mut r = Record {
        keyword,
        name_hidden: false,
        size,
        align,
        explicit_align: None,
        pod: Ok(Vec::new()),
        members: Vec::new(),
        mutable_members: Vec::new(),
        bases: Vec::new(),
        public_bases: Vec::new(),
        private_bases: Vec::new(),
        ancestors: Vec::new(),
        virtual_dtor: false,
        has_virtual_bases: false,
        is_polymorphic: false,
        is_final: has_final_attr(c),
        is_abstract: c.is_abstract_record(),
        user_provided: UserProvided::default(),
        alloc: Default::default(),
        markers: markers(c),
        ctors: Vec::new(),
        methods: Vec::new(),
        virtuals: Vec::new(),
        derived_default_ctor: true,
        dtor_public: true,
        interface: None,
        extern_path: None,
        skipped_members: Vec::new(),
        traits_from_ast: false,
        traits: Default::default(),
        verdict: None,
    };
    // Settled here for C-like structs; the probe answers for the rest (`parse::probe`).
    if let Some(traits) = super::ast_traits::decide(c) {
        r.traits = traits;
        r.traits_from_ast = true;
    }
    let mut pod = PodLayout::default();
    let mut declares_ctor = false;
    let mut default_ctor = false;
    for m in members {
        let member = format!("{qualified}::{}", m.spelling());
        let public = m.access() == CX_CXXPublic;
        let usable = public && !m.is_deleted();
        match m.kind() {
            CXCursor_CXXBaseSpecifier => {
                pod.fail("it has base classes");
                r.has_virtual_bases |= m.is_virtual_base();
                let mt = member_type(m.ty());
                match (&mt, m.access()) {
                    (MemberType::Record(q), CX_CXXPublic) => {
                        r.public_bases.push((q.clone(), m.is_virtual_base()))
                    }
                    (MemberType::Record(q), CX_CXXPrivate) => r.private_bases.push(q.clone()),
                    _ => {}
                }
                r.bases.push((m.ty().spelling(), mt));
            }
            CXCursor_FieldDecl => {
                if m.is_mutable_field() {
                    r.mutable_members.push(m.spelling());
                }
                r.members.push((m.spelling(), member_type(m.ty())));
                pod.field(m);
            }
            CXCursor_Destructor => {
                r.dtor_public = public && !m.is_deleted();
                r.user_provided.dtor |= !m.is_defaulted() && !m.is_deleted();
                r.is_polymorphic |= m.is_virtual_method();
                r.virtual_dtor |= m.is_virtual_method();
            }
            CXCursor_Constructor if {
                // Any declared constructor removes the implicit default one; a derived class
                // can call a public or protected one that takes no argument.
                declares_ctor = true;
                default_ctor |= m.access() != CX_CXXPrivate
                    && !m.is_deleted()
                    && m.arguments().iter().all(|a| has_default(*a));
                false
            } => {}
            CXCursor_Constructor if m.is_copy_constructor() || m.is_move_constructor() => {
                let user = !m.is_defaulted() && !m.is_deleted();
                if m.is_copy_constructor() {
                    r.user_provided.copy_ctor |= user;
                } else {
                    r.user_provided.move_ctor |= user;
                }
            }
            CXCursor_Constructor if usable => match method(m, MethodKind::Constructor, loc_of(m)) {
                Ok(ctor) => r.ctors.push(ctor),
                Err(why) => r.skipped_members.push(Skipped {
                    callable: None,
                    loc: loc_of(m),
                    name: member,
                    reason: why,
                }),
            },
            CXCursor_CXXMethod if m.spelling() == "operator new" => {
                r.alloc.declares_new = true;
                r.alloc.usable_new |= usable && m.arguments().len() == 1;
            }
            // Class-specific deallocation goes with `operator new` (relocxx.hpp picks the form);
            // array forms are irrelevant to one object.
            CXCursor_CXXMethod if m.spelling() == "operator delete" => {
                r.alloc.unusable_delete |= !usable;
            }
            CXCursor_CXXMethod
                if matches!(m.spelling().as_str(), "operator new[]" | "operator delete[]") => {}
            CXCursor_CXXMethod => {
                r.is_polymorphic |= m.is_virtual_method();
                if m.is_virtual_method() {
                    r.virtuals.push(virtual_fn(m, loc_of(m)));
                }
                if m.spelling() == "operator=" && !m.is_defaulted() && !m.is_deleted() {
                    pod.fail("it has a user-provided assignment operator");
                }
                if !usable || m.spelling() == "operator=" {
                    continue; // private, deleted, or assignment (Rust assignment is drop + move)
                }
                let kind = if m.is_static_method() {
                    MethodKind::Static
                } else {
                    MethodKind::Instance {
                        is_const: m.is_const_method(),
                    }
                };
                match method(m, kind, loc_of(m)) {
                    Ok(meth) => r.methods.push(meth),
                    Err(why) => r.skipped_members.push(Skipped {
                        callable: None,
                        loc: loc_of(m),
                        name: member,
                        reason: why,
                    }),
                }
            }
            CXCursor_ConversionFunction if usable => r.skipped_members.push(Skipped {
                callable: None,
                loc: loc_of(m),
                name: member,
                reason: "conversion operators are not bound".into(),
            }),
            CXCursor_FunctionTemplate if public => r.skipped_members.push(Skipped {
                callable: None,
                loc: loc_of(m),
                name: member,
                reason: "member templates are not bound".into(),
            }),
            CXCursor_VarDecl if public => r.skipped_members.push(Skipped {
                callable: None,
                loc: loc_of(m),
                name: member,
                reason: "static data members are not bound yet".into(),
            }),
            // Nested records and enums are items of their own (`Outer::Inner`, see `parse`).
            CXCursor_TypedefDecl | CXCursor_TypeAliasDecl | CXCursor_ClassTemplate if public => {
                r.skipped_members.push(Skipped {
                    callable: None,
                    loc: loc_of(m),
                    name: member,
                    reason: "member type aliases and member templates are not bound (uses of them are followed)".into(),
                })
            }
            _ => {}
        }
    }
    r.derived_default_ctor = !declares_ctor || default_ctor;
    if r.is_polymorphic {
        pod.fail("it is polymorphic (virtual functions)");
    }
    if r.user_provided.dtor {
        pod.fail("it has a user-provided destructor");
    }
    if r.user_provided.copy_ctor || r.user_provided.move_ctor {
        pod.fail("it has a user-provided copy or move constructor");
    }
    let pod = pod.finish(size, align);
    if let Ok(fields) = &pod {
        let max_field_align = fields.iter().map(|f| f.align).max().unwrap_or(1);
        r.explicit_align = (align > max_field_align).then_some(align);
    }
    r.pod = pod.map(|fields| fields.into_iter().map(|f| f.field).collect());
    ItemKind::Record(r)
}

struct PodField {
    field: Field,
    align: u64,
}

/// Checks, field by field, that the record is plain data whose layout `repr(C)` reproduces.
#[derive(Default)]
struct PodLayout {
    fields: Vec<PodField>,
    failure: Option<String>,
    next_offset: u64,
}

impl PodLayout {
    fn fail(&mut self, why: &str) {
        self.failure.get_or_insert_with(|| why.to_string());
    }

    fn field(&mut self, m: Cursor<'_>) {
        if m.access() != CX_CXXPublic {
            return self.fail("it has non-public fields");
        }
        if m.is_bit_field() {
            return self.fail("it has bit-fields");
        }
        let fty = m.ty();
        let (Some(size), Some(align), Some(offset)) =
            (fty.size(), fty.align(), m.field_offset_bits())
        else {
            return self.fail("a field has no known layout");
        };
        let natural = self.next_offset.next_multiple_of(align);
        if offset % 8 != 0 || offset / 8 != natural {
            return self
                .fail("its field offsets differ from repr(C) (packed or over-aligned fields)");
        }
        self.next_offset = natural + size;
        self.fields.push(PodField {
            field: Field {
                name: m.spelling(),
                doc: super::comments::doc(m),
                ty: convert(fty),
                offset: offset / 8,
                rust_name: String::new(),
            },
            align,
        });
    }

    fn finish(self, size: u64, align: u64) -> Result<Vec<PodField>, String> {
        if let Some(why) = self.failure {
            return Err(why);
        }
        if self.fields.is_empty() {
            return Err(
                "it has no fields (an empty C++ struct has size 1, a Rust one size 0)".into(),
            );
        }
        let max_field_align = self.fields.iter().map(|f| f.align).max().unwrap_or(1);
        if size != self.next_offset.next_multiple_of(align) || align < max_field_align {
            return Err("its size or alignment differs from repr(C)".into());
        }
        Ok(self.fields)
    }
}

/// Relocation markers written in the record's head (before its `{`), as tokens, so that
/// attributes libclang does not expose (trivial_abi, P1144, P2786) are seen too.
fn markers(c: Cursor<'_>) -> Vec<Marker> {
    let mut out = Vec::new();
    for t in c.tokens().iter().take_while(|t| t.as_str() != "{") {
        let m = match t.as_str() {
            "trivial_abi" => Marker::TrivialAbi,
            "trivially_relocatable" => Marker::P1144,
            "trivially_relocatable_if_eligible" => Marker::P2786,
            "RELOCXX_RELOCATABLE" | "relocxx_relocatable" => Marker::Relocxx,
            _ => continue,
        };
        if !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

/// A constructor or method, or why it cannot be bound.
fn method(m: Cursor<'_>, kind: MethodKind, loc: Loc) -> Result<Method, String> {
    if m.is_variadic() {
        return Err("C variadic functions (`...`) cannot be called safely from Rust".into());
    }
    let name = m.spelling();
    let params: Vec<Param> = params(m);
    let op = match name.strip_prefix("operator") {
        None => None,
        Some(sym) => Some(operator(sym.trim(), params.len(), kind)?),
    };
    let ret = if kind == MethodKind::Constructor {
        Type::Void
    } else {
        convert(m.result_type())
    };
    Ok(Method {
        name,
        display: m.display_name(),
        params,
        ret,
        kind,
        noexcept: is_noexcept(m),
        fallible: false,
        op,
        loc,
        doc: super::comments::doc(m),
        rust_name: String::new(),
        borrows: Default::default(),
        with_defaults: false,
        omitted_borrows: Vec::new(),
        deprecated: m.is_deprecated(),
        inherited_from: None,
    })
}

/// A virtual function of any access, for `analyze::subclass`.
fn virtual_fn(m: Cursor<'_>, loc: Loc) -> Virtual {
    let is_const = m.is_const_method();
    let access = match m.access() {
        CX_CXXPublic => Access::Public,
        CX_CXXProtected => Access::Protected,
        _ => Access::Private,
    };
    let fn_ty = m.ty();
    // What an override must repeat that the generated C++ class would not spell.
    let unrepresentable = if fn_ty.ref_qualifier() != CXRefQualifier_None {
        Some("it is `&`/`&&`-qualified")
    } else if fn_ty
        .canonical()
        .spelling()
        .trim_end()
        .ends_with("volatile")
    {
        Some("it is `volatile`-qualified")
    } else if m.result_type().is_const() || m.result_type().is_volatile() {
        Some("its by-value result type is cv-qualified")
    } else {
        None
    };
    let method = match unrepresentable {
        Some(why) => Err(format!(
            "{why}, which an override implemented in Rust does not reproduce"
        )),
        None => method(m, MethodKind::Instance { is_const }, loc.clone()),
    };
    Virtual {
        name: m.spelling(),
        display: m.display_name(),
        // Overriders match by name, canonical parameter types and `const` (typedef spellings
        // differ; covariant results do too).
        key: format!(
            "{}({}){}",
            m.spelling(),
            fn_ty
                .canonical()
                .arg_types()
                .unwrap_or_default()
                .iter()
                .map(|t| t.canonical().spelling())
                .collect::<Vec<_>>()
                .join(", "),
            if is_const { " const" } else { "" }
        ),
        is_const,
        pure: m.is_pure_virtual(),
        access,
        is_final: has_final_attr(m),
        loc,
        method,
    }
}

/// `final` on a class or a virtual function (libclang shows it as an attribute child, so a
/// `final` token elsewhere, e.g. in a default argument, is not mistaken for it).
fn has_final_attr(c: Cursor<'_>) -> bool {
    c.children()
        .iter()
        .any(|k| k.kind() == CXCursor_CXXFinalAttr)
}

fn operator(sym: &str, arity: usize, kind: MethodKind) -> Result<Operator, String> {
    if kind == MethodKind::Static || arity != 1 {
        return Err(format!(
            "operator{sym} with {arity} operand(s) has no Rust counterpart bound yet"
        ));
    }
    Ok(match sym {
        "==" => Operator::Eq,
        "!=" => Operator::Ne,
        "<" => Operator::Lt,
        ">" => Operator::Gt,
        "<=" => Operator::Le,
        ">=" => Operator::Ge,
        "+" => Operator::Add,
        "-" => Operator::Sub,
        "*" => Operator::Mul,
        "/" => Operator::Div,
        "[]" => Operator::Index,
        _ => return Err(format!("operator{sym} has no Rust counterpart bound yet")),
    })
}

fn params(c: Cursor<'_>) -> Vec<Param> {
    c.arguments()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let n = a.spelling();
            Param {
                name: if n.is_empty() { format!("arg{i}") } else { n },
                ty: param_type(a.ty()),
                lifetimebound: is_lifetimebound(*a),
                has_default: has_default(*a),
                callback: None,
                is_context: false,
            }
        })
        .collect()
}

/// A parameter declared as an array (`const Arg* const args[]`, `int a[4]`) is a pointer to
/// its first element, as C++ adjusts it.
fn param_type(ty: crate::clang::Ty<'_>) -> Type {
    let canon = ty.canonical();
    match canon.kind() {
        CXType_ConstantArray | CXType_IncompleteArray | CXType_VariableArray => {
            let elem = canon.element();
            Type::Pointer {
                is_const: elem.is_const(),
                pointee: Box::new(convert(elem)),
            }
        }
        _ => convert(ty),
    }
}

/// A default argument: an expression child written after `=` (an array bound is an
/// expression child too, without `=`).
fn has_default(param: Cursor<'_>) -> bool {
    param.children().iter().any(|d| d.is_expression()) && param.tokens().iter().any(|t| t == "=")
}

/// `[[clang::lifetimebound]]` on a parameter, written out or through a macro named for it
/// (`ABSL_ATTRIBUTE_LIFETIME_BOUND`, `_LIBCPP_LIFETIMEBOUND`): libclang exposes the attribute
/// only as an unexposed attribute child, so its tokens are what can be read.
fn is_lifetimebound(param: Cursor<'_>) -> bool {
    param
        .children()
        .iter()
        .filter(|a| a.kind() == CXCursor_UnexposedAttr)
        .flat_map(|a| a.tokens())
        .any(|t| {
            let t = t.to_ascii_lowercase();
            t.contains("lifetimebound") || t.contains("lifetime_bound")
        })
}

fn is_noexcept(c: Cursor<'_>) -> bool {
    matches!(
        c.exception_spec(),
        CXCursor_ExceptionSpecificationKind_BasicNoexcept
            | CXCursor_ExceptionSpecificationKind_DynamicNone
            | CXCursor_ExceptionSpecificationKind_NoThrow
    )
}

pub fn typedef(c: Cursor<'_>) -> ItemKind {
    let under = c.typedef_underlying();
    ItemKind::Typedef(Typedef {
        target: convert(under),
    })
}
