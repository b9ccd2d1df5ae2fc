//! pugixml, snappy, leveldb, re2 and sqlite3 bound by build.rs (only with RELOCXX_TEST_REAL_LIBS set).
#[cfg(relocxx_real_libs)]
relocxx::include_bindings!("pugixml");
#[cfg(relocxx_real_libs)]
relocxx::include_bindings!("snappy");
#[cfg(relocxx_real_libs)]
relocxx::include_bindings!("leveldb");
#[cfg(relocxx_real_libs)]
relocxx::include_bindings!("re2");
#[cfg(relocxx_real_libs)]
relocxx::include_bindings!("sqlite3");
