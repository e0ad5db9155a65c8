//! Reading the new official set: a flat directory of `<name>-<version>.*.json` files.
//!
//! Every service version is loaded with `tcapi_spec`, as the derive will load it
//! once copied (beside the project's own files in its spec directory), so a set the
//! derive would reject is refused before anything is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;
use serde_json::Value;

use crate::files::{DirFiles, Kind};

/// One service version of the new official set, validated.
#[derive(Debug)]
pub struct OfficialVersion {
    /// `metadata.serviceShortName`.
    pub short_name: String,
    /// `metadata.apiVersion`.
    pub version: String,
    /// `metadata.serviceNameCN`: the product name.
    pub product: String,
    /// The official files the source has for it (always an api.json).
    pub files: Vec<(Kind, PathBuf)>,
    /// How many actions the derive sees once the files are in place.
    pub actions: usize,
}

impl OfficialVersion {
    /// The source file of `kind`, if the set has one.
    pub fn file(&self, kind: Kind) -> Option<&Path> {
        self.files
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, path)| path.as_path())
    }
}

/// Reads and validates every `*.api.json` of `source` with its siblings. `specs` is
/// the tree the files will go to: its project-owned files take part in validation.
pub fn read_official_set(source: &Path, specs: &Path) -> Result<Vec<OfficialVersion>, String> {
    let entries = std::fs::read_dir(source).map_err(|e| format!("cannot list {}: {e}", source.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", source.display()))?;
        if entry.path().is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    let mut set: BTreeMap<(String, String), OfficialVersion> = BTreeMap::new();
    for stem in names.iter().filter_map(|name| name.strip_suffix(Kind::Api.suffix())) {
        let official = read_version(source, stem, specs)?;
        let key = (official.short_name.clone(), official.version.clone());
        if let Some(earlier) = set.get(&key) {
            return Err(format!(
                "{} and {} both define {} {}; keep one",
                earlier.files[0].1.display(),
                official.files[0].1.display(),
                key.0,
                key.1
            ));
        }
        set.insert(key, official);
    }
    for name in &names {
        let orphan = [Kind::Errors, Kind::Examples]
            .into_iter()
            .find_map(|kind| name.strip_suffix(kind.suffix()))
            .filter(|stem| !names.contains(&format!("{stem}{}", Kind::Api.suffix())));
        if orphan.is_some() {
            eprintln!(
                "note: {} has no api.json beside it; skipped",
                source.join(name).display()
            );
        }
    }
    if set.is_empty() {
        return Err(format!("{} holds no *.api.json files", source.display()));
    }
    Ok(set.into_values().collect())
}

/// Loads `<stem>.api.json` (with its errors file) and checks its name against its metadata.
fn read_version(source: &Path, stem: &str, specs: &Path) -> Result<OfficialVersion, String> {
    let api = source.join(format!("{stem}{}", Kind::Api.suffix()));
    let mut files = vec![(Kind::Api, api.clone())];
    for kind in [Kind::Errors, Kind::Examples] {
        let path = source.join(format!("{stem}{}", kind.suffix()));
        if path.is_file() {
            files.push((kind, path));
        }
    }
    let spec_files: Vec<&Path> = files
        .iter()
        .filter(|(kind, _)| *kind != Kind::Examples)
        .map(|(_, path)| path.as_path())
        .collect();
    let loaded = tcapi_spec::load_all(&spec_files).map_err(|e| refused(&e.to_string()))?;
    let (short_name, version) = (loaded.service.short_name, loaded.service.api_version);
    if !stem.ends_with(&format!("-{version}")) || stem.len() == version.len() + 1 {
        return Err(refused(&format!(
            "{}: at metadata.apiVersion: `{version}`, but the file name says otherwise; official files are named `<name>-<apiVersion>.api.json`",
            api.display()
        )));
    }
    if let Some((_, examples)) = files.iter().find(|(kind, _)| *kind == Kind::Examples) {
        check_json(examples)?;
    }

    // The derive reads the project's own files beside the official ones; they must still agree.
    let dest = specs.join(&short_name).join(&version);
    let own = DirFiles::list(&dest, &version)?;
    let mut actions = loaded.service.actions.len();
    if own.own_specs().next().is_some() {
        let with_own: Vec<&Path> = spec_files.iter().copied().chain(own.own_specs()).collect();
        actions = tcapi_spec::load_all(&with_own)
            .map_err(|e| refused(&e.to_string()))?
            .service
            .actions
            .len();
    }
    Ok(OfficialVersion {
        product: product_name(&api)?,
        short_name,
        version,
        files,
        actions,
    })
}

fn refused(reason: &str) -> String {
    format!("refused: {reason}\nnothing was written")
}

/// An examples file is not read by the derive, but the tests decode it: it must be JSON.
fn check_json(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| refused(&format!("{}: cannot read: {e}", path.display())))?;
    serde_json::from_str::<&RawValue>(&text).map(drop).map_err(|e| {
        // serde_json ends its message with the position, which the location already gives.
        let message = e.to_string();
        let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
        refused(&format!(
            "{}: at line {}, column {}: invalid JSON: {message}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}

/// `metadata.serviceNameCN` of an api.json (empty if absent). The top level is
/// read as raw slices, so only the metadata is built as a value.
pub fn product_name(api: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(api).map_err(|e| format!("cannot read {}: {e}", api.display()))?;
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", api.display()))?;
    let Some(metadata) = top.get("metadata") else {
        return Ok(String::new());
    };
    let metadata: Value =
        serde_json::from_str(metadata.get()).map_err(|e| format!("{}: invalid metadata: {e}", api.display()))?;
    Ok(metadata["serviceNameCN"].as_str().unwrap_or_default().to_string())
}
