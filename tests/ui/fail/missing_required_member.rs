use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06")]
pub struct Tcsas {
    client: Client,
}

fn main() {
    // ApplicationId is required: leaving its setter out does not compile, and the error names it.
    let _ = tcsas::DescribeMNPMAUMetricCardRequest::builder()
        .target_month(202512)
        .platform_id("T04398WY9481762VZTT")
        .source_month(202511)
        .data_type(1)
        .build();
}
