//! C++ types as relocxx understands them.
//!
//! Invariant: every `Type` other than `Unsupported` has exactly one Rust spelling and one C++
//! spelling; both are produced by `emit::*::types`, from this enum only.

/// Builtin arithmetic types, already resolved through fixed-width typedefs
/// (`int64_t` -> `I64`, `size_t` -> `Usize`) so the Rust side reads like the C++ header.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    Bool,
    /// `char`: signedness is the platform's, like C.
    CChar,
    SChar,
    UChar,
    Short,
    UShort,
    Int,
    UInt,
    Long,
    ULong,
    LongLong,
    ULongLong,
    Float,
    Double,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    Usize,
    Isize,
    /// `char16_t` / `char32_t`: code units, mapped to their unsigned integers.
    Char16,
    Char32,
}

impl Prim {
    /// Whether the type is an integer (usable as an enum underlying type).
    pub fn is_integer(self) -> bool {
        !matches!(self, Prim::Bool | Prim::Float | Prim::Double)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    Void,
    Prim(Prim),
    /// A user enum, by qualified C++ name (`geo::Color`).
    Enum(String),
    /// A user record, by qualified C++ name (`geo::Point`).
    Record(String),
    Pointer {
        pointee: Box<Type>,
        is_const: bool,
    },
    Ref {
        pointee: Box<Type>,
        is_const: bool,
    },
    /// Fixed-size array; only valid as a field type.
    Array {
        elem: Box<Type>,
        len: u64,
    },
    /// A standard-library type the runtime maps (`std::string`, `std::vector<T>`...).
    Std(StdType),
    /// A pointer to a function `R(Args...)`: only a parameter of a function marked
    /// `callback!`, paired with its `void*` context (`analyze::callbacks`).
    FnPtr {
        ret: Box<Type>,
        params: Vec<Type>,
    },
    /// Something we cannot map; `why` says what and why (used in diagnostics).
    Unsupported {
        spelling: String,
        why: String,
    },
}

/// Standard-library types with a runtime counterpart (DESIGN §3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StdType {
    /// `std::string` -> `relocxx::CppString` (owned) / `relocxx::CppStr` (borrowed).
    String,
    /// `std::string_view` -> `&[u8]` (anything `AsRef<[u8]>`, so `&str` too).
    StringView,
    /// `std::vector<T>` -> `relocxx::CppVector<T>`.
    Vector(Box<Type>),
    /// `std::unique_ptr<T>` (default deleter) -> `relocxx::UniquePtr<T>`.
    UniquePtr(Box<Type>),
    /// `std::shared_ptr<T>` -> `relocxx::SharedPtr<T>`.
    SharedPtr(Box<Type>),
    /// `std::optional<T>`, returned by value -> `Option<T>`.
    Optional(Box<Type>),
    /// `std::span<T>` / `std::span<const T>` -> `&mut [T]` / `&[T]`.
    Span { elem: Box<Type>, is_const: bool },
    /// `std::function<R(Args...)>` parameter -> a Rust closure (`analyze::callbacks`).
    Function { ret: Box<Type>, params: Vec<Type> },
}

impl StdType {
    /// The type argument, for the templates that have one.
    pub fn element(&self) -> Option<&Type> {
        match self {
            StdType::Vector(e)
            | StdType::UniquePtr(e)
            | StdType::SharedPtr(e)
            | StdType::Optional(e) => Some(e),
            StdType::Span { elem, .. } => Some(elem),
            StdType::String | StdType::StringView | StdType::Function { .. } => None,
        }
    }

    /// Every type inside: the element, or a callback's result and parameters.
    pub fn inner(&self) -> Vec<&Type> {
        match self {
            StdType::Function { ret, params } => {
                std::iter::once(&**ret).chain(params.iter()).collect()
            }
            s => s.element().into_iter().collect(),
        }
    }
}

impl Type {
    pub fn unsupported(spelling: impl Into<String>, why: impl Into<String>) -> Type {
        Type::Unsupported {
            spelling: spelling.into(),
            why: why.into(),
        }
    }

    /// The first unsupported piece inside this type, if any.
    pub fn first_unsupported(&self) -> Option<(&str, &str)> {
        match self {
            Type::Unsupported { spelling, why } => Some((spelling, why)),
            Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => {
                pointee.first_unsupported()
            }
            Type::Array { elem, .. } => elem.first_unsupported(),
            Type::Std(s) => s.inner().into_iter().find_map(|e| e.first_unsupported()),
            Type::FnPtr { ret, params } => std::iter::once(&**ret)
                .chain(params)
                .find_map(|e| e.first_unsupported()),
            _ => None,
        }
    }

    /// Every user declaration (record or enum) this type names, in order.
    pub fn named_decls<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Type::Enum(n) | Type::Record(n) => out.push(n),
            Type::Pointer { pointee, .. } | Type::Ref { pointee, .. } => pointee.named_decls(out),
            Type::Array { elem, .. } => elem.named_decls(out),
            Type::Std(s) => {
                for e in s.inner() {
                    e.named_decls(out)
                }
            }
            Type::FnPtr { ret, params } => {
                for e in std::iter::once(&**ret).chain(params) {
                    e.named_decls(out)
                }
            }
            _ => {}
        }
    }

    /// The type argument of a standard-library template type (`T` of `std::vector<T>`).
    pub fn std_element(&self) -> Option<&Type> {
        match self {
            Type::Std(s) => s.element(),
            _ => None,
        }
    }

    /// Every record this type holds by value (not behind a pointer or reference), in order.
    pub fn by_value_records<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Type::Record(n) => out.push(n),
            Type::Array { elem, .. } => elem.by_value_records(out),
            Type::Std(s) => {
                if let Some(e) = s.element() {
                    e.by_value_records(out)
                }
            }
            _ => {}
        }
    }

    /// Whether a raw pointer appears anywhere (such functions are `unsafe fn`).
    pub fn has_pointer(&self) -> bool {
        match self {
            Type::Pointer { .. } => true,
            Type::Ref { pointee, .. } => pointee.has_pointer(),
            Type::Array { elem, .. } => elem.has_pointer(),
            // A callback passing or returning a raw pointer counts too: what the closure
            // returns, C++ dereferences.
            Type::Std(s) => s.inner().iter().any(|e| e.has_pointer()),
            // A raw function pointer (C calls it with whatever it is given). A pair marked
            // `callback!` takes a closure instead: `emit::abi::safety` leaves it out.
            Type::FnPtr { .. } => true,
            _ => false,
        }
    }
}
