// A misspelt action name is an error that suggests the nearest names.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06", actions("DescribeMNPMAUMetricCard", "DescribeMNPMAUMetricCrd"))]
pub struct Tcsas {
    client: Client,
}

fn main() {}
