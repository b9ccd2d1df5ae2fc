//! `instantiate("ns::Grid<int>")`: bindings for a class template specialization the user names.
//!
//! The parse declares `using relocxx_instantiate_<k> = ns::Grid<int>;` (and forces the class to
//! be instantiated), so libclang knows its exact layout and fields. libclang does not show the
//! members of an implicit instantiation, so constructors and methods are read from the template
//! with its type parameters standing for the arguments; members whose signatures still depend
//! on a parameter in another way are skipped with a reason, like any unsupported member.
//!
//! Rust name (README): the template name and the argument spellings joined by `_`
//! (`Grid<int>` -> `Grid_int`); `rename` overrides it.

use super::types::{convert, qualified_name, with_substitutions};
use super::{decls, loc_of};
use crate::clang::sys::*;
use crate::clang::TranslationUnit;
use crate::model::{Item, ItemKind, Type};

/// Text appended to the parsed file for `specs`.
pub fn declarations(specs: &[String]) -> String {
    specs
        .iter()
        .enumerate()
        .map(|(k, s)| format!("using relocxx_instantiate_{k} = {s};\nstatic_assert(sizeof({s}) > 0, \"relocxx: instantiate\");\n"))
        .collect()
}

/// One item per named specialization (an `Unsupported` one, with the reason, when it cannot be
/// bound).
pub fn items(tu: &TranslationUnit, specs: &[String]) -> Vec<Item> {
    let top = tu.cursor().children();
    specs
        .iter()
        .enumerate()
        .filter_map(|(k, spec)| {
            let alias = top
                .iter()
                .find(|c| c.spelling() == format!("relocxx_instantiate_{k}"))?;
            Some(item(*alias, spec))
        })
        .collect()
}

fn item(alias: crate::clang::Cursor<'_>, spec: &str) -> Item {
    let canon = alias.typedef_underlying().canonical();
    let decl = canon.declaration();
    let unsupported = |reason: &str| Item {
        ns: Vec::new(),
        name: spec.to_string(),
        loc: loc_of(alias),
        doc: String::new(),
        in_given_header: true,
        kind: ItemKind::Unsupported {
            what: "instantiate".into(),
            reason: reason.into(),
        },
        rust_name: String::new(),
        order: usize::MAX,
    };
    let Some(template) = decl.specialized_template() else {
        return unsupported("instantiate: not a class template specialization");
    };
    if super::library::is_system(decl) {
        return unsupported(
            "instantiate: standard-library templates are mapped by the runtime, not instantiated",
        );
    }
    let (ns, _) = match qualified_name(template) {
        Ok(q) => q,
        Err(why) => return unsupported(&why),
    };
    let full = canon.spelling();
    let prefix = crate::model::qualify(&ns, "");
    let name = full.strip_prefix(&prefix).unwrap_or(&full).to_string();
    let params = template.template_params();
    let n = canon.num_template_args().max(0) as u32;
    let subst: Vec<(String, Type)> = params
        .iter()
        .zip(0..n)
        .filter_map(|(p, i)| {
            let arg = canon.template_arg_type(i);
            (p.is_some() && arg.kind() != CXType_Invalid)
                .then(|| (p.clone().unwrap_or_default(), convert(arg)))
        })
        .collect();
    let mut members = canon.fields();
    members.extend(
        template
            .children()
            .into_iter()
            .filter(|m| m.kind() != CXCursor_FieldDecl),
    );
    let kind = with_substitutions(subst, || decls::record_with(decl, members, &full, loc_of));
    Item {
        ns,
        name,
        loc: loc_of(template),
        doc: super::comments::doc(template),
        in_given_header: true,
        kind,
        rust_name: String::new(),
        order: usize::MAX,
    }
}
