//! One C++ class, one Rust type across bindings: a binding that uses a class another binding
//! owns (`extern_type("ns::T", "crate_a::ffi::ns::T")`) names the owner's Rust type, and
//! checks at compile time that it is what it assumes.

/// Implemented by relocxx for every class a binding owns: what the class is, as the owning
/// binding bound it.
///
/// # Safety
/// Only generated code implements it: `NAME`, `SIZE`, `ALIGN` and `REPR` describe the C++ class
/// whose binding `Self` is, and bindings that use `Self` for that class rely on them to pass it
/// (by value or pinned) exactly as its owner does.
pub unsafe trait CppType {
    /// The qualified C++ name (`ns::Thing`).
    const NAME: &'static str;
    /// `sizeof` the C++ class.
    const SIZE: usize;
    /// `alignof` the C++ class.
    const ALIGN: usize;
    /// How the owner holds it: 0 plain data, 1 relocatable by value, 2 pinned.
    const REPR: u8;
}

/// Fails compilation (a panic in a `const` item) unless `T` is the binding of `name` with the
/// given layout and representation. Generated code calls it for every `extern_type`.
pub const fn check_extern_type<T: CppType>(name: &str, size: usize, align: usize, repr: u8) {
    if !crate::__export::same_name(T::NAME, name) {
        panic!("relocxx: the extern_type path names the binding of another C++ class");
    }
    if T::SIZE != size || T::ALIGN != align {
        panic!("relocxx: the extern_type's class has another size or alignment in this binding (different flags or defines?)");
    }
    if T::REPR != repr {
        panic!("relocxx: the extern_type's class is held differently here (plain data / relocatable / pinned): give both bindings the same relocatable/not_relocatable options");
    }
}
