use std::fmt;
use std::path::{Path, PathBuf};

/// Why a spec could not be loaded: the file, where in its JSON, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    file: PathBuf,
    location: String,
    message: String,
    /// For a conflict: the other file that defines the same name.
    other_file: Option<PathBuf>,
}

impl SpecError {
    pub(crate) fn new(file: &Path, location: impl Into<String>, message: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            location: location.into(),
            message: message.into(),
            other_file: None,
        }
    }

    pub(crate) fn conflict(file: &Path, location: impl Into<String>, other_file: &Path) -> Self {
        SpecError {
            other_file: Some(other_file.to_path_buf()),
            ..SpecError::new(file, location, "")
        }
    }

    /// The spec file the problem is in (or the path that could not be read).
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where in the file: a JSON path such as `objects.Foo.members[2].type`,
    /// or `line 3, column 7` for JSON that does not parse. Empty for the file itself.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// What is wrong, and where it helps, what to do. Empty for a conflict,
    /// which [`SpecError::conflicting_file`] names.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For a conflict between files: the other file.
    pub fn conflicting_file(&self) -> Option<&Path> {
        self.other_file.as_deref()
    }

    /// The error as text, with file paths shown relative to `base` when they are under it.
    pub fn display_relative_to(&self, base: &Path) -> String {
        let show = |path: &Path| path.strip_prefix(base).unwrap_or(path).display().to_string();
        let message = match &self.other_file {
            Some(other) => format!(
                "conflicts with the definition in {}; the same name must have the same definition in every file",
                show(other)
            ),
            None => self.message.clone(),
        };
        if self.location.is_empty() {
            format!("{}: {message}", show(&self.file))
        } else {
            format!("{}: at {}: {message}", show(&self.file), self.location)
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_relative_to(Path::new("")))
    }
}

impl std::error::Error for SpecError {}
