//! The class and std fixtures built against libc++ (see build.rs).
#[cfg(relocxx_libcxx)]
relocxx::include_bindings!("classes");
#[cfg(relocxx_libcxx)]
relocxx::include_bindings!("stdtypes");
