//! Calls DescribeMNPMAUMetricCard with the seed page's example input.
//!
//! Credentials come from the default chain: environment, profile file, CVM
//! role, STS AssumeRole, TKE OIDC. With credentials, it calls
//! `TENCENTCLOUD_ENDPOINT` (or, without it, the spec's host). When the chain
//! finds none, it starts the loopback mock and calls that.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use std::process::ExitCode;

use tcapi_runtime::mock::MockServer;
use tcapi_runtime::{Client, ClientBuilder, Credentials, DefaultCredentialsChain, ENV_ENDPOINT};
use tcapi_tests::{seed_request, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<ExitCode, String> {
    let chain = DefaultCredentialsChain::new();
    // A source that is present but broken stops here, with what to fix.
    let source = chain.find_source().await.map_err(|e| e.to_string())?;
    // Keeps the mock alive for the whole call when we start one.
    let mut _mock = None;
    let client = match source {
        Some(source) => {
            let endpoint =
                std::env::var(ENV_ENDPOINT).unwrap_or_else(|_| "https://tcsas.intl.tencentcloudapi.com".into());
            println!("Calling {endpoint} with credentials from the default chain ({source:?})");
            ClientBuilder::default()
                .credentials_provider(chain)
                .from_env()
                .and_then(ClientBuilder::build)
                .map_err(|e| e.to_string())?
        }
        None => {
            let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/tcsas/2025-01-06");
            let mock = MockServer::builder()
                .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
                .spec_path(spec)
                .start()
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "The default credentials chain found no credentials: calling the loopback mock at {}",
                mock.url()
            );
            let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).map_err(|e| e.to_string())?;
            let client = Client::builder()
                .credentials(credentials)
                .endpoint(mock.url())
                .build()
                .map_err(|e| e.to_string())?;
            _mock = Some(mock);
            client
        }
    };

    let tcsas = Tcsas::new(client);
    match tcsas.describe_mnp_mau_metric_card(&seed_request()).await {
        Ok(response) => {
            let data = response.data.unwrap_or_default();
            let show = |value: Option<String>| value.unwrap_or_else(|| "(absent)".into());
            println!("ComparisonRatio:  {}", show(data.comparison_ratio));
            println!(
                "ComparisonResult: {}",
                show(data.comparison_result.map(|v| v.to_string()))
            );
            println!("SourceMAUNum:     {}", show(data.source_mau_num.map(|v| v.to_string())));
            println!("TargetMAUNum:     {}", show(data.target_mau_num.map(|v| v.to_string())));
            println!("FlushTime:        {}", show(data.flush_time.map(|v| v.to_string())));
            println!("RequestId:        {}", response.request_id);
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            match error.service_error() {
                Some(service) => {
                    eprintln!("Code:      {}", service.code_str());
                    eprintln!("Message:   {}", service.message());
                    eprintln!("RequestId: {}", service.request_id());
                }
                None => eprintln!("{error}"),
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
