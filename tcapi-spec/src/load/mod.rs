//! Reading spec files, merging a directory into one service, and validating it.
//!
//! Every check reports the file and the JSON path of the problem, so that the
//! derive can turn it into a compile error a user can act on.

// The steps, one file each: `discover` finds a directory's spec files, `parse`
// reads each definition, `merge` joins the files into one service by the rules
// of `load`, and `validate` checks that its references resolve.
mod discover;
mod merge;
mod paging;
mod parse;
mod validate;

use std::path::{Path, PathBuf};

use crate::json;
use crate::model::Service;
use crate::SpecError;

use merge::Merged;

/// A loaded service, with the files it came from.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The merged, validated service.
    pub service: Service,
    /// Every file that was read, in the order read. The derive includes them so
    /// that editing one rebuilds the crate.
    pub files: Vec<PathBuf>,
    /// The layer of each of `files`: the index of the path it came from (see [`load_all`]).
    pub layers: Vec<usize>,
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
    let (mut files, mut layers) = (Vec::new(), Vec::new());
    let mut merged = Merged::default();
    for (layer, path) in paths.iter().enumerate() {
        for file in discover::spec_files(path)? {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| SpecError::new(&file, "", format!("cannot read the spec file: {e}")))?;
            load_text(&mut merged, &file, &text, layer)?;
            files.push(file);
            layers.push(layer);
        }
    }
    let service = merged.finish(paths.first().copied().unwrap_or(Path::new("<no spec paths>")))?;
    Ok(LoadedSpec { service, files, layers })
}

/// Loads a spec from in-memory sources: `(path, json text)` pairs, merged as
/// [`load`] merges a directory. The paths only name the sources in errors.
pub fn load_sources<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Service, SpecError> {
    load_layered_sources(sources.into_iter().map(|(path, text)| (0, path, text)))
}

/// [`load_sources`] with each source's layer, as [`load_all`] ranks its paths:
/// `(layer, path, json text)`.
pub fn load_layered_sources<'a>(
    sources: impl IntoIterator<Item = (usize, &'a str, &'a str)>,
) -> Result<Service, SpecError> {
    let mut merged = Merged::default();
    let mut first = None;
    for (layer, path, text) in sources {
        let path = Path::new(path);
        first.get_or_insert(path);
        load_text(&mut merged, path, text, layer)?;
    }
    merged.finish(first.unwrap_or(Path::new("<no spec sources>")))
}

/// Adds one file to the merge; `layer` is the index of the path it came from
/// (see [`load_all`]), which ranks its `"overrides": true`.
fn load_text(merged: &mut Merged, file: &Path, text: &str, layer: usize) -> Result<(), SpecError> {
    let value = json::parse(file, text)?;
    if discover::is_errors_file(file) {
        merged.add_errors_file(file, &value, layer)
    } else {
        merged.add_api_file(file, &value, layer)
    }
}
