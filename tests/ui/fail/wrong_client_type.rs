//! A field named like the client but of another type is refused at the field's type.
mod reqwest {
    pub struct Client;
}

#[derive(tcapi_runtime::TcApi)]
#[tcapi(spec = "specs/tcsas/2025-01-06/DescribeMNPMAUMetricCard.json")]
pub struct Tcsas {
    client: reqwest::Client,
}

fn main() {}
