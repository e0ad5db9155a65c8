//! Checking that a merged service's references resolve.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::{Action, Object};
use crate::SpecError;

/// Checks that every reference resolves: action inputs and outputs, and member types.
pub(super) fn validate(
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
