use std::fmt;
use std::path::{Path, PathBuf};

/// Why a spec could not be loaded: the file, where in its JSON, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    file: PathBuf,
    location: String,
    message: String,
}

impl SpecError {
    pub(crate) fn new(file: &Path, location: impl Into<String>, message: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            location: location.into(),
            message: message.into(),
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

    /// What is wrong, and where it helps, what to do.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}: at {}: {}", self.file.display(), self.location, self.message)
        }
    }
}

impl std::error::Error for SpecError {}
