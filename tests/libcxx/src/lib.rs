//! The class fixture built against libc++ (see build.rs).
#[cfg(relocxx_libcxx)]
relocxx::include_bindings!("classes");
