//! Serves Tencent Cloud's whole shipped catalog (every service version under
//! `specs/`, from `tcapi-catalog`) on loopback until killed.
//!
//! ```text
//! cargo run --example mock_server -- --listen 127.0.0.1:9000 --secret-id ID --secret-key KEY [--specs DIR]
//! ```
//!
//! Every action of every service answers: the mock verifies the TC3 signature
//! against the key pair, validates the body against the action's request, and
//! answers with the action's first official example response that fits the
//! spec (with a fresh RequestId), else with one built from the members'
//! examples. `--specs DIR` serves the `<service>/<version>` directories under
//! DIR instead. Loading the catalog takes a few seconds in a debug build; the
//! line `mock serving … on http://…` says when it listens.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use tcapi_runtime::mock::MockServer;

const USAGE: &str = "usage: mock_server --listen 127.0.0.1:PORT --secret-id ID --secret-key KEY [--specs DIR]";

struct Args {
    listen: SocketAddr,
    secret_id: String,
    secret_key: String,
    /// `None`: the shipped catalog.
    specs: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut listen = None;
    let mut secret_id = None;
    let mut secret_key = None;
    let mut specs = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--listen" => {
                let text = value()?;
                listen = Some(
                    text.parse::<SocketAddr>()
                        .map_err(|e| format!("--listen {text}: {e}"))?,
                );
            }
            "--secret-id" => secret_id = Some(value()?),
            "--secret-key" => secret_key = Some(value()?),
            "--specs" => specs = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(Args {
        listen: listen.ok_or_else(|| format!("--listen is required\n{USAGE}"))?,
        secret_id: secret_id.ok_or_else(|| format!("--secret-id is required\n{USAGE}"))?,
        secret_key: secret_key.ok_or_else(|| format!("--secret-key is required\n{USAGE}"))?,
        specs,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let builder = MockServer::builder().credentials(args.secret_id, args.secret_key);
    let (builder, served) = match &args.specs {
        Some(dir) => {
            let shown = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            (builder.spec_root(dir), shown.display().to_string())
        }
        None => (builder.catalog(), "the shipped catalog".to_string()),
    };
    let mock = match builder.listen(args.listen).start().await {
        Ok(mock) => mock,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!("mock serving {served} on {}", mock.url());
    match tokio::signal::ctrl_c().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot wait for Ctrl-C: {e}");
            ExitCode::FAILURE
        }
    }
}
