relocxx::include_cpp! {
    allow!("errs::.*")
}

fn main() {}
