//! The printed report: a block per service version that changed, then a summary line.

use std::fmt::Write;

use crate::files::{file_name, Kind};
use crate::plan::{Status, VersionPlan};

/// The report of `plans`: nothing for unchanged versions, and a last line
/// `N service versions: A added, R removed, C changed, U unchanged`.
pub fn render(plans: &[VersionPlan]) -> String {
    let mut out = String::new();
    let (mut added, mut removed, mut changed, mut unchanged) = (0, 0, 0, 0);
    for plan in plans {
        let name = format!("{} {}", plan.short_name, plan.version);
        match &plan.status {
            Status::Unchanged => unchanged += 1,
            Status::New { actions } => {
                added += 1;
                let noun = if *actions == 1 { "action" } else { "actions" };
                let _ = writeln!(out, "{name}: new service version, {actions} {noun}");
            }
            Status::Changed {
                written,
                changes,
                unreadable,
            } => {
                changed += 1;
                let labels: Vec<&str> = written.iter().map(|kind| kind.label()).collect();
                let files = match labels.is_empty() {
                    true => "official files removed".to_string(),
                    false => labels.join(", "),
                };
                let _ = writeln!(out, "{name}: changed ({files})");
                if let Some(reason) = unreadable {
                    let _ = writeln!(out, "  note: {reason}; compared as empty");
                }
                for change in changes {
                    let _ = writeln!(out, "  {change}");
                }
                for stale in &plan.deletes {
                    let _ = writeln!(out, "  - file {} (not in the new set)", file_name(stale));
                }
                if changes.is_empty() && written.contains(&Kind::Api) && unreadable.is_none() {
                    let _ = writeln!(out, "  api: no action or member changed (documents or flags only)");
                }
            }
            Status::Removed { pruned, kept } => {
                removed += 1;
                let what = match pruned {
                    true => "its official files are deleted",
                    false => "kept (--prune deletes its official files)",
                };
                let _ = writeln!(out, "{name}: removed from the official set; {what}");
                if *pruned && !kept.is_empty() {
                    let kept: Vec<String> = kept.iter().map(|path| file_name(path)).collect();
                    let _ = writeln!(out, "  the project's own files stay: {}", kept.join(", "));
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "{} service versions: {added} added, {removed} removed, {changed} changed, {unchanged} unchanged",
        plans.len()
    );
    out
}
