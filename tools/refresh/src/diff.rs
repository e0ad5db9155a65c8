//! What changed between two shapes of one service version.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::shape::Shape;

/// One reported difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new action.
    ActionAdded(String),
    /// An action that is gone.
    ActionRemoved(String),
    /// A new model (requests and responses come with their action).
    ObjectAdded(String),
    /// A model that is gone.
    ObjectRemoved(String),
    /// A new member of an object both shapes have.
    MemberAdded {
        /// The object.
        object: String,
        /// The member.
        member: String,
        /// Its type.
        ty: String,
    },
    /// A member that is gone from an object both shapes have.
    MemberRemoved {
        /// The object.
        object: String,
        /// The member.
        member: String,
        /// Its old type.
        ty: String,
    },
    /// A member whose type changed.
    MemberRetyped {
        /// The object.
        object: String,
        /// The member.
        member: String,
        /// The type before.
        old: String,
        /// The type now.
        new: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::ActionAdded(name) => write!(f, "+ action {name}"),
            Change::ActionRemoved(name) => write!(f, "- action {name}"),
            Change::ObjectAdded(name) => write!(f, "+ object {name}"),
            Change::ObjectRemoved(name) => write!(f, "- object {name}"),
            Change::MemberAdded { object, member, ty } => write!(f, "+ member {object}.{member}: {ty}"),
            Change::MemberRemoved { object, member, ty } => write!(f, "- member {object}.{member}: {ty}"),
            Change::MemberRetyped {
                object,
                member,
                old,
                new,
            } => write!(f, "~ member {object}.{member}: {old} → {new}"),
        }
    }
}

/// The changes from `old` to `new`: actions, then models, then members object by object.
pub fn compare(old: &Shape, new: &Shape) -> Vec<Change> {
    let added: Vec<&str> = new
        .actions
        .keys()
        .filter(|a| !old.actions.contains_key(*a))
        .map(String::as_str)
        .collect();
    let removed: Vec<&str> = old
        .actions
        .keys()
        .filter(|a| !new.actions.contains_key(*a))
        .map(String::as_str)
        .collect();
    // An added or removed action's request and response are implied by the action line.
    let added_with_actions = new.action_objects(added.iter().copied());
    let removed_with_actions = old.action_objects(removed.iter().copied());

    let mut changes: Vec<Change> = added.iter().map(|a| Change::ActionAdded(a.to_string())).collect();
    changes.extend(removed.iter().map(|a| Change::ActionRemoved(a.to_string())));
    changes.extend(
        new.objects
            .keys()
            .filter(|o| !old.objects.contains_key(*o) && !added_with_actions.contains(o.as_str()))
            .map(|o| Change::ObjectAdded(o.clone())),
    );
    changes.extend(
        old.objects
            .keys()
            .filter(|o| !new.objects.contains_key(*o) && !removed_with_actions.contains(o.as_str()))
            .map(|o| Change::ObjectRemoved(o.clone())),
    );
    for (object, old_members) in &old.objects {
        if let Some(new_members) = new.objects.get(object) {
            changes.extend(compare_members(object, old_members, new_members));
        }
    }
    changes
}

/// Members matched by name: removed and retyped in the old order, then added in the new.
fn compare_members(object: &str, old: &[(String, String)], new: &[(String, String)]) -> Vec<Change> {
    let (old, new) = (distinct(old), distinct(new));
    let old_types: BTreeMap<&str, &str> = old.iter().copied().collect();
    let new_types: BTreeMap<&str, &str> = new.iter().copied().collect();
    let mut changes = Vec::new();
    for (member, old_ty) in &old {
        let (object, member) = (object.to_string(), member.to_string());
        match new_types.get(member.as_str()) {
            None => changes.push(Change::MemberRemoved {
                object,
                member,
                ty: old_ty.to_string(),
            }),
            Some(new_ty) if new_ty != old_ty => changes.push(Change::MemberRetyped {
                object,
                member,
                old: old_ty.to_string(),
                new: new_ty.to_string(),
            }),
            Some(_) => {}
        }
    }
    for (member, ty) in new.into_iter().filter(|(member, _)| !old_types.contains_key(member)) {
        changes.push(Change::MemberAdded {
            object: object.to_string(),
            member: member.to_string(),
            ty: ty.to_string(),
        });
    }
    changes
}

/// Each member name once, at its first occurrence: the one a reader of the spec sees.
fn distinct(members: &[(String, String)]) -> Vec<(&str, &str)> {
    let mut seen = BTreeSet::new();
    members
        .iter()
        .filter(|(name, _)| seen.insert(name.as_str()))
        .map(|(name, ty)| (name.as_str(), ty.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(actions: &[&str], objects: &[(&str, &[(&str, &str)])]) -> Shape {
        Shape {
            actions: actions
                .iter()
                .map(|a| (a.to_string(), [format!("{a}Request"), format!("{a}Response")]))
                .collect(),
            objects: objects
                .iter()
                .map(|(name, members)| {
                    let members = members.iter().map(|(m, t)| (m.to_string(), t.to_string())).collect();
                    (name.to_string(), members)
                })
                .collect(),
        }
    }

    #[test]
    fn reports_actions_models_and_members() {
        let old = shape(
            &["Ping", "Gone"],
            &[
                ("PingRequest", &[("Limit", "int64"), ("Old", "string")]),
                ("GoneRequest", &[]),
                ("Legacy", &[]),
                ("Instance", &[("Tags", "list<Tag>")]),
            ],
        );
        let new = shape(
            &["Ping", "Fresh"],
            &[
                ("PingRequest", &[("Limit", "string"), ("New", "bool")]),
                ("FreshRequest", &[]),
                ("Model", &[]),
                ("Instance", &[("Tags", "list<string>")]),
            ],
        );
        let lines: Vec<String> = compare(&old, &new).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "+ action Fresh",
                "- action Gone",
                "+ object Model",
                "- object Legacy",
                "~ member Instance.Tags: list<Tag> → list<string>",
                "~ member PingRequest.Limit: int64 → string",
                "- member PingRequest.Old: string",
                "+ member PingRequest.New: bool",
            ]
        );
    }

    #[test]
    fn equal_shapes_have_no_changes() {
        let one = shape(&["Ping"], &[("PingRequest", &[("Limit", "int64")])]);
        assert!(compare(&one, &one).is_empty());
    }
}
