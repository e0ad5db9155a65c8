//! Merging several spec files into one service.
//!
//! A name defined in more than one file must have the same definition in each,
//! unless a file is marked `"overrides": true`: the file's rank (see
//! [`file_rank`]) then decides, and is passed along with every definition the
//! file adds rather than kept as "the current file" state.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::parse::{optional_str, parse_action, parse_object, required_str, string_list};
use super::validate::validate;
use crate::json::as_object;
use crate::model::{Action, Object, Service, Usage};
use crate::SpecError;

/// A definition and the file it came from, kept raw so that duplicates can be compared.
#[derive(Debug, Clone)]
struct Sourced<T> {
    file: PathBuf,
    raw: Value,
    item: T,
    /// 0 for a plain file; for a file marked `"overrides": true`, 1 + its path's
    /// layer. A higher rank replaces a lower one; equal ranks must agree.
    rank: usize,
}

/// The definitions of the files read so far, each with the file it came from.
#[derive(Default)]
pub(super) struct Merged {
    short_name: Option<Sourced<String>>,
    api_version: Option<Sourced<String>>,
    endpoint: Option<Sourced<String>>,
    actions: BTreeMap<String, Sourced<Action>>,
    objects: BTreeMap<String, Sourced<Object>>,
    error_codes: BTreeMap<String, Sourced<String>>,
    /// Error-code lists from `*.errors.json` files, added to the actions at the end.
    action_codes: BTreeMap<String, Sourced<Vec<String>>>,
}

/// Puts `item` under `key`, or checks that it equals what is already there.
fn insert<T>(
    map: &mut BTreeMap<String, Sourced<T>>,
    key: &str,
    new: Sourced<T>,
    location: &str,
) -> Result<(), SpecError> {
    match map.get_mut(key) {
        None => {
            map.insert(key.to_string(), new);
            Ok(())
        }
        Some(old) => merge(old, new, location),
    }
}

fn set_ranked(slot: &mut Option<Sourced<String>>, new: Sourced<String>, location: &str) -> Result<(), SpecError> {
    match slot {
        None => {
            *slot = Some(new);
            Ok(())
        }
        Some(old) => merge(old, new, location),
    }
}

/// The service's identity (short name, version): every file must say the same,
/// overrides or not, so that no file can move the others to another service.
fn set_same(slot: &mut Option<Sourced<String>>, new: Sourced<String>, location: &str) -> Result<(), SpecError> {
    match slot {
        None => {
            *slot = Some(new);
            Ok(())
        }
        Some(old) if old.raw == new.raw => Ok(()),
        Some(old) => Err(SpecError::conflict(&new.file, location, &old.file)),
    }
}

/// Two definitions of one name: the higher rank wins; equal ranks must be identical.
fn merge<T>(old: &mut Sourced<T>, new: Sourced<T>, location: &str) -> Result<(), SpecError> {
    if new.rank > old.rank {
        *old = new;
        return Ok(());
    }
    if new.rank < old.rank || old.raw == new.raw {
        return Ok(());
    }
    Err(SpecError::conflict(&new.file, location, &old.file))
}

fn sourced<T>(file: &Path, raw: &Value, item: T, rank: usize) -> Sourced<T> {
    Sourced {
        file: file.to_path_buf(),
        raw: raw.clone(),
        item,
        rank,
    }
}

/// The rank of a file (see [`Sourced::rank`]) from its file-level extension
/// `"overrides": true` and the `layer` (index of the path given to
/// [`super::load_all`]) it was found under.
fn file_rank(file: &Path, top: &Map<String, Value>, layer: usize) -> Result<usize, SpecError> {
    match top.get("overrides") {
        None | Some(Value::Bool(false)) => Ok(0),
        Some(Value::Bool(true)) => Ok(1 + layer),
        Some(_) => Err(SpecError::new(file, "overrides", "must be true or false")),
    }
}

impl Merged {
    /// Adds an api.json file (`metadata`, `actions`, `objects`, `error_codes`).
    pub(super) fn add_api_file(&mut self, file: &Path, value: &Value, layer: usize) -> Result<(), SpecError> {
        let top = as_object(file, value, "the top level")?;
        let rank = file_rank(file, top, layer)?;
        let metadata = top.get("metadata").ok_or_else(|| {
            SpecError::new(
                file,
                "metadata",
                "missing: every spec file needs `metadata` with `serviceShortName` and `apiVersion`",
            )
        })?;
        let metadata = as_object(file, metadata, "metadata")?;
        let short_name = required_str(file, metadata, "serviceShortName", "metadata")?;
        set_same(
            &mut self.short_name,
            sourced(file, &Value::from(short_name), short_name.to_string(), rank),
            "metadata.serviceShortName",
        )?;
        let version = required_str(file, metadata, "apiVersion", "metadata")?;
        set_same(
            &mut self.api_version,
            sourced(file, &Value::from(version), version.to_string(), rank),
            "metadata.apiVersion",
        )?;
        if let Some(endpoint) = optional_str(file, metadata, "endpoint", "metadata")? {
            if endpoint.is_empty() || endpoint.contains(['/', ' ']) {
                return Err(SpecError::new(
                    file,
                    "metadata.endpoint",
                    "must be a host name such as `tcsas.intl.tencentcloudapi.com`",
                ));
            }
            set_ranked(
                &mut self.endpoint,
                sourced(file, &Value::from(endpoint), endpoint.to_string(), rank),
                "metadata.endpoint",
            )?;
        }

        if let Some(actions) = top.get("actions") {
            for (name, raw) in as_object(file, actions, "actions")? {
                let location = format!("actions.{name}");
                let action = parse_action(file, name, raw, &location)?;
                insert(&mut self.actions, name, sourced(file, raw, action, rank), &location)?;
            }
        }
        if let Some(objects) = top.get("objects") {
            for (name, raw) in as_object(file, objects, "objects")? {
                let location = format!("objects.{name}");
                let object = parse_object(file, name, raw, &location)?;
                insert(&mut self.objects, name, sourced(file, raw, object, rank), &location)?;
            }
        }
        if let Some(codes) = top.get("error_codes") {
            self.add_code_descriptions(file, codes, "error_codes", rank)?;
        }
        Ok(())
    }

    /// A file in the shape of Tencent's `*.errors.json`: `codes` (descriptions) and
    /// `actions` (each action's list of codes).
    pub(super) fn add_errors_file(&mut self, file: &Path, value: &Value, layer: usize) -> Result<(), SpecError> {
        let top = as_object(file, value, "the top level")?;
        let rank = file_rank(file, top, layer)?;
        if let Some(codes) = top.get("codes") {
            self.add_code_descriptions(file, codes, "codes", rank)?;
        }
        if let Some(actions) = top.get("actions") {
            for (name, raw) in as_object(file, actions, "actions")? {
                let location = format!("actions.{name}");
                let codes = string_list(file, raw, &location)?;
                insert(&mut self.action_codes, name, sourced(file, raw, codes, rank), &location)?;
            }
        }
        Ok(())
    }

    fn add_code_descriptions(&mut self, file: &Path, codes: &Value, at: &str, rank: usize) -> Result<(), SpecError> {
        for (code, description) in as_object(file, codes, at)? {
            let location = format!("{at}.{code}");
            let text = description
                .as_str()
                .ok_or_else(|| SpecError::new(file, &location, "an error-code description must be a string"))?;
            insert(
                &mut self.error_codes,
                code,
                sourced(file, description, text.to_string(), rank),
                &location,
            )?;
        }
        Ok(())
    }

    /// The merged service, validated; `path` names the sources in errors about
    /// what no file defines.
    pub(super) fn finish(self, path: &Path) -> Result<Service, SpecError> {
        let short_name = self
            .short_name
            .ok_or_else(|| SpecError::new(path, "metadata", "no api.json file with `metadata` found"))?;
        let api_version = self
            .api_version
            .ok_or_else(|| SpecError::new(path, "metadata.apiVersion", "missing"))?;
        let mut actions: BTreeMap<String, Action> = BTreeMap::new();
        let mut action_files: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (name, sourced) in self.actions {
            action_files.insert(name.clone(), sourced.file);
            actions.insert(name, sourced.item);
        }
        // Error codes given inline win over an errors file; an errors file only fills gaps.
        for (name, codes) in self.action_codes {
            if let Some(action) = actions.get_mut(&name) {
                if action.error_codes.is_empty() {
                    action.error_codes = codes.item;
                }
            }
        }
        let objects: BTreeMap<String, (PathBuf, Object)> = self
            .objects
            .into_iter()
            .map(|(name, s)| (name, (s.file, s.item)))
            .collect();
        validate(&actions, &action_files, &objects)?;
        super::paging::validate(&actions, &action_files, &objects)?;
        let mut objects: BTreeMap<String, Object> = objects.into_iter().map(|(k, (_, o))| (k, o)).collect();
        for action in actions.values() {
            if let Some(input) = objects.get_mut(&action.input) {
                input.usage = Usage::Request;
            }
            if let Some(output) = objects.get_mut(&action.output) {
                output.usage = Usage::Response;
            }
        }
        Ok(Service {
            short_name: short_name.item,
            api_version: api_version.item,
            endpoint: self.endpoint.map(|e| e.item),
            actions,
            objects,
            error_codes: self.error_codes.into_iter().map(|(k, v)| (k, v.item)).collect(),
        })
    }
}
