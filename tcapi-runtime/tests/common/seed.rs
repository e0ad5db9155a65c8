//! The seed request, DescribeMNPMAUMetricCard with its API page's example
//! input, as the signing tests check it and the signing benchmark times it.

use tcapi_runtime::sign::SigningInput;

/// The JSON body as the client sends it.
pub const SEED_BODY: &str = r#"{"SourceMonth":202511,"DataType":1,"PlatformId":"T04398WY9481762VZTT","TargetMonth":202512,"ApplicationId":"ApplicationId","MNPId":"mp1vd81ntbitj9k2","MNPTeamId":9432130281}"#;

/// The example secret key of Tencent's signing docs.
pub const SEED_SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

const SEED_ACTION: [(&str, &str); 1] = [("x-tc-action", "describemnpmaumetriccard")];

/// What the client signs for the seed request at 2025-12-01 12:52:22 UTC.
pub fn seed_input() -> SigningInput<'static> {
    SigningInput {
        method: "POST",
        host: "tcsas.intl.tencentcloudapi.com",
        query: "",
        content_type: tcapi_runtime::CONTENT_TYPE,
        extra_headers: &SEED_ACTION,
        payload: SEED_BODY.as_bytes(),
        timestamp: 1_764_593_542,
        service: "tcsas",
    }
}
