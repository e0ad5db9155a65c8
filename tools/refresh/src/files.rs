//! Which files the refresh manages: Tencent's `<name>-<version>.{api,errors,examples}.json`.
//!
//! Every other file in a spec directory (an override such as tcsas's
//! `DescribeMNPMAUMetricCard.json`, a user's own spec) belongs to the project
//! and is never written or deleted.

use std::path::{Path, PathBuf};

/// The three official files of a service version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `*.api.json`: actions and objects.
    Api,
    /// `*.errors.json`: error codes.
    Errors,
    /// `*.examples.json`: example calls.
    Examples,
}

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 3] = [Kind::Api, Kind::Errors, Kind::Examples];

    /// The file name ending, such as `.api.json`.
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Api => ".api.json",
            Kind::Errors => ".errors.json",
            Kind::Examples => ".examples.json",
        }
    }

    /// The short label reports use: `api`, `errors`, `examples`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Api => "api",
            Kind::Errors => "errors",
            Kind::Examples => "examples",
        }
    }
}

/// The kind of `file_name` if it is an official file of `version`:
/// `<name>-<version><suffix>` with a non-empty `<name>`.
pub fn managed_kind(file_name: &str, version: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|kind| {
        file_name
            .strip_suffix(kind.suffix())
            .and_then(|stem| stem.strip_suffix(version))
            .and_then(|name| name.strip_suffix('-'))
            .is_some_and(|name| !name.is_empty())
    })
}

/// The files of a spec directory, split into the official ones (with their kind)
/// and the project's own. A directory that does not exist holds neither.
#[derive(Debug, Default)]
pub struct DirFiles {
    /// `<name>-<version>.{api,errors,examples}.json`, by name.
    pub managed: Vec<(Kind, PathBuf)>,
    /// Every other file.
    pub own: Vec<PathBuf>,
}

impl DirFiles {
    /// Lists `dir`, the directory of service version `version`.
    pub fn list(dir: &Path, version: &str) -> Result<DirFiles, String> {
        let mut files = DirFiles::default();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
            Err(e) => return Err(format!("cannot list {}: {e}", dir.display())),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            let path = entry.path();
            if !path.is_file() {
                continue;
            }
            match managed_kind(&entry.file_name().to_string_lossy(), version) {
                Some(kind) => files.managed.push((kind, path)),
                None => files.own.push(path),
            }
        }
        files.managed.sort();
        files.own.sort();
        Ok(files)
    }

    /// The project's own files the spec loader reads: `*.json` but not `*.examples.json`.
    pub fn own_specs(&self) -> impl Iterator<Item = &Path> {
        self.own.iter().map(PathBuf::as_path).filter(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".examples.json")
        })
    }

    /// The official file of `kind`, if the directory has one.
    pub fn managed(&self, kind: Kind) -> Option<&Path> {
        self.managed
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, path)| path.as_path())
    }
}

/// The last component of `path`, for messages.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_names_are_managed_and_others_are_not() {
        assert_eq!(managed_kind("cvm-2017-03-12.api.json", "2017-03-12"), Some(Kind::Api));
        assert_eq!(
            managed_kind("autoscaling-2018-04-19.errors.json", "2018-04-19"),
            Some(Kind::Errors)
        );
        assert_eq!(
            managed_kind("cvm-2017-03-12.examples.json", "2017-03-12"),
            Some(Kind::Examples)
        );
        assert_eq!(managed_kind("DescribeMNPMAUMetricCard.json", "2025-01-06"), None);
        assert_eq!(managed_kind("cvm-2017-03-12.api.json", "2020-01-01"), None);
        assert_eq!(managed_kind("-2017-03-12.api.json", "2017-03-12"), None);
        assert_eq!(managed_kind("cvm2017-03-12.api.json", "2017-03-12"), None);
    }
}
