//! Authentication and routing: who signed the request, and which service,
//! version and action it calls; then its body is checked against the spec.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

use super::catalog::Served;
use super::{auth, lock, sts, validate, Refusal, State};

/// The spec's answer to an action, built on demand.
pub(super) struct Example<'s> {
    pub(super) served: &'s Served,
    pub(super) output: &'s tcapi_spec::Object,
}

/// What the mock answers by default: the spec's example, or a built answer (STS).
pub(super) enum Answer<'s> {
    Example(Example<'s>),
    Direct(Map<String, Value>),
}

/// Authenticates, routes and validates a request; returns the action, the body and the default answer.
pub(super) fn route<'s>(
    state: &'s State,
    request: &auth::Received<'_>,
) -> Result<(String, Value, Answer<'s>), Refusal> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = |name: &str| request.headers.get(name).map(String::as_str).unwrap_or("");
    if request.method != "POST" {
        return Err(Refusal::new(
            "UnsupportedProtocol",
            "The mock serves POST requests with a JSON body.",
        ));
    }
    let (action_name, version) = (header("x-tc-action"), header("x-tc-version"));
    if action_name.is_empty() {
        return Err(Refusal::new(
            "MissingParameter",
            "The request is missing the X-TC-Action header.",
        ));
    }
    let parse_body = || {
        serde_json::from_slice::<Value>(request.body)
            .map_err(|e| Refusal::new("InvalidParameter", format!("The request body is not valid JSON: {e}.")))
    };
    // Unsigned calls exist only for STS AssumeRoleWithWebIdentity.
    if header("authorization") == "SKIP" {
        let body = parse_body()?;
        let map = state.sts(action_name, version, false, request.headers, &body)?;
        return Ok((action_name.to_string(), body, Answer::Direct(map)));
    }
    let (scope_service, key) = auth::verify(request, &lock(&state.keys), now)?;
    sts::check_token(&key, request.headers)?;
    // The mock's own STS issues credentials it then accepts, even beside a served sts spec.
    let own_sts = action_name == "AssumeRole" || !state.services.iter().any(|s| s.service.short_name == "sts");
    if scope_service == "sts" && own_sts {
        let body = parse_body()?;
        let map = state.sts(action_name, version, true, request.headers, &body)?;
        return Ok((action_name.to_string(), body, Answer::Direct(map)));
    }
    let mut versions = state
        .services
        .iter()
        .filter(|s| s.service.short_name == scope_service)
        .peekable();
    if versions.peek().is_none() {
        let message = format!("The service `{scope_service}` is not served here.");
        return Err(Refusal::new("InvalidAction", message));
    }
    let served = versions.find(|s| s.service.api_version == version).ok_or_else(|| {
        let message = format!("The API version `{version}` of `{scope_service}` does not exist.");
        Refusal::new("NoSuchVersion", message)
    })?;
    let service = &served.service;
    let action = service.actions.get(action_name).ok_or_else(|| {
        let message = format!("The action `{action_name}` of `{scope_service}` {version} does not exist.");
        Refusal::new("InvalidAction", message)
    })?;
    let (Some(input), Some(output)) = (service.input(action), service.output(action)) else {
        return Err(Refusal::new("InternalError", "The spec of this action is incomplete."));
    };
    if !header("content-type").starts_with("application/json") {
        return Err(Refusal::new(
            "InvalidParameter",
            "The Content-Type must be application/json.",
        ));
    }
    let body = parse_body()?;
    validate::body(service, input, &body)?;
    Ok((action.name.clone(), body, Answer::Example(Example { served, output })))
}
