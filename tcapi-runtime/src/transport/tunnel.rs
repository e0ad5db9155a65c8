//! A proxy's address and credentials, and the CONNECT exchange that opens a
//! tunnel through it.

use std::fmt;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zeroize::Zeroizing;

use super::origin::Origin;

/// The longest answer head a proxy may give to CONNECT.
const MAX_ANSWER_HEAD: usize = 8 * 1024;

/// A proxy to open tunnels through.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Proxy {
    /// Without brackets, ready to connect to.
    pub(crate) host: String,
    pub(crate) port: u16,
    /// `Basic …` from the URL's user and password, sent as Proxy-Authorization.
    authorization: Option<Zeroizing<String>>,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The credentials stay out of every Debug.
        f.debug_struct("Proxy")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("authorization", &self.authorization.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// `[http://][user[:password]@]host[:port][/]`; the port defaults to 80.
pub(crate) fn parse_proxy(text: &str) -> Result<Proxy, String> {
    let text = text.trim();
    let rest = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
        Some((scheme, _)) => {
            return Err(format!(
                "a `{scheme}://` proxy is not supported; use an http:// proxy (it tunnels TLS with CONNECT)"
            ))
        }
        None => text,
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (user_info, host_port) = match rest.rsplit_once('@') {
        Some((user_info, host_port)) => (Some(user_info), host_port),
        None => (None, rest),
    };
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        let (host, after) = bracketed.split_once(']').ok_or("an IPv6 address without its `]`")?;
        (host, after.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    let port = match port {
        None | Some("") => 80,
        Some(port) => port.parse::<u16>().map_err(|_| format!("`{port}` is not a port"))?,
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'));
    if !host_ok || host_port.contains('/') {
        return Err("it is not a proxy URL such as `http://proxy.example:3128`".to_string());
    }
    let authorization = user_info.map(|user_info| {
        let decoded = Zeroizing::new(percent_decode(user_info));
        let mut value = Zeroizing::new(String::from("Basic "));
        base64(&decoded, &mut value);
        value
    });
    Ok(Proxy {
        host: host.to_ascii_lowercase(),
        port,
        authorization,
    })
}

/// `%XX` escapes as bytes; anything else as it is.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// Standard base64 with padding, appended to `out`.
fn base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
}

/// Asks the proxy on `tcp` for a tunnel to `origin`: `Err` with the reason
/// when it refuses. Nothing of the request has been sent yet either way.
pub(crate) async fn open_tunnel(tcp: &mut TcpStream, proxy: &Proxy, origin: &Origin) -> Result<(), String> {
    let target = format!("{}:{}", origin.host, origin.port);
    let mut request = Zeroizing::new(format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n"));
    if let Some(authorization) = &proxy.authorization {
        request.push_str("Proxy-Authorization: ");
        request.push_str(authorization);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    let unreachable = |e: std::io::Error| format!("the proxy {}:{} failed: {e}", proxy.host, proxy.port);
    tcp.write_all(request.as_bytes()).await.map_err(unreachable)?;
    // Read the answer's head byte by byte: what follows it belongs to the tunnel.
    let mut head = Vec::with_capacity(256);
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() >= MAX_ANSWER_HEAD {
            return Err("the proxy's answer to CONNECT is too long".to_string());
        }
        let byte = tcp.read_u8().await.map_err(unreachable)?;
        head.push(byte);
    }
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut answer = httparse::Response::new(&mut headers);
    match answer.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err("the proxy's answer to CONNECT is not HTTP".to_string()),
    }
    match answer.code {
        Some(200..=299) => Ok(()),
        Some(407) => Err(format!(
            "the proxy {}:{} wants credentials (407): give them in its URL, http://user:password@host:port",
            proxy.host, proxy.port
        )),
        Some(status) => Err(format!(
            "the proxy {}:{} refused CONNECT {target} ({status})",
            proxy.host, proxy.port
        )),
        None => Err("the proxy's answer to CONNECT has no status".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_become_basic_authorization_and_stay_out_of_debug() {
        let proxy = parse_proxy("http://Aladdin:open%20sesame@p:1").expect("valid");
        assert_eq!(
            proxy.authorization.as_deref().map(String::as_str),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert!(!format!("{proxy:?}").contains("QWxh"));
        let mut short = String::new();
        base64(b"ab", &mut short);
        assert_eq!(short, "YWI=");
    }
}
