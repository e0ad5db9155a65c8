//! TLS with rustls, trusting the operating system's certificate store by
//! default (through `rustls-native-certs`, which honours `SSL_CERT_FILE` and
//! `SSL_CERT_DIR`), plus any root a builder adds.

use std::sync::{Arc, OnceLock};

use rustls::pki_types::CertificateDer;
use tokio_rustls::TlsConnector;

use crate::error::ConfigError;

/// Which certificate authorities a client trusts for TLS, besides those given
/// to [`ClientBuilder::add_root_certificate_pem`](crate::ClientBuilder::add_root_certificate_pem).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TlsRoots {
    /// The operating system's store, read once per client at its first TLS
    /// connection: on Linux the distribution's bundle, or the files that
    /// `SSL_CERT_FILE` and `SSL_CERT_DIR` name when they are set. A private CA
    /// installed on the machine, or a TLS-inspecting gateway's, is trusted. The default.
    #[default]
    System,
    /// The Mozilla roots compiled into the program (`webpki-roots`), whatever
    /// the machine trusts. Needs the cargo feature `webpki-roots`.
    #[cfg(feature = "webpki-roots")]
    Bundled,
    /// Only the certificates added with `add_root_certificate_pem`.
    AddedOnly,
}

/// The TLS settings of a client; the connector is made at the first TLS connection.
pub(crate) struct Tls {
    roots: TlsRoots,
    added: Vec<CertificateDer<'static>>,
    connector: OnceLock<Result<TlsConnector, String>>,
}

/// Checks roots to add, so that a bad one fails `build()` rather than a call.
pub(crate) fn check_roots(added: &[CertificateDer<'static>]) -> Result<(), ConfigError> {
    let mut store = rustls::RootCertStore::empty();
    for root in added {
        store
            .add(root.clone())
            .map_err(|e| ConfigError::new(format!("a root certificate is unusable: {e}")))?;
    }
    Ok(())
}

impl Tls {
    pub(crate) fn new(roots: TlsRoots, added: Vec<CertificateDer<'static>>) -> Tls {
        Tls {
            roots,
            added,
            connector: OnceLock::new(),
        }
    }

    /// The connector, or why there is none (no root to trust, say).
    pub(crate) fn connector(&self) -> Result<&TlsConnector, &str> {
        self.connector
            .get_or_init(|| self.make_connector())
            .as_ref()
            .map_err(String::as_str)
    }

    fn make_connector(&self) -> Result<TlsConnector, String> {
        let mut store = rustls::RootCertStore::empty();
        let mut problems = String::new();
        match self.roots {
            TlsRoots::System => {
                // Reading the store is a few milliseconds of file reads, once per client.
                let found = rustls_native_certs::load_native_certs();
                for error in &found.errors {
                    problems.push_str(&format!("; {error}"));
                }
                store.add_parsable_certificates(found.certs);
            }
            #[cfg(feature = "webpki-roots")]
            TlsRoots::Bundled => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
            TlsRoots::AddedOnly => {}
        }
        store.add_parsable_certificates(self.added.iter().cloned());
        if store.is_empty() {
            return Err(format!(
                "no root certificate to trust: the system store is empty or unreadable{problems}; \
                 install the ca-certificates package, set SSL_CERT_FILE, or add a root with add_root_certificate_pem"
            ));
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("cannot set up TLS: {e}"))?
            .with_root_certificates(store)
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsConnector::from(Arc::new(config)))
    }
}
