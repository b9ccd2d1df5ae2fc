//! snappy (libsnappy-dev): compress and decompress buffers, through the `std::string` API and
//! the raw-buffer API, and reject corrupt input.
#![cfg(relocxx_real_libs)]

use relocxx::CppString;
use relocxx_reallibs::snappy::snappy;

/// 8 KiB of repetitive text: snappy must shrink it a lot.
fn repetitive() -> Vec<u8> {
    b"relocxx binds C++ to Rust; ".repeat(300)
}

/// `snappy::Compress(const char*, size_t, std::string*)`.
fn compress(input: &[u8]) -> CppString {
    let mut out = CppString::new();
    // SAFETY: `input` is valid for `input.len()` bytes; `out` is a live std::string that snappy
    // overwrites; nothing is kept after the call.
    let n = unsafe {
        snappy::Compress_const_char_ptr_usize_string_ptr(
            input.as_ptr().cast(),
            input.len(),
            &mut *out,
        )
    };
    assert_eq!(n, out.len(), "Compress returns the compressed length");
    out
}

/// `snappy::Uncompress(const char*, size_t, std::string*)`; `None` for corrupt input.
fn uncompress(compressed: &[u8]) -> Option<CppString> {
    let mut out = CppString::new();
    // SAFETY: as in `compress`.
    let ok = unsafe {
        snappy::Uncompress_const_char_ptr_usize_string_ptr(
            compressed.as_ptr().cast(),
            compressed.len(),
            &mut *out,
        )
    };
    ok.then_some(out)
}

#[test]
fn string_round_trip_shrinks_repetitive_data() {
    let input = repetitive();
    assert_eq!(input.len(), 8100);
    let compressed = compress(&input);
    assert!(
        compressed.len() * 10 < input.len(),
        "{} bytes compressed to {}",
        input.len(),
        compressed.len()
    );
    assert!(compressed.len() <= snappy::MaxCompressedLength(input.len()));

    let bytes = compressed.as_bytes();
    // SAFETY: `bytes` is valid for its length during the call.
    assert!(unsafe { snappy::IsValidCompressedBuffer(bytes.as_ptr().cast(), bytes.len()) });
    let mut length = 0usize;
    // SAFETY: `bytes` as above; `length` is a valid usize to write.
    let known = unsafe {
        snappy::GetUncompressedLength_const_char_ptr_usize_usize_ptr(
            bytes.as_ptr().cast(),
            bytes.len(),
            &mut length,
        )
    };
    assert!(known);
    assert_eq!(length, input.len());

    let restored = uncompress(bytes).expect("valid compressed data");
    assert!(
        restored.as_bytes() == &input[..],
        "round trip changed the data"
    );

    // Empty input round-trips too.
    let empty = compress(b"");
    assert_eq!(uncompress(empty.as_bytes()).unwrap().as_bytes(), b"");
}

#[test]
fn raw_buffer_round_trip() {
    let input = repetitive();
    let mut compressed = vec![0u8; snappy::MaxCompressedLength(input.len())];
    let mut compressed_len = 0usize;
    // SAFETY: `input` is readable for its length; `compressed` has MaxCompressedLength(input
    // length) writable bytes, which RawCompress requires; `compressed_len` is a valid usize.
    unsafe {
        snappy::RawCompress(
            input.as_ptr().cast(),
            input.len(),
            compressed.as_mut_ptr().cast(),
            &mut compressed_len,
        )
    };
    compressed.truncate(compressed_len);
    // Same algorithm, same output as the std::string API.
    assert_eq!(&compressed[..], compress(&input).as_bytes());

    let mut restored = vec![0u8; input.len()];
    // SAFETY: `compressed` is readable for its length and valid snappy data whose uncompressed
    // length (checked above through GetUncompressedLength) is `restored.len()`, all writable.
    let ok = unsafe {
        snappy::RawUncompress_const_char_ptr_usize_char_ptr(
            compressed.as_ptr().cast(),
            compressed.len(),
            restored.as_mut_ptr().cast(),
        )
    };
    assert!(ok);
    assert!(restored == input, "round trip changed the data");
}

#[test]
fn corrupt_input_is_rejected() {
    let input = repetitive();
    let compressed = compress(&input);
    let truncated = &compressed.as_bytes()[..compressed.len() / 2];
    // SAFETY: `truncated` is valid for its length.
    assert!(!unsafe {
        snappy::IsValidCompressedBuffer(truncated.as_ptr().cast(), truncated.len())
    });
    assert!(uncompress(truncated).is_none());
    assert!(uncompress(b"\xff\xff\xff\xff\xff\xff not snappy").is_none());
}
