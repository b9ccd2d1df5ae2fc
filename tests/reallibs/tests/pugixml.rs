//! pugixml (libpugixml-dev): parse an XML string and walk the tree — element names, attribute
//! values, children, siblings, parents — the way a user would after reading the README.
#![cfg(relocxx_real_libs)]

use std::ffi::{c_char, CStr};

use relocxx_reallibs::pugixml::pugi;

const XML: &CStr = c"<library name=\"city\" open=\"true\" shelves=\"12\">\
    <book id=\"1\" lang=\"en\"><title>Dune</title><year>1965</year></book>\
    <book id=\"2\" lang=\"fr\"><title>Candide</title><year>1759</year></book>\
    <magazine id=\"3\"/>\
    </library>";

/// An owned copy of a C string pugixml returned.
///
/// # Safety
/// `p` is a valid NUL-terminated string (pugixml returns `""`, never null, for missing names and
/// values) that stays alive during the call.
unsafe fn owned(p: *const c_char) -> String {
    // SAFETY: the caller's contract.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

/// Names of `node`'s attributes and their values, in document order.
///
/// # Safety
/// `node` is empty or a node of a document that is alive and not modified during the call.
unsafe fn attributes(node: &pugi::xml_node) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // SAFETY: the caller's contract; the attribute handles and the strings they return are
    // used only within this call, while the document is alive and unchanged.
    unsafe {
        let mut attr = node.first_attribute();
        while !attr.empty() {
            // `name()`/`value()` of a non-empty attribute are NUL-terminated strings owned by
            // the document.
            out.push((owned(attr.name()), owned(attr.value())));
            attr = attr.next_attribute();
        }
    }
    out
}

#[test]
fn parse_and_walk_the_tree() {
    relocxx::emplace!(let mut doc = pugi::xml_document::new());
    // SAFETY: `XML` is a NUL-terminated static string; load_string copies it into the document.
    let result = unsafe { doc.as_mut().load_string(XML.as_ptr(), pugi::parse_default) };
    assert_eq!(result.status, pugi::xml_parse_status::status_ok);

    // Every node below is a handle into `doc`, which lives (pinned on this stack frame) until
    // the end of the test, and is not modified while they are used.
    // SAFETY: `doc` outlives `root`.
    let root = unsafe { doc.document_element() };
    assert!(!root.empty());
    assert_eq!(root.r#type(), pugi::xml_node_type::node_element);
    // SAFETY: `root` is a live element of `doc`; its name is a NUL-terminated string in `doc`.
    assert_eq!(unsafe { owned(root.name()) }, "library");
    assert_eq!(
        // SAFETY: `root` is a node of `doc`, alive and unchanged.
        unsafe { attributes(&root) },
        [
            ("name".to_string(), "city".to_string()),
            ("open".to_string(), "true".to_string()),
            ("shelves".to_string(), "12".to_string()),
        ]
    );
    // SAFETY: `doc` outlives the attributes; the names are static NUL-terminated strings.
    let (open, shelves, missing) = unsafe {
        (
            root.attribute_const_char_ptr(c"open".as_ptr()),
            root.attribute_const_char_ptr(c"shelves".as_ptr()),
            root.attribute_const_char_ptr(c"missing".as_ptr()),
        )
    };
    assert!(open.as_bool_with_defaults());
    assert_eq!(shelves.as_int_with_defaults(), 12);
    assert!(missing.empty());
    assert_eq!(missing.as_int(-7), -7);

    // Children, walked with first_child/next_sibling.
    let mut seen = Vec::new();
    // SAFETY: `doc` outlives every handle of the loop.
    let mut child = unsafe { root.first_child() };
    while !child.empty() {
        // SAFETY: `child` is a live node of `doc`.
        let (name, parent) = unsafe { (owned(child.name()), child.parent()) };
        assert!(parent == root, "{name}'s parent is the document element");
        // SAFETY: `child` is a live node of `doc`; the child names are static C strings; the
        // text is read before anything changes the document.
        let (title, year) = unsafe {
            let title = child.child(c"title".as_ptr());
            let year = child.child(c"year".as_ptr());
            (owned(title.child_value()), year.text().as_int(0))
        };
        // SAFETY: `child` is a node of `doc`, alive and unchanged.
        seen.push((name, unsafe { attributes(&child) }, title, year));
        // SAFETY: as above.
        child = unsafe { child.next_sibling() };
    }
    let attrs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        seen,
        [
            (
                "book".to_string(),
                attrs(&[("id", "1"), ("lang", "en")]),
                "Dune".to_string(),
                1965
            ),
            (
                "book".to_string(),
                attrs(&[("id", "2"), ("lang", "fr")]),
                "Candide".to_string(),
                1759
            ),
            (
                "magazine".to_string(),
                attrs(&[("id", "3")]),
                String::new(),
                0
            ),
        ]
    );

    // Siblings both ways, and the ends of the list.
    // SAFETY: `doc` outlives every handle; the names are static C strings.
    unsafe {
        let first = root.first_child();
        let last = root.last_child();
        assert_eq!(owned(last.name()), "magazine");
        assert!(first.previous_sibling().empty());
        assert!(last.next_sibling().empty());
        assert!(last.previous_sibling() == first.next_sibling());
        assert_eq!(
            owned(
                last.previous_sibling()
                    .attribute_const_char_ptr(c"lang".as_ptr())
                    .value()
            ),
            "fr"
        );
        // next_sibling(name) skips other names: the second book is the next "book".
        let second = first.next_sibling_const_char_ptr(c"book".as_ptr());
        assert_eq!(
            second
                .attribute_const_char_ptr(c"id".as_ptr())
                .as_int_with_defaults(),
            2
        );
        assert!(second.next_sibling_const_char_ptr(c"book".as_ptr()).empty());
        // Finding by attribute, and the path back up.
        let french = root.find_child_by_attribute_const_char_ptr_const_char_ptr_const_char_ptr(
            c"book".as_ptr(),
            c"lang".as_ptr(),
            c"fr".as_ptr(),
        );
        assert!(french == second);
        let title = french.child(c"title".as_ptr());
        assert_eq!(
            title.path_with_defaults().to_str().unwrap(),
            "/library/book/title"
        );
        assert!(title.parent().parent() == root);
        assert_eq!(root.parent().r#type(), pugi::xml_node_type::node_document);
    }
}

#[test]
fn malformed_xml_reports_the_error_and_where() {
    relocxx::emplace!(let mut doc = pugi::xml_document::new());
    // SAFETY: a NUL-terminated static string, copied by load_string.
    let result = unsafe {
        doc.as_mut()
            .load_string(c"<a><b></a>".as_ptr(), pugi::parse_default)
    };
    assert_eq!(
        result.status,
        pugi::xml_parse_status::status_end_element_mismatch
    );
    assert_eq!(result.offset, 8);
    // SAFETY: description() returns a static NUL-terminated message.
    assert_eq!(
        unsafe { owned(result.description()) },
        "Start-end tags mismatch"
    );
}
