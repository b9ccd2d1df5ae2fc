//! The sizes of opaque exported types, read from the compiled crate: neither the attribute nor
//! the header writer can know them (they are rustc's), so the attribute leaves a record in a
//! `#[used]` static (`relocxx::__export::layout_record`) and this finds the records in the
//! library file — a staticlib, an rlib or an object file, whatever its format, since a record
//! is plain bytes after a marker.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Must equal the runtime's `LAYOUT_MARK`.
const MARK: &[u8] = b"\0RELOCXX-LAYOUT-1\0";

/// Symbol prefix -> (size, align) of `Option<T>`, the C++ class's storage.
pub type Layouts = HashMap<String, (u64, u64)>;

pub fn read(lib: &Path) -> Result<Layouts> {
    let bytes =
        std::fs::read(lib).map_err(|e| Error::io(format!("reading {}", lib.display()), e))?;
    let mut out = Layouts::new();
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], MARK) {
        let start = at + found + MARK.len();
        at = start;
        let Some(nul) = bytes[start..].iter().position(|b| *b == 0) else {
            break;
        };
        let name = &bytes[start..start + nul];
        let nums = start + nul + 1;
        let (Ok(name), Some(nums)) = (std::str::from_utf8(name), bytes.get(nums..nums + 16)) else {
            continue;
        };
        if !name.starts_with("relocxx_rs_") {
            continue;
        }
        let size = u64::from_le_bytes(nums[..8].try_into().expect("8 bytes"));
        let align = u64::from_le_bytes(nums[8..].try_into().expect("8 bytes"));
        if let Some(prev) = out.insert(name.to_string(), (size, align)) {
            if prev != (size, align) {
                return Err(Error::Usage(format!(
                    "{}: two different layouts for `{name}` ({prev:?} and {:?}): is the library built twice for different targets?",
                    lib.display(),
                    (size, align)
                )));
            }
        }
    }
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
