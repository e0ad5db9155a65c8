// The struct needs a Client to send calls with.
use tcapi_runtime::TcApi;

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06")]
pub struct Api {
    region: String,
}

fn main() {}
