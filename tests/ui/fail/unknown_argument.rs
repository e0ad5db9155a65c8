// A misspelt argument is named.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spce = "specs/tcsas/2025-01-06")]
pub struct Api {
    client: Client,
}

fn main() {}
