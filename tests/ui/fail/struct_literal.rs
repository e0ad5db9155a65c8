use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06")]
pub struct Tcsas {
    client: Client,
}

fn main() {
    // A struct literal could skip required members and break when members are added: it is not allowed.
    let _ = tcsas::DescribeMNPMAUMetricCardRequest {
        source_month: 202511,
        data_type: 1,
        platform_id: "T".into(),
        target_month: 202512,
        application_id: "A".into(),
        mnp_id: None,
        mnp_team_id: None,
    };
}
