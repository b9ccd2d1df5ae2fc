//! Which headers are the library being bound, as opposed to the system underneath it.
//!
//! clang calls every header reached through a system include directory a "system header", so a
//! library installed under `/usr/include/<lib>/` would lose all its types to the "standard
//! library or system type" rule. For relocxx, "system" means only what the compiler and the C
//! library bring: a header is the *library's* when it is
//! - one of the headers the user gave;
//! - under the directory of a given header, when that directory is not itself an include root
//!   (`/usr/include/leveldb/db.h` makes all of `/usr/include/leveldb/` the library's, including
//!   what an umbrella header like `yaml-cpp/yaml.h` pulls in);
//! - included with quotes (`#include "pugiconfig.hpp"`) from a library header and sitting in the
//!   same directory (a library installed straight into `/usr/include`, whose neighbours are libc).
//!
//! These files are never treated as system headers, and their declarations are selected by
//! default like those of the given headers. The set is computed once per parse from the
//! inclusion graph, so it does not depend on the order of the `.header()` calls.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::clang::cursor::FileId;
use crate::clang::{Cursor, Inclusion};
use crate::options::absolute;

/// The library's files for the parse running on this thread (canonical paths), and what was
/// asked about each file of the parse so far.
#[derive(Default)]
struct Library {
    files: HashSet<PathBuf>,
    /// Per-file memos, keyed by `FileId::key` and so valid only inside one parse: only kept
    /// while `with_library` runs (`active`).
    active: bool,
    /// `contains_file`'s answer per file: a parse has thousands of system declarations in a
    /// few hundred files.
    in_library: HashMap<usize, bool>,
    /// `file_names`' answer per file.
    names: HashMap<usize, (String, String)>,
}

thread_local! {
    static LIBRARY: RefCell<Library> = RefCell::new(Library::default());
}

/// The inclusion graph with every path canonical (`absolute`), each file resolved once and
/// each directory once: a file that is not a symbolic link is its directory's canonical path
/// plus its name (one `lstat` instead of one per path component).
pub fn canonical(graph: Vec<Inclusion>) -> Vec<Inclusion> {
    let mut dirs: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut files: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut canon = |p: PathBuf| -> PathBuf {
        files
            .entry(p)
            .or_insert_with_key(|p| {
                let plain = std::fs::symlink_metadata(p).is_ok_and(|m| !m.file_type().is_symlink());
                match (p.parent(), p.file_name()) {
                    (Some(dir), Some(name)) if plain && !dir.as_os_str().is_empty() => dirs
                        .entry(dir.to_path_buf())
                        .or_insert_with_key(|d| absolute(d))
                        .join(name),
                    _ => absolute(p),
                }
            })
            .clone()
    };
    graph
        .into_iter()
        .map(|i| Inclusion {
            file: canon(i.file),
            from: i.from.map(&mut canon),
            line: i.line,
        })
        .collect()
}

/// The library's files: the given headers and what belongs with them (see the module docs).
/// `graph` is [`canonical`].
pub fn files(given: &[PathBuf], graph: &[Inclusion], roots: &[PathBuf]) -> HashSet<PathBuf> {
    let roots: HashSet<PathBuf> = roots.iter().map(|r| absolute(r)).collect();
    let given: Vec<PathBuf> = given.iter().map(|g| absolute(g)).collect();
    let trees: Vec<PathBuf> = given
        .iter()
        .filter_map(|g| g.parent())
        .filter(|d| !roots.contains(*d))
        .map(Path::to_path_buf)
        .collect();
    let edges: Vec<(PathBuf, Option<PathBuf>, u32)> = graph
        .iter()
        .map(|i| (i.file.clone(), i.from.clone(), i.line))
        .collect();
    // An include root inside a library's tree (a vendored dependency, an in-tree sysroot) is
    // someone else's headers.
    let nested_root = |f: &Path, tree: &Path| {
        roots
            .iter()
            .any(|r| r.as_path() != tree && r.starts_with(tree) && f.starts_with(r))
    };
    let mut lib: HashSet<PathBuf> = given.into_iter().collect();
    lib.extend(
        edges
            .iter()
            .filter(|(f, _, _)| trees.iter().any(|t| f.starts_with(t) && !nested_root(f, t)))
            .map(|(f, _, _)| f.clone()),
    );
    // Quoted siblings, to a fixed point (a sibling may quote-include another). Only a library
    // file's directives are read, each file once.
    let mut sources: HashMap<PathBuf, Vec<String>> = HashMap::new();
    loop {
        let before = lib.len();
        for (file, from, line) in &edges {
            let Some(from) = from else { continue };
            if lib.contains(file) || !lib.contains(from) || from.parent() != file.parent() {
                continue;
            }
            let lines = sources.entry(from.clone()).or_insert_with(|| {
                std::fs::read_to_string(from)
                    .map(|t| t.lines().map(String::from).collect())
                    .unwrap_or_default()
            });
            if directive_is_quoted(lines.get((*line as usize).saturating_sub(1))) {
                lib.insert(file.clone());
            }
        }
        if lib.len() == before {
            break;
        }
    }
    lib
}

/// Whether an `#include` line names its file in quotes.
fn directive_is_quoted(line: Option<&String>) -> bool {
    line.and_then(|l| l.split_once("include"))
        .map(|(_, rest)| rest.trim_start().starts_with('"'))
        .unwrap_or(false)
}

/// Runs `f` with `files` as the library of this thread's parse.
pub fn with_library<R>(files: HashSet<PathBuf>, f: impl FnOnce() -> R) -> R {
    let library = Library {
        files,
        active: true,
        ..Library::default()
    };
    let previous = LIBRARY.with(|l| std::mem::replace(&mut *l.borrow_mut(), library));
    let r = f();
    LIBRARY.with(|l| *l.borrow_mut() = previous);
    r
}

/// Whether `path` (as clang spells it, which may hold `..`) is one of the library's files;
/// asked once per file of a parse, through [`contains_file`].
fn contains(path: &Path) -> bool {
    let listed = LIBRARY.with(|l| l.borrow().files.contains(path));
    listed || LIBRARY.with(|l| l.borrow().files.contains(&absolute(path)))
}

/// A declaration from the compiler's standard library, libc or builtin headers: clang's
/// system-header test, minus the library's own files.
pub fn is_system(c: Cursor<'_>) -> bool {
    if !c.is_in_system_header() {
        return false;
    }
    !c.file().is_some_and(contains_file)
}

/// Whether `file` is one of the library's files (asked once per file of a parse).
pub fn contains_file(file: FileId<'_>) -> bool {
    memo(
        file,
        |l| &mut l.in_library,
        || file.path().as_deref().is_some_and(contains),
    )
}

/// `names` (a file's path as diagnostics show it, and as generated files show it) for `file`,
/// computed once per file of this parse: resolving a path costs system calls, and every
/// declaration asks.
pub fn file_names(file: FileId<'_>, names: impl FnOnce() -> (String, String)) -> (String, String) {
    memo(file, |l| &mut l.names, names)
}

/// `compute()` for `file`, kept in the table `table` picks while a parse runs.
fn memo<T: Clone>(
    file: FileId<'_>,
    table: impl Fn(&mut Library) -> &mut HashMap<usize, T>,
    compute: impl FnOnce() -> T,
) -> T {
    let known = LIBRARY.with(|l| {
        let mut l = l.borrow_mut();
        let active = l.active;
        active
            .then(|| table(&mut l).get(&file.key()).cloned())
            .flatten()
    });
    if let Some(known) = known {
        return known;
    }
    let value = compute();
    LIBRARY.with(|l| {
        let mut l = l.borrow_mut();
        if l.active {
            table(&mut l).insert(file.key(), value.clone());
        }
    });
    value
}
