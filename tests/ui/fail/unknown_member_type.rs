// A member type the format does not have.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "tests/ui/specs/unknown_member_type.json")]
pub struct Api {
    client: Client,
}

fn main() {}
