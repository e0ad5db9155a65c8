//! Finding the spec files of a path: the file itself, or a directory's `*.json`.

use std::path::{Path, PathBuf};

use crate::SpecError;

/// The files to read for `path`, in a stable order: `path` itself if it is a
/// file, else every `*.json` file in the directory but `*.examples.json`.
pub(super) fn spec_files(path: &Path) -> Result<Vec<PathBuf>, SpecError> {
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

/// Whether `file` has the shape of Tencent's error-code files rather than an api.json.
pub(super) fn is_errors_file(file: &Path) -> bool {
    file.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".errors.json"))
}
