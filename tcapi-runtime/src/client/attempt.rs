//! One signed request and its whole response, over the client's HTTP stack.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use super::prepare::Prepared;
use super::{Client, Engine, Reply, Target};
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::{ErrorKind, Failure};
use crate::sign::{self, SigningInput};
use crate::transport::RequestHead;

impl Client {
    /// One signed request and its whole response body, by `deadline`.
    pub(super) async fn attempt(
        &self,
        target: &Target<'_>,
        prepared: &Prepared<'_>,
        credentials: Option<&Credentials>,
        body: &[u8],
        started: Instant,
        deadline: Instant,
    ) -> Result<Reply, Failure> {
        let settings = &*self.settings;
        let signed = self.sign_request(target, prepared, credentials, body)?;
        let head = RequestHead {
            host: &signed.host,
            content_type: prepared.content_type.as_str(),
            authorization: &signed.authorization,
            action: target.action,
            version: target.version,
            timestamp: signed.timestamp,
            language: prepared.language.as_str(),
            request_client: &prepared.request_client,
            region: settings.region.as_deref(),
            token: credentials.and_then(Credentials::token),
            extra: &prepared.headers,
        };
        let (status, received) = match &settings.engine {
            Engine::Inline(pool) => {
                pool.exchange(&signed.url, &head, body, settings.max_response_bytes, started, deadline)
                    .await?
            }
            Engine::Reqwest(http) => {
                let headers = head.header_map().map_err(|what| {
                    Failure::new(ErrorKind::Request, format!("the {what} cannot be sent in a header"))
                })?;
                let request = http
                    .post(signed.url.into_owned())
                    .headers(headers)
                    .body(body.to_vec())
                    .timeout(deadline.saturating_duration_since(started));
                // Boxed: reqwest's future is large, and every call's future would carry its size.
                Box::pin(read_reqwest(request, settings.max_response_bytes)).await?
            }
        };
        tracing::debug!(
            status,
            request_bytes = body.len(),
            response_bytes = received.len(),
            elapsed_us = started.elapsed().as_micros() as u64,
            "tcapi response received"
        );
        Ok(Reply::new(status, received))
    }

    /// Where a request goes, and its signed Authorization value.
    fn sign_request<'s>(
        &'s self,
        target: &Target<'_>,
        prepared: &Prepared<'_>,
        credentials: Option<&Credentials>,
        body: &[u8],
    ) -> Result<Signed<'s>, Failure> {
        let settings = &*self.settings;
        let region = settings.region.as_deref();
        let (url, host) = match (
            &settings.endpoint,
            settings.endpoint.host(target.service, target.spec_host, region),
        ) {
            (Endpoint::Fixed { url, host }, _) => (Cow::Borrowed(url), Cow::Borrowed(host.as_str())),
            (_, Some(host)) => {
                let url = settings
                    .urls
                    .https(&host)
                    .map_err(|e| Failure::new(ErrorKind::Config, e))?;
                (Cow::Owned(url), Cow::Owned(host))
            }
            (_, None) => return Err(Failure::new(ErrorKind::Config, "the endpoint gives no host")),
        };
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .map_err(|_| Failure::new(ErrorKind::Config, "the system clock is before 1970"))?;
        let authorization = match credentials {
            None => Cow::Borrowed("SKIP"),
            Some(credentials) => {
                let key = settings
                    .signing_keys
                    .get(credentials.secret_key(), timestamp, target.service);
                let signed = sign::sign(
                    &SigningInput {
                        method: "POST",
                        host: &host,
                        query: "",
                        content_type: prepared.content_type.as_str(),
                        extra_headers: &[("x-tc-action", target.action)],
                        payload: body,
                        timestamp,
                        service: target.service,
                    },
                    credentials.secret_id(),
                    &key,
                );
                Cow::Owned(signed.authorization)
            }
        };
        Ok(Signed {
            url,
            host,
            authorization,
            timestamp,
        })
    }
}

/// A request's destination and signature, borrowed by its [`RequestHead`].
struct Signed<'s> {
    url: Cow<'s, reqwest::Url>,
    host: Cow<'s, str>,
    authorization: Cow<'static, str>,
    timestamp: u64,
}

/// Sends through reqwest and reads the whole body, within the cap.
async fn read_reqwest(request: reqwest::RequestBuilder, max_response_bytes: usize) -> Result<(u16, Vec<u8>), Failure> {
    let mut response = request.send().await.map_err(transport_failure)?;
    let status = response.status().as_u16();
    let mut received = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport_failure)? {
        if received.len() + chunk.len() > max_response_bytes {
            let message = format!("the response body is larger than the {max_response_bytes} byte cap");
            return Err(Failure::new(ErrorKind::MalformedResponse, message).with_status(status));
        }
        received.extend_from_slice(&chunk);
    }
    Ok((status, received))
}

fn transport_failure(error: reqwest::Error) -> Failure {
    let kind = if error.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Transport
    };
    let maybe_sent = !error.is_connect();
    let message = if error.is_connect() {
        "could not connect".to_string()
    } else if error.is_timeout() {
        "no complete response within the client's timeout".to_string()
    } else {
        "the connection failed".to_string()
    };
    // reqwest's error carries the URL only, never headers, so it holds no secret.
    let mut failure = Failure::new(kind, message).with_source(error.without_url());
    failure.maybe_sent = maybe_sent;
    failure
}
