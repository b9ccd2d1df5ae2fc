//! Records -> Rust types, by representation (decided by `analyze::relocatability`):
//!
//! - `Pod`: `#[repr(C)]` with public fields, `Copy`; Rust re-checks size, alignment and offsets.
//! - `Relocatable`: opaque `#[repr(C, align(A))]` storage of exactly `sizeof(T)`, held by value
//!   (`Unpin`, `unsafe impl Relocatable`); `Drop` runs the destructor, `Clone` the copy
//!   constructor, `Default` the default constructor; constructors return `Self`.
//! - `Pinned`: the same storage plus `PhantomPinned` (`!Unpin`); constructors return
//!   `impl relocxx::Ctor`, non-const methods take `Pin<&mut Self>`.
//!
//! No opaque record is `Send`/`Sync` (a raw-pointer marker) unless the user opts in.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::calls::{ffi_decl, lower, wrapper_fn, Call};
use super::docs::Doc;
use super::types::{ident, rust_type, Paths};
use crate::emit::abi::{
    self, has_clone, has_drop, member_key, op_name, Reprs, Sig, StdTargets, ALLOC_KEYS, CLONE_KEY,
    DROP_KEY, SHARED_KEYS, UNIQUE_KEYS, VECTOR_CLONE_KEY, VECTOR_KEYS,
};
use crate::model::{Item, Method, MethodKind, Operator, Record, Repr, Type};
use crate::options::{matches_any, Selection};

/// Every call of a record (constructors, then methods), with its thunk name.
fn calls<'a>(
    binding: &str,
    item: &'a Item,
    r: &'a Record,
    self_ty: &'a Type,
    q: &'a str,
) -> Vec<(&'a Method, Call<'a>)> {
    let repr = r.repr();
    r.ctors
        .iter()
        .chain(&r.methods)
        .map(|m| {
            let ret = if m.kind == MethodKind::Constructor {
                self_ty
            } else {
                &m.ret
            };
            let call = Call {
                sig: Sig::of_method(m, ret, repr),
                thunk: abi::thunk_name(binding, item, Some(&member_key(m))),
                self_record: Some(q),
            };
            (m, call)
        })
        .collect()
}

/// The `__ffi` declarations of every thunk of the record.
pub fn ffi(
    binding: &str,
    item: &Item,
    r: &Record,
    paths: &Paths,
    reprs: &Reprs,
    targets: &StdTargets,
) -> Vec<TokenStream> {
    let q = item.qualified();
    let self_ty = Type::Record(q.clone());
    let mut out: Vec<TokenStream> = calls(binding, item, r, &self_ty, &q)
        .iter()
        .map(|(_, c)| ffi_decl(c, paths, reprs))
        .collect();
    let t = paths.path(&q, 1);
    if has_drop(r) {
        let name = format_ident!("{}", abi::thunk_name(binding, item, Some(DROP_KEY)));
        out.push(quote!(pub fn #name(this: *mut #t);));
    }
    if has_clone(r) {
        let name = format_ident!("{}", abi::thunk_name(binding, item, Some(CLONE_KEY)));
        out.push(quote!(pub fn #name(this: *const #t, ret: *mut #t);));
    }
    if abi::box_alloc(r) == Some(true) {
        let [new, delete] =
            ALLOC_KEYS.map(|k| format_ident!("{}", abi::thunk_name(binding, item, Some(k))));
        out.push(quote! {
            pub fn #new() -> *mut #t;
            pub fn #delete(p: *mut #t);
        });
    }
    let q = item.qualified();
    if targets.unique.contains(&q) {
        let [drop, get, from, release] =
            UNIQUE_KEYS.map(|k| format_ident!("{}", abi::thunk_name(binding, item, Some(k))));
        out.push(quote! {
            pub fn #drop(p: *mut ::relocxx::UniquePtr<#t>);
            pub fn #get(p: *const ::relocxx::UniquePtr<#t>) -> *mut #t;
            pub fn #from(out: *mut ::relocxx::UniquePtr<#t>, p: *mut #t);
            pub fn #release(p: *mut ::relocxx::UniquePtr<#t>) -> *mut #t;
        });
    }
    if targets.shared.contains(&q) {
        let [drop, get, clone, count, null] =
            SHARED_KEYS.map(|k| format_ident!("{}", abi::thunk_name(binding, item, Some(k))));
        let s = quote!(::relocxx::SharedPtr<#t>);
        out.push(quote! {
            pub fn #drop(p: *mut #s);
            pub fn #get(p: *const #s) -> *const #t;
            pub fn #clone(out: *mut #s, from: *const #s);
            pub fn #count(p: *const #s) -> usize;
            pub fn #null(out: *mut #s);
        });
    }
    if targets.vector.contains(&q) {
        let [new, drop, len, data, push, cap, reserve, pop, truncate] =
            VECTOR_KEYS.map(|k| format_ident!("{}", abi::thunk_name(binding, item, Some(k))));
        let v = quote!(::relocxx::CppVector<#t>);
        out.push(quote! {
            pub fn #new(out: *mut #v);
            pub fn #drop(v: *mut #v);
            pub fn #len(v: *const #v) -> usize;
            pub fn #data(v: *const #v) -> *const #t;
            pub fn #push(v: *mut #v, value: *mut #t);
            pub fn #cap(v: *const #v) -> usize;
            pub fn #reserve(v: *mut #v, n: usize) -> bool;
            pub fn #pop(v: *mut #v, out: *mut #t);
            pub fn #truncate(v: *mut #v, len: usize);
        });
        if abi::vector_clone(r) {
            let clone = format_ident!("{}", abi::thunk_name(binding, item, Some(VECTOR_CLONE_KEY)));
            out.push(quote!(pub fn #clone(out: *mut #v, from: *const #v);));
        }
    }
    out
}

/// `relocxx::UniquePtrTarget` / `SharedPtrTarget` for a record held in smart pointers.
fn smart_pointer_targets(
    binding: &str,
    item: &Item,
    name: &proc_macro2::Ident,
    depth: usize,
    targets: &StdTargets,
) -> TokenStream {
    let q = item.qualified();
    let supers: Vec<TokenStream> = (0..depth).map(|_| quote!(super::)).collect();
    let path = |k: &str| {
        let n = format_ident!("{}", abi::thunk_name(binding, item, Some(k)));
        quote!(#(#supers)* __ffi::#n)
    };
    let mut out = TokenStream::new();
    if targets.unique.contains(&q) {
        let [drop, get, from, release] = UNIQUE_KEYS.map(path);
        out.extend(quote! {
            unsafe impl ::relocxx::UniquePtrTarget for #name {
                unsafe fn __unique_drop(p: *mut ::relocxx::UniquePtr<Self>) { unsafe { #drop(p) } }
                unsafe fn __unique_get(p: *const ::relocxx::UniquePtr<Self>) -> *mut Self { unsafe { #get(p) } }
                unsafe fn __unique_from_raw(out: *mut ::relocxx::UniquePtr<Self>, p: *mut Self) { unsafe { #from(out, p) } }
                unsafe fn __unique_release(p: *mut ::relocxx::UniquePtr<Self>) -> *mut Self { unsafe { #release(p) } }
            }
        });
    }
    if targets.shared.contains(&q) {
        let [drop, get, clone, count, null] = SHARED_KEYS.map(path);
        out.extend(quote! {
            unsafe impl ::relocxx::SharedPtrTarget for #name {
                unsafe fn __shared_null(out: *mut ::relocxx::SharedPtr<Self>) { unsafe { #null(out) } }
                unsafe fn __shared_drop(p: *mut ::relocxx::SharedPtr<Self>) { unsafe { #drop(p) } }
                unsafe fn __shared_get(p: *const ::relocxx::SharedPtr<Self>) -> *const Self { unsafe { #get(p) } }
                unsafe fn __shared_clone(out: *mut ::relocxx::SharedPtr<Self>, from: *const ::relocxx::SharedPtr<Self>) {
                    unsafe { #clone(out, from) }
                }
                unsafe fn __shared_use_count(p: *const ::relocxx::SharedPtr<Self>) -> usize { unsafe { #count(p) } }
            }
        });
    }
    out
}

/// `relocxx::VectorElement` (and `VectorSlice`: the C++ elements are the Rust values; and
/// `VectorClone` when C++ can copy them) for a record used in a `std::vector`.
fn vector_element(
    binding: &str,
    item: &Item,
    r: &Record,
    name: &proc_macro2::Ident,
    depth: usize,
) -> TokenStream {
    let supers: Vec<TokenStream> = (0..depth).map(|_| quote!(super::)).collect();
    let path = |k: &str| {
        let n = format_ident!("{}", abi::thunk_name(binding, item, Some(k)));
        quote!(#(#supers)* __ffi::#n)
    };
    let [new, drop, len, data, push, cap, reserve, pop, truncate] = VECTOR_KEYS.map(path);
    let clone = abi::vector_clone(r).then(|| {
        let clone = path(VECTOR_CLONE_KEY);
        quote! {
            unsafe impl ::relocxx::VectorClone for #name {
                unsafe fn __clone(out: *mut ::relocxx::CppVector<Self>, from: *const ::relocxx::CppVector<Self>) {
                    unsafe { #clone(out, from) }
                }
            }
        }
    });
    quote! {
        unsafe impl ::relocxx::VectorElement for #name {
            type Elem = #name;
            unsafe fn __new(out: *mut ::relocxx::CppVector<Self>) { unsafe { #new(out) } }
            unsafe fn __drop(v: *mut ::relocxx::CppVector<Self>) { unsafe { #drop(v) } }
            unsafe fn __len(v: *const ::relocxx::CppVector<Self>) -> usize { unsafe { #len(v) } }
            unsafe fn __get(v: *const ::relocxx::CppVector<Self>, i: usize) -> *const Self { unsafe { #data(v).add(i) } }
            unsafe fn __push(v: *mut ::relocxx::CppVector<Self>, value: Self) {
                // C++ copies or moves from it (and destroys it): Rust must not drop it.
                let mut value = ::core::mem::ManuallyDrop::new(value);
                unsafe { #push(v, &mut *value) }
            }
            unsafe fn __capacity(v: *const ::relocxx::CppVector<Self>) -> usize { unsafe { #cap(v) } }
            unsafe fn __reserve(v: *mut ::relocxx::CppVector<Self>, n: usize) -> bool { unsafe { #reserve(v, n) } }
            unsafe fn __pop(v: *mut ::relocxx::CppVector<Self>, out: *mut Self) { unsafe { #pop(v, out) } }
            unsafe fn __truncate(v: *mut ::relocxx::CppVector<Self>, len: usize) { unsafe { #truncate(v, len) } }
        }
        #clone
        unsafe impl ::relocxx::VectorSlice for #name {
            unsafe fn __data(v: *const ::relocxx::CppVector<Self>) -> *const Self { unsafe { #data(v) } }
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn emit(
    binding: &str,
    item: &Item,
    r: &Record,
    paths: &Paths,
    reprs: &Reprs,
    sel: &Selection,
    source: &str,
    targets: &StdTargets,
) -> TokenStream {
    let depth = item.ns.len();
    let q = item.qualified();
    let name = ident(&item.rust_name);
    let repr = r.repr();
    let mut out = match (&r.pod, repr) {
        (Ok(fields), Repr::Pod) => {
            let doc = Doc::cpp(&item.doc)
                .para(&format!(
                    "C++ {} `{q}` ({source}): plain data, held by value and `Copy`.",
                    r.keyword
                ))
                .attrs();
            let repr_attr = match r.explicit_align {
                Some(a) => {
                    let a = Literal::u64_unsuffixed(a);
                    quote!(#[repr(C, align(#a))])
                }
                None => quote!(#[repr(C)]),
            };
            let fs = fields.iter().map(|f| {
                let fname = ident(&f.rust_name);
                let ty = rust_type(&f.ty, paths, depth);
                let doc = Doc::cpp(&f.doc)
                    .para(&format!("C++ `{q}::{}`.", f.name))
                    .attrs();
                quote!(#doc pub #fname: #ty,)
            });
            let mut checks = layout_checks(item, r, &name);
            for f in fields {
                let fname = ident(&f.rust_name);
                checks.push(check(
                    quote!(::core::mem::offset_of!(#name, #fname)),
                    f.offset,
                    &format!("the offset of `{}`", f.name),
                    &q,
                ));
            }
            // A C++ `operator==` is the equality, not the fields'; function pointers have no
            // reliable equality (the same function may have several addresses).
            let fn_field = |t: &crate::model::Type| match t {
                crate::model::Type::FnPtr { .. } => true,
                crate::model::Type::Array { elem, .. } => {
                    matches!(**elem, crate::model::Type::FnPtr { .. })
                }
                _ => false,
            };
            let derives = if r.methods.iter().any(|m| m.op == Some(Operator::Eq))
                || fields.iter().any(|f| fn_field(&f.ty))
            {
                quote!(#[derive(Copy, Clone, Debug)])
            } else {
                quote!(#[derive(Copy, Clone, Debug, PartialEq)])
            };
            quote! {
                #doc
                #repr_attr
                #derives
                pub struct #name { #(#fs)* }
                const _: () = { #(#checks)* };
            }
        }
        _ => opaque(item, r, &name, source),
    };
    let t = paths.path(&q, depth);
    let ffi_path = |key: &str| {
        let n = format_ident!("{}", abi::thunk_name(binding, item, Some(key)));
        let supers = (0..depth).map(|_| quote!(super::));
        quote!(#(#supers)* __ffi::#n)
    };
    if repr == Repr::Relocatable {
        out.extend(quote!(unsafe impl ::relocxx::Relocatable for #name {}));
    }
    match abi::box_alloc(r) {
        Some(false) => out.extend(quote!(unsafe impl ::relocxx::BoxAlloc for #name {})),
        Some(true) => {
            let (new, delete) = (ffi_path(ALLOC_KEYS[0]), ffi_path(ALLOC_KEYS[1]));
            out.extend(quote! {
                /// The class's own `operator new` / `operator delete`, as C++ `new` uses them.
                unsafe impl ::relocxx::BoxAlloc for #name {
                    fn __allocate() -> *mut Self { unsafe { #new() } }
                    unsafe fn __deallocate(p: *mut Self) { #delete(p) }
                }
            });
        }
        // `operator new` is private, deleted or ambiguous: C++ cannot `new` it, nor can CppBox.
        None => {}
    }
    if targets.vector.contains(&q) {
        out.extend(vector_element(binding, item, r, &name, depth));
    }
    out.extend(smart_pointer_targets(binding, item, &name, depth, targets));
    out.extend(super::bases::emit(binding, item, r, paths, reprs, targets));
    out.extend(super::export_refs::emit(item, r, &name));
    out.extend(super::extern_types::owner_impl(item, r, &name));
    if let Some(iface) = &r.interface {
        out.extend(super::subclass::emit(binding, item, iface, paths));
    }
    let visible = item.qualified_visible();
    let names = [q.as_str(), visible.as_str()];
    if matches_any(&sel.send, &names) {
        out.extend(quote!(unsafe impl ::core::marker::Send for #name {}));
    }
    if matches_any(&sel.sync, &names) {
        out.extend(quote!(unsafe impl ::core::marker::Sync for #name {}));
    }
    if has_drop(r) {
        let f = ffi_path(DROP_KEY);
        out.extend(quote! {
            impl ::core::ops::Drop for #name {
                fn drop(&mut self) { unsafe { #f(self) } }
            }
        });
    }
    let mut inherent = Vec::new();
    if has_clone(r) {
        let f = ffi_path(CLONE_KEY);
        if repr == Repr::Relocatable {
            out.extend(quote! {
                impl ::core::clone::Clone for #name {
                    /// The C++ copy constructor.
                    fn clone(&self) -> Self {
                        let mut ret = ::core::mem::MaybeUninit::<Self>::uninit();
                        unsafe {
                            #f(self, ret.as_mut_ptr());
                            ret.assume_init()
                        }
                    }
                }
            });
            // The pinned spelling too, so code written for a pinned build of this type
            // (`CppBox::emplace(T::new_copy(&x))`) compiles where it is relocatable; unless the
            // class has a member of that name.
            if !taken_by_member(r, "new_copy") {
                inherent.push(quote! {
                    /// The C++ copy constructor (as `Clone::clone`).
                    pub fn new_copy(other: &#t) -> #t {
                        ::core::clone::Clone::clone(other)
                    }
                });
            }
        } else if !taken_by_member(r, "new_copy") {
            inherent.push(quote! {
                /// The C++ copy constructor, constructing in place.
                pub fn new_copy(other: &#t) -> impl ::relocxx::Ctor<Output = #t> + '_ {
                    unsafe { ::relocxx::ctor::from_fn(move |ret: *mut #t| #f(other, ret)) }
                }
            });
        }
    }
    let self_ty = Type::Record(q.clone());
    let mut ops: Vec<(&Method, TokenStream)> = Vec::new();
    for (m, call) in calls(binding, item, r, &self_ty, &q) {
        let low = lower(&call, paths, depth, reprs);
        let doc = Doc::cpp(&m.doc).para(&format!(
            "C++ `{q}::{}` ({}).",
            m.display,
            m.loc.shown_line()
        ));
        match m.op {
            Some(op) if op != Operator::Index => {
                let helper = format!("__relocxx_op_{}", op_name(op));
                // Called by the trait impl: a deprecation would warn inside the bindings.
                let f = wrapper_fn(&helper, low, doc, false);
                inherent.push(quote!(#[doc(hidden)] #f));
                let helper = format_ident!("{}", helper);
                ops.push((m, quote!(#helper)));
            }
            _ => inherent.push(wrapper_fn(&m.rust_name, low, doc, m.deprecated)),
        }
    }
    // By value (plain data too: C++ value-initialization, default member initializers apply).
    if repr != Repr::Pinned {
        // Only a safe default constructor (a `_with_defaults` one may keep a default's
        // temporary, then it is `unsafe`).
        if let Some(ctor) = r
            .ctors
            .iter()
            .find(|c| c.params.is_empty() && c.borrows.retains.is_none())
        {
            let c = ident(&ctor.rust_name);
            out.extend(quote! {
                impl ::core::default::Default for #name {
                    /// The C++ default constructor.
                    fn default() -> Self { Self::#c() }
                }
            });
        }
    }
    if !inherent.is_empty() {
        out.extend(quote!(impl #name { #(#inherent)* }));
    }
    out.extend(operators(&name, &ops, paths, depth));
    out
}

/// Whether a bound constructor or method already has this Rust name.
fn taken_by_member(r: &Record, name: &str) -> bool {
    r.ctors
        .iter()
        .chain(&r.methods)
        .any(|m| m.rust_name.trim_start_matches("r#") == name)
}

/// Operator trait impls calling the hidden helpers.
fn operators(
    name: &proc_macro2::Ident,
    ops: &[(&Method, TokenStream)],
    paths: &Paths,
    depth: usize,
) -> TokenStream {
    let find = |op: Operator| {
        ops.iter()
            .find(|(m, _)| m.op == Some(op))
            .map(|(m, h)| (*m, h.clone()))
    };
    let operand = |m: &Method, expr: TokenStream| -> TokenStream {
        if matches!(m.params.first().map(|p| &p.ty), Some(Type::Ref { .. })) {
            quote!(&#expr)
        } else {
            expr
        }
    };
    let mut out = TokenStream::new();
    if let Some((eq, h)) = find(Operator::Eq) {
        let arg = operand(eq, quote!(*other));
        let ne = find(Operator::Ne).map(|(m, h)| {
            let arg = operand(m, quote!(*other));
            quote!(fn ne(&self, other: &Self) -> bool { self.#h(#arg) })
        });
        out.extend(quote! {
            impl ::core::cmp::PartialEq for #name {
                fn eq(&self, other: &Self) -> bool { self.#h(#arg) }
                #ne
            }
        });
        if let Some((lt, hl)) = find(Operator::Lt) {
            let a = operand(lt, quote!(*other));
            let b = operand(lt, quote!(*self));
            let e = operand(eq, quote!(*other));
            let mut extra = Vec::new();
            for (op, f) in [
                (Operator::Lt, "lt"),
                (Operator::Gt, "gt"),
                (Operator::Le, "le"),
                (Operator::Ge, "ge"),
            ] {
                if let Some((m, h)) = find(op) {
                    let a = operand(m, quote!(*other));
                    let f = format_ident!("{f}");
                    extra.push(quote!(fn #f(&self, other: &Self) -> bool { self.#h(#a) }));
                }
            }
            out.extend(quote! {
                impl ::core::cmp::PartialOrd for #name {
                    fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                        if self.#hl(#a) {
                            ::core::option::Option::Some(::core::cmp::Ordering::Less)
                        } else if other.#hl(#b) {
                            ::core::option::Option::Some(::core::cmp::Ordering::Greater)
                        } else if self.#h(#e) {
                            ::core::option::Option::Some(::core::cmp::Ordering::Equal)
                        } else {
                            ::core::option::Option::None
                        }
                    }
                    #(#extra)*
                }
            });
        }
    }
    for (op, tr, f) in [
        (Operator::Add, "Add", "add"),
        (Operator::Sub, "Sub", "sub"),
        (Operator::Mul, "Mul", "mul"),
        (Operator::Div, "Div", "div"),
    ] {
        if let Some((m, h)) = find(op) {
            let tr = format_ident!("{tr}");
            let f = format_ident!("{f}");
            let out_ty = rust_type(&m.ret, paths, depth);
            let arg = operand(m, quote!(rhs));
            out.extend(quote! {
                impl ::core::ops::#tr for #name {
                    type Output = #out_ty;
                    fn #f(self, rhs: Self) -> #out_ty { self.#h(#arg) }
                }
            });
        }
    }
    out
}

/// Opaque storage: exactly `sizeof(T)` bytes at `alignof(T)`, never `Send`/`Sync` by default,
/// `!Unpin` when pinned.
fn opaque(item: &Item, r: &Record, name: &proc_macro2::Ident, source: &str) -> TokenStream {
    let q = item.qualified();
    let v = r.verdict.as_ref();
    let how = match r.repr() {
        Repr::Pinned => "pinned: constructed in place (`relocxx::CppBox::emplace`, `relocxx::emplace!`), never moved",
        _ => "relocatable: held by value, a Rust move is a C++ relocation",
    };
    let doc = Doc::cpp(&item.doc)
        .para(&format!("C++ {} `{q}` ({source}): {how}.", r.keyword))
        .para(&format!(
            "Verdict ({}): {}.",
            v.map(|v| v.source.as_str()).unwrap_or("default"),
            v.map(|v| v.reason.as_str()).unwrap_or("")
        ))
        .attrs();
    let size = Literal::usize_unsuffixed(r.size as usize);
    let align = Literal::u64_unsuffixed(r.align);
    let pin = if r.repr() == Repr::Pinned {
        quote!(_pinned: ::core::marker::PhantomPinned,)
    } else {
        quote!()
    };
    let checks = layout_checks(item, r, name);
    let shown = format!("{q} {{ .. }}");
    quote! {
        #doc
        #[repr(C, align(#align))]
        pub struct #name {
            _storage: [::core::mem::MaybeUninit<u8>; #size],
            _not_send_sync: ::core::marker::PhantomData<*mut u8>,
            #pin
        }
        const _: () = { #(#checks)* };
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#shown)
            }
        }
    }
}

fn check(actual: TokenStream, expected: u64, what: &str, q: &str) -> TokenStream {
    let expected = Literal::u64_unsuffixed(expected);
    let msg = format!("relocxx: {what} of `{q}` differs between C++ and Rust");
    quote!(if #actual != #expected { ::core::panic!(#msg) })
}

fn layout_checks(item: &Item, r: &Record, name: &proc_macro2::Ident) -> Vec<TokenStream> {
    let q = item.qualified();
    vec![
        check(
            quote!(::core::mem::size_of::<#name>()),
            r.size,
            "the size",
            &q,
        ),
        check(
            quote!(::core::mem::align_of::<#name>()),
            r.align,
            "the alignment",
            &q,
        ),
    ]
}
