//! sqlite3 (libsqlite3-dev), a C API: `sqlite3_exec`'s (callback, `void*`) pair takes a Rust
//! closure (`callback("sqlite3_exec")`), which collects the rows of a query.
#![cfg(relocxx_real_libs)]

use std::ffi::{c_char, CStr};

use relocxx_reallibs::sqlite3::*;

/// Runs `sql` on `db`, giving each row (column texts) to `row`.
fn exec(db: *mut sqlite3, sql: &CStr, mut row: impl FnMut(Vec<Option<String>>) + Send) {
    let mut err: *mut c_char = std::ptr::null_mut();
    let each = |argc: i32, values: *mut *mut c_char, _names: *mut *mut c_char| {
        let cols = (0..argc as usize)
            .map(|i| {
                // SAFETY: sqlite3_exec passes `argc` column texts (or nulls), alive during
                // this call; they are copied out.
                let v = unsafe { *values.add(i) };
                (!v.is_null()).then(|| unsafe { CStr::from_ptr(v) }.to_string_lossy().into_owned())
            })
            .collect();
        row(cols);
        0
    };
    // SAFETY: `db` is an open connection, `sql` a C string, `err` a valid out-pointer.
    let rc = unsafe { sqlite3_exec(db, sql.as_ptr(), each, &mut err) };
    if rc != 0 {
        // SAFETY: sqlite3 set `err` to a message it allocated; freed with sqlite3_free.
        let msg = unsafe { CStr::from_ptr(err) }
            .to_string_lossy()
            .into_owned();
        unsafe { sqlite3_free(err.cast()) };
        panic!("sqlite3_exec({sql:?}): {msg}");
    }
}

#[test]
fn exec_calls_a_borrowing_rust_closure_for_each_row() {
    let mut db: *mut sqlite3 = std::ptr::null_mut();
    // SAFETY: a C string and a valid out-pointer.
    assert_eq!(unsafe { sqlite3_open(c":memory:".as_ptr(), &mut db) }, 0);
    exec(db, c"CREATE TABLE fruit(name TEXT, qty INTEGER)", |_| {});
    exec(
        db,
        c"INSERT INTO fruit VALUES ('apple', 3), ('pear', NULL), ('fig', 12)",
        |_| {},
    );
    // The closure borrows a local Vec: it lives only during the call, as promised.
    let mut rows = Vec::new();
    exec(db, c"SELECT name, qty FROM fruit ORDER BY name", |r| {
        rows.push(r)
    });
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        rows,
        [
            vec![s("apple"), s("3")],
            vec![s("fig"), s("12")],
            vec![s("pear"), None],
        ]
    );
    // Returning non-zero from the closure aborts the query (SQLITE_ABORT = 4).
    let mut err: *mut c_char = std::ptr::null_mut();
    let mut seen = 0;
    // SAFETY: as in `exec`.
    let rc = unsafe {
        sqlite3_exec(
            db,
            c"SELECT name FROM fruit".as_ptr(),
            |_, _, _| {
                seen += 1;
                1
            },
            &mut err,
        )
    };
    assert_eq!((rc, seen), (4, 1));
    unsafe { sqlite3_free(err.cast()) };
    // SAFETY: `db` is open and not used afterwards.
    assert_eq!(unsafe { sqlite3_close(db) }, 0);
}
