//! The bench_calls example that bench/compare.sh runs: against the loopback
//! mock, it must make real calls and print its figures, and `--wrk-script`
//! must record the very request the client sends.

use std::process::Command;

use tcapi_tests::{built_example, start_mock};

fn run(args: &[&str]) -> String {
    let output = Command::new(built_example("bench_calls"))
        .args(args)
        .output()
        .expect("bench_calls runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "bench_calls {args:?} failed: {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_the_mock_and_ends_with_calls_per_sec() {
    let mock = start_mock().await.expect("mock");
    let url = mock.url();
    let text = tokio::task::spawn_blocking(move || run(&["--endpoint", &url, "--calls", "120", "--concurrency", "4"]))
        .await
        .expect("join");
    for label in [
        "calls:       120 at concurrency 4",
        "p50 latency:",
        "p99 latency:",
        "peak RSS:",
    ] {
        assert!(text.contains(label), "no `{label}` in:\n{text}");
    }
    let last = text.lines().last().unwrap_or_default();
    let rate: f64 = last
        .strip_prefix("calls_per_sec=")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("last line is not calls_per_sec=<number>: {last}"));
    assert!(rate > 0.0);
    // Every call reached the mock signed and was answered, and so did the
    // warm-up calls, one per task.
    assert_eq!(mock.requests().len(), 120 + 4);
}

#[test]
fn wrk_script_sends_the_clients_own_request() {
    let path = std::env::temp_dir().join(format!("tcapi-wrk-{}.lua", std::process::id()));
    let path_text = path.to_string_lossy().into_owned();
    run(&["--wrk-script", &path_text]);
    let script = std::fs::read_to_string(&path).expect("the script was written");
    let _ = std::fs::remove_file(&path);
    assert!(script.contains("wrk.method = \"POST\""), "{script}");
    assert!(
        script.contains(r#"wrk.body = "{\"SourceMonth\":202511,"#),
        "the body is the seed request: {script}"
    );
    for header in [
        "wrk.headers[\"authorization\"] = \"TC3-HMAC-SHA256 Credential=",
        "wrk.headers[\"content-type\"] = \"application/json; charset=utf-8\"",
        "wrk.headers[\"x-tc-action\"] = \"DescribeMNPMAUMetricCard\"",
        "wrk.headers[\"x-tc-version\"] = \"2025-01-06\"",
        "wrk.headers[\"x-tc-timestamp\"] = \"",
    ] {
        assert!(script.contains(header), "no `{header}` in:\n{script}");
    }
    // wrk writes these itself, from the URL and the body.
    assert!(!script.contains("\"host\""), "{script}");
    assert!(!script.contains("\"content-length\""), "{script}");
}
