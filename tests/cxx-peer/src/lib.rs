//! One C++ function bound by both bridges, for the std::vector<int> benchmark against cxx
//! (issue 13): relocxx returns the vector by value (`vector::peer::iota`, a
//! `relocxx::CppVector<i32>`), cxx returns it on the heap (`ffi::iota_boxed`, a
//! `cxx::UniquePtr<cxx::CxxVector<i32>>`). Both come from cpp/vec.cc.

relocxx::include_bindings!("vector");

#[cxx::bridge(namespace = "peer")]
pub mod ffi {
    unsafe extern "C++" {
        include!("relocxx-cxx-peer/cpp/vec.h");

        /// 0, 1, ..., n - 1 in a vector allocated with `new`.
        fn iota_boxed(n: i32) -> UniquePtr<CxxVector<i32>>;
    }
}
