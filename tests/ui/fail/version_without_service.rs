// `version` only picks a version of a shipped service.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06", version = "2025-01-06")]
pub struct Tcsas {
    client: Client,
}

fn main() {}
