// Actions that are not selected are not generated.
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06", actions("DescribeMNPMAUMetricCard"))]
pub struct Tcsas {
    client: Client,
}

fn main() {
    let _ = tcsas::AddTeamMemberRequest::new;
}
