// A version the catalog does not have: the versions it has are listed.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(service = "clb", version = "2019-01-01")]
pub struct Clb {
    client: Client,
}

fn main() {}
