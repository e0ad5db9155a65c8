// `spec` may name a single file; the struct may be private and the client field named freely.
use tcapi_runtime::TcApi;

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06/DescribeMNPMAUMetricCard.json")]
struct Mini {
    inner: tcapi_runtime::Client,
}

fn main() {
    let mini = Mini::new(tcapi_runtime::Client::builder().build().unwrap());
    // Optional members are public fields, set after `new`.
    let mut request = mini::DescribeMNPMAUMetricCardRequest::builder()
        .source_month(1)
        .data_type(1)
        .platform_id("p")
        .target_month(2)
        .application_id("a")
        .build();
    request.mnp_id = Some("m".into());
    request.mnp_team_id = Some(7);
    let _future = mini.describe_mnp_mau_metric_card(&request);
}
