// A deprecated action warns its callers with the spec's words.
#![deny(deprecated)]
use tcapi_runtime::{Client, TcApi};

#[derive(TcApi)]
#[tcapi(spec = "tests/data/hazards", actions("DescribeOldThing"))]
pub struct Hazards {
    client: Client,
}

async fn call(hazards: &Hazards) {
    let _ = hazards.describe_old_thing(&hazards::DescribeOldThingRequest::default()).await;
}

fn main() {
    let _ = call;
}
