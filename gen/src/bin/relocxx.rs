//! The `relocxx` command; all logic lives in `relocxx_gen::cli`.
fn main() {
    std::process::exit(relocxx_gen::cli::main_with_args(std::env::args_os()));
}
