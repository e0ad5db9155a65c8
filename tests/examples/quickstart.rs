//! Calls DescribeMNPMAUMetricCard with the seed page's example input.
//!
//! With `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` set, it calls
//! `TENCENTCLOUD_ENDPOINT` (or, without it, the spec's host). Otherwise it starts
//! the loopback mock and calls it.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use std::process::ExitCode;

use tcapi_runtime::mock::MockServer;
use tcapi_runtime::{Client, ClientBuilder, Credentials, ENV_ENDPOINT, ENV_SECRET_ID, ENV_SECRET_KEY};
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
    // Credentials in the environment mean a real call: to TENCENTCLOUD_ENDPOINT, or the spec's host.
    let configured = [ENV_SECRET_ID, ENV_SECRET_KEY]
        .iter()
        .all(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    // Keeps the mock alive for the whole call when we start one.
    let mut _mock = None;
    let client = if configured {
        let client = Client::from_env().map_err(|e| e.to_string())?;
        let endpoint = std::env::var(ENV_ENDPOINT).unwrap_or_else(|_| "https://tcsas.intl.tencentcloudapi.com".into());
        println!("Calling {endpoint} with the credentials from the environment");
        client
    } else {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/tcsas/2025-01-06");
        let mock = MockServer::builder()
            .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
            .spec_path(spec)
            .start()
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "No {ENV_SECRET_ID}/{ENV_SECRET_KEY} set: calling the loopback mock at {}",
            mock.url()
        );
        let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).map_err(|e| e.to_string())?;
        let client = ClientBuilder::default()
            .credentials(credentials)
            .endpoint(mock.url())
            .from_env()
            .and_then(ClientBuilder::build)
            .map_err(|e| e.to_string())?;
        _mock = Some(mock);
        client
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
            println!("RequestId:        {}", show(response.request_id));
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
