// A stated layout (for headers written before rustc runs) that is not rustc's: the error
// names both sizes. `Option<Vec<u8>>` is 24 bytes, not 16.
#[relocxx::export(size = 16, align = 8)]
pub struct Bytes {
    data: Vec<u8>,
}

// Only opaque structs have a layout to state.
#[relocxx::export(size = 8, align = 8)]
pub fn seven() -> u64 {
    7
}

fn main() {}
