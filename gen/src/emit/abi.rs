//! How each value crosses the `extern "C"` boundary — the one place both emitters ask.
//!
//! - Scalars and raw pointers pass by value with identical types on both sides.
//! - Enums pass as their underlying integer (the Rust newtype is `repr(transparent)`).
//! - Plain-data records pass by pointer (C++ copies from it).
//! - Relocatable records passed by value: Rust gives up ownership (`ManuallyDrop`) and passes a
//!   pointer; the thunk move-constructs the parameter from it and destroys the source, so the
//!   object is relocated on the Rust side with no move constructor, and destroyed exactly once.
//! - Records returned by value are constructed by the thunk into storage the caller provides:
//!   Rust's own `MaybeUninit` for plain-data and relocatable records, the final place (via
//!   `relocxx::Ctor`) for pinned ones.
//! - References pass as pointers. A returned reference becomes a Rust borrow only when
//!   `analyze::borrows` named what it borrows from; otherwise it is a raw pointer and the
//!   function is `unsafe`.

use std::collections::HashMap;

use crate::analyze::naming::rust_ident;
use crate::model::{
    Borrows, Item, Method, MethodKind, Operator, Param, Record, Repr, StdType, Type,
};

pub type Reprs = HashMap<String, Repr>;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Pass {
    Value,
    Enum,
    CopyIn,
    MoveIn,
    Ref {
        is_const: bool,
        pinned: bool,
        /// A non-const reference to a relocatable class: accepts `&mut T` or `Pin<&mut T>`
        /// (`relocxx::MutRef`), so pinned idioms compile whichever standard library decides.
        flexible: bool,
    },
    /// `std::string` by value: the `CppString` handle is given to C++, which moves from it.
    StringMove,
    /// `std::string_view`: (pointer, length) of any `AsRef<[u8]>`.
    View,
    /// `std::span<T>`: (pointer, length) of a Rust slice.
    Span {
        is_const: bool,
    },
    /// `std::function<F>` (by value or const reference): a Rust closure, as (holder, drop,
    /// call) from which the thunk builds the `std::function` (`analyze::callbacks`).
    Callback,
    /// The function pointer of a `callback!` pair: a Rust closure; C gets a Rust
    /// `extern "C" fn` monomorphized for it.
    CClosure,
    /// The `void*` context of a `callback!` pair: the closure's holder.
    Context,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Ret {
    Void,
    Value,
    Enum,
    OutPtr,
    /// A pinned record by value: `impl Ctor`.
    Ctor,
    Borrow {
        is_const: bool,
        pinned: bool,
    },
    /// Reference with no lifetime we can state: returned as a raw pointer.
    RawRef {
        is_const: bool,
    },
    /// `std::string` by value, constructed into a new `CppString` handle.
    StringOut,
    /// `std::string_view`, returned as `&[u8]` borrowing like a reference (sound or skipped).
    View,
    /// `std::span<T>`, returned as a borrowed slice (sound or skipped).
    Span {
        is_const: bool,
    },
    /// `std::optional<T>` by value: a flag, and the value constructed into Rust storage.
    Optional,
}

/// The implicit object parameter.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Receiver {
    None,
    Const,
    Mut,
    /// Non-const method of a pinned type: `self: Pin<&mut Self>`.
    PinMut,
}

/// Everything about a call that decides its lowering.
pub struct Sig<'a> {
    pub params: &'a [Param],
    pub ret: &'a Type,
    pub receiver: Receiver,
    /// `fallible!`: exceptions come back as `Err(relocxx::Exception)` instead of aborting.
    pub fallible: bool,
    /// What the result borrows and whether the call may retain a borrow (`analyze::borrows`).
    pub borrows: &'a Borrows,
}

impl<'a> Sig<'a> {
    /// The signature of a free function.
    pub fn of_function(f: &'a crate::model::Function) -> Sig<'a> {
        Sig {
            params: &f.params,
            ret: &f.ret,
            receiver: Receiver::None,
            fallible: f.fallible,
            borrows: &f.borrows,
        }
    }

    /// The signature of a constructor or method of a record with representation `repr`.
    pub fn of_method(m: &'a Method, ret: &'a Type, repr: Repr) -> Sig<'a> {
        Sig {
            params: &m.params,
            ret,
            receiver: receiver(m, repr),
            fallible: m.fallible,
            borrows: &m.borrows,
        }
    }
}

fn repr(q: &str, reprs: &Reprs) -> Repr {
    reprs.get(q).copied().unwrap_or(Repr::Pinned)
}

pub fn is_pinned(ty: &Type, reprs: &Reprs) -> bool {
    matches!(ty, Type::Record(q) if repr(q, reprs) == Repr::Pinned)
}

pub fn is_relocatable(ty: &Type, reprs: &Reprs) -> bool {
    matches!(ty, Type::Record(q) if repr(q, reprs) == Repr::Relocatable)
}

/// How parameter `p` crosses (a `callback!` pair is decided per parameter, not per type).
pub fn param_of(p: &Param, reprs: &Reprs) -> Pass {
    if p.is_context {
        return Pass::Context;
    }
    if p.callback.as_ref().is_some_and(|c| c.c_pair.is_some()) {
        return Pass::CClosure;
    }
    param(&p.ty, reprs)
}

pub fn param(ty: &Type, reprs: &Reprs) -> Pass {
    if crate::analyze::callbacks::callback_type(ty).is_some() {
        return Pass::Callback;
    }
    match ty {
        Type::Enum(_) => Pass::Enum,
        Type::Record(q) => match repr(q, reprs) {
            Repr::Pod => Pass::CopyIn,
            // Pinned by value never gets here (analyze::signatures drops it).
            Repr::Relocatable | Repr::Pinned => Pass::MoveIn,
        },
        Type::Ref { is_const, pointee } => Pass::Ref {
            is_const: *is_const,
            pinned: !*is_const && is_pinned(pointee, reprs),
            flexible: !*is_const && is_relocatable(pointee, reprs),
        },
        Type::Std(StdType::String) => Pass::StringMove,
        Type::Std(StdType::StringView) => Pass::View,
        Type::Std(
            StdType::Vector(_)
            | StdType::UniquePtr(_)
            | StdType::SharedPtr(_)
            | StdType::Optional(_),
        ) => Pass::MoveIn,
        Type::Std(StdType::Span { is_const, .. }) => Pass::Span {
            is_const: *is_const,
        },
        _ => Pass::Value,
    }
}

pub fn ret(sig: &Sig<'_>, reprs: &Reprs) -> Ret {
    match sig.ret {
        Type::Void => Ret::Void,
        Type::Enum(_) => Ret::Enum,
        Type::Record(q) => match repr(q, reprs) {
            Repr::Pinned => Ret::Ctor,
            _ => Ret::OutPtr,
        },
        Type::Std(StdType::String) => Ret::StringOut,
        Type::Std(StdType::Vector(_) | StdType::UniquePtr(_) | StdType::SharedPtr(_)) => {
            Ret::OutPtr
        }
        Type::Std(StdType::StringView) => Ret::View,
        Type::Std(StdType::Span { is_const, .. }) => Ret::Span {
            is_const: *is_const,
        },
        Type::Std(StdType::Optional(_)) => Ret::Optional,
        Type::Ref { is_const, pointee } => {
            let pinned = !*is_const && is_pinned(pointee, reprs);
            if sig.borrows.ret_from.is_some() {
                Ret::Borrow {
                    is_const: *is_const,
                    pinned,
                }
            } else {
                Ret::RawRef {
                    is_const: *is_const,
                }
            }
        }
        _ => Ret::Value,
    }
}

/// Raw pointers in the signature, a returned reference we cannot tie to a borrow, or a call
/// that may retain a borrowed argument (`analyze::borrows`).
pub fn is_unsafe(sig: &Sig<'_>, reprs: &Reprs) -> bool {
    safety(sig, reprs).is_some()
}

/// The `# Safety` text of an `unsafe fn`, or `None` when the call is safe.
pub fn safety(sig: &Sig<'_>, reprs: &Reprs) -> Option<String> {
    let mut why = Vec::new();
    // A closure (for a `std::function` or a `callback!` pair) is the caller's promise only
    // when it can hand C++ raw pointers (`analyze::upcall_safety`); its holder is no pointer.
    let param_pointer = |p: &Param| match param_of(p, reprs) {
        Pass::Context | Pass::CClosure | Pass::Callback => false,
        _ => p.ty.has_pointer(),
    };
    if sig.ret.has_pointer() || sig.params.iter().any(param_pointer) {
        why.push("Raw pointers go to C++ unchecked: they must be valid for what the C++ function does with them. A returned pointer carries no lifetime.".to_string());
    }
    for p in sig.params {
        if let Some(c) = p.callback.as_ref().and_then(|c| c.unsafe_impl.as_ref()) {
            why.push(format!(
                "The closure for `{}` {c}: it must be valid for what the C++ function does with it.",
                p.name
            ));
        }
    }
    if matches!(ret(sig, reprs), Ret::RawRef { .. }) {
        why.push("The returned reference comes back as a raw pointer: nothing says what it borrows from.".to_string());
    }
    if let Some(r) = &sig.borrows.retains {
        let mut r = r.clone();
        if let Some(c) = r.get(0..1) {
            let up = c.to_ascii_uppercase();
            r.replace_range(0..1, &up);
        }
        why.push(r);
    }
    (!why.is_empty()).then(|| why.join(" "))
}

/// `relocxx_<binding>_<len><segment>...`: length-prefixed segments keep `a_b::c` and `a::b_c`
/// apart, and the binding name keeps two binding sets in one program apart. `member` names a
/// constructor, method or special member of a record item.
pub fn thunk_name(binding: &str, item: &Item, member: Option<&str>) -> String {
    let mut s = format!("relocxx_{binding}_");
    let segs = item
        .ns
        .iter()
        .map(|n| n.name.as_str())
        .chain([item.rust_name.trim_start_matches("r#")])
        .chain(member);
    for seg in segs {
        let seg = seg.trim_start_matches("r#");
        s.push_str(&seg.len().to_string());
        s.push_str(seg);
    }
    s
}

/// Rust module path segments of an item's namespaces.
pub fn module_path(item: &Item) -> Vec<String> {
    item.ns.iter().map(|s| rust_ident(&s.name)).collect()
}

/// Thunk-name segment of a special member or operator.
pub fn member_key(m: &Method) -> String {
    match m.op {
        Some(Operator::Index) | None => m.rust_name.trim_start_matches("r#").to_string(),
        Some(op) => format!("op_{}", op_name(op)),
    }
}

pub fn op_name(op: Operator) -> &'static str {
    match op {
        Operator::Eq => "eq",
        Operator::Ne => "ne",
        Operator::Lt => "lt",
        Operator::Gt => "gt",
        Operator::Le => "le",
        Operator::Ge => "ge",
        Operator::Add => "add",
        Operator::Sub => "sub",
        Operator::Mul => "mul",
        Operator::Div => "div",
        Operator::Index => "index",
    }
}

pub const DROP_KEY: &str = "_drop_";
/// Thunk-name segments of the `std::vector<T>` operations of a record used as an element.
/// new, drop, len, data, push, capacity, reserve, pop, truncate.
pub const VECTOR_KEYS: [&str; 9] = [
    "_vnew_",
    "_vdrop_",
    "_vlen_",
    "_vdata_",
    "_vpush_",
    "_vcap_",
    "_vreserve_",
    "_vpop_",
    "_vtruncate_",
];
/// ... the `std::vector<T>` copy constructor, for an element C++ can copy ([`vector_clone`]).
pub const VECTOR_CLONE_KEY: &str = "_vclone_";
/// ... of `std::unique_ptr<T>`: drop, get, from raw, release.
pub const UNIQUE_KEYS: [&str; 4] = ["_udrop_", "_uget_", "_ufrom_", "_urelease_"];
/// ... of `std::shared_ptr<T>`: drop, get, clone, use_count, null.
pub const SHARED_KEYS: [&str; 5] = ["_sdrop_", "_sget_", "_sclone_", "_scount_", "_snull_"];
pub const CLONE_KEY: &str = "_clone_";
/// ... of the class's own `operator new` / `operator delete` (for `relocxx::BoxAlloc`).
pub const ALLOC_KEYS: [&str; 2] = ["_new_", "_delete_"];

/// How a `CppBox` of the record allocates: `None` when it cannot (`operator new` is private,
/// deleted or ambiguous), `Some(true)` through the class's own functions, `Some(false)` with
/// Rust's allocator.
pub fn box_alloc(r: &Record) -> Option<bool> {
    match (r.alloc.declares_new, r.alloc.usable_new) {
        (false, _) => Some(false),
        (true, true) => Some(true),
        (true, false) => None,
    }
}

pub fn receiver(m: &Method, repr: Repr) -> Receiver {
    match m.kind {
        MethodKind::Constructor | MethodKind::Static => Receiver::None,
        MethodKind::Instance { is_const: true } => Receiver::Const,
        MethodKind::Instance { is_const: false } if repr == Repr::Pinned => Receiver::PinMut,
        MethodKind::Instance { is_const: false } => Receiver::Mut,
    }
}

/// Whether C++ can `delete` an object of the record (`std::unique_ptr` of it compiles).
pub fn deletable(r: &Record) -> bool {
    r.traits.destructible != Some(false) && !r.alloc.unusable_delete
}

/// Whether the record gets the destructor / copy thunks.
pub fn has_drop(r: &Record) -> bool {
    r.repr() != Repr::Pod && r.traits.destructible != Some(false)
}

pub fn has_clone(r: &Record) -> bool {
    r.repr() != Repr::Pod && r.traits.copy_constructible == Some(true) && has_drop(r)
}

/// Whether `std::vector<T>` of the record can be copied (`relocxx::VectorClone`): plain data
/// always, other classes when they have the copy thunk.
pub fn vector_clone(r: &Record) -> bool {
    (r.repr() == Repr::Pod && r.traits.copy_constructible != Some(false)) || has_clone(r)
}

/// Records that appear as the argument of `std::vector`, `std::unique_ptr`, `std::shared_ptr`
/// anywhere in the bound signatures: they get the runtime's element traits and their thunks.
#[derive(Default)]
pub struct StdTargets {
    pub vector: std::collections::BTreeSet<String>,
    pub unique: std::collections::BTreeSet<String>,
    pub shared: std::collections::BTreeSet<String>,
}

pub fn std_targets(items: &[Item]) -> StdTargets {
    let mut out = std_targets_of_signatures(items);
    // Every class can be owned by a `UniquePtr` (`UniquePtr::from_raw` takes what C++ `new`ed),
    // not only those a signature wraps.
    for i in items {
        if let crate::model::ItemKind::Record(r) = &i.kind {
            if deletable(r) && r.extern_path.is_none() {
                out.unique.insert(i.qualified());
            }
        }
    }
    out
}

fn std_targets_of_signatures(items: &[Item]) -> StdTargets {
    fn walk(t: &Type, out: &mut StdTargets) {
        match t {
            Type::Std(s) => {
                if let Some(Type::Record(q)) = s.element() {
                    let set = match s {
                        StdType::Vector(_) => Some(&mut out.vector),
                        StdType::UniquePtr(_) => Some(&mut out.unique),
                        StdType::SharedPtr(_) => Some(&mut out.shared),
                        _ => None,
                    };
                    if let Some(set) = set {
                        set.insert(q.clone());
                    }
                }
                if let Some(e) = s.element() {
                    walk(e, out)
                }
            }
            Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => walk(pointee, out),
            _ => {}
        }
    }
    let mut out = StdTargets::default();
    for t in signature_types(items) {
        walk(t, &mut out);
    }
    out
}

/// Every parameter and return type of every bound function, constructor and method.
pub fn signature_types(items: &[Item]) -> impl Iterator<Item = &Type> {
    items
        .iter()
        .flat_map(|i| -> Box<dyn Iterator<Item = &Type> + '_> {
            match &i.kind {
                crate::model::ItemKind::Function(f) => {
                    Box::new(f.params.iter().map(|p| &p.ty).chain([&f.ret]))
                }
                crate::model::ItemKind::Record(r) => Box::new(
                    r.ctors
                        .iter()
                        .chain(&r.methods)
                        .flat_map(|m| m.params.iter().map(|p| &p.ty).chain([&m.ret])),
                ),
                _ => Box::new(std::iter::empty()),
            }
        })
}

/// The runtime's fixed-width instantiation for a builtin vector element, if it has one.
pub fn runtime_vector_element(p: crate::model::Prim) -> Option<&'static str> {
    use crate::model::Prim::*;
    Some(match p {
        I8 | SChar => "std::int8_t",
        I16 | Short => "std::int16_t",
        I32 | Int => "std::int32_t",
        I64 => "std::int64_t",
        U8 | UChar => "std::uint8_t",
        U16 | UShort => "std::uint16_t",
        U32 | UInt => "std::uint32_t",
        U64 => "std::uint64_t",
        Long => "std::int64_t",
        ULong => "std::uint64_t",
        LongLong => "std::int64_t",
        ULongLong => "std::uint64_t",
        Float => "float",
        Double => "double",
        Bool | CChar | Usize | Isize | Char16 | Char32 => return None,
    })
}
