//! Rustdoc for generated items: the C++ documentation comment first, then relocxx's own lines.
//!
//! Invariant: every doc line of a generated public item is built here, and what rustdoc reads
//! from it is what was written: text (C++ comments and relocxx's lines alike) is escaped so
//! that `[x]` or `[[clang::trivial_abi]]` is no intra-doc link, `<int>` no HTML tag, a leading
//! `#` or an underline no heading (relocxx's `# Safety` stays the only section), and a bare URL
//! an autolink; `code spans` are kept. No code block in a C++ comment becomes a Rust doctest:
//! Markdown fences without a language and Doxygen `@code` blocks are fenced as `cpp`, fences
//! whose language rustdoc would compile as Rust, `@verbatim` and indented blocks as `text`;
//! every fence is closed before relocxx's lines start.

use proc_macro2::TokenStream;
use quote::quote;

/// The documentation of one generated item, line by line.
#[derive(Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// Documentation starting with a C++ comment (already stripped of its markers by
    /// `parse::comments`; empty when the declaration has none).
    pub fn cpp(comment: &str) -> Doc {
        Doc {
            lines: if comment.trim().is_empty() {
                Vec::new()
            } else {
                markdown(comment)
            },
        }
    }

    /// A paragraph relocxx writes: text with `code spans`.
    pub fn para(mut self, text: &str) -> Doc {
        self.blank();
        self.text(text);
        self
    }

    /// A line continuing the current paragraph or list (`- item`).
    pub fn line(mut self, text: &str) -> Doc {
        self.text(text);
        self
    }

    /// A section relocxx writes (`# Safety`) with its text.
    pub fn section(mut self, heading: &str, text: &str) -> Doc {
        self.blank();
        self.lines.push(format!("# {heading}"));
        self.text(text);
        self
    }

    fn text(&mut self, text: &str) {
        self.lines
            .extend(text.lines().map(|l| escape_line(l.trim_start())));
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// The lines as `#[doc = ".."]` attributes (each with rustdoc's customary leading space).
    pub fn attrs(&self) -> TokenStream {
        let lines = self.spaced();
        quote!(#(#[doc = #lines])*)
    }

    /// The lines as inner `#![doc = ".."]` attributes, for the module.
    pub fn inner_attrs(&self) -> TokenStream {
        let lines = self.spaced();
        quote!(#(#![doc = #lines])*)
    }

    fn spaced(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!(" {l}")
                }
            })
            .collect()
    }
}

/// A C++ comment as rustdoc Markdown (see the module docs).
fn markdown(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    // After a blank line or a code block, an indented line would start a Rust doctest.
    let mut block_start = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start();
        let indent = indent_of(line);
        if let Some((fence, info)) = fence_open(line) {
            let end = (i + 1..lines.len())
                .find(|&j| fence_close(lines[j], &fence))
                .unwrap_or(lines.len());
            code_block(&mut out, fence_language(info), &lines[i + 1..end]);
            i = end + 1;
            block_start = true;
            continue;
        }
        if let Some((lang, closers)) = doxygen_open(t) {
            let end = (i + 1..lines.len())
                .find(|&j| {
                    let u = lines[j].trim();
                    closers.iter().any(|c| u.starts_with(c))
                })
                .unwrap_or(lines.len());
            code_block(&mut out, lang, &lines[i + 1..end]);
            i = end + 1;
            block_start = true;
            continue;
        }
        if t.is_empty() {
            out.push(String::new());
            block_start = true;
            i += 1;
            continue;
        }
        if block_start && indent >= 4 {
            let mut end = i;
            while end < lines.len() && (lines[end].trim().is_empty() || indent_of(lines[end]) >= 4)
            {
                end += 1;
            }
            while end > i && lines[end - 1].trim().is_empty() {
                end -= 1;
            }
            code_block(&mut out, "text", &lines[i..end]);
            i = end;
            continue;
        }
        out.push(escape_line(line));
        block_start = false;
        i += 1;
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Leading spaces (`parse::comments` turned tabs into spaces); slicing at it is always safe.
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A Markdown fence opening (at most three spaces in): the fence and its info string.
fn fence_open(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start_matches(' ');
    if indent_of(line) > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|&x| x == c).count();
    let info = t[n..].trim();
    (n >= 3 && !(c == '`' && info.contains('`'))).then(|| (t[..n].to_string(), info))
}

fn fence_close(line: &str, fence: &str) -> bool {
    let t = line.trim();
    let c = fence.chars().next().unwrap_or('`');
    indent_of(line) <= 3 && t.len() >= fence.len() && t.chars().all(|x| x == c)
}

/// The language a C++ comment's fence is shown as: unlabelled is C++; anything rustdoc would
/// compile and run as Rust is `text`.
fn fence_language(info: &str) -> &'static str {
    let words: Vec<String> = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase().replace('-', "_"))
        .collect();
    let rustish = |w: &str| {
        matches!(
            w,
            "rust"
                | "ignore"
                | "should_panic"
                | "no_run"
                | "compile_fail"
                | "test_harness"
                | "standalone_crate"
        ) || w.starts_with("edition")
            || w.starts_with("ignore_")
            || w.starts_with('{')
    };
    match words.first().map(String::as_str) {
        None => "cpp",
        Some(_) if words.iter().any(|w| rustish(w)) => "text",
        Some("c++" | "cpp" | "cxx" | "cc" | "c" | "h" | "hpp") => "cpp",
        Some(_) => "text",
    }
}

/// Doxygen's `@code` / `\code` (C++ unless `{.ext}` says otherwise) and `@verbatim`: the
/// language and the commands that close the block.
fn doxygen_open(t: &str) -> Option<(&'static str, [&'static str; 2])> {
    for lead in ['@', '\\'] {
        let Some(rest) = t.strip_prefix(lead) else {
            continue;
        };
        if let Some(arg) = rest.strip_prefix("code") {
            if arg.is_empty() || arg.starts_with('{') || arg.starts_with(char::is_whitespace) {
                let lang = match arg.trim().trim_start_matches("{.").trim_end_matches('}') {
                    "" | "cpp" | "c++" | "cc" | "h" | "hpp" | "c" => "cpp",
                    _ => "text",
                };
                return Some((lang, ["@endcode", "\\endcode"]));
            }
        }
        if rest == "verbatim" || rest.starts_with("verbatim ") {
            return Some(("text", ["@endverbatim", "\\endverbatim"]));
        }
    }
    None
}

/// A fenced block, with a fence longer than any backtick run that starts a line inside.
fn code_block(out: &mut Vec<String>, lang: &str, body: &[&str]) {
    let longest = body
        .iter()
        .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    out.push(format!("{fence}{lang}"));
    out.extend(body.iter().map(|l| {
        if l.trim().is_empty() {
            String::new()
        } else {
            l[indent..].to_string()
        }
    }));
    out.push(fence);
}

/// One line of text as Markdown that shows it as written (see the module docs); list items
/// (`- item`) and `code spans` stay what they are.
fn escape_line(line: &str) -> String {
    let t = line.trim_start();
    let lead = &line[..line.len() - t.len()];
    let mut out = String::from(lead);
    // Block-level syntax that would change the structure: headings, underlines, rules, HTML.
    let first = t.chars().next().unwrap_or(' ');
    let underline = t.chars().all(|c| c == first || c == ' ');
    if matches!(first, '#' | '>') || (underline && matches!(first, '=' | '-' | '*' | '_')) {
        out.push('\\');
    }
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let n = chars[i..].iter().take_while(|&&x| x == '`').count();
                match closing_run(&chars, i + n, n) {
                    Some(close) => {
                        out.extend(&chars[i..close + n]);
                        i = close + n;
                    }
                    None => {
                        for _ in 0..n {
                            out.push_str("\\`");
                        }
                        i += n;
                    }
                }
                continue;
            }
            '<' => {
                if let Some(end) = autolink(&chars, i) {
                    out.extend(&chars[i..=end]);
                    i = end + 1;
                    continue;
                }
                out.push_str("\\<");
            }
            'h' if starts_url(&chars, i) && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
                let mut end = i;
                while end < chars.len()
                    && !chars[end].is_whitespace()
                    && !matches!(chars[end], '<' | '>' | '"' | '`')
                {
                    end += 1;
                }
                while end > i
                    && matches!(
                        chars[end - 1],
                        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\''
                    )
                {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push_str("\\\\");
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Where a run of exactly `n` backticks starts at or after `from`, closing a code span.
fn closing_run(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let m = chars[j..].iter().take_while(|&&x| x == '`').count();
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    rest.starts_with("http://") || rest.starts_with("https://")
}

/// `<https://..>` as written: an autolink rustdoc accepts; the index of its `>`.
fn autolink(chars: &[char], i: usize) -> Option<usize> {
    if !starts_url(chars, i + 1) {
        return None;
    }
    let end = (i + 1..chars.len()).find(|&j| chars[j] == '>' || chars[j].is_whitespace())?;
    (chars[end] == '>').then_some(end)
}

#[cfg(test)]
mod tests {
    use super::{escape_line, markdown};

    #[test]
    fn text_is_shown_as_written() {
        assert_eq!(
            escape_line("Marked [[clang::trivial_abi]]; see [x] and std::vector<int>."),
            r"Marked \[\[clang::trivial_abi\]\]; see \[x\] and std::vector\<int>."
        );
        assert_eq!(
            escape_line("Uses `std::vector<int>` and `a[0]`."),
            "Uses `std::vector<int>` and `a[0]`."
        );
        assert_eq!(escape_line("an odd ` backtick"), r"an odd \` backtick");
        assert_eq!(escape_line("#include <x.h>"), r"\#include \<x.h>");
        assert_eq!(
            escape_line("See https://example.com/a_b. Or <https://x.org>."),
            "See <https://example.com/a_b>. Or <https://x.org>."
        );
        assert_eq!(escape_line(r"\brief a \[b"), r"\brief a \\\[b");
        assert_eq!(escape_line("----"), r"\----");
    }

    #[test]
    fn code_blocks_never_become_doctests() {
        let md = markdown("Example:\n\n    int x = f();\n    g(x);\n\nDone.");
        assert_eq!(
            md,
            [
                "Example:",
                "",
                "```text",
                "int x = f();",
                "g(x);",
                "```",
                "",
                "Done."
            ]
        );
        let md = markdown("```\nf();\n```\n```rust\nlet x = 1;\n```\n```py\nx = 1\n```");
        assert_eq!(
            md,
            [
                "```cpp",
                "f();",
                "```",
                "```text",
                "let x = 1;",
                "```",
                "```text",
                "x = 1",
                "```"
            ]
        );
        let md = markdown("@code\nstd::vector<int> v;\n@endcode\n\\verbatim\na\n\\endverbatim");
        assert_eq!(
            md,
            [
                "```cpp",
                "std::vector<int> v;",
                "```",
                "```text",
                "a",
                "```"
            ]
        );
        // An unclosed fence is closed, so relocxx's lines after it stay text.
        assert_eq!(markdown("```\nf();"), ["```cpp", "f();", "```"]);
        // A continuation line of a paragraph is not code.
        assert_eq!(markdown("Text\n    more"), ["Text", "    more"]);
    }
}
