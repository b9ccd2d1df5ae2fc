// A reference returned by a method borrows the object it came from.
use relocxx_e2e::classes::cls;

fn main() {
    let r;
    {
        let t = cls::Tracked::new_int(1);
        r = t.value_ref();
    }
    println!("{r}");
}
