//! The HTTP answers the mock sends: Tencent's JSON envelopes, or a raw body.

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::{json, Map, Value};

pub(super) type HttpResponse = Response<Full<Bytes>>;

/// A success: `{"Response": {…, "RequestId": …}}`, keeping a `RequestId` already there.
pub(super) fn envelope(mut response: Map<String, Value>, request_id: &str) -> HttpResponse {
    response
        .entry("RequestId")
        .or_insert_with(|| Value::String(request_id.to_string()));
    http(200, "application/json", json!({ "Response": response }).to_string())
}

/// A service error: `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`, with status 200 as Tencent sends it.
pub(super) fn error_envelope(code: &str, message: &str, request_id: &str) -> HttpResponse {
    let body = json!({
        "Response": {
            "Error": { "Code": code, "Message": message },
            "RequestId": request_id,
        }
    });
    http(200, "application/json", body.to_string())
}

/// Any answer; an invalid status becomes 500.
pub(super) fn http(status: u16, content_type: &str, body: String) -> HttpResponse {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = hyper::header::HeaderValue::from_str(content_type) {
        response.headers_mut().insert(hyper::header::CONTENT_TYPE, value);
    }
    response
}
