//! Every credentials source, the default chain's order and its errors, and the
//! refresh of temporary credentials, against loopback servers only: the mock
//! plays STS and the CVM metadata service, and a raw fake plays a broken one.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{
    AssumeRoleProvider, Client, Credentials, CvmRoleProvider, DefaultCredentialsChain, ErrorKind, ProvideCredentials,
    RetryPolicy,
};
use tcapi_tests::{seed_request, CapturedLog, Tcsas};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ENV_ID: &str = "AKIDfromENVxxxxxxxxxxxxxxxxxxxxxxxxx";
const ENV_KEY: &str = "envKEYxxxxxxxxxxxxxxxxxxxxxxxxxx";
const FILE_ID: &str = "AKIDfromFILExxxxxxxxxxxxxxxxxxxxxxxx";
const FILE_KEY: &str = "fileKEYxxxxxxxxxxxxxxxxxxxxxxxxx";
const PROD_ID: &str = "AKIDfromPRODxxxxxxxxxxxxxxxxxxxxxxxx";
const ROLE_ARN: &str = "qcs::cam::uin/100000000001:roleName/tcapi-test";

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcapi-credentials-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("dir");
    }
    std::fs::write(path, text).expect("write");
}

/// A loopback URL where nothing listens: the chain's CVM probe finds no metadata service there.
fn nothing_listens() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/latest/meta-data/")
}

async fn mock(lifetime: Option<Duration>) -> MockServer {
    let mut builder = MockServer::builder()
        .credentials(ENV_ID, ENV_KEY)
        .credentials(FILE_ID, FILE_KEY)
        .spec_of::<Tcsas>()
        .cvm_role("tcapi-cvm-role");
    if let Some(lifetime) = lifetime {
        builder = builder.temporary_credentials_lifetime(lifetime);
    }
    builder.start().await.expect("the mock starts")
}

fn chain(vars: &[(&str, &str)], metadata: &str) -> DefaultCredentialsChain {
    DefaultCredentialsChain::new()
        .with_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .metadata_endpoint(metadata)
}

async fn resolve(chain: &DefaultCredentialsChain) -> Credentials {
    let source = chain.find_source().await.expect("no error").expect("a source");
    source.provide_credentials().await.expect("credentials")
}

async fn chain_error(chain: &DefaultCredentialsChain) -> String {
    match chain.find_source().await {
        Err(error) => error.to_string(),
        Ok(Some(source)) => source.provide_credentials().await.expect_err("an error").to_string(),
        Ok(None) => panic!("the chain found nothing instead of failing"),
    }
}

fn profile_file(dir: &Path) -> PathBuf {
    let path = dir.join(".tencentcloud/credentials");
    write(
        &path,
        &format!("[default]\nsecret_id = {FILE_ID}\nsecret_key = {FILE_KEY}\n\n[prod]\nsecret_id = {PROD_ID}\nsecret_key = prodKEY\n"),
    );
    path
}

#[tokio::test]
async fn the_chain_takes_sources_in_order() {
    let dir = scratch("order");
    let home = dir.to_string_lossy().to_string();
    profile_file(&dir);
    let mock = mock(None).await;
    let metadata = format!("{}/latest/meta-data/", mock.url());

    // 1. The environment wins over everything.
    let env = [
        ("TENCENTCLOUD_SECRET_ID", ENV_ID),
        ("TENCENTCLOUD_SECRET_KEY", ENV_KEY),
        ("HOME", home.as_str()),
    ];
    assert_eq!(resolve(&chain(&env, &metadata)).await.secret_id(), ENV_ID);
    // 2. Then the profile file at ~/.tencentcloud/credentials, profile `default`...
    assert_eq!(
        resolve(&chain(&[("HOME", &home)], &metadata)).await.secret_id(),
        FILE_ID
    );
    // ...or the one TENCENTCLOUD_PROFILE names, in the file TENCENTCLOUD_CREDENTIALS_FILE names.
    let elsewhere = dir.join("elsewhere.ini");
    write(
        &elsewhere,
        &format!("[prod]\nsecret_id={PROD_ID}\nsecret_key=\"prodKEY\"\n"),
    );
    let named = [
        ("TENCENTCLOUD_CREDENTIALS_FILE", elsewhere.to_string_lossy().to_string()),
        ("TENCENTCLOUD_PROFILE", "prod".to_string()),
    ];
    let named: Vec<(&str, &str)> = named.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(resolve(&chain(&named, &metadata)).await.secret_id(), PROD_ID);
    // 3. Then the CVM role, from the metadata service.
    let empty_home = scratch("order-empty");
    let empty_home = empty_home.to_string_lossy().to_string();
    let from_cvm = resolve(&chain(&[("HOME", &empty_home)], &metadata)).await;
    assert!(from_cvm.secret_id().starts_with("AKIDmocktmp"), "{from_cvm:?}");
    assert!(from_cvm.expires_at().is_some());
    let paths: Vec<String> = mock.requests().iter().map(|r| r.path.clone()).collect();
    assert!(
        paths.contains(&"/latest/meta-data/cam/security-credentials/tcapi-cvm-role".to_string()),
        "{paths:?}"
    );
    // Nothing at all: the chain says so, and a client using it fails with a Credentials error.
    let nothing = chain(&[("HOME", &empty_home)], &nothing_listens());
    assert!(nothing.find_source().await.expect("absent is not an error").is_none());
    let client = Client::builder()
        .credentials_provider(nothing)
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("no credentials");
    assert_eq!(error.kind(), ErrorKind::Credentials);
    assert!(error.to_string().contains("no credentials found"), "{error}");
}

#[tokio::test]
async fn assume_role_signs_with_the_chains_key_and_calls_work_with_the_role() {
    let dir = scratch("assume");
    profile_file(&dir);
    let home = dir.to_string_lossy().to_string();
    let mock = mock(None).await;
    let vars = [
        ("HOME", home.as_str()),
        ("TENCENTCLOUD_ROLE_ARN", ROLE_ARN),
        ("TENCENTCLOUD_ROLE_SESSION_NAME", "nightly-report"),
    ];
    let chain = chain(&vars, &nothing_listens()).sts_endpoint(mock.url());
    let client = Client::builder()
        .credentials_provider(chain)
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let response = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("the call succeeds with the role's credentials");
    assert!(!response.request_id.is_empty());

    let requests = mock.requests();
    let assume = requests
        .iter()
        .find(|r| r.header("x-tc-action") == Some("AssumeRole"))
        .expect("AssumeRole was sent");
    let authorization = assume.header("authorization").unwrap_or_default();
    assert!(
        authorization.contains(&format!("Credential={FILE_ID}/")),
        "signed with the profile's key"
    );
    assert!(authorization.contains("/sts/tc3_request"), "scope service sts");
    assert_eq!(assume.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(assume.header("x-tc-region"), Some("ap-guangzhou"));
    let body: serde_json::Value = serde_json::from_slice(&assume.body).expect("JSON");
    assert_eq!(body["RoleArn"], ROLE_ARN);
    assert_eq!(body["RoleSessionName"], "nightly-report");
    let call = requests
        .iter()
        .find(|r| r.header("x-tc-action") == Some("DescribeMNPMAUMetricCard"))
        .expect("the call");
    assert!(call
        .header("authorization")
        .unwrap_or_default()
        .contains("Credential=AKIDmocktmp"));
    assert!(call.header("x-tc-token").is_some_and(|t| t.starts_with("mock-token-")));
}

#[tokio::test]
async fn tke_oidc_is_unsigned_uses_tke_region_and_rereads_the_token() {
    let dir = scratch("oidc");
    let token_file = dir.join("token");
    write(&token_file, "first-web-identity-token\n");
    let mock = mock(None).await;
    let token_path = token_file.to_string_lossy().to_string();
    let vars = [
        ("HOME", dir.to_str().unwrap_or_default()),
        ("TKE_REGION", "ap-singapore"),
        ("TKE_PROVIDER_ID", "tke-oidc-provider"),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", token_path.as_str()),
        ("TKE_ROLE_ARN", ROLE_ARN),
    ];
    let chain = chain(&vars, &nothing_listens()).sts_endpoint(mock.url());
    let source = chain.find_source().await.expect("no error").expect("OIDC applies");
    let first = source.provide_credentials().await.expect("credentials");
    write(&token_file, "second-web-identity-token");
    let second = source.provide_credentials().await.expect("credentials");
    assert_ne!(first.secret_id(), second.secret_id());

    let sent: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.header("x-tc-action") == Some("AssumeRoleWithWebIdentity"))
        .collect();
    assert_eq!(sent.len(), 2);
    for (request, token) in sent
        .iter()
        .zip(["first-web-identity-token", "second-web-identity-token"])
    {
        assert_eq!(request.header("authorization"), Some("SKIP"));
        assert_eq!(request.header("x-tc-token"), None);
        assert_eq!(
            request.header("x-tc-region"),
            Some("ap-singapore"),
            "TKE_REGION is used"
        );
        let body: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON");
        assert_eq!(body["WebIdentityToken"], token);
        assert_eq!(body["ProviderId"], "tke-oidc-provider");
        assert_eq!(body["RoleArn"], ROLE_ARN);
    }
}

/// A raw metadata service that lists a role and then answers its credentials with `answer`.
async fn broken_metadata(status: u16, answer: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 4096];
            let n = stream.read(&mut buffer).await.unwrap_or(0);
            let request = String::from_utf8_lossy(&buffer[..n]).to_string();
            let (status, body) = if request.starts_with("GET /latest/meta-data/cam/security-credentials/ ") {
                (200, "the-role")
            } else {
                (status, answer)
            };
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    });
    format!("http://{addr}/latest/meta-data/")
}

#[tokio::test]
async fn a_present_but_broken_source_stops_the_chain() {
    let dir = scratch("broken");
    profile_file(&dir);
    let home = dir.to_string_lossy().to_string();
    let quiet = nothing_listens();
    let check = |vars: Vec<(&'static str, String)>, expected: &'static str| {
        let quiet = quiet.clone();
        async move {
            let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let message = chain_error(&chain(&vars, &quiet)).await;
            assert!(message.contains(expected), "expected {expected:?} in: {message}");
            assert!(!message.contains(FILE_KEY) && !message.contains(ENV_KEY), "{message}");
        }
    };
    // Half the environment's key: stop, even though a profile file exists.
    check(
        vec![("TENCENTCLOUD_SECRET_ID", ENV_ID.into()), ("HOME", home.clone())],
        "TENCENTCLOUD_SECRET_KEY is not",
    )
    .await;
    check(
        vec![
            ("TENCENTCLOUD_SECRET_ID", ENV_ID.into()),
            ("TENCENTCLOUD_SECRET_KEY", "has space".into()),
        ],
        "SecretKey has a space",
    )
    .await;
    // A named file that does not exist.
    check(
        vec![("TENCENTCLOUD_CREDENTIALS_FILE", "/nonexistent/tcapi/credentials".into())],
        "/nonexistent/tcapi/credentials",
    )
    .await;
    // A profile that is not in the file.
    check(
        vec![("HOME", home.clone()), ("TENCENTCLOUD_PROFILE", "staging".into())],
        "no [staging] profile",
    )
    .await;
    // A file that is not ini, or lacks the key.
    let bad = dir.join("bad.ini");
    write(
        &bad,
        &format!("[default]\nsecret_id = {FILE_ID}\nthis line is not ini\n"),
    );
    check(
        vec![("TENCENTCLOUD_CREDENTIALS_FILE", bad.to_string_lossy().into())],
        "bad.ini:3",
    )
    .await;
    let half = dir.join("half.ini");
    write(&half, &format!("[default]\nsecret_id = {FILE_ID}\n"));
    check(
        vec![("TENCENTCLOUD_CREDENTIALS_FILE", half.to_string_lossy().into())],
        "needs both secret_id and secret_key",
    )
    .await;
    // A role to assume, but no key to sign AssumeRole with.
    let empty = scratch("broken-empty").to_string_lossy().to_string();
    check(
        vec![("HOME", empty.clone()), ("TENCENTCLOUD_ROLE_ARN", ROLE_ARN.into())],
        "no key to sign AssumeRole",
    )
    .await;
    // Some TKE variables but not all.
    check(
        vec![("HOME", empty.clone()), ("TKE_REGION", "ap-singapore".into())],
        "TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN must be set too",
    )
    .await;
    // All TKE variables, but the token file is missing.
    check(
        vec![
            ("HOME", empty.clone()),
            ("TKE_REGION", "ap-singapore".into()),
            ("TKE_PROVIDER_ID", "p".into()),
            ("TKE_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/tcapi/token".into()),
            ("TKE_ROLE_ARN", ROLE_ARN.into()),
        ],
        "cannot read the web identity token file /nonexistent/tcapi/token",
    )
    .await;
    // A profile named but no file at all, and a token without its key pair.
    check(
        vec![("HOME", empty.clone()), ("TENCENTCLOUD_PROFILE", "prod".into())],
        "there is no credentials file",
    )
    .await;
    check(
        vec![("HOME", empty.clone()), ("TENCENTCLOUD_TOKEN", "orphan-token".into())],
        "a token needs its key pair",
    )
    .await;
    // A metadata service that names a role but answers garbage or an error for it.
    for (status, answer, expected) in [
        (200, "not json", "not the expected JSON"),
        (500, "oops", "HTTP 500"),
        (
            200,
            r#"{"TmpSecretId":"AKIDx","TmpSecretKey":"k","Token":"t","ExpiredTime":1,"Code":"Success"}"#,
            "already expired",
        ),
    ] {
        let metadata = broken_metadata(status, answer).await;
        let vars = [("HOME", empty.as_str())];
        let message = chain_error(&chain(&vars, &metadata)).await;
        assert!(
            message.contains("CVM instance role") && message.contains(expected),
            "{message}"
        );
    }
}

#[tokio::test]
async fn sts_errors_name_the_code() {
    let mock = mock(None).await;
    mock.push_reply(
        "AssumeRole",
        Reply::error("AuthFailure.UnauthorizedOperation", "not allowed to assume this role"),
    );
    let base = Credentials::new(FILE_ID, FILE_KEY).expect("valid");
    let provider = AssumeRoleProvider::new(base, ROLE_ARN).endpoint(mock.url());
    let error = provider.provide_credentials().await.expect_err("refused");
    let message = error.to_string();
    assert!(message.starts_with("STS AssumeRole"), "{message}");
    assert!(message.contains("AuthFailure.UnauthorizedOperation"), "{message}");
}

fn assume_role_count(mock: &MockServer) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.header("x-tc-action") == Some("AssumeRole"))
        .count()
}

fn signing_ids(mock: &MockServer) -> Vec<String> {
    mock.requests()
        .iter()
        .filter(|r| r.header("x-tc-action") == Some("DescribeMNPMAUMetricCard"))
        .filter_map(|r| {
            let auth = r.header("authorization")?;
            let id = auth.split("Credential=").nth(1)?.split('/').next()?;
            Some(id.to_string())
        })
        .collect()
}

async fn calls(tcsas: &Arc<Tcsas>, n: usize) {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let tcsas = Arc::clone(tcsas);
            tokio::spawn(async move { tcsas.describe_mnp_mau_metric_card(&seed_request()).await })
        })
        .collect();
    for task in tasks {
        task.await.expect("joins").expect("the call succeeds");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn temporary_credentials_refresh_once_before_expiry_and_survive_a_failed_refresh() {
    let captured = CapturedLog::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_global_default(subscriber);

    // Credentials that live 6 s: refreshed when half their life is left.
    let mock = mock(Some(Duration::from_secs(6))).await;
    let base = Credentials::new(FILE_ID, FILE_KEY).expect("valid");
    let provider = AssumeRoleProvider::new(base, ROLE_ARN).endpoint(mock.url());
    let client = Client::builder()
        .credentials_provider(provider)
        .endpoint(mock.url())
        .retry(RetryPolicy::none())
        .build()
        .expect("builds");
    let tcsas = Arc::new(Tcsas::new(client));

    // Concurrent first calls share one fetch.
    calls(&tcsas, 16).await;
    assert_eq!(assume_role_count(&mock), 1, "16 concurrent calls, one AssumeRole");
    let first_id = signing_ids(&mock)[0].clone();

    // Past the refresh point but before expiry: one refresh for many callers.
    tokio::time::sleep(Duration::from_millis(3200)).await;
    calls(&tcsas, 16).await;
    assert_eq!(assume_role_count(&mock), 2, "one refresh for 16 callers");
    // Callers that overlapped the refresh may have used the old, still valid key; the next one uses the new.
    calls(&tcsas, 1).await;
    let ids = signing_ids(&mock);
    let second_id = ids[ids.len() - 1].clone();
    assert_ne!(first_id, second_id, "calls after the refresh use the new credentials");

    // The next refresh fails: calls keep the old, still valid credentials and a warning says so.
    mock.push_reply("AssumeRole", Reply::error("FailedOperation", "STS is having a bad day"));
    tokio::time::sleep(Duration::from_millis(3200)).await;
    let before = SystemTime::now();
    calls(&tcsas, 4).await;
    assert_eq!(
        assume_role_count(&mock),
        3,
        "one failed refresh attempt, not one per caller"
    );
    let ids = signing_ids(&mock);
    assert_eq!(ids[ids.len() - 1], second_id, "the old credentials are still used");
    let log = captured.text();
    assert!(log.contains("could not refresh temporary credentials"), "{log}");
    assert!(log.contains("FailedOperation"), "{log}");
    assert!(
        !log.contains(FILE_KEY) && !log.contains("mock-tmp-key") && !log.contains("mock-token"),
        "{log}"
    );
    assert!(before.elapsed().unwrap_or_default() < Duration::from_secs(1));
}

#[tokio::test]
async fn cvm_role_provider_reads_the_metadata_service() {
    let mock = mock(None).await;
    let provider = CvmRoleProvider::with_endpoint(format!("{}/latest/meta-data", mock.url()));
    assert_eq!(
        provider.role().await.expect("no error").as_deref(),
        Some("tcapi-cvm-role")
    );
    let credentials = provider.provide_credentials().await.expect("credentials");
    assert!(credentials.secret_id().starts_with("AKIDmocktmp"));
    // No metadata service: the role is absent, not an error.
    let absent = CvmRoleProvider::with_endpoint(nothing_listens());
    assert_eq!(absent.role().await.expect("absent is not an error"), None);
    // A metadata service without a role answers 404.
    let no_role = MockServer::builder()
        .credentials(ENV_ID, ENV_KEY)
        .spec_of::<Tcsas>()
        .start()
        .await
        .expect("starts");
    let none = CvmRoleProvider::with_endpoint(format!("{}/latest/meta-data/", no_role.url()));
    assert_eq!(none.role().await.expect("404 is absence"), None);
}

#[tokio::test]
async fn with_tke_oidc_configured_the_cvm_role_is_not_probed() {
    // On a TKE node the metadata service would answer with the node's role.
    let mock = mock(None).await;
    let dir = scratch("tke-not-cvm");
    let token_file = dir.join("token");
    write(&token_file, "pod-token");
    let token_path = token_file.to_string_lossy().to_string();
    let home = dir.to_string_lossy().to_string();
    let vars = [
        ("HOME", home.as_str()),
        ("TKE_REGION", "ap-singapore"),
        ("TKE_PROVIDER_ID", "p"),
        ("TKE_WEB_IDENTITY_TOKEN_FILE", token_path.as_str()),
        ("TKE_ROLE_ARN", ROLE_ARN),
    ];
    let chain = chain(&vars, &format!("{}/latest/meta-data/", mock.url())).sts_endpoint(mock.url());
    resolve(&chain).await;
    let requests = mock.requests();
    assert!(
        requests.iter().all(|r| !r.path.starts_with("/latest/")),
        "the metadata service was asked"
    );
    assert!(requests
        .iter()
        .any(|r| r.header("x-tc-action") == Some("AssumeRoleWithWebIdentity")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_waiting_on_a_failed_fetch_share_its_error() {
    let mock = mock(None).await;
    mock.push_reply("AssumeRole", Reply::error("FailedOperation", "STS is down"));
    let base = Credentials::new(FILE_ID, FILE_KEY).expect("valid");
    let provider = AssumeRoleProvider::new(base, ROLE_ARN).endpoint(mock.url());
    let client = Client::builder()
        .credentials_provider(provider)
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let tcsas = Arc::new(Tcsas::new(client));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let tcsas = Arc::clone(&tcsas);
            tokio::spawn(async move { tcsas.describe_mnp_mau_metric_card(&seed_request()).await })
        })
        .collect();
    for task in tasks {
        let error = task.await.expect("joins").expect_err("no credentials");
        assert_eq!(error.kind(), ErrorKind::Credentials);
        assert!(error.to_string().contains("FailedOperation"), "{error}");
    }
    assert_eq!(assume_role_count(&mock), 1, "one fetch for eight callers");
}

/// Gives the env key pair, slowly, as a provider behind a slow network does.
#[derive(Debug)]
struct SlowProvider(Duration);

impl ProvideCredentials for SlowProvider {
    fn provide_credentials(&self) -> tcapi_runtime::CredentialsFuture<'_> {
        let delay = self.0;
        Box::pin(async move {
            tokio::time::sleep(delay).await;
            Ok(Credentials::new(ENV_ID, ENV_KEY).expect("valid"))
        })
    }
}

#[tokio::test]
async fn waiting_for_credentials_does_not_eat_the_attempts_timeout() {
    let mock = mock(None).await;
    // The fetch takes longer than an attempt may: the attempt's clock starts after it.
    let client = Client::builder()
        .credentials_provider(SlowProvider(Duration::from_millis(400)))
        .endpoint(mock.url())
        .timeout(Duration::from_millis(250))
        .retry(RetryPolicy::none())
        .build()
        .expect("builds");
    let response = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("the call has its whole timeout once the credentials arrive");
    assert!(!response.request_id.is_empty());
    assert_eq!(signing_ids(&mock), vec![ENV_ID.to_string()]);
}

#[tokio::test]
async fn a_deadline_spent_waiting_for_credentials_sends_nothing() {
    let mock = mock(None).await;
    let client = Client::builder()
        .credentials_provider(SlowProvider(Duration::from_millis(400)))
        .endpoint(mock.url())
        .retry(RetryPolicy::none().with_total_deadline(Duration::from_millis(150)))
        .build()
        .expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("the deadline passed while the credentials were fetched");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(mock.requests().is_empty(), "nothing was sent after the deadline");
}
