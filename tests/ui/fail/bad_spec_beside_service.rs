// A problem in the user's own file beside a shipped service points at `spec`.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(service = "cvm", spec = "tests/ui/specs/bad_json.json")]
pub struct Cvm {
    client: Client,
}

fn main() {}
