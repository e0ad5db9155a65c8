// An action the shipped service does not have: the nearest actions are suggested.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(service = "tcsas", actions("DescribeMNPMAUMetricCards"))]
pub struct Tcsas {
    client: Client,
}

fn main() {}
