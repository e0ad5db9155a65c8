// The downstream usage from the README, exactly as a user writes it.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06")] // file or directory, relative to CARGO_MANIFEST_DIR
pub struct Tcsas {
    client: Client,
}

async fn call(tcsas: &Tcsas) -> Result<i64, tcsas::errors::DescribeMNPMAUMetricCardError> {
    // Optional members can be left out.
    let request = tcsas::DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T04398WY9481762VZTT")
        .target_month(202512)
        .application_id("ApplicationId")
        .build();
    let response = tcsas.describe_mnp_mau_metric_card(&request).await?;
    Ok(response.data.and_then(|d| d.source_mau_num).unwrap_or_default())
}

fn main() {
    let client = Client::builder().build().unwrap();
    let tcsas = Tcsas::new(client);
    let _future = call(&tcsas);
}
