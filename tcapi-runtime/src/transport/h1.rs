//! HTTP/1.1 framing for the inline transport: the request head out, and the
//! response head and body in. Pure functions over byte buffers, so that every
//! case is tested without a socket; `httparse` does the head parsing.

use super::RequestHead;

/// The most headers a response may have.
const MAX_HEADERS: usize = 64;
/// The largest response head accepted.
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Writes `POST / HTTP/1.1`, the headers and the body length. The values were
/// checked by [`RequestHead::check`].
pub(crate) fn write_request_head(out: &mut Vec<u8>, head: &RequestHead<'_>, body_len: usize) {
    out.extend_from_slice(b"POST / HTTP/1.1\r\n");
    let mut line = |name: &[u8], value: &[u8]| {
        out.extend_from_slice(name);
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    };
    for (name, value) in head.text_headers() {
        if let Some(value) = value {
            line(name.as_bytes(), value.as_bytes());
        }
    }
    line(b"x-tc-timestamp", itoa(head.timestamp, &mut [0u8; 20]));
    line(b"x-tc-requestclient", head.request_client.as_bytes());
    for (name, value) in head.extra {
        line(name.as_str().as_bytes(), value.as_bytes());
    }
    line(b"content-length", itoa(body_len as u64, &mut [0u8; 20]));
    out.extend_from_slice(b"\r\n");
}

/// A non-empty run of ASCII digits as a number; `None` for anything else or an overflow.
fn decimal(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0usize, |n, &b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(usize::from(digit))
    })
}

fn itoa(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut i = buffer.len();
    loop {
        i -= 1;
        buffer[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[i..];
        }
    }
}

/// How the body of a response is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    Length(usize),
    Chunked,
    /// Until the server closes the connection.
    UntilClose,
}

/// A parsed response head.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) status: u16,
    /// Bytes of the head, to skip before the body.
    pub(crate) length: usize,
    pub(crate) framing: Framing,
    /// Whether the connection can carry another request.
    pub(crate) keep_alive: bool,
}

/// Parses a response head: `Ok(None)` when more bytes are needed, and an
/// informational (1xx) head is returned as such, for the caller to skip.
pub(crate) fn parse_head(buffer: &[u8]) -> Result<Option<Head>, String> {
    // Uninitialized: httparse writes only the headers it finds, and most
    // responses have a handful.
    let mut headers = [const { std::mem::MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut []);
    let parsed =
        httparse::ParserConfig::default().parse_response_with_uninit_headers(&mut response, buffer, &mut headers);
    let length = match parsed {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) if buffer.len() > MAX_HEAD_BYTES => {
            return Err(format!("the response head is larger than {MAX_HEAD_BYTES} bytes"))
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(e) => return Err(format!("the response is not HTTP/1.1 ({e})")),
    };
    let status = response.code.unwrap_or(0);
    let mut keep_alive = response.version == Some(1);
    let mut content_length: Option<usize> = None;
    let mut chunked = false;
    for header in response.headers.iter() {
        // By length first: most headers are none of the three.
        let name = header.name;
        let framing_header = match name.len() {
            14 => name.eq_ignore_ascii_case("content-length"),
            17 => name.eq_ignore_ascii_case("transfer-encoding"),
            10 => name.eq_ignore_ascii_case("connection"),
            _ => false,
        };
        if !framing_header {
            continue;
        }
        if name.len() == 14 {
            let parsed = decimal(header.value.trim_ascii()).ok_or_else(|| {
                format!(
                    "Content-Length `{}` is not a number",
                    String::from_utf8_lossy(header.value)
                )
            })?;
            if content_length.is_some_and(|earlier| earlier != parsed) {
                return Err("the response has two different Content-Length headers".to_string());
            }
            content_length = Some(parsed);
            continue;
        }
        let value = std::str::from_utf8(header.value).map_err(|_| format!("header `{name}` is not text"))?;
        if name.len() == 17 {
            // Only plain chunked: a compressed body would reach JSON decoding as garbage.
            chunked = value.trim().eq_ignore_ascii_case("chunked");
            if !chunked {
                return Err(format!("Transfer-Encoding `{value}` is not supported"));
            }
        } else {
            for token in value.split(',').map(str::trim) {
                if token.eq_ignore_ascii_case("close") {
                    keep_alive = false;
                } else if token.eq_ignore_ascii_case("keep-alive") && response.version == Some(0) {
                    keep_alive = true;
                }
            }
        }
    }
    let framing = if (100..200).contains(&status) || status == 204 || status == 304 {
        Framing::Length(0)
    } else if chunked {
        // RFC 9112: Transfer-Encoding overrides Content-Length, and a response
        // with both must not be trusted to leave the connection in step.
        if content_length.is_some() {
            keep_alive = false;
        }
        Framing::Chunked
    } else if let Some(length) = content_length {
        Framing::Length(length)
    } else {
        keep_alive = false;
        Framing::UntilClose
    };
    Ok(Some(Head {
        status,
        length,
        framing,
        keep_alive,
    }))
}

/// Decodes a chunked body incrementally: feed it the bytes after the head.
#[derive(Debug, Default)]
pub(crate) struct Chunked {
    /// Bytes of the input already consumed.
    consumed: usize,
    state: ChunkState,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum ChunkState {
    /// Expecting a size line.
    #[default]
    Size,
    /// Inside a chunk with this many bytes left, then its CRLF.
    Data(usize),
    /// After the last chunk: trailer lines until an empty one.
    Trailers,
    Done,
}

/// The longest chunk-size or trailer line accepted.
const MAX_LINE: usize = 8 * 1024;

impl Chunked {
    /// Consumes what it can of `input` (the whole body so far, from its start),
    /// appending decoded data to `out`. Returns whether the body is complete.
    pub(crate) fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<bool, String> {
        loop {
            let rest = &input[self.consumed..];
            match self.state {
                ChunkState::Done => return Ok(true),
                ChunkState::Size | ChunkState::Trailers => {
                    let Some(end) = rest.windows(2).position(|w| w == b"\r\n") else {
                        if rest.len() > MAX_LINE {
                            return Err("a chunk line is too long".to_string());
                        }
                        return Ok(false);
                    };
                    let line = &rest[..end];
                    self.consumed += end + 2;
                    if self.state == ChunkState::Trailers {
                        if line.is_empty() {
                            self.state = ChunkState::Done;
                        }
                        continue;
                    }
                    let digits = line.split(|b| *b == b';').next().unwrap_or_default();
                    let digits = std::str::from_utf8(digits).map_err(|_| "a chunk size is not text".to_string())?;
                    let digits = digits.trim();
                    let size = usize::from_str_radix(digits, 16)
                        .ok()
                        .filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))
                        .ok_or_else(|| format!("chunk size `{digits}` is not hexadecimal"))?;
                    self.state = if size == 0 {
                        ChunkState::Trailers
                    } else {
                        ChunkState::Data(size)
                    };
                }
                ChunkState::Data(left) => {
                    let take = rest.len().min(left);
                    out.extend_from_slice(&rest[..take]);
                    self.consumed += take;
                    self.state = ChunkState::Data(left - take);
                    // Data(0) waits for the chunk's CRLF.
                    let rest = &input[self.consumed..];
                    if left > take || rest.len() < 2 {
                        return Ok(false);
                    }
                    if &rest[..2] != b"\r\n" {
                        return Err("a chunk does not end with CRLF".to_string());
                    }
                    self.consumed += 2;
                    self.state = ChunkState::Size;
                }
            }
        }
    }

    /// Bytes of the input consumed so far; what follows belongs to the next response.
    pub(crate) fn consumed(&self) -> usize {
        self.consumed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_their_framing() {
        let head = parse_head(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello").expect("valid");
        assert_eq!(
            head,
            Some(Head {
                status: 200,
                length: 38,
                framing: Framing::Length(5),
                keep_alive: true
            })
        );
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\nContent-Le").expect("partial"), None);
        let chunked = parse_head(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 9\r\n\r\n")
            .expect("valid")
            .expect("complete");
        assert_eq!(chunked.framing, Framing::Chunked);
        let close = parse_head(b"HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n")
            .expect("valid")
            .expect("complete");
        assert_eq!(
            (close.status, close.framing, close.keep_alive),
            (502, Framing::UntilClose, false)
        );
        let old = parse_head(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")
            .expect("valid")
            .expect("complete");
        assert!(!old.keep_alive);
        let informational = parse_head(b"HTTP/1.1 100 Continue\r\n\r\n")
            .expect("valid")
            .expect("complete");
        assert_eq!(informational.framing, Framing::Length(0));
        for bad in [
            &b"SMTP ready\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n",
        ] {
            assert!(parse_head(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn chunked_bodies_in_any_split() {
        let body = b"4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n";
        for split in 0..body.len() {
            let mut decoder = Chunked::default();
            let mut out = Vec::new();
            let first = decoder.feed(&body[..split], &mut out).expect("valid so far");
            assert!(!first || split == body.len());
            let done = decoder.feed(body, &mut out).expect("valid");
            assert!(done, "split at {split}");
            assert_eq!(out, b"Wikipedia in \r\n\r\nchunks.", "split at {split}");
            assert_eq!(decoder.consumed(), body.len());
        }
        for bad in [&b"zz\r\n"[..], b"3\r\nabcXX"] {
            assert!(Chunked::default().feed(bad, &mut Vec::new()).is_err());
        }
    }

    proptest::proptest! {
        /// Whatever a server sends, parsing returns a value or an error, and never panics.
        #[test]
        fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600)) {
            let _ = parse_head(&bytes);
            let mut out = Vec::new();
            let mut decoder = Chunked::default();
            for end in [bytes.len() / 3, bytes.len() / 2, bytes.len()] {
                if decoder.feed(&bytes[..end], &mut out).is_err() {
                    break;
                }
            }
        }

        /// A chunked encoding of any body, fed in any two pieces, decodes to that body.
        #[test]
        fn chunked_round_trip(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), size in 1usize..40, split in 0usize..1000) {
            let mut encoded = Vec::new();
            for chunk in body.chunks(size) {
                encoded.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                encoded.extend_from_slice(chunk);
                encoded.extend_from_slice(b"\r\n");
            }
            encoded.extend_from_slice(b"0\r\n\r\n");
            let split = split % (encoded.len() + 1);
            let mut decoder = Chunked::default();
            let mut out = Vec::new();
            proptest::prop_assert!(decoder.feed(&encoded[..split], &mut out).is_ok());
            proptest::prop_assert_eq!(decoder.feed(&encoded, &mut out), Ok(true));
            proptest::prop_assert_eq!(out, body);
        }
    }

    #[test]
    fn request_heads() {
        let client = reqwest::header::HeaderValue::from_static("tcapi-rust/0");
        let extra = [(
            reqwest::header::HeaderName::from_static("x-tc-traceid"),
            reqwest::header::HeaderValue::from_static("t1"),
        )];
        let head = RequestHead {
            host: "h",
            content_type: "application/json",
            authorization: "SKIP",
            action: "A",
            version: "v",
            timestamp: 17,
            language: "en-US",
            request_client: &client,
            region: None,
            token: None,
            extra: &extra,
        };
        let mut out = Vec::new();
        write_request_head(&mut out, &head, 12);
        let expected = "POST / HTTP/1.1\r\nhost: h\r\ncontent-type: application/json\r\nauthorization: SKIP\r\n\
                        x-tc-action: A\r\nx-tc-version: v\r\nx-tc-language: en-US\r\nx-tc-timestamp: 17\r\n\
                        x-tc-requestclient: tcapi-rust/0\r\nx-tc-traceid: t1\r\ncontent-length: 12\r\n\r\n";
        assert_eq!(String::from_utf8_lossy(&out), expected);
        assert_eq!(head.check(), Ok(()));
        let bad = RequestHead {
            action: "x\r\ny: z",
            ..head
        };
        assert_eq!(bad.check(), Err("x-tc-action"));
    }
}
