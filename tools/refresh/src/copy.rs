//! Putting the planned files in place.
//!
//! Each file is written beside its destination and renamed over it, so an
//! interrupted refresh never leaves a half-written spec for the derive to read.

use std::path::Path;

use crate::plan::{Status, VersionPlan};

/// Copies, deletes and (for pruned versions) removes directories left empty.
pub fn apply(plans: &[VersionPlan]) -> Result<(), String> {
    for plan in plans {
        for (source, destination) in &plan.writes {
            copy_file(source, destination)?;
        }
        for stale in &plan.deletes {
            std::fs::remove_file(stale).map_err(|e| format!("cannot delete {}: {e}", stale.display()))?;
        }
        if let Status::Removed { pruned: true, .. } = plan.status {
            // Only empty directories go: the project's own files keep theirs.
            remove_if_empty(&plan.dir);
            if let Some(service_dir) = plan.dir.parent() {
                remove_if_empty(service_dir);
            }
        }
    }
    Ok(())
}

fn copy_file(source: &Path, destination: &Path) -> Result<(), String> {
    let dir = destination.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let partial = destination.with_extension("json.refresh-partial");
    std::fs::copy(source, &partial)
        .map_err(|e| format!("cannot copy {} to {}: {e}", source.display(), partial.display()))?;
    std::fs::rename(&partial, destination).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot move {} into place: {e}", destination.display())
    })
}

fn remove_if_empty(dir: &Path) {
    // remove_dir fails on a directory that still has files, which is the point.
    let _ = std::fs::remove_dir(dir);
}
