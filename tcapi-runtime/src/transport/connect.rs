//! Opening a connection: TCP (direct or through a proxy's CONNECT tunnel),
//! then TLS for https. Every failure here happens before a byte of the
//! request is sent, so any action may try again.

use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;

use super::origin::{Origin, Scheme};
use super::proxy::Proxies;
use super::tls::Tls;
use super::tunnel::open_tunnel;
use super::unsent;
use crate::error::{ErrorKind, Failure};

/// A connection's byte stream: plain TCP or TLS over it.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// How connections are opened: TLS roots, proxies and the connect timeout.
pub(crate) struct Connector {
    pub(crate) tls: Tls,
    pub(crate) proxies: Proxies,
    pub(crate) connect_timeout: Duration,
}

impl Connector {
    /// A connection to `origin`, by the connect timeout and by `deadline`.
    pub(crate) async fn open(&self, origin: &Origin, deadline: Instant) -> Result<Stream, Failure> {
        let deadline = deadline.min(Instant::now() + self.connect_timeout);
        match tokio::time::timeout_at(deadline, self.open_now(origin)).await {
            Ok(opened) => opened,
            Err(_) => Err(unsent(
                ErrorKind::Timeout,
                "could not connect within the connect timeout",
            )),
        }
    }

    async fn open_now(&self, origin: &Origin) -> Result<Stream, Failure> {
        let proxy = self.proxies.route(origin);
        let (host, port) = match proxy {
            Some(proxy) => (proxy.host.as_str(), proxy.port),
            None => (origin.bare_host(), origin.port),
        };
        let connected = match host.parse::<IpAddr>() {
            Ok(ip) => TcpStream::connect((ip, port)).await,
            Err(_) => TcpStream::connect((host, port)).await,
        };
        let mut tcp = connected.map_err(|e| {
            let whom = if proxy.is_some() { "the proxy" } else { "the server" };
            unsent(ErrorKind::Transport, format!("could not connect to {whom}")).with_source(e)
        })?;
        // Requests are written whole; waiting to coalesce them only adds latency.
        let _ = tcp.set_nodelay(true);
        if let Some(proxy) = proxy {
            open_tunnel(&mut tcp, proxy, origin)
                .await
                .map_err(|reason| unsent(ErrorKind::Transport, reason))?;
        }
        if origin.scheme == Scheme::Http {
            return Ok(Stream::Plain(tcp));
        }
        let connector = self
            .tls
            .connector()
            .map_err(|reason| unsent(ErrorKind::Config, reason))?;
        let name = ServerName::try_from(origin.bare_host().to_string())
            .map_err(|_| unsent(ErrorKind::Config, format!("`{}` is not a TLS server name", origin.host)))?;
        let tls = connector
            .connect(name, tcp)
            .await
            .map_err(|e| unsent(ErrorKind::Transport, format!("the TLS handshake failed: {e}")))?;
        Ok(Stream::Tls(Box::new(tls)))
    }
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_read(cx, buf),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_write(cx, buf),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_write(cx, buf),
        }
    }

    // Vectored, so that hyper sends the head and the body in one write.
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_write_vectored(cx, bufs),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(tcp) => tcp.is_write_vectored(),
            Stream::Tls(tls) => tls.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_flush(cx),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(tcp) => Pin::new(tcp).poll_shutdown(cx),
            Stream::Tls(tls) => Pin::new(tls.as_mut()).poll_shutdown(cx),
        }
    }
}
