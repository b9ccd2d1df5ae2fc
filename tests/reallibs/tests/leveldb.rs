//! leveldb (libleveldb-dev): open a database in a temporary directory, put, get, delete, and
//! iterate in key order with an `Iterator` from `NewIterator`, owned by a `relocxx::UniquePtr`.
#![cfg(relocxx_real_libs)]

use std::path::PathBuf;

use relocxx::{CppString, UniquePtr};
use relocxx_reallibs::leveldb::leveldb;

/// A `leveldb::Slice` viewing `bytes`.
///
/// # Safety
/// The slice points into `bytes`: `bytes` must outlive every use of it (and of its copies).
unsafe fn slice(bytes: &[u8]) -> leveldb::Slice {
    // SAFETY: `bytes` is valid for its length; the caller keeps it alive.
    unsafe { leveldb::Slice::new_const_char_ptr_usize(bytes.as_ptr().cast(), bytes.len()) }
}

/// A fresh directory for one database, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("relocxx-leveldb-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }
    fn name(&self) -> CppString {
        CppString::from(self.0.to_str().expect("temp dir is UTF-8"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Opens (creating it) the database in `dir`.
fn open(dir: &TempDir, options: &leveldb::Options) -> UniquePtr<leveldb::DB> {
    let mut db: *mut leveldb::DB = std::ptr::null_mut();
    // SAFETY: `options` comes from `Options::new()` with only flags changed, so its pointer
    // fields are leveldb's own defaults (bytewise comparator, default Env, nulls it accepts);
    // `db` is a valid `DB*` for Open to fill.
    let status = unsafe { leveldb::DB::Open(options, &dir.name(), &mut db) };
    assert!(status.ok(), "Open: {}", status.ToString());
    assert!(!db.is_null());
    // SAFETY: on success Open stores a `new`ed DB the caller owns and must delete (db.h).
    unsafe { UniquePtr::from_raw(db) }
}

/// Every (key, value) of `db` in iteration order.
fn scan(db: &mut UniquePtr<leveldb::DB>) -> Vec<(String, String)> {
    let read = leveldb::ReadOptions::new();
    // SAFETY: `read.snapshot` is null (ReadOptions()), i.e. the current state.
    let raw = unsafe { db.as_mut().unwrap().NewIterator(&read) };
    // SAFETY: NewIterator returns a `new`ed iterator the caller must delete before the DB
    // (db.h); the UniquePtr deletes it at the end of this function, while `db` is alive.
    let mut it = unsafe { UniquePtr::from_raw(raw) };
    let mut out = Vec::new();
    it.as_mut().unwrap().SeekToFirst();
    while it.Valid() {
        // SAFETY: key() and value() point into the iterator's current entry; both are copied
        // into owned strings before the iterator moves on.
        let (k, v) = unsafe { (it.key().ToString(), it.value().ToString()) };
        out.push((k.to_string(), v.to_string()));
        it.as_mut().unwrap().Next();
    }
    assert!(it.status().ok(), "iteration: {}", it.status().ToString());
    out
}

#[test]
fn put_get_delete_and_iterate_in_key_order() {
    let dir = TempDir::new("kv");
    let mut options = leveldb::Options::new();
    options.create_if_missing = true;
    let mut db = open(&dir, &options);
    let write = leveldb::WriteOptions::new();

    // Inserted out of order; leveldb keeps them sorted bytewise.
    let fruit: [(&[u8], &[u8]); 5] = [
        (b"cherry", b"red"),
        (b"apple", b"green"),
        (b"date", b"brown"),
        (b"banana", b"yellow"),
        (b"apricot", b"orange"),
    ];
    for (k, v) in fruit {
        // SAFETY: `k` and `v` outlive the slices, which Put copies into the database.
        let (key, value) = unsafe { (slice(k), slice(v)) };
        let status = db.as_mut().unwrap().Put(&write, &key, &value);
        assert!(status.ok(), "Put: {}", status.ToString());
    }
    // Overwrite one value.
    // SAFETY: the literals are 'static.
    let (key, value) = unsafe { (slice(b"apple"), slice(b"golden")) };
    assert!(db.as_mut().unwrap().Put(&write, &key, &value).ok());

    // Get.
    let read = leveldb::ReadOptions::new();
    let mut got = CppString::from("stale");
    // SAFETY: `read.snapshot` is null; `got` is a live std::string Get overwrites; the key
    // slice views a 'static literal.
    let status = unsafe {
        db.as_mut()
            .unwrap()
            .Get(&read, &slice(b"banana"), &mut *got)
    };
    assert!(status.ok(), "Get: {}", status.ToString());
    assert_eq!(got.as_bytes(), b"yellow");
    // SAFETY: as above.
    let status = unsafe { db.as_mut().unwrap().Get(&read, &slice(b"apple"), &mut *got) };
    assert!(status.ok());
    assert_eq!(got.as_bytes(), b"golden");
    // SAFETY: as above.
    let missing = unsafe { db.as_mut().unwrap().Get(&read, &slice(b"kiwi"), &mut *got) };
    assert!(!missing.ok());
    assert!(missing.IsNotFound());
    assert_eq!(missing.ToString().to_str().unwrap(), "NotFound: ");

    // Delete, then iterate.
    // SAFETY: a 'static literal.
    let key = unsafe { slice(b"date") };
    assert!(db.as_mut().unwrap().Delete(&write, &key).ok());
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        scan(&mut db),
        pairs(&[
            ("apple", "golden"),
            ("apricot", "orange"),
            ("banana", "yellow"),
            ("cherry", "red"),
        ])
    );

    // Seek lands on the first key >= the target; Prev walks back.
    {
        // SAFETY: `read.snapshot` is null.
        let raw = unsafe { db.as_mut().unwrap().NewIterator(&read) };
        // SAFETY: a `new`ed iterator the caller owns; dropped at the end of this block, before
        // `db`.
        let mut it = unsafe { UniquePtr::from_raw(raw) };
        let target = b"b".to_vec();
        // SAFETY: `target` outlives the Seek call; leveldb does not keep the target.
        unsafe { it.as_mut().unwrap().Seek(&slice(&target)) };
        assert!(it.Valid());
        // SAFETY: the key is copied before the iterator moves.
        assert_eq!(unsafe { it.key().ToString() }.as_bytes(), b"banana");
        it.as_mut().unwrap().Prev();
        // SAFETY: as above.
        assert_eq!(unsafe { it.key().ToString() }.as_bytes(), b"apricot");
        // SAFETY: a 'static literal.
        unsafe { it.as_mut().unwrap().Seek(&slice(b"zzz")) };
        assert!(!it.Valid());
        it.as_mut().unwrap().SeekToLast();
        // SAFETY: the value is copied before the iterator moves.
        assert_eq!(unsafe { it.value().ToString() }.as_bytes(), b"red");
    }

    // Closing the database (the C++ `delete db`) and reopening it keeps the data.
    drop(db);
    let mut db = open(&dir, &options);
    assert_eq!(scan(&mut db).len(), 4);
    drop(db);

    // SAFETY: `options` as in `open`.
    let destroyed = unsafe { leveldb::DestroyDB(&dir.name(), &options) };
    assert!(destroyed.ok(), "DestroyDB: {}", destroyed.ToString());
}

#[test]
fn open_without_create_if_missing_fails() {
    let dir = TempDir::new("absent");
    let options = leveldb::Options::new();
    assert!(!options.create_if_missing);
    let mut db: *mut leveldb::DB = std::ptr::null_mut();
    // SAFETY: default options (see `open`); `db` is a valid out-pointer.
    let status = unsafe { leveldb::DB::Open(&options, &dir.name(), &mut db) };
    assert!(!status.ok());
    assert!(status.IsInvalidArgument(), "{}", status.ToString());
    assert!(db.is_null());
}

/// A `leveldb::Comparator` implemented in Rust (`subclass("leveldb::Comparator")`): keys in
/// reverse bytewise order. leveldb calls it from its own threads (compaction), so it is made
/// with `from_rust_sync` (the type is `Send + Sync`); the calls are counted to show they are ours.
struct Reverse {
    calls: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

// SAFETY: `Name` returns a 'static C string, as leveldb requires (it keeps the pointer).
unsafe impl leveldb::ComparatorMethods for Reverse {
    fn Compare(&self, a: &leveldb::Slice, b: &leveldb::Slice) -> i32 {
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        b.compare(a)
    }
    fn Name(&self) -> *const std::ffi::c_char {
        c"relocxx.ReverseBytewise".as_ptr()
    }
    // Leaving the key unchanged is always a valid (if less compact) separator / successor.
    fn FindShortestSeparator(&self, _start: *mut relocxx::CppStr, _limit: &leveldb::Slice) {}
    fn FindShortSuccessor(&self, _key: *mut relocxx::CppStr) {}
}

#[test]
fn a_rust_comparator_orders_the_database() {
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let cmp = leveldb::Comparator::from_rust_sync(Reverse {
        calls: calls.clone(),
    });
    let dir = TempDir::new("reverse");
    let mut options = leveldb::Options::new();
    options.create_if_missing = true;
    // leveldb keeps the pointer: `cmp` outlives every database opened with these options.
    options.comparator = &*cmp;
    let mut db = open(&dir, &options);
    let write = leveldb::WriteOptions::new();
    for (k, v) in [("b", "B"), ("d", "D"), ("a", "A"), ("c", "C"), ("e", "E")] {
        // SAFETY: the literals are 'static; Put copies them.
        let (key, value) = unsafe { (slice(k.as_bytes()), slice(v.as_bytes())) };
        assert!(db.as_mut().unwrap().Put(&write, &key, &value).ok());
    }
    let keys: Vec<String> = scan(&mut db).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["e", "d", "c", "b", "a"]);
    assert!(calls.load(std::sync::atomic::Ordering::Relaxed) > 0);
    // The name is leveldb's record of the order: reopening with the bytewise default fails.
    drop(db);
    let mut db: *mut leveldb::DB = std::ptr::null_mut();
    let bytewise = leveldb::Options::new();
    // SAFETY: default options; `db` is a valid out-pointer.
    let status = unsafe { leveldb::DB::Open(&bytewise, &dir.name(), &mut db) };
    assert!(!status.ok());
    assert!(
        status
            .ToString()
            .to_string()
            .contains("relocxx.ReverseBytewise"),
        "{}",
        status.ToString()
    );
    drop(cmp);
}
