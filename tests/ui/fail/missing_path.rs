// A spec path that does not exist.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/does-not-exist")]
pub struct Api {
    client: Client,
}

fn main() {}
