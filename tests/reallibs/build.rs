//! Real installed C++ libraries (pugixml, snappy, leveldb, re2, and sqlite3's C API) bound the way a user would bind
//! them after reading the README, and called for real by the tests. Runs only when
//! RELOCXX_TEST_REAL_LIBS is set (`cargo xtask test` sets it after installing the Debian -dev
//! packages); otherwise the crate is empty, so `cargo test --workspace` works without them.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=RELOCXX_TEST_REAL_LIBS");
    println!("cargo:rustc-check-cfg=cfg(relocxx_real_libs)");
    if std::env::var_os("RELOCXX_TEST_REAL_LIBS").is_none() {
        return Ok(());
    }
    relocxx_gen::Builder::new()
        .header("/usr/include/pugixml.hpp")
        .allow("pugi::.*")
        .build("pugixml")?;
    println!("cargo:rustc-link-lib=pugixml");

    relocxx_gen::Builder::new()
        .header("/usr/include/snappy.h")
        .allow("snappy::.*")
        .build("snappy")?;
    println!("cargo:rustc-link-lib=snappy");

    relocxx_gen::Builder::new()
        .header("/usr/include/leveldb/db.h")
        .header("/usr/include/leveldb/comparator.h")
        .allow("leveldb::.*")
        // Rust comparators (a key order implemented in Rust, called by leveldb's threads).
        .subclass("leveldb::Comparator")
        // Status is one pointer to a heap array it new[]s and delete[]s: moving it by memcpy is
        // fine (relocatable), and it never points into anything it was built from (owning).
        .relocatable("leveldb::Status")
        .owning("leveldb::Status")
        .build("leveldb")?;
    println!("cargo:rustc-link-lib=leveldb");

    relocxx_gen::Builder::new()
        .header("/usr/include/re2/re2.h")
        .allow("re2::.*")
        // RE2 copies its pattern and owns its parsed Regexp and compiled Progs.
        .owning("re2::RE2")
        .build("re2")?;
    println!("cargo:rustc-link-lib=re2");

    // A C API: sqlite3_exec's (callback, void*) pair takes a Rust closure; sqlite3 calls it
    // only while sqlite3_exec runs (the `callback` promise).
    relocxx_gen::Builder::new()
        .header("/usr/include/sqlite3.h")
        .allow("sqlite3_(open|close|exec|free|errmsg)")
        .callback("sqlite3_exec")
        .build("sqlite3")?;
    println!("cargo:rustc-link-lib=sqlite3");

    println!("cargo:rustc-cfg=relocxx_real_libs");
    Ok(())
}
