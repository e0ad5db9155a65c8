// Two files of one directory define the same object differently.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "tests/ui/specs/conflict")]
pub struct Api {
    client: Client,
}

fn main() {}
