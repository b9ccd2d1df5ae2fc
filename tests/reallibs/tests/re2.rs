//! re2 (libre2-dev): compile patterns, match with submatch extraction, non-matches, anchors,
//! a bad pattern's error, and GlobalReplace.
#![cfg(relocxx_real_libs)]

use relocxx::CppString;
use relocxx_reallibs::re2::re2::{self, RE2_Anchor, RE2_ErrorCode, StringPiece, RE2};

/// `re.Match(text, 0, text.size(), anchor, groups, N)`: the N groups (0 = whole match) as
/// (offset in `text`, matched text), `None` for a group that did not participate.
fn find<const N: usize>(
    re: &RE2,
    text: &str,
    anchor: RE2_Anchor,
) -> Option<[Option<(usize, String)>; N]> {
    // SAFETY: the piece views `text`, which outlives it and every submatch pointing into it.
    let piece = unsafe { StringPiece::new_string_view(text) };
    let mut groups: [StringPiece; N] = std::array::from_fn(|_| StringPiece::new());
    // SAFETY: `groups` holds N StringPieces for Match to fill; N fits in an int.
    let matched = unsafe {
        re.Match(
            &piece,
            0,
            text.len(),
            anchor,
            groups.as_mut_ptr(),
            N as std::ffi::c_int,
        )
    };
    if !matched {
        return None;
    }
    Some(groups.map(|g| {
        // SAFETY: `data()` only reads the piece's pointer; it is compared, never dereferenced.
        let data = unsafe { g.data() };
        if data.is_null() {
            return None;
        }
        // A matched group points into `text`.
        let offset = (data as usize)
            .checked_sub(text.as_ptr() as usize)
            .expect("submatch inside the text");
        Some((offset, g.as_string().to_str().unwrap().to_owned()))
    }))
}

fn group(offset: usize, s: &str) -> Option<(usize, String)> {
    Some((offset, s.to_owned()))
}

#[test]
fn match_and_extract_submatches() {
    let pattern = CppString::from(r"(\w+)@(\w+)\.com(:\d+)?");
    relocxx::emplace!(let re = RE2::new_const_string_ref(&pattern));
    assert!(re.ok(), "{}", re.error());
    assert_eq!(re.pattern().as_bytes(), pattern.as_bytes());
    assert_eq!(re.NumberOfCapturingGroups(), 3);

    let text = "to: alice@example.com, bob@test.org";
    assert_eq!(
        find::<4>(&re, text, RE2_Anchor::UNANCHORED),
        Some([
            group(4, "alice@example.com"),
            group(4, "alice"),
            group(10, "example"),
            None,
        ])
    );
    // The optional group participates when present.
    assert_eq!(
        find::<4>(&re, "carol@host.com:8080", RE2_Anchor::ANCHOR_BOTH),
        Some([
            group(0, "carol@host.com:8080"),
            group(0, "carol"),
            group(6, "host"),
            group(14, ":8080"),
        ])
    );

    // Non-matches: no ".com" address, and anchoring a text that has more around the match.
    assert_eq!(find::<1>(&re, "bob@test.org", RE2_Anchor::UNANCHORED), None);
    assert_eq!(find::<1>(&re, text, RE2_Anchor::ANCHOR_START), None);
    assert_eq!(find::<1>(&re, text, RE2_Anchor::ANCHOR_BOTH), None);
    assert_eq!(
        find::<1>(&re, "dave@corp.com trailing", RE2_Anchor::ANCHOR_START),
        Some([group(0, "dave@corp.com")])
    );
}

#[test]
fn bad_pattern_reports_its_error() {
    let mut options = re2::RE2_Options::new();
    options.set_log_errors(false); // keep the expected error off stderr
    let source = "a(b";
    // SAFETY: the piece views `source`, which outlives the constructor call; RE2 copies its
    // pattern (it is `owning`), so nothing points into `source` afterwards.
    let pattern = unsafe { StringPiece::new_string_view(source) };
    relocxx::emplace!(let re = RE2::new_const_StringPiece_ref_const_Options_ref(&pattern, &options));
    assert!(!re.ok());
    assert_eq!(re.error_code(), RE2_ErrorCode::ErrorMissingParen);
    assert_eq!(re.error().to_str().unwrap(), "missing ): a(b");
    assert_eq!(re.error_arg().to_str().unwrap(), "a(b");
    assert!(!re.options().log_errors());
    assert_eq!(find::<1>(&re, "ab", RE2_Anchor::UNANCHORED), None);
}

#[test]
fn global_replace_rewrites_every_match() {
    let pattern = CppString::from(r"(\d+)-(\d+)");
    let re = relocxx::CppBox::emplace(RE2::new_const_string_ref(&pattern));
    assert!(re.ok());
    let mut text = CppString::from("1-2, 30-40 and 500-600");
    // SAFETY: the piece views a 'static string.
    let rewrite = unsafe { StringPiece::new_string_view(r"\2..\1") };
    // SAFETY: `text` is a live std::string that GlobalReplace rewrites in place.
    let n = unsafe { RE2::GlobalReplace(&mut *text, &re, &rewrite) };
    assert_eq!(n, 3);
    assert_eq!(text.to_str().unwrap(), "2..1, 40..30 and 600..500");
    // QuoteMeta escapes what is special in a pattern.
    // SAFETY: the piece views a 'static string.
    let quoted = RE2::QuoteMeta(&unsafe { StringPiece::new_string_view("1+1=2?") });
    assert_eq!(quoted.to_str().unwrap(), r"1\+1\=2\?");
}
