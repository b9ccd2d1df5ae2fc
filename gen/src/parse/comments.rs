//! C++ documentation comments -> plain text for the model.
//!
//! Invariant: the text is the comment as written, minus its markers: `///`, `//!`, the
//! trailing-member forms `///<` / `//!<`, `/**`, `/*!`, `/**<`, `*/`, the leading `*` of block
//! lines, and the indentation all lines share. Nothing else is interpreted (Doxygen commands,
//! Markdown and code stay text); making it safe rustdoc is `emit::rust::docs`'s job. Only the
//! comments libclang attaches by default are read: documentation comments, not plain `//` or
//! `/* */` ones (relocxx does not pass `-fparse-all-comments`, like bindgen), so a licence
//! banner or a commented-out line never becomes documentation.

use crate::clang::Cursor;

/// The documentation of a declaration, or an empty string when it has none.
pub(crate) fn doc(c: Cursor<'_>) -> String {
    c.raw_comment().map(|raw| clean(&raw)).unwrap_or_default()
}

/// The documentation of each of a run of sibling declarations (enumerators): libclang
/// attaches a comment to every following sibling that no `;`, `{` or `}` separates from it
/// (`/// A.` before `A = 1,` documents `B = 2,` too), so a comment is kept only on the first.
pub(crate) fn docs_of_siblings(cs: &[Cursor<'_>]) -> Vec<String> {
    let mut previous = None;
    cs.iter()
        .map(|&c| {
            let start = c.comment_start();
            let repeated = start.is_some() && start == previous;
            previous = start;
            if repeated {
                String::new()
            } else {
                doc(c)
            }
        })
        .collect()
}

/// Strips the comment markers of libclang's raw comment text (one comment, or several
/// adjacent ones it merged, joined by newlines).
pub(crate) fn clean(raw: &str) -> String {
    // Each line, and whether it is the text after a block's opening marker (`/** Brief.`),
    // whose own indentation says nothing about the block's.
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut in_block = false;
    for line in raw.lines() {
        let line = line.trim_end_matches('\r');
        let t = line.trim_start();
        let opener = !in_block && ["/**", "/*!"].iter().any(|m| t.starts_with(m));
        let body = if in_block {
            match t.strip_prefix('*').filter(|_| !t.starts_with("*/")) {
                Some(rest) => rest.to_string(),
                None => line.to_string(),
            }
        } else if let Some(rest) = ["///", "//!"].iter().find_map(|m| t.strip_prefix(m)) {
            lines.push((rest.strip_prefix('<').unwrap_or(rest).to_string(), false));
            continue;
        } else if let Some(rest) = ["/**", "/*!"].iter().find_map(|m| t.strip_prefix(m)) {
            in_block = true;
            // `/**<` documents the preceding member; a banner `/*****` is decoration.
            let rest = rest.strip_prefix('<').unwrap_or(rest);
            rest.trim_start_matches('*').to_string()
        } else {
            // Not a documentation comment line (libclang does not merge those); kept as text.
            line.to_string()
        };
        let body = if in_block {
            match body.find("*/") {
                Some(end) => {
                    in_block = false;
                    body[..end].trim_end_matches('*').to_string()
                }
                None => body,
            }
        } else {
            body
        };
        lines.push((body, opener));
    }
    dedent(lines)
}

/// Removes the spaces every non-blank line starts with (tabs count as four; an
/// opener's text is trimmed and does not count), trailing whitespace, and blank lines at both
/// ends.
fn dedent(lines: Vec<(String, bool)>) -> String {
    let lines: Vec<(String, bool)> = lines
        .into_iter()
        .map(|(l, opener)| {
            let l = l.replace('\t', "    ");
            let l = if opener { l.trim() } else { l.trim_end() };
            (l.to_string(), opener)
        })
        .collect();
    let indent = lines
        .iter()
        .filter(|(l, opener)| !l.is_empty() && !opener)
        .map(|(l, _)| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|(l, opener)| {
            if l.is_empty() || *opener {
                l.as_str()
            } else {
                &l[indent..]
            }
        })
        .collect();
    let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |e| e + 1);
    lines[start..end.max(start)].join("\n")
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn line_comments() {
        assert_eq!(
            clean("/// Adds.\n///\n/// More text."),
            "Adds.\n\nMore text."
        );
        assert_eq!(clean("//!< The x."), "The x.");
        assert_eq!(clean("///< The y."), "The y.");
        assert_eq!(
            clean("/// Example:\n///\n///     f(1);\n"),
            "Example:\n\n    f(1);"
        );
    }

    #[test]
    fn block_comments() {
        assert_eq!(
            clean("/**\n     * Brief.\n     *\n     *     code();\n     */"),
            "Brief.\n\n    code();"
        );
        assert_eq!(clean("/*! One line. */"), "One line.");
        assert_eq!(clean("/**< Trailing. */"), "Trailing.");
        assert_eq!(
            clean("/** Starts here\n    and goes on. **/"),
            "Starts here\nand goes on."
        );
        assert_eq!(clean("/********\n * Banner.\n ********/"), "Banner.");
    }

    #[test]
    fn merged_comments() {
        assert_eq!(clean("/// A.\n/** B. */"), "A.\nB.");
    }
}
