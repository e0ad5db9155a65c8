//! Client configuration: bad arguments and bad credentials get clear errors that show no secret.

use tcapi_runtime::{Client, Credentials};

#[test]
fn debug_never_shows_the_key_or_token() {
    let credentials = Credentials::new("AKIDvisible", "very-secret-key")
        .and_then(|c| c.with_token("very-secret-token"))
        .expect("valid");
    let client = Client::builder()
        .credentials(credentials.clone())
        .build()
        .expect("builds");
    for shown in [format!("{credentials:?}"), format!("{client:?}")] {
        assert!(shown.contains("AKIDvisible"), "{shown}");
        assert!(!shown.contains("very-secret"), "{shown}");
    }
}

#[test]
fn bad_credentials_are_refused_without_echoing_them() {
    for (id, key) in [
        ("", "k"),
        ("AKID", ""),
        ("AKID", "key with space"),
        ("AKID", "key\n"),
        ("AK/ID", "k"),
    ] {
        let error = Credentials::new(id, key).expect_err("refused");
        let shown = error.to_string();
        assert!(shown.starts_with("invalid tcapi configuration"), "{shown}");
        if key.len() > 2 {
            assert!(!shown.contains(key.trim()), "{shown}");
        }
    }
}

#[test]
fn bad_endpoints_are_refused_with_the_reason() {
    let cases = [
        ("not a url", "not a URL"),
        ("ftp://example.com", "not supported"),
        ("http://example.com", "unencrypted"),
        ("https://example.com/v1", "no path"),
    ];
    for (endpoint, reason) in cases {
        let error = Client::builder().endpoint(endpoint).build().expect_err("refused");
        assert!(error.to_string().contains(reason), "{endpoint}: {error}");
    }
    assert!(Client::builder()
        .endpoint("http://example.com")
        .allow_insecure_http(true)
        .build()
        .is_ok());
    assert!(Client::builder().endpoint("http://localhost:9000").build().is_ok());
    assert!(Client::builder().region("ap singapore").build().is_err());
}
