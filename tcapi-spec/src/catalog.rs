//! The shipped catalog: finding a service's spec directory by short name and version.
//!
//! A catalog is a directory of `<serviceShortName>/<apiVersion>/` directories,
//! as `tcapi-catalog` ships. Looking a service up lists directory names only, so
//! naming one service never reads another's files.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::similar;

/// The host of every service in the shipped international catalog: `<short>.intl.tencentcloudapi.com`.
pub const INTL_ROOT_DOMAIN: &str = "intl.tencentcloudapi.com";

/// The service versions under one catalog directory.
#[derive(Debug, Clone)]
pub struct Catalog {
    root: PathBuf,
    /// Short name → versions, oldest first (`YYYY-MM-DD` sorts by date).
    services: BTreeMap<String, Vec<String>>,
}

/// A service or version the catalog does not have, with the nearest ones it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CatalogError {}

impl Catalog {
    /// Lists the `<service>/<version>/` directories under `root`.
    pub fn open(root: impl Into<PathBuf>) -> Result<Catalog, CatalogError> {
        let root = root.into();
        let entries = std::fs::read_dir(&root).map_err(|e| CatalogError {
            message: format!("cannot list the spec catalog at {}: {e}", root.display()),
        })?;
        let mut services = BTreeMap::new();
        for service in entries.flatten() {
            let Ok(name) = service.file_name().into_string() else {
                continue;
            };
            let Ok(versions) = std::fs::read_dir(service.path()) else {
                continue;
            };
            let mut versions: Vec<String> = versions
                .flatten()
                .filter(|v| v.path().is_dir())
                .filter_map(|v| v.file_name().into_string().ok())
                .filter(|v| is_version(v))
                .collect();
            if versions.is_empty() {
                continue;
            }
            versions.sort();
            services.insert(name, versions);
        }
        Ok(Catalog { root, services })
    }

    /// The directory the catalog was opened at.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every service short name with its versions, oldest first.
    pub fn services(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.services
            .iter()
            .map(|(name, versions)| (name.as_str(), versions.as_slice()))
    }

    /// Every `<service>/<version>` directory, in name order.
    pub fn dirs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        let root = &self.root;
        self.services
            .iter()
            .flat_map(move |(name, versions)| versions.iter().map(move |v| root.join(name).join(v)))
    }

    /// The spec directory of `service` at `version`, or at its newest version.
    pub fn find(&self, service: &str, version: Option<&str>) -> Result<PathBuf, CatalogError> {
        let Some(versions) = self.services.get(service) else {
            let similar = similar::closest(service, self.services.keys().map(String::as_str));
            return Err(CatalogError {
                message: format!(
                    "the catalog has no service `{service}` (a service is named by its serviceShortName, the first label of its host: `as` for Auto Scaling){}",
                    similar::hint(&similar)
                ),
            });
        };
        let version = match version {
            None => versions.last().map(String::as_str).unwrap_or_default(),
            Some(wanted) if versions.iter().any(|v| v == wanted) => wanted,
            Some(wanted) => {
                let listed = versions.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                return Err(CatalogError {
                    message: format!("the catalog has no version `{wanted}` of `{service}`; it has {listed}"),
                });
            }
        };
        Ok(self.root.join(service).join(version))
    }
}

/// `YYYY-MM-DD`, the shape of every `apiVersion`.
fn is_version(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}
