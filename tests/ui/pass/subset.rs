// `actions(...)` generates only those actions and the objects they reach.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06", actions("DescribeMNPMAUMetricCard", "DescribeMNPMAUDataDetail"))]
pub struct Tcsas {
    client: Client,
}

fn main() {
    let tcsas = Tcsas::new(Client::builder().build().unwrap());
    let request = tcsas::DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T")
        .target_month(202512)
        .application_id("A")
        .build();
    let _card = tcsas.describe_mnp_mau_metric_card(&request);
    let _data: Option<tcsas::DescribeMNPMAUDataDetailResponse> = None;
    let _model = tcsas::MAUIndicatorCard::default();
}
