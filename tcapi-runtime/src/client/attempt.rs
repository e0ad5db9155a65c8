//! One signed request and its whole response, over the client's HTTP stack.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use http::HeaderValue;
use tokio::time::Instant;

use super::prepare::Prepared;
use super::{Client, Reply, Target};
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::error::{ErrorKind, Failure};
use crate::sign::{self, SigningInput};
use crate::transport::{Origin, RequestHead};

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
            host: &signed.host_value,
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
        let make = || head.request(body);
        let answer = settings
            .http
            .send(
                &signed.origin,
                &make,
                target.idempotent,
                settings.max_response_bytes,
                started,
                deadline,
            )
            .await?;
        tracing::debug!(
            status = answer.status,
            request_bytes = body.len(),
            response_bytes = answer.body.len(),
            elapsed_us = started.elapsed().as_micros() as u64,
            "tcapi response received"
        );
        Ok(Reply::new(answer))
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
        let (origin, host, host_value) = match (
            &settings.endpoint,
            settings.endpoint.host(target.service, target.spec_host, region),
        ) {
            (
                Endpoint::Fixed {
                    origin,
                    host,
                    host_value,
                },
                _,
            ) => (
                Cow::Borrowed(origin),
                Cow::Borrowed(host.as_str()),
                Cow::Borrowed(host_value),
            ),
            (_, Some(host)) => {
                let origin = Origin::https(&host).map_err(|e| Failure::new(ErrorKind::Config, e))?;
                // Origin::https checked that the host is plain ASCII.
                let value = HeaderValue::from_str(&host).map_err(|_| {
                    Failure::new(ErrorKind::Config, format!("`{host}` cannot be sent as a Host header"))
                })?;
                (Cow::Owned(origin), Cow::Owned(host), Cow::Owned(value))
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
            origin,
            host_value,
            authorization,
            timestamp,
        })
    }
}

/// A request's destination and signature, borrowed by its [`RequestHead`].
struct Signed<'s> {
    origin: Cow<'s, Origin>,
    host_value: Cow<'s, HeaderValue>,
    authorization: Cow<'static, str>,
    timestamp: u64,
}
