// A pinned C++ type is !Unpin: it can never be moved once constructed.
use relocxx_e2e::classes::cls;

fn assert_unpin<T: Unpin>() {}

fn main() {
    assert_unpin::<cls::SelfRef>();
    assert_unpin::<cls::NoMove>();
}
