//! trybuild: the downstream usage compiles, the golden expansion compiles, and
//! each bad spec or misuse fails with the pinned message.
//!
//! After an intended message change: `TRYBUILD=overwrite cargo test -p tcapi-tests --test ui`.

use std::path::{Path, PathBuf};

/// The spec directories the cases name, relative to the workspace root, as a
/// downstream crate would keep them beside its Cargo.toml.
const SPEC_DIRS: &[&str] = &["specs/tcsas/2025-01-06", "tests/ui/specs", "tests/data/hazards"];

#[test]
fn ui() -> Result<(), String> {
    // trybuild builds the cases in a scratch crate, whose directory is where the
    // derive resolves `spec = "..."`: put the specs there, as a user would.
    let scratch = target_dir()?.join("tests/trybuild").join(env!("CARGO_PKG_NAME"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for dir in SPEC_DIRS {
        copy_dir(&root.join(dir), &scratch.join(dir))?;
    }
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
    Ok(())
}

/// The target directory this test binary was built in (`<target>/debug/deps/ui-*`).
fn target_dir() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the test binary: {e}"))?;
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("{} is not under a target directory", exe.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
