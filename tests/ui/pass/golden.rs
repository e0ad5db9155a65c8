// The checked-in golden expansion compiles as it is.
use tcapi_runtime::Client;

pub struct Tcsas {
    client: Client,
}

include!("../../golden/tcsas-2025-01-06.rs");

fn main() {
    let tcsas = Tcsas::new(Client::builder().build().unwrap());
    let request = tcsas::DescribeMNPMAUMetricCardRequest::new(202511, 1, "T", 202512, "A");
    let _future = tcsas.describe_mnp_mau_metric_card(&request);
}
