// A member that refers to an object nobody defines.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "tests/ui/specs/missing_object.json")]
pub struct Api {
    client: Client,
}

fn main() {}
