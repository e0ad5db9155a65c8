// The checked-in golden expansion compiles as it is.
use tcapi_runtime::Client;

pub struct Tcsas {
    client: Client,
}

include!("../../golden/tcsas-2025-01-06.rs");

fn main() {
    let tcsas = Tcsas::new(Client::builder().build().unwrap());
    let request = tcsas::DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T")
        .target_month(202512)
        .application_id("A")
        .build();
    let _future = tcsas.describe_mnp_mau_metric_card(&request);
}
