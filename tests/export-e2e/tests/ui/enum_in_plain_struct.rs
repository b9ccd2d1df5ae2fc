// C++ can write any bit pattern into a plain struct: an enum field could name no variant.
#[relocxx::export]
#[derive(Clone, Copy)]
pub enum Mode {
    On,
    Off,
}

#[relocxx::export]
#[derive(Clone, Copy)]
pub struct Setting {
    pub mode: Mode,
}

fn main() {}
