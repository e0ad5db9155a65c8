//! Reading spec files, merging a directory into one service, and validating it.
//!
//! Every check reports the file and the JSON path of the problem, so that the
//! derive can turn it into a compile error a user can act on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::json::{self, as_object, kind_of};
use crate::model::{Action, Member, MemberType, Object, Scalar, Service, Usage};
use crate::SpecError;

/// A loaded service, with the files it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The merged, validated service.
    pub service: Service,
    /// Every file that was read, in the order read. The derive includes them so
    /// that editing one rebuilds the crate.
    pub files: Vec<PathBuf>,
}

/// Loads a spec from a file, or from every `*.json` file in a directory.
///
/// Files named `*.errors.json` use the shape of Tencent's error-code files
/// (`codes` and `actions`); files named `*.examples.json` are skipped; every
/// other JSON file is an api.json. Definitions that appear in more than one
/// file must be identical, unless one file is marked `"overrides": true`:
/// its definitions then replace the others' (two marked files must agree).
pub fn load(path: &Path) -> Result<LoadedSpec, SpecError> {
    load_all(&[path])
}

/// Loads several files or directories as one service, merged by the rules of
/// [`load`]: a shipped service and a user's own files beside it, for example.
/// Each path is a layer above the ones before it: an `"overrides": true` file
/// of a later path replaces definitions of an earlier path's overrides file too,
/// so a user's fix wins over the catalog's own corrections.
pub fn load_all(paths: &[&Path]) -> Result<LoadedSpec, SpecError> {
    let mut files = Vec::new();
    let mut merged = Merged::default();
    for (layer, path) in paths.iter().enumerate() {
        merged.layer = layer;
        for file in spec_files(path)? {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| SpecError::new(&file, "", format!("cannot read the spec file: {e}")))?;
            load_text(&mut merged, &file, &text)?;
            files.push(file);
        }
    }
    let service = merged.finish(paths.first().copied().unwrap_or(Path::new("<no spec paths>")))?;
    Ok(LoadedSpec { service, files })
}

/// Loads a spec from in-memory sources: `(path, json text)` pairs, merged as
/// [`load`] merges a directory. The paths only name the sources in errors.
pub fn load_sources<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Service, SpecError> {
    let mut merged = Merged::default();
    let mut first = None;
    for (path, text) in sources {
        let path = Path::new(path);
        first.get_or_insert(path);
        load_text(&mut merged, path, text)?;
    }
    merged.finish(first.unwrap_or(Path::new("<no spec sources>")))
}

fn load_text(merged: &mut Merged, file: &Path, text: &str) -> Result<(), SpecError> {
    let value = json::parse(file, text)?;
    let is_errors_file = file
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".errors.json"));
    if is_errors_file {
        merged.add_errors_file(file, &value)
    } else {
        merged.add_api_file(file, &value)
    }
}

fn spec_files(path: &Path) -> Result<Vec<PathBuf>, SpecError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        SpecError::new(
            path,
            "",
            format!("no spec file or directory here ({e}); the path is relative to the crate's Cargo.toml"),
        )
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| SpecError::new(path, "", format!("cannot list the spec directory: {e}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| SpecError::new(path, "", format!("cannot list the spec directory: {e}")))?;
        let file = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".json") && !name.ends_with(".examples.json") && file.is_file() {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(SpecError::new(path, "", "the spec directory holds no .json files"));
    }
    files.sort();
    Ok(files)
}

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

#[derive(Default)]
struct Merged {
    short_name: Option<Sourced<String>>,
    api_version: Option<Sourced<String>>,
    endpoint: Option<Sourced<String>>,
    actions: BTreeMap<String, Sourced<Action>>,
    objects: BTreeMap<String, Sourced<Object>>,
    error_codes: BTreeMap<String, Sourced<String>>,
    /// Error-code lists from `*.errors.json` files, added to the actions at the end.
    action_codes: BTreeMap<String, Sourced<Vec<String>>>,
    /// The rank of the file being read (see [`Sourced::rank`]).
    rank: usize,
    /// Which of the paths given to [`load_all`] is being read.
    layer: usize,
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

impl Merged {
    /// Reads the file-level extension `"overrides": true`.
    fn start_file(&mut self, file: &Path, top: &Map<String, Value>) -> Result<(), SpecError> {
        self.rank = match top.get("overrides") {
            None | Some(Value::Bool(false)) => 0,
            Some(Value::Bool(true)) => 1 + self.layer,
            Some(_) => return Err(SpecError::new(file, "overrides", "must be true or false")),
        };
        Ok(())
    }
    fn add_api_file(&mut self, file: &Path, value: &Value) -> Result<(), SpecError> {
        let top = as_object(file, value, "the top level")?;
        self.start_file(file, top)?;
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
            sourced(file, &Value::from(short_name), short_name.to_string(), self.rank),
            "metadata.serviceShortName",
        )?;
        let version = required_str(file, metadata, "apiVersion", "metadata")?;
        set_same(
            &mut self.api_version,
            sourced(file, &Value::from(version), version.to_string(), self.rank),
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
                sourced(file, &Value::from(endpoint), endpoint.to_string(), self.rank),
                "metadata.endpoint",
            )?;
        }

        if let Some(actions) = top.get("actions") {
            for (name, raw) in as_object(file, actions, "actions")? {
                let location = format!("actions.{name}");
                let action = parse_action(file, name, raw, &location)?;
                insert(
                    &mut self.actions,
                    name,
                    sourced(file, raw, action, self.rank),
                    &location,
                )?;
            }
        }
        if let Some(objects) = top.get("objects") {
            for (name, raw) in as_object(file, objects, "objects")? {
                let location = format!("objects.{name}");
                let object = parse_object(file, name, raw, &location)?;
                insert(
                    &mut self.objects,
                    name,
                    sourced(file, raw, object, self.rank),
                    &location,
                )?;
            }
        }
        if let Some(codes) = top.get("error_codes") {
            self.add_code_descriptions(file, codes, "error_codes")?;
        }
        Ok(())
    }

    /// A file in the shape of Tencent's `*.errors.json`: `codes` (descriptions) and
    /// `actions` (each action's list of codes).
    fn add_errors_file(&mut self, file: &Path, value: &Value) -> Result<(), SpecError> {
        let top = as_object(file, value, "the top level")?;
        self.start_file(file, top)?;
        if let Some(codes) = top.get("codes") {
            self.add_code_descriptions(file, codes, "codes")?;
        }
        if let Some(actions) = top.get("actions") {
            for (name, raw) in as_object(file, actions, "actions")? {
                let location = format!("actions.{name}");
                let codes = string_list(file, raw, &location)?;
                insert(
                    &mut self.action_codes,
                    name,
                    sourced(file, raw, codes, self.rank),
                    &location,
                )?;
            }
        }
        Ok(())
    }

    fn add_code_descriptions(&mut self, file: &Path, codes: &Value, at: &str) -> Result<(), SpecError> {
        for (code, description) in as_object(file, codes, at)? {
            let location = format!("{at}.{code}");
            let text = description
                .as_str()
                .ok_or_else(|| SpecError::new(file, &location, "an error-code description must be a string"))?;
            insert(
                &mut self.error_codes,
                code,
                sourced(file, description, text.to_string(), self.rank),
                &location,
            )?;
        }
        Ok(())
    }

    fn finish(self, path: &Path) -> Result<Service, SpecError> {
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

/// Checks that every reference resolves: action inputs and outputs, and member types.
fn validate(
    actions: &BTreeMap<String, Action>,
    action_files: &BTreeMap<String, PathBuf>,
    objects: &BTreeMap<String, (PathBuf, Object)>,
) -> Result<(), SpecError> {
    // Each request and response object belongs to one action: it carries that action's trait impl.
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, action) in actions {
        let file = action_files.get(name).map(PathBuf::as_path).unwrap_or(Path::new(""));
        for (key, target) in [("input", &action.input), ("output", &action.output)] {
            if let Some(owner) = owners.insert(target, name) {
                return Err(SpecError::new(
                    file,
                    format!("actions.{name}.{key}"),
                    format!("object `{target}` is already the input or output of action `{owner}`; each action needs its own"),
                ));
            }
            if !objects.contains_key(target) {
                return Err(SpecError::new(
                    file,
                    format!("actions.{name}.{key}"),
                    format!("refers to object `{target}`, which no spec file defines under `objects`"),
                ));
            }
        }
    }
    for (name, (file, object)) in objects {
        for (index, member) in object.members.iter().enumerate() {
            if let Some(target) = member.ty.object() {
                if !objects.contains_key(target) {
                    return Err(SpecError::new(
                        file,
                        format!("objects.{name}.members[{index}].member"),
                        format!(
                            "member `{}` refers to object `{target}`, which no spec file defines under `objects`",
                            member.name
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn parse_action(file: &Path, name: &str, raw: &Value, at: &str) -> Result<Action, SpecError> {
    let map = as_object(file, raw, at)?;
    let codes = match map.get("error_codes") {
        Some(list) => string_list(file, list, &format!("{at}.error_codes"))?,
        None => Vec::new(),
    };
    let rate_limit_per_second = match map.get("rate_limit_per_second") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    SpecError::new(
                        file,
                        format!("{at}.rate_limit_per_second"),
                        "must be a positive whole number of requests per second",
                    )
                })?,
        ),
    };
    Ok(Action {
        name: name.to_string(),
        input: required_str(file, map, "input", at)?.to_string(),
        output: required_str(file, map, "output", at)?.to_string(),
        document: optional_str(file, map, "document", at)?.unwrap_or_default().to_string(),
        title: optional_str(file, map, "name", at)?.unwrap_or_default().to_string(),
        status: optional_str(file, map, "status", at)?.unwrap_or_default().to_string(),
        error_codes: codes,
        rate_limit_per_second,
    })
}

fn parse_object(file: &Path, name: &str, raw: &Value, at: &str) -> Result<Object, SpecError> {
    let map = as_object(file, raw, at)?;
    let usage = match optional_str(file, map, "usage", at)? {
        Some("in") => Usage::In,
        Some("out") => Usage::Out,
        Some("both") | None => Usage::Both,
        Some(other) => {
            return Err(SpecError::new(
                file,
                format!("{at}.usage"),
                format!("unknown usage `{other}`; expected in, out or both"),
            ))
        }
    };
    let members_at = format!("{at}.members");
    let members = match map.get("members") {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            let mut members: Vec<Member> = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let at = format!("{members_at}[{i}]");
                let member = parse_member(file, item, &at)?;
                if members.iter().any(|m| m.name == member.name) {
                    return Err(SpecError::new(
                        file,
                        format!("{at}.name"),
                        format!(
                            "a second member named `{}`; member names must be unique in an object",
                            member.name
                        ),
                    ));
                }
                members.push(member);
            }
            members
        }
        Some(_) => return Err(SpecError::new(file, members_at, "must be a list of members")),
    };
    Ok(Object {
        name: name.to_string(),
        document: optional_str(file, map, "document", at)?.unwrap_or_default().to_string(),
        members,
        usage,
    })
}

fn parse_member(file: &Path, raw: &Value, at: &str) -> Result<Member, SpecError> {
    let map = as_object(file, raw, at)?;
    let name = required_str(file, map, "name", at)?;
    let kind = required_str(file, map, "type", at)?;
    let member = required_str(file, map, "member", at)?;
    let unknown_member = || {
        SpecError::new(
            file,
            format!("{at}.member"),
            format!("unknown member type `{member}` for type `{kind}`; expected string, date, datetime, datetime_iso, int64, uint64, float, bool or binary"),
        )
    };
    let ty = match kind {
        "object" => MemberType::Object(member.to_string()),
        "list" => match Scalar::from_member(member) {
            Some(scalar) => MemberType::ScalarList(scalar),
            None => MemberType::ObjectList(member.to_string()),
        },
        "string" | "int" | "bool" | "float" | "binary" => {
            MemberType::Scalar(Scalar::from_member(member).ok_or_else(unknown_member)?)
        }
        other => {
            return Err(SpecError::new(
                file,
                format!("{at}.type"),
                format!(
                "unknown type `{other}` of member `{name}`; expected string, int, bool, float, binary, object or list"
            ),
            ))
        }
    };
    let example = match map.get("example") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok(Member {
        name: name.to_string(),
        ty,
        document: optional_str(file, map, "document", at)?.unwrap_or_default().to_string(),
        required: flag(file, map, "required", at)?,
        output_required: flag(file, map, "output_required", at)?,
        value_allowed_null: flag(file, map, "value_allowed_null", at)?,
        disabled: flag(file, map, "disabled", at)?,
        example,
    })
}

fn required_str<'a>(file: &Path, map: &'a Map<String, Value>, key: &str, at: &str) -> Result<&'a str, SpecError> {
    optional_str(file, map, key, at)?
        .ok_or_else(|| SpecError::new(file, format!("{at}.{key}"), "missing; it must be a string"))
}

fn optional_str<'a>(
    file: &Path,
    map: &'a Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<&'a str>, SpecError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(SpecError::new(
            file,
            format!("{at}.{key}"),
            format!("must be a string, found {}", kind_of(other)),
        )),
    }
}

fn flag(file: &Path, map: &Map<String, Value>, key: &str, at: &str) -> Result<bool, SpecError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(SpecError::new(
            file,
            format!("{at}.{key}"),
            format!("must be true or false, found {}", kind_of(other)),
        )),
    }
}

fn string_list(file: &Path, value: &Value, at: &str) -> Result<Vec<String>, SpecError> {
    let items = value
        .as_array()
        .ok_or_else(|| SpecError::new(file, at, format!("must be a list of strings, found {}", kind_of(value))))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .map(str::to_string)
                .ok_or_else(|| SpecError::new(file, format!("{at}[{i}]"), "must be a string"))
        })
        .collect()
}
