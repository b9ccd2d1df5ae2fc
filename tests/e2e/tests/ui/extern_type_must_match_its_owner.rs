// An `extern_type` path is checked against the binding that owns it (relocxx::CppType): a path
// naming another class, or the same class held differently, does not compile.
use relocxx_e2e::classes::cls;

// The generated check of `extern_type("cls::Plain", "..::cls::Tracked")`.
const _: () = relocxx::check_extern_type::<cls::Tracked>("cls::Plain", 4, 4, 1);
// The same class, but this binding would pin it (say, `not_relocatable("cls::Tracked")`).
const _: () = relocxx::check_extern_type::<cls::Tracked>("cls::Tracked", 4, 4, 2);

fn main() {}
