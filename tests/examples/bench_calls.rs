//! Calls DescribeMNPMAUMetricCard as fast as it can through the generated client.
//!
//! ```text
//! cargo run --release --example bench_calls -- --endpoint http://127.0.0.1:8080 --calls 20000 --concurrency 1
//! ```
//!
//! `--threads N` runs the tasks on N tokio worker threads (default 1: a
//! current-thread runtime, which does best when the server shares the machine).
//!
//! `--wrk-script FILE` measures nothing: it makes one call to the embedded mock
//! and writes a wrk script that sends the very same request (headers and body),
//! so that wrk and this client ask a server the same thing.
//!
//! Any endpoint that answers the seed's example response will do (the signature
//! is not checked by it). Prints calls/s, p50/p99 latency and peak RSS, and last
//! a line `calls_per_sec=<number>`.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tcapi_runtime::{Client, Credentials, RetryPolicy};
use tcapi_tests::{seed_request, start_mock, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};

const USAGE: &str = "usage: bench_calls --endpoint URL [--calls N] [--concurrency C] [--threads T]
       bench_calls --wrk-script FILE";

struct Args {
    endpoint: String,
    calls: usize,
    concurrency: usize,
    threads: usize,
    wrk_script: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        endpoint: String::new(),
        calls: 10_000,
        concurrency: 1,
        threads: 1,
        wrk_script: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--endpoint" => args.endpoint = value,
            "--calls" => args.calls = value.parse().map_err(|e| format!("--calls {value}: {e}"))?,
            "--concurrency" => args.concurrency = value.parse().map_err(|e| format!("--concurrency {value}: {e}"))?,
            "--threads" => args.threads = value.parse().map_err(|e| format!("--threads {value}: {e}"))?,
            "--wrk-script" => args.wrk_script = Some(value),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if args.endpoint.is_empty() && args.wrk_script.is_none() {
        return Err(format!("--endpoint is required\n{USAGE}"));
    }
    args.concurrency = args.concurrency.clamp(1, args.calls.max(1));
    Ok(args)
}

/// Peak resident set size of this process, from /proc (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let runtime = if args.threads <= 1 {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(args.threads)
            .enable_all()
            .build()
    };
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = match &args.wrk_script {
        Some(path) => runtime.block_on(write_wrk_script(path)),
        None => runtime.block_on(run(&args)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The client every run uses: fixed test credentials, no retries.
fn bench_client(endpoint: &str) -> Result<Client, String> {
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).map_err(|e| e.to_string())?;
    Client::builder()
        .credentials(credentials)
        .endpoint(endpoint)
        .allow_insecure_http(true)
        .retry(RetryPolicy::none())
        .build()
        .map_err(|e| e.to_string())
}

/// A Lua string literal of `text`.
fn lua_string(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => return Err(format!("a control character in {text:?}")),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(out)
}

/// Records one call at the embedded mock and writes a wrk script sending the
/// same request. wrk sets Host and Content-Length itself.
async fn write_wrk_script(path: &str) -> Result<(), String> {
    let mock = start_mock().await.map_err(|e| e.to_string())?;
    let tcsas = Tcsas::new(bench_client(&mock.url())?);
    tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .map_err(|e| e.to_string())?;
    let request = mock
        .requests()
        .into_iter()
        .next()
        .ok_or("the mock recorded no request")?;
    let body = String::from_utf8(request.body).map_err(|e| e.to_string())?;
    let mut headers: Vec<_> = request
        .headers
        .into_iter()
        .filter(|(name, _)| name != "host" && name != "content-length")
        .collect();
    headers.sort();
    let mut script = String::from(
        "-- Written by `bench_calls --wrk-script`: the request tcapi sends, so that wrk sends the same.\n",
    );
    script.push_str(&format!("wrk.method = {}\n", lua_string(&request.method)?));
    script.push_str(&format!("wrk.body = {}\n", lua_string(&body)?));
    for (name, value) in headers {
        script.push_str(&format!(
            "wrk.headers[{}] = {}\n",
            lua_string(&name)?,
            lua_string(&value)?
        ));
    }
    std::fs::write(path, script).map_err(|e| format!("cannot write {path}: {e}"))?;
    println!("wrote {path}");
    Ok(())
}

/// Makes `calls` calls one after another and returns their latencies.
async fn calls_in_turn(tcsas: &Tcsas, calls: usize) -> Result<Vec<Duration>, String> {
    let request = seed_request();
    let mut latencies = Vec::with_capacity(calls);
    for _ in 0..calls {
        let start = Instant::now();
        tcsas
            .describe_mnp_mau_metric_card(&request)
            .await
            .map_err(|e| e.to_string())?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}

async fn run(args: &Args) -> Result<(), String> {
    let tcsas = Arc::new(Tcsas::new(bench_client(&args.endpoint)?));
    // Warm up: connections, signing-key cache, allocator.
    for _ in 0..args.concurrency.min(64) {
        tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .map_err(|e| e.to_string())?;
    }
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::with_capacity(args.calls);
    if args.concurrency == 1 {
        // One caller: run it on the runtime's own thread, as a program making calls in turn does.
        latencies = calls_in_turn(&tcsas, args.calls).await?;
    } else {
        let tasks: Vec<_> = (0..args.concurrency)
            .map(|task| {
                let tcsas = tcsas.clone();
                let calls = args.calls / args.concurrency + usize::from(task < args.calls % args.concurrency);
                tokio::spawn(async move { calls_in_turn(&tcsas, calls).await })
            })
            .collect();
        for task in tasks {
            latencies.extend(task.await.map_err(|e| e.to_string())??);
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let percentile = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
    let calls_per_sec = latencies.len() as f64 / elapsed.as_secs_f64();
    println!(
        "calls:       {} at concurrency {} on {} thread(s)",
        latencies.len(),
        args.concurrency,
        args.threads.max(1)
    );
    println!("elapsed:     {:.3} s", elapsed.as_secs_f64());
    println!("p50 latency: {:.1} µs", percentile(0.50).as_secs_f64() * 1e6);
    println!("p99 latency: {:.1} µs", percentile(0.99).as_secs_f64() * 1e6);
    match peak_rss_mib() {
        Some(rss) => println!("peak RSS:    {rss:.1} MiB"),
        None => println!("peak RSS:    unknown"),
    }
    println!("calls_per_sec={calls_per_sec:.0}");
    Ok(())
}
