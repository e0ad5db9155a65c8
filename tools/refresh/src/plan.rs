//! Comparing the new official set with the spec tree: what each service version
//! gains or loses, and which files to write or delete.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tcapi_spec::Catalog;

use crate::diff::{compare, Change};
use crate::files::{file_name, DirFiles, Kind};
use crate::shape::Shape;
use crate::source::OfficialVersion;

/// What happens to one service version.
#[derive(Debug)]
pub enum Status {
    /// The spec tree has no official files for it yet.
    New {
        /// Its action count, as the derive will load it.
        actions: usize,
    },
    /// Some official files differ.
    Changed {
        /// The kinds of file that are written.
        written: Vec<Kind>,
        /// What changed in the api.json (empty when only documents or flags did).
        changes: Vec<Change>,
        /// Why the old api.json could not be compared, if it could not.
        unreadable: Option<String>,
    },
    /// Every official file is byte for byte the same.
    Unchanged,
    /// The spec tree has it; the new set does not.
    Removed {
        /// Whether its official files are deleted (`--prune`).
        pruned: bool,
        /// The project's own files that stay in its directory.
        kept: Vec<PathBuf>,
    },
}

/// One service version's status and file operations.
#[derive(Debug)]
pub struct VersionPlan {
    /// `serviceShortName`.
    pub short_name: String,
    /// `apiVersion`.
    pub version: String,
    /// Its directory in the spec tree.
    pub dir: PathBuf,
    /// What happens to it.
    pub status: Status,
    /// `(source, destination)` of each file to copy.
    pub writes: Vec<(PathBuf, PathBuf)>,
    /// Official files to delete: ones the new set no longer has, or all of a pruned version.
    pub deletes: Vec<PathBuf>,
}

/// Plans the refresh of `specs` from `set`, sorted by short name and version.
pub fn plan(set: &[OfficialVersion], specs: &Path, prune: bool) -> Result<Vec<VersionPlan>, String> {
    let mut plans = Vec::new();
    for official in set {
        plans.push(plan_version(official, specs)?);
    }
    let catalog = Catalog::open(specs).map_err(|e| e.to_string())?;
    let in_set: BTreeSet<(&str, &str)> = set
        .iter()
        .map(|o| (o.short_name.as_str(), o.version.as_str()))
        .collect();
    for (short_name, versions) in catalog.services() {
        for version in versions.iter().filter(|v| !in_set.contains(&(short_name, v.as_str()))) {
            let dir = specs.join(short_name).join(version);
            let existing = DirFiles::list(&dir, version)?;
            // A directory of the project's own files only was never official.
            if existing.managed.is_empty() {
                continue;
            }
            let deletes = match prune {
                true => existing.managed.iter().map(|(_, path)| path.clone()).collect(),
                false => Vec::new(),
            };
            plans.push(VersionPlan {
                short_name: short_name.to_string(),
                version: version.clone(),
                dir,
                status: Status::Removed {
                    pruned: prune,
                    kept: existing.own,
                },
                writes: Vec::new(),
                deletes,
            });
        }
    }
    plans.sort_by(|a, b| (&a.short_name, &a.version).cmp(&(&b.short_name, &b.version)));
    Ok(plans)
}

fn plan_version(official: &OfficialVersion, specs: &Path) -> Result<VersionPlan, String> {
    let dir = specs.join(&official.short_name).join(&official.version);
    let existing = DirFiles::list(&dir, &official.version)?;
    let mut writes = Vec::new();
    let mut written = Vec::new();
    for (kind, source) in &official.files {
        let destination = dir.join(file_name(source));
        if !same_bytes(source, &destination)? {
            written.push(*kind);
            writes.push((source.clone(), destination));
        }
    }
    // An official file the new set lacks (or names differently) would otherwise linger and conflict.
    let new_names: Vec<String> = official.files.iter().map(|(_, path)| file_name(path)).collect();
    let deletes: Vec<PathBuf> = existing
        .managed
        .iter()
        .map(|(_, path)| path.clone())
        .filter(|path| !new_names.contains(&file_name(path)))
        .collect();

    let status = if existing.managed.is_empty() {
        Status::New {
            actions: official.actions,
        }
    } else if writes.is_empty() && deletes.is_empty() {
        Status::Unchanged
    } else {
        // Only a new api.json can change actions or members.
        let (changes, unreadable) = match written.contains(&Kind::Api) {
            true => api_changes(existing.managed(Kind::Api), official.file(Kind::Api))?,
            false => (Vec::new(), None),
        };
        Status::Changed {
            written,
            changes,
            unreadable,
        }
    };
    Ok(VersionPlan {
        short_name: official.short_name.clone(),
        version: official.version.clone(),
        dir,
        status,
        writes,
        deletes,
    })
}

/// The changes from the current api.json to the new one. A current file that is
/// missing or not JSON compares as empty, with the reason, because the refresh is
/// what repairs it.
fn api_changes(old: Option<&Path>, new: Option<&Path>) -> Result<(Vec<Change>, Option<String>), String> {
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let new = match new {
        Some(path) => Shape::parse(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?,
        None => Shape::default(),
    };
    let (old, unreadable) = match old {
        None => (Shape::default(), Some("there was no api.json".to_string())),
        Some(path) => match Shape::parse(&read(path)?) {
            Ok(old) => (old, None),
            Err(e) => (
                Shape::default(),
                Some(format!("the current {} is {e}", file_name(path))),
            ),
        },
    };
    Ok((compare(&old, &new), unreadable))
}

fn same_bytes(source: &Path, destination: &Path) -> Result<bool, String> {
    let new = std::fs::read(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    match std::fs::read(destination) {
        Ok(old) => Ok(old == new),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!("cannot read {}: {e}", destination.display())),
    }
}
