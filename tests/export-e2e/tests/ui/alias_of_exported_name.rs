// The header names types by name: a type alias (or an import) sharing an exported type's name
// would get that type's C++ spelling. The glue checks each named type is the exported one.
mod net {
    #[relocxx::export]
    #[derive(Clone, Copy)]
    pub enum Mode {
        Fast,
    }
}

type Mode = u64;

#[relocxx::export]
pub fn default_mode() -> Mode {
    let _ = net::Mode::Fast;
    1
}

fn main() {}
