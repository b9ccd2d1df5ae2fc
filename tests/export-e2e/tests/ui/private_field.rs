// A plain struct's fields are all visible to C++.
#[relocxx::export]
pub struct Account {
    pub id: u64,
    balance: i64,
}

fn main() {}
