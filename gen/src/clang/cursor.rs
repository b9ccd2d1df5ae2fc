//! Safe, read-only views of libclang cursors and types.
//!
//! Invariant: a `Cursor<'tu>` / `Ty<'tu>` never outlives the translation unit it came from
//! (the lifetime ties them to `TranslationUnit`), and every libclang call happens on a thread
//! where `discover::ensure_loaded` ran (the only way to obtain a `TranslationUnit`).

#![allow(non_upper_case_globals)] // libclang constants are matched by their C names

use std::ffi::CStr;
use std::marker::PhantomData;
use std::os::raw::{c_uint, c_void};
use std::path::PathBuf;

use clang_sys::*;

/// Converts and disposes a libclang string.
///
/// # Safety
/// `s` must be a string returned by libclang that was not disposed yet.
pub(crate) unsafe fn to_string(s: CXString) -> String {
    let ptr = clang_getCString(s);
    let out = if ptr.is_null() {
        String::new()
    } else {
        CStr::from_ptr(ptr).to_string_lossy().into_owned()
    };
    clang_disposeString(s);
    out
}

/// A position in a source file.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePos {
    pub file: Option<PathBuf>,
    pub line: u32,
    pub column: u32,
}

#[derive(Copy, Clone)]
pub struct Cursor<'tu> {
    raw: CXCursor,
    _tu: PhantomData<&'tu ()>,
}

impl<'tu> Cursor<'tu> {
    pub(crate) fn new(raw: CXCursor) -> Self {
        Cursor {
            raw,
            _tu: PhantomData,
        }
    }

    pub fn kind(&self) -> CXCursorKind {
        unsafe { clang_getCursorKind(self.raw) }
    }

    /// The translation-unit cursor kind is 300 in libclang 14 and 350 from 15 on (clang-sys
    /// fixes one value at compile time; we load any version at run time, so accept both).
    pub fn is_translation_unit(&self) -> bool {
        matches!(self.kind(), 300 | 350)
    }

    pub fn is_null(&self) -> bool {
        unsafe { clang_Cursor_isNull(self.raw) != 0 }
    }

    pub fn spelling(&self) -> String {
        path_free(unsafe { to_string(clang_getCursorSpelling(self.raw)) })
    }

    pub fn usr(&self) -> String {
        unsafe { to_string(clang_getCursorUSR(self.raw)) }
    }

    /// The documentation comment libclang attaches to this declaration, markers included
    /// (`///`, `//!`, `/** */`, `/*! */`, trailing `///<` / `//!<`; plain `//` comments are
    /// not attached without `-fparse-all-comments`, which relocxx does not pass). `None`
    /// when there is none.
    pub fn raw_comment(&self) -> Option<String> {
        let text = unsafe { to_string(clang_Cursor_getRawCommentText(self.raw)) };
        (!text.trim().is_empty()).then_some(text)
    }

    /// Where the documentation comment attached to this declaration starts (line, column):
    /// tells one comment libclang attaches to several declarations from several comments.
    pub fn comment_start(&self) -> Option<(u32, u32)> {
        unsafe {
            let range = clang_Cursor_getCommentRange(self.raw);
            if clang_Range_isNull(range) != 0 {
                return None;
            }
            let (mut line, mut column) = (0 as c_uint, 0 as c_uint);
            clang_getSpellingLocation(
                clang_getRangeStart(range),
                std::ptr::null_mut(),
                &mut line,
                &mut column,
                std::ptr::null_mut(),
            );
            Some((line, column))
        }
    }

    pub fn kind_spelling(&self) -> String {
        unsafe { to_string(clang_getCursorKindSpelling(self.kind())) }
    }

    pub fn children(&self) -> Vec<Cursor<'tu>> {
        extern "C" fn visit(c: CXCursor, _: CXCursor, data: CXClientData) -> CXChildVisitResult {
            // SAFETY: `data` is the `&mut Vec<CXCursor>` passed below, alive for the whole visit.
            let out = unsafe { &mut *(data as *mut Vec<CXCursor>) };
            out.push(c);
            CXChildVisit_Continue
        }
        let mut raw: Vec<CXCursor> = Vec::new();
        unsafe { clang_visitChildren(self.raw, visit, &mut raw as *mut _ as *mut c_void) };
        raw.into_iter().map(Cursor::new).collect()
    }

    /// Where the declaration is spelled; for a name made by `##` token pasting (spelled in
    /// clang's scratch buffer, which is no file) where the macro that made it was expanded.
    pub fn location(&self) -> SourcePos {
        unsafe {
            let loc = clang_getCursorLocation(self.raw);
            let mut file: CXFile = std::ptr::null_mut();
            let (mut line, mut column) = (0 as c_uint, 0 as c_uint);
            clang_getSpellingLocation(loc, &mut file, &mut line, &mut column, std::ptr::null_mut());
            if file.is_null() {
                clang_getExpansionLocation(
                    loc,
                    &mut file,
                    &mut line,
                    &mut column,
                    std::ptr::null_mut(),
                );
            }
            SourcePos {
                file: file_path(file),
                line,
                column,
            }
        }
    }

    /// The file [`location`](Self::location) names, as libclang's handle: no line, column or
    /// path is computed, so it is the cheap test for "which file" on every cursor of a parse.
    pub fn file(&self) -> Option<FileId<'tu>> {
        unsafe {
            let loc = clang_getCursorLocation(self.raw);
            let mut file: CXFile = std::ptr::null_mut();
            let none = std::ptr::null_mut();
            clang_getSpellingLocation(loc, &mut file, none, none, none);
            if file.is_null() {
                clang_getExpansionLocation(loc, &mut file, none, none, none);
            }
            (!file.is_null()).then_some(FileId {
                raw: file,
                _tu: PhantomData,
            })
        }
    }

    pub fn is_in_system_header(&self) -> bool {
        unsafe { clang_Location_isInSystemHeader(clang_getCursorLocation(self.raw)) != 0 }
    }

    pub fn ty(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getCursorType(self.raw) })
    }

    pub fn result_type(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getCursorResultType(self.raw) })
    }

    pub fn arguments(&self) -> Vec<Cursor<'tu>> {
        let n = unsafe { clang_Cursor_getNumArguments(self.raw) };
        (0..n.max(0) as u32)
            .map(|i| Cursor::new(unsafe { clang_Cursor_getArgument(self.raw, i) }))
            .collect()
    }

    pub fn is_definition(&self) -> bool {
        unsafe { clang_isCursorDefinition(self.raw) != 0 }
    }

    pub fn definition(&self) -> Option<Cursor<'tu>> {
        let c = Cursor::new(unsafe { clang_getCursorDefinition(self.raw) });
        (!c.is_null()).then_some(c)
    }

    pub fn semantic_parent(&self) -> Cursor<'tu> {
        Cursor::new(unsafe { clang_getCursorSemanticParent(self.raw) })
    }

    pub fn access(&self) -> CX_CXXAccessSpecifier {
        unsafe { clang_getCXXAccessSpecifier(self.raw) }
    }

    pub fn is_inline_namespace(&self) -> bool {
        unsafe { clang_Cursor_isInlineNamespace(self.raw) != 0 }
    }

    pub fn is_anonymous(&self) -> bool {
        unsafe { clang_Cursor_isAnonymous(self.raw) != 0 }
    }

    pub fn is_variadic(&self) -> bool {
        unsafe { clang_Cursor_isVariadic(self.raw) != 0 }
    }

    /// A data member declared `mutable`.
    pub fn is_mutable_field(&self) -> bool {
        unsafe { clang_CXXField_isMutable(self.raw) != 0 }
    }

    /// Marked `[[deprecated]]` (or `__attribute__((deprecated))`).
    pub fn is_deprecated(&self) -> bool {
        unsafe { clang_getCursorAvailability(self.raw) == CXAvailability_Deprecated }
    }

    /// An expression (e.g. a parameter's default argument among its children).
    pub fn is_expression(&self) -> bool {
        unsafe { clang_isExpression(clang_getCursorKind(self.raw)) != 0 }
    }

    pub fn is_bit_field(&self) -> bool {
        unsafe { clang_Cursor_isBitField(self.raw) != 0 }
    }

    pub fn is_virtual_method(&self) -> bool {
        unsafe { clang_CXXMethod_isVirtual(self.raw) != 0 }
    }

    pub fn is_static_method(&self) -> bool {
        unsafe { clang_CXXMethod_isStatic(self.raw) != 0 }
    }

    pub fn is_defaulted(&self) -> bool {
        unsafe { clang_CXXMethod_isDefaulted(self.raw) != 0 }
    }

    pub fn is_copy_constructor(&self) -> bool {
        unsafe { clang_CXXConstructor_isCopyConstructor(self.raw) != 0 }
    }

    pub fn is_move_constructor(&self) -> bool {
        unsafe { clang_CXXConstructor_isMoveConstructor(self.raw) != 0 }
    }

    /// Deleted functions (`= delete`) are reported as unavailable.
    pub fn is_deleted(&self) -> bool {
        unsafe { clang_getCursorAvailability(self.raw) == CXAvailability_NotAvailable }
    }

    pub fn exception_spec(&self) -> i32 {
        unsafe { clang_getCursorExceptionSpecificationType(self.raw) }
    }

    /// Bit offset of a field inside its record, or None when libclang cannot tell.
    pub fn field_offset_bits(&self) -> Option<u64> {
        let off = unsafe { clang_Cursor_getOffsetOfField(self.raw) };
        (off >= 0).then_some(off as u64)
    }

    pub fn enum_integer_type(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getEnumDeclIntegerType(self.raw) })
    }

    pub fn enum_value_signed(&self) -> i64 {
        unsafe { clang_getEnumConstantDeclValue(self.raw) }
    }

    pub fn enum_value_unsigned(&self) -> u64 {
        unsafe { clang_getEnumConstantDeclUnsignedValue(self.raw) }
    }

    pub fn is_scoped_enum(&self) -> bool {
        unsafe { clang_EnumDecl_isScoped(self.raw) != 0 }
    }

    pub fn typedef_underlying(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getTypedefDeclUnderlyingType(self.raw) })
    }

    pub fn display_name(&self) -> String {
        path_free(unsafe { to_string(clang_getCursorDisplayName(self.raw)) })
    }

    pub fn is_const_method(&self) -> bool {
        unsafe { clang_CXXMethod_isConst(self.raw) != 0 }
    }

    pub fn is_pure_virtual(&self) -> bool {
        unsafe { clang_CXXMethod_isPureVirtual(self.raw) != 0 }
    }

    pub fn is_virtual_base(&self) -> bool {
        unsafe { clang_isVirtualBase(self.raw) != 0 }
    }

    pub fn is_abstract_record(&self) -> bool {
        unsafe { clang_CXXRecord_isAbstract(self.raw) != 0 }
    }

    /// The template a specialization was instantiated from, if any.
    pub fn specialized_template(&self) -> Option<Cursor<'tu>> {
        let c = Cursor::new(unsafe { clang_getSpecializedCursorTemplate(self.raw) });
        (!c.is_null()).then_some(c)
    }

    /// Spellings of the tokens this declaration covers (as written, macros unexpanded).
    pub fn tokens(&self) -> Vec<String> {
        unsafe {
            let tu = clang_Cursor_getTranslationUnit(self.raw);
            let range = clang_getCursorExtent(self.raw);
            let mut tokens: *mut CXToken = std::ptr::null_mut();
            let mut n: c_uint = 0;
            clang_tokenize(tu, range, &mut tokens, &mut n);
            if tokens.is_null() {
                return Vec::new();
            }
            let out = (0..n as usize)
                .map(|i| to_string(clang_getTokenSpelling(tu, *tokens.add(i))))
                .collect();
            clang_disposeTokens(tu, tokens, n);
            out
        }
    }

    /// Evaluates a `constexpr` variable's initializer: `Some(value)` when it is an integer.
    pub fn evaluate_int(&self) -> Option<i64> {
        unsafe {
            let r = clang_Cursor_Evaluate(self.raw);
            if r.is_null() {
                return None;
            }
            let v = (clang_EvalResult_getKind(r) == CXEval_Int)
                .then(|| clang_EvalResult_getAsLongLong(r));
            clang_EvalResult_dispose(r);
            v
        }
    }

    /// Evaluates a variable's initializer (libclang's constant evaluator): an integer (with
    /// its signedness), a floating value or a string literal; `None` if it is not constant.
    pub fn evaluate(&self) -> Option<Evaluated> {
        unsafe {
            let r = clang_Cursor_Evaluate(self.raw);
            if r.is_null() {
                return None;
            }
            let v = match clang_EvalResult_getKind(r) {
                CXEval_Int if clang_EvalResult_isUnsignedInt(r) != 0 => {
                    Some(Evaluated::Int(clang_EvalResult_getAsUnsigned(r) as i128))
                }
                CXEval_Int => Some(Evaluated::Int(clang_EvalResult_getAsLongLong(r) as i128)),
                CXEval_Float => Some(Evaluated::Float(clang_EvalResult_getAsDouble(r))),
                CXEval_StrLiteral => {
                    let p = clang_EvalResult_getAsStr(r);
                    (!p.is_null())
                        .then(|| Evaluated::Str(std::ffi::CStr::from_ptr(p).to_bytes().to_vec()))
                }
                _ => None,
            };
            clang_EvalResult_dispose(r);
            v
        }
    }

    /// An object-like macro (`#define N 3`), not a function-like or builtin one.
    pub fn is_object_macro(&self) -> bool {
        unsafe {
            clang_Cursor_isMacroFunctionLike(self.raw) == 0
                && clang_Cursor_isMacroBuiltin(self.raw) == 0
        }
    }

    /// Names of a template's parameters, in order (`None` for non-type and template template
    /// parameters, which instantiation does not substitute).
    pub fn template_params(&self) -> Vec<Option<String>> {
        self.children()
            .into_iter()
            .filter_map(|c| match c.kind() {
                CXCursor_TemplateTypeParameter => Some(Some(c.spelling())),
                CXCursor_NonTypeTemplateParameter | CXCursor_TemplateTemplateParameter => {
                    Some(None)
                }
                _ => None,
            })
            .collect()
    }

    pub fn storage_class(&self) -> CX_StorageClass {
        unsafe { clang_Cursor_getStorageClass(self.raw) }
    }
}

/// libclang spells unnamed declarations with where they are, as the parse opened the file:
/// `(unnamed enum at /abs/path/t.h:4:9)`, `(anonymous struct at ..)`, `(lambda at ..)`. The
/// directory is dropped (`(unnamed enum at t.h:4:9)`), so that no name or message built from
/// a spelling depends on where the headers are (generated output is path-independent; see
/// `parse::shown_path`). Every spelling this module returns goes through here.
fn path_free(spelling: String) -> String {
    if !spelling.contains(" at ") {
        return spelling;
    }
    let mut out = String::with_capacity(spelling.len());
    let mut rest = spelling.as_str();
    while let Some(open) = ["(unnamed ", "(anonymous ", "(lambda at "]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
    {
        let Some(at) = rest[open..].find(" at ").map(|a| open + a + 4) else {
            break;
        };
        let Some(close) = rest[at..].find(')').map(|c| at + c) else {
            break;
        };
        // `path:line:column`: the path is everything before the last two colons.
        let place = &rest[at..close];
        let file_end = place
            .rmatch_indices(':')
            .nth(1)
            .map_or(place.len(), |(i, _)| i);
        let (file, line_col) = place.split_at(file_end);
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        out.push_str(&rest[..at]);
        out.push_str(name);
        out.push_str(line_col);
        out.push(')');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn unnamed_spellings_drop_the_directory() {
        assert_eq!(
            super::path_free("N::A::(unnamed enum at /abs/dir/t.h:4:9)".into()),
            "N::A::(unnamed enum at t.h:4:9)"
        );
        assert_eq!(
            super::path_free(
                "f(struct (anonymous struct at C:\\x\\a.h:1:2), (unnamed union at b/c.h:3:4) *)"
                    .into()
            ),
            "f(struct (anonymous struct at a.h:1:2), (unnamed union at c.h:3:4) *)"
        );
        assert_eq!(super::path_free("geo::Point".into()), "geo::Point");
    }
}

/// One file of a translation unit (libclang's `CXFile`), equal for every cursor in it.
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct FileId<'tu> {
    raw: CXFile,
    _tu: PhantomData<&'tu ()>,
}

impl FileId<'_> {
    pub fn path(&self) -> Option<PathBuf> {
        file_path(self.raw)
    }

    /// A number equal for equal files of one translation unit (for memo tables that outlive
    /// the borrow, never used across parses).
    pub fn key(&self) -> usize {
        self.raw as usize
    }
}

pub(crate) fn file_path(file: CXFile) -> Option<PathBuf> {
    if file.is_null() {
        return None;
    }
    let name = unsafe { to_string(clang_getFileName(file)) };
    (!name.is_empty()).then(|| PathBuf::from(name))
}

/// A value from libclang's constant evaluator.
#[derive(Clone, Debug, PartialEq)]
pub enum Evaluated {
    Int(i128),
    Float(f64),
    Str(Vec<u8>),
}

#[derive(Copy, Clone)]
pub struct Ty<'tu> {
    raw: CXType,
    _tu: PhantomData<&'tu ()>,
}

impl<'tu> Ty<'tu> {
    fn new(raw: CXType) -> Self {
        Ty {
            raw,
            _tu: PhantomData,
        }
    }

    pub fn kind(&self) -> CXTypeKind {
        self.raw.kind
    }

    pub fn spelling(&self) -> String {
        path_free(unsafe { to_string(clang_getTypeSpelling(self.raw)) })
    }

    pub fn canonical(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getCanonicalType(self.raw) })
    }

    pub fn is_const(&self) -> bool {
        unsafe { clang_isConstQualifiedType(self.raw) != 0 }
    }

    pub fn is_volatile(&self) -> bool {
        unsafe { clang_isVolatileQualifiedType(self.raw) != 0 }
    }

    /// A method type's `&`/`&&` qualifier (`CXRefQualifier_None` for none).
    pub fn ref_qualifier(&self) -> CXRefQualifierKind {
        unsafe { clang_Type_getCXXRefQualifier(self.raw) }
    }

    pub fn pointee(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getPointeeType(self.raw) })
    }

    pub fn element(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getArrayElementType(self.raw) })
    }

    pub fn array_len(&self) -> Option<u64> {
        let n = unsafe { clang_getArraySize(self.raw) };
        (n >= 0).then_some(n as u64)
    }

    /// Strips `elaborated` sugar (`struct S`, `ns::S`) so the named type shows.
    pub fn named(&self) -> Ty<'tu> {
        if self.kind() == CXType_Elaborated {
            Ty::new(unsafe { clang_Type_getNamedType(self.raw) })
        } else {
            *self
        }
    }

    pub fn declaration(&self) -> Cursor<'tu> {
        Cursor::new(unsafe { clang_getTypeDeclaration(self.raw) })
    }

    pub fn size(&self) -> Option<u64> {
        let n = unsafe { clang_Type_getSizeOf(self.raw) };
        (n >= 0).then_some(n as u64)
    }

    pub fn align(&self) -> Option<u64> {
        let n = unsafe { clang_Type_getAlignOf(self.raw) };
        (n >= 0).then_some(n as u64)
    }

    pub fn typedef_name(&self) -> String {
        path_free(unsafe { to_string(clang_getTypedefName(self.raw)) })
    }

    /// The fields of a record type, including those of implicit template instantiations (which
    /// cursor visitation does not show).
    pub fn fields(&self) -> Vec<Cursor<'tu>> {
        extern "C" fn visit(c: CXCursor, data: CXClientData) -> CXVisitorResult {
            // SAFETY: `data` is the `&mut Vec<CXCursor>` passed below.
            let out = unsafe { &mut *(data as *mut Vec<CXCursor>) };
            out.push(c);
            CXVisit_Continue
        }
        let mut raw: Vec<CXCursor> = Vec::new();
        unsafe { clang_Type_visitFields(self.raw, visit, &mut raw as *mut _ as *mut c_void) };
        raw.into_iter().map(Cursor::new).collect()
    }

    pub fn template_arg_type(&self, i: u32) -> Ty<'tu> {
        Ty::new(unsafe { clang_Type_getTemplateArgumentAsType(self.raw, i) })
    }

    /// Result type of a function type (`R` of `R(Args...)`).
    pub fn result(&self) -> Ty<'tu> {
        Ty::new(unsafe { clang_getResultType(self.raw) })
    }

    /// Parameter types of a function prototype, or None when it is not one.
    pub fn arg_types(&self) -> Option<Vec<Ty<'tu>>> {
        let n = unsafe { clang_getNumArgTypes(self.raw) };
        (n >= 0).then(|| {
            (0..n as u32)
                .map(|i| Ty::new(unsafe { clang_getArgType(self.raw, i) }))
                .collect()
        })
    }

    pub fn num_template_args(&self) -> i32 {
        unsafe { clang_Type_getNumTemplateArguments(self.raw) }
    }
}
