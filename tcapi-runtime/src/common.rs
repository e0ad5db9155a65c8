//! The common client: any action of any service, by name, with a JSON body.
//! The escape hatch for actions that have no spec yet; it shares the signing,
//! error and retry path of generated clients.

use std::borrow::Cow;

use crate::action::RawCode;
use crate::client::{CallOptions, Client, Target};
use crate::error::{ActionError, Error, ErrorKind, Failure};

impl Client {
    /// Calls `action` of `service` (the short name, e.g. `cvm`) at API `version`
    /// with `body` as the request, and returns the `Response` object, RequestId
    /// included. Without a spec there is no spec host: unless the client has an
    /// endpoint option, the call goes to `<service>.tencentcloudapi.com`.
    ///
    /// Retries follow the rule of generated actions ([`crate::RetryPolicy`]): an
    /// action is idempotent when the body has a `ClientToken` member (an empty
    /// token is filled in) or its name says it reads (`Describe*`, `Get*`, …).
    pub async fn call_json(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        self.call_json_with(service, version, action, body, &CallOptions::default())
            .await
    }

    /// [`Client::call_json`] with options for this call only.
    pub async fn call_json_with(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: &serde_json::Value,
        options: &CallOptions,
    ) -> Result<serde_json::Value, Error> {
        self.call_json_typed(service, version, action, body, options)
            .await
            .map_err(Error::from)
    }

    /// [`Client::call_json_with`] with its error as the runtime makes it, which the blocking client shares.
    pub(crate) async fn call_json_typed(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: &serde_json::Value,
        options: &CallOptions,
    ) -> Result<serde_json::Value, ActionError<RawCode>> {
        let owned_action = || Cow::Owned(action.to_string());
        let invalid = |message: String| ActionError::other(owned_action(), Failure::new(ErrorKind::Request, message));
        for (what, name) in [("service", service), ("version", version), ("action", action)] {
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
            {
                return Err(invalid(format!(
                    "the {what} name {name:?} is not a Tencent Cloud {what} name"
                )));
            }
        }
        if !body.is_object() {
            return Err(invalid("the request body must be a JSON object".to_string()));
        }
        let client_token = body.get("ClientToken").is_some();
        let idempotent = client_token || crate::retry::reads_only(action);
        let bytes = crate::client::request_body(body, client_token)
            .map_err(|failure| ActionError::other(owned_action(), failure))?;
        let target = Target {
            service,
            version,
            action,
            spec_host: None,
            idempotent,
            rate_limit_per_second: None,
        };
        match self.send(&target, &bytes, options).await {
            Ok(sent) => sent
                .reply
                .decode::<serde_json::Value, RawCode>(owned_action())
                .map_err(|e| e.with_attempts(sent.attempts, sent.history)),
            Err((failure, attempts, history)) => {
                Err(ActionError::other(owned_action(), failure).with_attempts(attempts, history))
            }
        }
    }
}
