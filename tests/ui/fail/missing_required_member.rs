use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06")]
pub struct Tcsas {
    client: Client,
}

fn main() {
    // ApplicationId is required: leaving it out does not compile.
    let _ = tcsas::DescribeMNPMAUMetricCardRequest::new(202511, 1, "T04398WY9481762VZTT", 202512);
}
