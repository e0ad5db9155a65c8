//! Secret keys and tokens never reach Display, Debug, errors or tracing, on any
//! error path. Tracing is captured at TRACE level while every path runs.

use std::time::Duration;

use serde_json::json;
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Client, Credentials, RetryPolicy};
use tcapi_tests::{seed_request, CapturedLog, Tcsas, TEST_SECRET_ID};

const KEY: &str = "SecretKeyMustNeverBeSeen0123456789";
const TOKEN: &str = "SessionTokenMustNeverBeSeen98765";
const ACTION: &str = "DescribeMNPMAUMetricCard";

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(KEY), "{what} shows the secret key: {text}");
    assert!(!text.contains(TOKEN), "{what} shows the token: {text}");
}

#[tokio::test]
async fn no_error_path_and_no_trace_shows_a_secret() {
    let captured = CapturedLog::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, KEY)
        .spec_of::<Tcsas>()
        .start()
        .await
        .expect("the mock starts");
    let credentials = Credentials::new(TEST_SECRET_ID, KEY)
        .and_then(|c| c.with_token(TOKEN))
        .expect("valid");
    assert_clean("Credentials Debug", &format!("{credentials:?}"));
    let client = Client::builder()
        .credentials(credentials)
        .endpoint(mock.url())
        .timeout(Duration::from_millis(500))
        .retry(
            RetryPolicy::default()
                .with_base_delay(Duration::from_millis(1))
                .with_max_attempts(2),
        )
        .build()
        .expect("builds");
    assert_clean("Client Debug", &format!("{client:?}"));
    let tcsas = Tcsas::new(client);

    let replies = [
        None,
        Some(Reply::error("InvalidParameter", "bad")),
        Some(Reply::Http {
            status: 502,
            content_type: "text/html".into(),
            body: "<html>502</html>".into(),
        }),
        Some(Reply::Http {
            status: 200,
            content_type: "application/json".into(),
            body: String::new(),
        }),
        Some(Reply::Http {
            status: 200,
            content_type: "application/json".into(),
            body: "{\"Response\": {".into(),
        }),
        Some(Reply::Http {
            status: 200,
            content_type: "application/json".into(),
            body: "{}".into(),
        }),
        Some(Reply::Response(json!({"Error": {"Message": "no code"}}))),
        Some(Reply::Response(json!({"Data": {"SourceMAUNum": "many"}}))),
        Some(Reply::Hangup),
        Some(Reply::Delay(
            Duration::from_secs(2),
            Box::new(Reply::Response(json!({}))),
        )),
    ];
    let mut kinds = Vec::new();
    for reply in replies {
        if let Some(reply) = reply {
            // A Describe action is idempotent, so a failure that may have
            // acted is retried: the retry must fail the same way. A hangup on
            // a kept connection is also sent once more on a fresh one.
            if matches!(reply, Reply::Hangup | Reply::Delay(..)) {
                mock.push_reply(ACTION, reply.clone());
            }
            if matches!(reply, Reply::Hangup) {
                mock.push_reply(ACTION, reply.clone());
            }
            mock.push_reply(ACTION, reply);
        }
        match tcsas.describe_mnp_mau_metric_card(&seed_request()).await {
            Ok(response) => {
                assert_clean("a response", &format!("{response:?}"));
                kinds.push("ok".to_string());
            }
            Err(error) => {
                kinds.push(format!("{:?}", error.kind()));
                assert_clean("an error's Display", &error.to_string());
                assert_clean("an error's Debug", &format!("{error:?}"));
                let mut source = std::error::Error::source(&error);
                while let Some(cause) = source {
                    assert_clean("an error's source", &format!("{cause} {cause:?}"));
                    source = cause.source();
                }
            }
        }
    }
    // Every path was taken: the 502 is retried into a success.
    assert_eq!(
        kinds,
        [
            "ok",
            "Service",
            "ok",
            "MalformedResponse",
            "MalformedResponse",
            "MissingResponse",
            "MalformedResponse",
            "MalformedResponse",
            "Transport",
            "Timeout"
        ]
    );

    // A wrong key, a refused connection and bad configuration.
    let wrong = Client::builder()
        .credentials(
            Credentials::new(TEST_SECRET_ID, "WrongKey")
                .and_then(|c| c.with_token(TOKEN))
                .expect("valid"),
        )
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let error = Tcsas::new(wrong)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("bad signature");
    assert_clean("a signature error", &format!("{error} {error:?}"));
    for bad in [format!("{KEY}\n"), format!(" {KEY}")] {
        let error = Credentials::new(TEST_SECRET_ID, bad).expect_err("refused");
        assert_clean("a credential error", &format!("{error} {error:?}"));
    }

    let log = captured.text();
    assert!(
        log.contains("tcapi.call") && log.contains("DescribeMNPMAUMetricCard"),
        "tracing records calls: {log}"
    );
    assert!(log.contains("attempt"), "tracing records attempts");
    assert_clean("the tracing output", &log);
}
