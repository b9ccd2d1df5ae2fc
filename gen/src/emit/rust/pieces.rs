//! The Rust file printed in pieces, on several threads.
//!
//! prettyplease prints a whole `syn::File`, and parsing the whole file's tokens into one took
//! longer than anything else relocxx does after libclang's parse (12 ms of 21 for a header of
//! 100 declarations). So the file is cut into pieces: the thunk declarations of one model item
//! (in `__ffi`), and the items one model item becomes (in its namespace's module). Each piece is
//! built, parsed and printed on its own by worker threads (`parallel::spread`); proc-macro2's
//! tokens are not `Send`, so a piece leaves its thread only as text, plus the names it defines
//! (`unbound::Defined`, for the stubs). The main thread prints the frame: the inner attributes,
//! the `__ffi` block and one module per namespace around the pieces, then the stubs.
//!
//! Invariant: the joined text is byte-identical to printing the whole file at once. A piece is
//! printed inside as many wrapper modules as it is deep (`print_at`), so prettyplease indents it
//! and breaks its lines as it would in place (items are printed one after the other, with no
//! blank line and no state carried from one to the next); the wrapper lines are then cut off.
//! Checked on every fixture: printing the output again changes nothing
//! (`generated_rust_is_formatted` in `gen/tests/golden.rs`), and the goldens did not move when
//! this module came in.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::unbound::{self, Defined};
use super::{ffi_tokens, item_tokens, module_shell, Ctx, ModNode};
use crate::error::{Error, Result};
use crate::model::{Item, Model};

/// Stands for the content of a frame (a module or the `__ffi` block) while the frame is printed.
const HOLE: &str = "__relocxx_hole";

/// One part of the file printed by a worker.
enum Piece<'a> {
    /// The thunk declarations of one item, inside `__ffi`'s `extern "C"` block.
    Ffi(&'a Item),
    /// The items one model item becomes, in the module at `module` (Rust segments).
    Item { item: &'a Item, module: Vec<String> },
}

/// What a worker returns for one piece.
struct Printed {
    text: String,
    /// For `Piece::Item`: the module's path and the names the piece defines there.
    defined: Option<(Vec<String>, Defined)>,
}

/// Prints the whole file: `head` (inner attributes), `__ffi`, the module tree from `root`.
pub(super) fn print(
    cx: &Ctx<'_>,
    model: &Model,
    root: &ModNode<'_>,
    head: TokenStream,
) -> Result<String> {
    let mut pieces: Vec<Piece<'_>> = model.items.iter().map(Piece::Ffi).collect();
    let mut modules: Vec<Vec<String>> = Vec::new();
    collect(root, &mut Vec::new(), &mut pieces, &mut modules);
    let printed: Vec<Printed> = crate::parallel::spread(&pieces, |p| print_piece(cx, p))
        .into_iter()
        .collect::<Result<_>>()?;

    let mut defined: HashMap<Vec<String>, Defined> = modules
        .into_iter()
        .map(|m| (m, Defined::default()))
        .collect();
    let mut texts = Vec::with_capacity(printed.len());
    for p in printed {
        if let Some((module, names)) = p.defined {
            defined.entry(module).or_default().merge(names);
        }
        texts.push(p.text);
    }
    let (mut stubs, sealed) = unbound::stubs(model, &mut defined);
    let mut texts = texts.into_iter();

    let ffi: String = texts.by_ref().take(model.items.len()).collect();
    let mut out = if ffi.is_empty() {
        print_at(
            0,
            quote!(#head mod __ffi { #[allow(improper_ctypes)] unsafe extern "C" {} }),
        )?
    } else {
        let hole = syn::Ident::new(HOLE, proc_macro2::Span::call_site());
        let frame = quote! {
            #head
            mod __ffi {
                // Records cross only behind pointers; their Rust layout is opaque storage.
                #[allow(improper_ctypes)]
                unsafe extern "C" {
                    fn #hole();
                }
            }
        };
        around(&print_at(0, frame)?, &ffi)?
    };
    out += &module_text(root, &mut Vec::new(), &mut texts, &mut stubs)?;
    if sealed {
        out += &print_at(0, unbound::sealed())?;
    }
    Ok(out)
}

/// The pieces of `node`'s items and of its descendants, in file order; every module's path.
fn collect<'a>(
    node: &ModNode<'a>,
    path: &mut Vec<String>,
    pieces: &mut Vec<Piece<'a>>,
    modules: &mut Vec<Vec<String>>,
) {
    modules.push(path.clone());
    for item in &node.items {
        pieces.push(Piece::Item {
            item,
            module: path.clone(),
        });
    }
    for child in &node.children {
        let Some(seg) = &child.seg else { continue };
        path.push(crate::analyze::naming::rust_ident(&seg.name));
        collect(child, path, pieces, modules);
        path.pop();
    }
}

/// The text of `node`'s module content: its items' pieces (taken from `texts` in file order),
/// its child modules, then its stubs.
fn module_text(
    node: &ModNode<'_>,
    path: &mut Vec<String>,
    texts: &mut impl Iterator<Item = String>,
    stubs: &mut HashMap<Vec<String>, TokenStream>,
) -> Result<String> {
    let depth = path.len();
    let mut out: String = texts.by_ref().take(node.items.len()).collect();
    for child in &node.children {
        let Some(seg) = &child.seg else { continue };
        path.push(crate::analyze::naming::rust_ident(&seg.name));
        let inner = module_text(child, path, texts, stubs)?;
        path.pop();
        let hole = syn::Ident::new(HOLE, proc_macro2::Span::call_site());
        let (module, after) = if inner.is_empty() {
            module_shell(seg, TokenStream::new())
        } else {
            module_shell(seg, quote!(fn #hole() {}))
        };
        let module = print_at(depth, module)?;
        out += &if inner.is_empty() {
            module
        } else {
            around(&module, &inner)?
        };
        out += &print_at(depth, after)?;
    }
    if let Some(s) = stubs.remove(path.as_slice()) {
        out += &print_at(depth, s)?;
    }
    Ok(out)
}

fn print_piece(cx: &Ctx<'_>, piece: &Piece<'_>) -> Result<Printed> {
    Ok(match piece {
        Piece::Ffi(item) => {
            let tokens = ffi_tokens(cx, item);
            if tokens.is_empty() {
                return Ok(Printed {
                    text: String::new(),
                    defined: None,
                });
            }
            let file = parse(quote!(mod __relocxx_piece { unsafe extern "C" { #tokens } }))?;
            Printed {
                text: cut(&prettyplease::unparse(&file), 2),
                defined: None,
            }
        }
        Piece::Item { item, module } => {
            let file = parse(wrap(module.len(), item_tokens(cx, item, module.len())))?;
            let mut names = Defined::default();
            names.note(innermost(&file.items, module.len()));
            Printed {
                text: if file.items.is_empty() {
                    String::new()
                } else {
                    cut(&prettyplease::unparse(&file), module.len())
                },
                defined: Some((module.clone(), names)),
            }
        }
    })
}

/// `tokens` as prettyplease prints them inside `depth` nested modules.
fn print_at(depth: usize, tokens: TokenStream) -> Result<String> {
    if tokens.is_empty() {
        return Ok(String::new());
    }
    Ok(cut(
        &prettyplease::unparse(&parse(wrap(depth, tokens))?),
        depth,
    ))
}

fn wrap(depth: usize, tokens: TokenStream) -> TokenStream {
    (0..depth).fold(tokens, |t, _| quote!(mod __relocxx_piece { #t }))
}

fn parse(tokens: TokenStream) -> Result<syn::File> {
    syn::parse2(tokens).map_err(|e| Error::Format(e.to_string()))
}

/// The items inside `depth` wrapper modules.
fn innermost(items: &[syn::Item], depth: usize) -> &[syn::Item] {
    if depth == 0 {
        return items;
    }
    match items {
        [syn::Item::Mod(m)] => m
            .content
            .as_ref()
            .map_or(&[][..], |(_, inner)| innermost(inner, depth - 1)),
        _ => &[],
    }
}

/// `text` without its first and last `wrappers` lines (the wrapper modules' braces).
fn cut(text: &str, wrappers: usize) -> String {
    if wrappers == 0 {
        return text.to_string();
    }
    // Lines with their own endings, so the text is kept byte for byte.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let keep = lines.len().saturating_sub(2 * wrappers);
    lines.iter().skip(wrappers).take(keep).copied().collect()
}

/// `frame` (printed with the hole) with `inner` in place of the hole's line.
fn around(frame: &str, inner: &str) -> Result<String> {
    // The hole's own line (a namespace could be named like it; its doc line comes first).
    let at = frame
        .rfind(&format!("fn {HOLE}("))
        .ok_or_else(|| Error::Format("a frame lost its hole".into()))?;
    let start = frame[..at].rfind('\n').map_or(0, |k| k + 1);
    let end = frame[at..].find('\n').map_or(frame.len(), |k| at + k + 1);
    Ok(format!("{}{inner}{}", &frame[..start], &frame[end..]))
}
