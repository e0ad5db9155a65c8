// JSON that does not parse: the error gives line and column.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "tests/ui/specs/bad_json.json")]
pub struct Api {
    client: Client,
}

fn main() {}
