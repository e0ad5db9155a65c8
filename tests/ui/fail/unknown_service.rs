// A service the catalog does not have: the nearest short names are suggested.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(service = "vcp")]
pub struct Vpc {
    client: Client,
}

fn main() {}
