//! The `relocxx` command line: `gen` (write the three files, optionally a depfile) and `inspect`
//! (what would be bound, how, and what is skipped and why). Exit codes: 0 success, 1 errors in
//! the input or environment, 2 usage errors.

mod inspect;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::{depfile, write_all, write_if_changed, write_runtime_header};
use crate::{cache, Bindings, Error, Options, Result};

#[derive(Parser, Debug)]
#[command(
    name = "relocxx",
    version,
    about = "C++/Rust bridge generator: C++ headers -> Rust bindings + C++ shim"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Generate `<out-dir>/<name>.rs`, `<name>.h` and `<name>.cc`.
    Gen(GenArgs),
    /// Show what would be bound: per type size, align and mapping; skipped declarations and why.
    Inspect(InspectArgs),
}

#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    /// Include directory (-I), repeatable.
    #[arg(short = 'I', long = "include-dir", value_name = "DIR")]
    pub include_dirs: Vec<PathBuf>,
    /// Preprocessor definition NAME or NAME=VALUE, repeatable.
    #[arg(short = 'D', long = "define", value_name = "DEF")]
    pub defines: Vec<String>,
    /// C++ standard.
    #[arg(long, default_value = "c++17")]
    pub std: String,
    /// Bind declarations whose qualified name matches this regex (repeatable).
    #[arg(long, value_name = "REGEX")]
    pub allow: Vec<String>,
    /// Never bind declarations whose qualified name matches this regex (repeatable).
    #[arg(long, value_name = "REGEX")]
    pub block: Vec<String>,
    /// Promise that this type (regex) is trivially relocatable (size/align still asserted).
    #[arg(long, value_name = "TYPE")]
    pub relocatable: Vec<String>,
    /// Keep this type (regex) pinned whatever the classifier finds.
    #[arg(long = "not-relocatable", value_name = "TYPE")]
    pub not_relocatable: Vec<String>,
    /// Declare this type (regex) Send.
    #[arg(long, value_name = "TYPE")]
    pub send: Vec<String>,
    /// Declare this type (regex) Sync.
    #[arg(long, value_name = "TYPE")]
    pub sync: Vec<String>,
    /// Parse for this target triple (a cross build), e.g. `aarch64-unknown-linux-gnu`.
    #[arg(long, value_name = "TRIPLE")]
    pub target: Option<String>,
    /// Promise that values of this type (regex) own everything they point to (calls that
    /// return or fill one stay safe).
    #[arg(long, value_name = "TYPE")]
    pub owning: Vec<String>,
    /// Function (regex) whose (function pointer, void* context) pair takes a Rust closure,
    /// called only before the function returns.
    #[arg(long, value_name = "FUNCTION")]
    pub callback: Vec<String>,
    /// Class (exact qualified name) a Rust type can implement (`<Class>Methods` trait and
    /// `<Class>::from_rust`).
    #[arg(long, value_name = "CLASS")]
    pub subclass: Vec<String>,
    /// Rename: `CXX_NAME=rust_name`, where CXX_NAME is `ns::f` or `ns::f(int)`.
    #[arg(long, value_name = "CXX=RUST", value_parser = parse_rename)]
    pub rename: Vec<(String, String)>,
    /// A class another binding already bound: `CXX_CLASS=rust::path` (e.g.
    /// `ns::Thing=crate_a::ffi::ns::Thing`), used instead of binding it again.
    #[arg(long = "extern-type", value_name = "CXX=RUST_PATH", value_parser = parse_rename)]
    pub extern_type: Vec<(String, String)>,
    /// Function (regex) whose C++ exceptions return as Err(relocxx::Exception).
    #[arg(long, value_name = "FUNCTION")]
    pub fallible: Vec<String>,
    /// Template specialization to bind, e.g. `ns::Grid<int>`.
    #[arg(long, value_name = "TYPE")]
    pub instantiate: Vec<String>,
    /// Extra compiler arguments for libclang and the shim compiler.
    #[arg(last = true)]
    pub extra: Vec<String>,
}

#[derive(Args, Debug)]
pub struct GenArgs {
    /// Header to bind, repeatable (or use --rust-source).
    #[arg(
        long = "header",
        value_name = "FILE",
        required_unless_present = "rust_source",
        conflicts_with = "rust_source"
    )]
    pub headers: Vec<PathBuf>,
    /// Generate every include_cpp! block of this Rust file (and the modules it declares), and
    /// the C++ header of its `#[relocxx::export]` items (`<out-dir>/include/<export-name>.h`).
    #[arg(long, value_name = "FILE")]
    pub rust_source: Option<PathBuf>,
    /// Stem of the export header (default: the crate's package name, `-` as `_`).
    #[arg(long, value_name = "NAME", requires = "rust_source")]
    pub export_name: Option<String>,
    /// The compiled crate (staticlib, rlib or object file): the sizes of its opaque exported
    /// types are read from it (without it they are left out of the export header).
    #[arg(long, value_name = "FILE", requires = "rust_source")]
    pub rust_lib: Option<PathBuf>,
    /// With --rust-source: write only the export header (no include_cpp! blocks), e.g. for a
    /// crate whose bridges CMake generates; --depfile lists the Rust files read.
    #[arg(long, requires = "rust_source")]
    pub export_only: bool,
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Name of the binding set (output file stem); include_cpp! blocks carry their own.
    #[arg(long, required_unless_present = "rust_source")]
    pub name: Option<String>,
    /// Write a Make-style depfile listing every header the parse opened.
    #[arg(long, value_name = "FILE")]
    pub depfile: Option<PathBuf>,
    /// Touch this file after a successful run (the depfile then names it as its target), so
    /// build systems can track a run whose outputs did not change.
    #[arg(long, value_name = "FILE")]
    pub stamp: Option<PathBuf>,
    /// Take include paths, definitions and standard from the compilation database entry of the
    /// translation unit that includes the (first) header.
    #[arg(long, value_name = "FILE")]
    pub compile_commands: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Headers to inspect.
    #[arg(required = true, value_name = "HEADER")]
    pub headers: Vec<PathBuf>,
    /// Say what became of the declarations this name names (`area`, `geo::Rect::area`):
    /// bound as what, skipped why, or not selected and what would select it.
    #[arg(long, value_name = "NAME")]
    pub why: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

fn parse_rename(s: &str) -> std::result::Result<(String, String), String> {
    let (cpp, rust) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("`{s}`: expected CXX_NAME=rust_name"))?;
    Ok((cpp.trim().to_string(), rust.trim().to_string()))
}

fn options(name: &str, headers: Vec<PathBuf>, c: CommonArgs) -> Options {
    Options {
        name: name.into(),
        headers,
        include_dirs: c.include_dirs,
        defines: c.defines,
        flags: c.extra,
        std: c.std,
        allow: c.allow,
        block: c.block,
        relocatable: c.relocatable,
        not_relocatable: c.not_relocatable,
        send: c.send,
        sync: c.sync,
        owning: c.owning,
        subclass: c.subclass,
        callback: c.callback,
        parse_flags: c.target.iter().map(|t| format!("--target={t}")).collect(),
        rename: c.rename,
        fallible: c.fallible,
        extern_types: c.extern_type,
        instantiate: c.instantiate,
        compiler: None,
    }
}

/// Runs the CLI; returns the process exit code. Never panics on bad input.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            e.exit_code()
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Gen(a) => gen(a),
        Command::Inspect(a) => {
            let why = a.why.clone();
            let mut opts = options("inspect", a.headers, a.common);
            // Headers may include relocxx.hpp (its markers), as for `gen`.
            let scratch =
                std::env::temp_dir().join(format!("relocxx-inspect-{}", std::process::id()));
            opts.include_dirs.push(write_runtime_header(&scratch)?);
            let result = inspect::run(&opts, why.as_deref());
            let _ = std::fs::remove_dir_all(&scratch);
            result
        }
    }
}

fn gen(a: GenArgs) -> Result<()> {
    let mut opts = options(a.name.as_deref().unwrap_or(""), a.headers, a.common);
    if let Some(db) = &a.compile_commands {
        crate::compile_commands::apply(&mut opts, db)?;
    }
    opts.include_dirs.push(write_runtime_header(&a.out_dir)?);
    if let Some(src) = &a.rust_source {
        let written = crate::export::write(
            src,
            &a.out_dir.join("include"),
            a.export_name.as_deref(),
            a.rust_lib.as_deref(),
        )?;
        for r in &written.refused {
            eprintln!("warning: not exported: {r}");
        }
        if a.export_only {
            if let (Some(dep), Some(stamp)) = (&a.depfile, &a.stamp) {
                write_if_changed(dep, &depfile(stamp, &written.files))?;
            }
            if let Some(stamp) = &a.stamp {
                std::fs::write(stamp, "export\n")
                    .map_err(|e| Error::io(format!("writing {}", stamp.display()), e))?;
            }
            return Ok(());
        }
        return gen_blocks(src, &opts, &a.out_dir, a.depfile.as_deref());
    }
    let target = a.stamp.clone();
    let generated = cache::generate(&opts, Some(&cache_dir(&a.out_dir)))?;
    write_one(
        &opts,
        &a.out_dir,
        generated,
        a.depfile.as_deref(),
        target.as_deref(),
    )?;
    if let Some(stamp) = &a.stamp {
        // Always rewritten: its mtime records that this run happened.
        std::fs::write(stamp, format!("{}\n", opts.name))
            .map_err(|e| Error::io(format!("writing {}", stamp.display()), e))?;
    }
    Ok(())
}

/// Every include_cpp! block of `src`; a failing block is reported (and recorded in
/// `<name>.error.txt` for the macro) and makes the exit code 1 after the others are done.
fn gen_blocks(
    src: &std::path::Path,
    base: &Options,
    out_dir: &std::path::Path,
    depfile_path: Option<&std::path::Path>,
) -> Result<()> {
    let (blocks, files) = crate::rust_source::find_blocks(src)?;
    let mut failures = Vec::new();
    let mut deps: Vec<PathBuf> = files;
    let options: Vec<Result<Options>> = blocks
        .iter()
        .map(|found| crate::rust_source::block_options(base, found))
        .collect();
    let todo: Vec<&Options> = options.iter().filter_map(|o| o.as_ref().ok()).collect();
    let cache = cache_dir(out_dir);
    let mut generated = cache::generate_all(&todo, Some(&cache)).into_iter();
    for (found, o) in blocks.iter().zip(options) {
        let name = &found.block.name;
        let error_file = out_dir.join(format!("{name}.error.txt"));
        match o.and_then(|o| {
            let bindings = generated.next().expect("one generation per block")?;
            write_one(&o, out_dir, bindings, None, None).map(|d| (o, d))
        }) {
            Ok((o, d)) => {
                let _ = std::fs::remove_file(&error_file);
                deps.extend(o.headers);
                deps.extend(d);
            }
            Err(e) => {
                write_if_changed(&error_file, &format!("{e}\n"))?;
                failures.push(format!(
                    "include_cpp! block `{name}` in {}: {e}",
                    found.file.display()
                ));
            }
        }
    }
    if let Some(dep) = depfile_path {
        deps.sort();
        deps.dedup();
        write_if_changed(dep, &depfile(&out_dir.join("include_cpp.stamp"), &deps))?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Error::Parse(failures))
    }
}

/// Where `relocxx gen` keeps its regeneration cache (CMake reruns it on every header change).
fn cache_dir(out_dir: &std::path::Path) -> PathBuf {
    out_dir.join(".relocxx-cache")
}

/// Writes one generated binding set and reports it; returns the files the parse opened.
fn write_one(
    opts: &Options,
    out_dir: &std::path::Path,
    generated: Bindings,
    depfile_path: Option<&std::path::Path>,
    depfile_target: Option<&std::path::Path>,
) -> Result<Vec<PathBuf>> {
    let paths = write_all(out_dir, &opts.name, &generated.files, &generated.skipped)?;
    for note in &generated.notes {
        eprintln!("relocxx: note: {note}");
    }
    for s in &generated.skipped {
        eprintln!("{}: warning: skipped `{}`: {}", s.loc, s.name, s.reason);
    }
    if let Some(dep) = depfile_path {
        write_if_changed(
            dep,
            &depfile(depfile_target.unwrap_or(&paths.rs), &generated.dependencies),
        )?;
    }
    Ok(generated.dependencies)
}
