//! The build.rs front-end: fill `Options`, generate into `$OUT_DIR/relocxx` (through the
//! regeneration cache in `$OUT_DIR/relocxx/.cache`; `include_cpp!` blocks on several threads),
//! compile the shim and the user's sources with `cc`, and tell cargo what to watch.

use std::path::{Path, PathBuf};

use crate::clang::toolchain::Compiler;
use crate::error::{Error, Result};
use crate::output::{write_all, write_runtime_header, OutputPaths};
use crate::{cache, Bindings, Options};

/// Environment variables whose change must re-run the build script.
const WATCHED_ENV: &[&str] = &[
    "LIBCLANG_PATH",
    "LLVM_CONFIG_PATH",
    "CXX",
    "CXXFLAGS",
    "RELOCXX_BRIDGE_DIR",
    cache::NO_CACHE_ENV,
];

#[derive(Clone, Debug, Default)]
#[must_use]
pub struct Builder {
    options: Options,
    sources: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    generate_only: bool,
    rust_source: Option<PathBuf>,
    export_name: Option<String>,
    rust_lib: Option<PathBuf>,
    compile_commands: Option<PathBuf>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// A header to bind (repeatable). Declarations in these headers are bound by default.
    pub fn header(mut self, path: impl AsRef<Path>) -> Self {
        self.options.headers.push(path.as_ref().to_path_buf());
        self
    }

    /// `-I` for libclang and for the C++ compiler (repeatable).
    pub fn include_dir(mut self, path: impl AsRef<Path>) -> Self {
        self.options.include_dirs.push(path.as_ref().to_path_buf());
        self
    }

    /// `-D` for libclang and the compiler: `"NAME"` or `"NAME=VALUE"`.
    pub fn define(mut self, define: impl Into<String>) -> Self {
        self.options.defines.push(define.into());
        self
    }

    /// Any other compiler flag, passed to libclang and the compiler alike.
    pub fn flag(mut self, flag: impl Into<String>) -> Self {
        self.options.flags.push(flag.into());
        self
    }

    /// Language standard, e.g. `"c++17"` (the default) or `"c++20"`.
    pub fn std(mut self, std: impl Into<String>) -> Self {
        self.options.std = std.into();
        self
    }

    /// Bind declarations whose qualified name matches this regex (whole name), from any
    /// non-system header. Once any `allow` is given, only matching declarations are roots.
    pub fn allow(mut self, regex: impl Into<String>) -> Self {
        self.options.allow.push(regex.into());
        self
    }

    /// Never bind declarations whose qualified name matches this regex.
    pub fn block(mut self, regex: impl Into<String>) -> Self {
        self.options.block.push(regex.into());
        self
    }

    /// The user's promise that this type (regex over qualified names) is trivially
    /// relocatable; its size and alignment are still asserted.
    pub fn relocatable(mut self, type_regex: impl Into<String>) -> Self {
        self.options.relocatable.push(type_regex.into());
        self
    }

    /// Keep this type (regex) pinned whatever the classifier finds.
    pub fn not_relocatable(mut self, type_regex: impl Into<String>) -> Self {
        self.options.not_relocatable.push(type_regex.into());
        self
    }

    /// Declare this type (regex) safe to send to another thread (`unsafe impl Send`).
    pub fn send(mut self, type_regex: impl Into<String>) -> Self {
        self.options.send.push(type_regex.into());
        self
    }

    /// Declare this type (regex) safe to share between threads (`unsafe impl Sync`).
    pub fn sync(mut self, type_regex: impl Into<String>) -> Self {
        self.options.sync.push(type_regex.into());
        self
    }

    /// Promise that values of this type (regex) own everything their pointers point to (e.g.
    /// `leveldb::Status`, whose `state_` it allocates): calls that return or fill one do not
    /// keep a pointer into their borrowed arguments, so they stay safe (SAFETY.md rule 6).
    pub fn owning(mut self, type_regex: impl Into<String>) -> Self {
        self.options.owning.push(type_regex.into());
        self
    }

    /// Functions (regex over qualified names) whose C-style callback pair — a function pointer
    /// with a `void*` argument, and the `void*` the function passes to it — takes a Rust
    /// closure: `f(int (*cb)(int, void*), void* ctx)` becomes `f(impl FnMut(i32) -> i32 + Send)`.
    /// Your promise: the function calls it only before it returns (the closure is freed then).
    pub fn callback(mut self, function_regex: impl Into<String>) -> Self {
        self.options.callback.push(function_regex.into());
        self
    }

    /// Let Rust types implement the C++ class `class` (exact qualified name, e.g.
    /// `leveldb::Comparator`): generates the trait `<Class>Methods` (one method per virtual
    /// function) and `<Class>::from_rust(value)`, a C++ object of a class deriving from it whose
    /// virtual functions call `value`'s (DESIGN §6).
    pub fn subclass(mut self, class: impl Into<String>) -> Self {
        self.options.subclass.push(class.into());
        self
    }

    /// Functions and methods (regex over qualified names) whose C++ exceptions come back as
    /// `Err(relocxx::Exception)` instead of aborting (the CLI's `--fallible`, `include_cpp!`'s
    /// `fallible!`).
    pub fn fallible(mut self, function_regex: impl Into<String>) -> Self {
        self.options.fallible.push(function_regex.into());
        self
    }

    /// Parse with the flags the build compiles with: those of the translation unit in this
    /// `compile_commands.json` that includes the first header (include paths, definitions,
    /// standard; the CLI's `--compile-commands`). Also passed to the shim's compiler.
    pub fn compile_commands(mut self, path: impl AsRef<Path>) -> Self {
        self.compile_commands = Some(path.as_ref().to_path_buf());
        self
    }

    /// Use the Rust type at `rust_path` (e.g. `"crate_a::ffi::ns::Thing"`, or
    /// `"crate::ffi::ns::Thing"` for another `include_cpp!` block) for the C++ class `cpp`
    /// (`"ns::Thing"`) instead of binding it again, so one C++ type is one Rust type across
    /// crates. The generated code checks at compile time that the path is relocxx's binding
    /// of that class with the same size, alignment and representation.
    pub fn extern_type(mut self, cpp: impl Into<String>, rust_path: impl Into<String>) -> Self {
        self.options
            .extern_types
            .push((cpp.into(), rust_path.into()));
        self
    }

    /// Give a declaration another Rust name: `cpp` is `ns::f` (all overloads, or a type) or
    /// `ns::f(int)` (one overload; spaces ignored), `rust` the new identifier.
    pub fn rename(mut self, cpp: impl Into<String>, rust: impl Into<String>) -> Self {
        self.options.rename.push((cpp.into(), rust.into()));
        self
    }

    /// The C++ compiler that compiles the shim (default: what `cc` picks, i.e. `$CXX` or `c++`);
    /// libclang is pointed at the same standard library headers.
    pub fn compiler(mut self, program: impl AsRef<Path>) -> Self {
        self.options.compiler = Some(Compiler {
            program: program.as_ref().to_path_buf(),
            args: Vec::new(),
        });
        self
    }

    /// Bind this class template specialization (e.g. `"geo::Grid<int>"`); its Rust name is the
    /// template name and arguments joined by `_` (`Grid_int`).
    pub fn instantiate(mut self, specialization: impl Into<String>) -> Self {
        self.options.instantiate.push(specialization.into());
        self
    }

    /// Extra C++ source compiled and linked together with the shim.
    pub fn source(mut self, path: impl AsRef<Path>) -> Self {
        self.sources.push(path.as_ref().to_path_buf());
        self
    }

    /// Write outputs here instead of `$OUT_DIR/relocxx` (mainly for tests and tools).
    pub fn out_dir(mut self, path: impl AsRef<Path>) -> Self {
        self.out_dir = Some(path.as_ref().to_path_buf());
        self
    }

    /// Only generate; do not compile the shim (for build systems that compile it themselves).
    pub fn generate_only(mut self) -> Self {
        self.generate_only = true;
        self
    }

    /// Generates `<name>.{rs,h,cc}`, compiles and links the shim and sources, prints
    /// `cargo:` directives. Errors name the header, line and reason. Unchanged inputs are
    /// answered from the regeneration cache (`<out dir>/.cache`, see [`cache`]) without parsing.
    pub fn build(mut self, name: &str) -> Result<Bindings> {
        if let Some(src) = &self.rust_source {
            return Err(Error::Usage(format!(
                "this Builder reads include_cpp! blocks from {}: call build_all(), not build(name)",
                src.display()
            )));
        }
        self.options.name = name.to_string();
        if let Some(db) = self.compile_commands.clone() {
            crate::compile_commands::apply(&mut self.options, &db)?;
            self.watch(&db);
        }
        let out_dir = self.prepare()?;
        for p in self.options.headers.iter().chain(&self.sources) {
            self.watch(p);
        }
        let options = self.options.clone();
        let bindings = cache::generate(&options, Some(&cache_dir(&out_dir)))?;
        self.finish(&options, &out_dir, bindings, true)
    }

    /// Reads the `include_cpp!` blocks of a Rust source file (and the modules it declares);
    /// the other settings (include dirs, defines, flags, std, sources, compiler) apply to every
    /// block. Generate with [`Builder::build_all`].
    pub fn from_rust_source(path: impl AsRef<Path>) -> Builder {
        Builder {
            rust_source: Some(path.as_ref().to_path_buf()),
            ..Builder::default()
        }
    }

    /// Generates and compiles every `include_cpp!` block found by `from_rust_source`. A block
    /// whose headers do not compile does not fail the build script: its error is written to
    /// `<name>.error.txt` and `include_cpp!` reports it at the block's `#include` line.
    /// The blocks are generated on several threads (at most `RELOCXX_JOBS`, else cargo's job
    /// count); files, messages and compilation follow in the blocks' order.
    pub fn build_all(mut self) -> Result<Vec<Bindings>> {
        let root = self
            .rust_source
            .clone()
            .ok_or_else(|| Error::Usage("build_all() reads include_cpp! blocks: create the Builder with from_rust_source(path)".into()))?;
        let out_dir = self.prepare()?;
        for p in &self.sources {
            self.watch(p);
        }
        self.write_exports(&root, &out_dir)?;
        let (blocks, files) = crate::rust_source::find_blocks(&root)?;
        for f in &files {
            self.watch(f);
        }
        if blocks.is_empty() && !self.sources.is_empty() && !self.generate_only {
            // Only exports: the sources (C++ calling Rust) still need compiling.
            self.compile(&self.options, None, true)?;
        }
        let options: Vec<Result<Options>> = blocks
            .iter()
            .map(|found| {
                let mut o = crate::rust_source::block_options(&self.options, found)?;
                for h in &o.headers {
                    self.watch(h);
                }
                if let Some(db) = &self.compile_commands {
                    crate::compile_commands::apply(&mut o, db)?;
                    self.watch(db);
                }
                Ok(o)
            })
            .collect();
        let todo: Vec<&Options> = options.iter().filter_map(|o| o.as_ref().ok()).collect();
        let cache = cache_dir(&out_dir);
        let mut generated = cache::generate_all(&todo, Some(&cache)).into_iter();
        let mut out = Vec::new();
        for (found, o) in blocks.iter().zip(options) {
            let name = &found.block.name;
            let error_file = out_dir.join(format!("{name}.error.txt"));
            // The extra sources are compiled once, with the first block that generates.
            let with_sources = out.is_empty();
            let done = o.and_then(|o| {
                let bindings = generated.next().expect("one generation per block")?;
                self.finish(&o, &out_dir, bindings, with_sources)
            });
            match done {
                Ok(g) => {
                    let _ = std::fs::remove_file(&error_file);
                    out.push(g);
                }
                Err(e @ Error::Compile(_)) => return Err(e),
                Err(e) => {
                    let _ = std::fs::remove_file(out_dir.join(format!("{name}.rs")));
                    crate::output::write_if_changed(&error_file, &format!("{e}\n"))?;
                    if self.in_build_script() {
                        println!(
                            "cargo:warning=relocxx: include_cpp! block `{name}` in {}: {e}",
                            found.file.display()
                        );
                    }
                }
            }
        }
        Ok(out)
    }

    /// The name of the header of the crate's `#[relocxx::export]` items (`<name>.h`, in the
    /// include directory the sources are compiled with); by default the package name with `-`
    /// replaced by `_`.
    pub fn export_name(mut self, name: impl Into<String>) -> Self {
        self.export_name = Some(name.into());
        self
    }

    /// The compiled crate (a staticlib, rlib or object file) whose opaque exported types the
    /// header holds by value: their sizes are read from it. Without it, opaque types (and what
    /// uses them) are left out of the header with that reason.
    pub fn rust_lib(mut self, path: impl AsRef<Path>) -> Self {
        self.rust_lib = Some(path.as_ref().to_path_buf());
        self
    }

    /// Writes `<out_dir>/include/<name>.h` when the crate exports anything; an export the
    /// header cannot carry is a warning (the macro also reports it, at the token).
    fn write_exports(&self, root: &Path, out_dir: &Path) -> Result<()> {
        let name = self.export_name.clone().or_else(|| {
            std::env::var("CARGO_PKG_NAME")
                .ok()
                .map(|n| n.replace('-', "_"))
        });
        let written = crate::export::write(
            root,
            &out_dir.join("include"),
            name.as_deref(),
            self.rust_lib.as_deref(),
        )?;
        for f in &written.files {
            self.watch(f);
        }
        for r in &written.refused {
            if self.in_build_script() {
                println!("cargo:warning=relocxx: not exported: {r}");
            }
        }
        Ok(())
    }

    fn in_build_script(&self) -> bool {
        std::env::var_os("OUT_DIR").is_some() && self.out_dir.is_none()
    }

    fn watch(&self, path: &Path) {
        if self.in_build_script() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    /// Output directory, watched environment, compiler choice and the runtime header.
    fn prepare(&mut self) -> Result<PathBuf> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or_else(|| {
                Error::Usage(
                    "Builder::build must run inside a cargo build script (OUT_DIR is not set); \
                     use `relocxx gen` or Builder::out_dir elsewhere"
                        .into(),
                )
            })?)
            .join("relocxx"),
        };
        if self.in_build_script() {
            for var in WATCHED_ENV {
                println!("cargo:rerun-if-env-changed={var}");
            }
        }
        if self.options.compiler.is_none() {
            let cc_compiler = cc::Build::new()
                .cpp(true)
                .cargo_metadata(false)
                .try_get_compiler()
                .ok();
            if let Some(t) = &cc_compiler {
                let args: Vec<String> = t
                    .args()
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect();
                self.options.parse_flags = crate::clang::toolchain::parse_relevant(&args);
            }
            // A cross build parses for the target (cc passes it to clang, not to GCC).
            if let (Ok(target), Ok(host)) = (std::env::var("TARGET"), std::env::var("HOST")) {
                let given = self
                    .options
                    .parse_flags
                    .iter()
                    .any(|f| f.starts_with("--target"));
                if target != host && !given && self.in_build_script() {
                    self.options.parse_flags.push(format!("--target={target}"));
                }
            }
            self.options.compiler = cc_compiler.map(|t| Compiler {
                program: t.path().to_path_buf(),
                args: t
                    .args()
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect(),
            });
        }
        let runtime_include = write_runtime_header(&out_dir)?;
        self.options.include_dirs.push(runtime_include);
        Ok(out_dir)
    }

    /// Writes one generated binding set into `out_dir`, reports to cargo, compiles the shim.
    fn finish(
        &self,
        options: &Options,
        out_dir: &Path,
        generated: Bindings,
        with_sources: bool,
    ) -> Result<Bindings> {
        let name = &options.name;
        let paths = write_all(out_dir, name, &generated.files, &generated.skipped)?;
        if self.in_build_script() {
            for dep in &generated.dependencies {
                println!("cargo:rerun-if-changed={}", dep.display());
            }
            for note in &generated.notes {
                println!("cargo:warning=relocxx: {note}");
            }
            let n = generated.skipped.len();
            if n > 0 {
                println!(
                    "cargo:warning=relocxx: {n} declaration(s) of `{name}` skipped; see {}",
                    paths.skipped.display()
                );
            }
        }
        if !self.generate_only {
            self.compile(options, Some(&paths), with_sources)?;
        }
        Ok(generated)
    }

    /// Compiles the shim (if any) and, `with_sources`, the user's C++ sources.
    fn compile(
        &self,
        options: &Options,
        paths: Option<&OutputPaths>,
        with_sources: bool,
    ) -> Result<()> {
        let name = if paths.is_some() {
            options.name.clone()
        } else {
            "sources".to_string()
        };
        let mut build = cc::Build::new();
        build.cpp(true).std(&options.std);
        if let Some(p) = paths {
            build.file(&p.cc);
        }
        if let Some(c) = &options.compiler {
            build.compiler(&c.program);
        }
        for d in &options.include_dirs {
            build.include(d);
        }
        for d in &options.defines {
            match d.split_once('=') {
                Some((k, v)) => build.define(k, v),
                None => build.define(d, None),
            };
        }
        for f in &options.flags {
            build.flag(f);
        }
        if with_sources {
            for s in &self.sources {
                build.file(s);
            }
        }
        build
            .try_compile(&format!("relocxx_{name}"))
            .map_err(|e| Error::Compile(e.to_string()))
    }
}

/// Where the Builder keeps its regeneration cache: beside the outputs, so `cargo clean` clears it.
fn cache_dir(out_dir: &Path) -> PathBuf {
    out_dir.join(".cache")
}
