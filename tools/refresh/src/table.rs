//! The README's table of every service in the spec tree.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use tcapi_spec::Catalog;

use crate::files::{DirFiles, Kind};
use crate::source::product_name;

/// What the table shows of one service version.
#[derive(Debug, Clone)]
pub struct VersionSummary {
    /// Actions as the derive loads the directory (project overrides included).
    pub actions: usize,
    /// `metadata.serviceNameCN`.
    pub product: String,
}

/// The Markdown table of the services under `specs`, one row per service, sorted
/// by short name, then a total row. `known` holds summaries already computed,
/// by directory, so that a refresh does not load what it just validated.
pub fn render(specs: &Path, known: &BTreeMap<PathBuf, VersionSummary>) -> Result<String, String> {
    let catalog = Catalog::open(specs).map_err(|e| e.to_string())?;
    let mut out = String::from("| service | versions | actions | product |\n|---|---|---|---|\n");
    let (mut services, mut versions_total, mut actions_total) = (0, 0, 0);
    for (short_name, all_versions) in catalog.services() {
        // A directory left with no spec file (after --prune kept a project's notes, say) is no service version.
        let mut versions: Vec<&String> = Vec::with_capacity(all_versions.len());
        for version in all_versions {
            if has_spec_files(&specs.join(short_name).join(version), version)? {
                versions.push(version);
            }
        }
        let Some(newest) = versions.last() else { continue };
        let dir = specs.join(short_name).join(newest);
        let summary = match known.get(&dir) {
            Some(summary) => summary.clone(),
            None => summarize(&dir, newest)?,
        };
        let newest_first: Vec<&str> = versions.iter().rev().map(|v| v.as_str()).collect();
        let _ = writeln!(
            out,
            "| {short_name} | {} | {} | {} |",
            newest_first.join(", "),
            thousands(summary.actions),
            summary.product.replace('|', "\\|")
        );
        services += 1;
        versions_total += versions.len();
        actions_total += summary.actions;
    }
    let _ = writeln!(
        out,
        "| **{services} services** | **{versions_total} versions** | **{}** | |",
        thousands(actions_total)
    );
    Ok(out)
}

fn has_spec_files(dir: &Path, version: &str) -> Result<bool, String> {
    let files = DirFiles::list(dir, version)?;
    Ok(files.managed(Kind::Api).is_some() || files.own_specs().next().is_some())
}

/// Loads a spec directory as the derive does, for its action count and product name.
fn summarize(dir: &Path, version: &str) -> Result<VersionSummary, String> {
    let loaded = tcapi_spec::load(dir).map_err(|e| e.to_string())?;
    let files = DirFiles::list(dir, version)?;
    // The official api.json names the product; a directory of the project's own files may too.
    let mut product = String::new();
    for api in files.managed(Kind::Api).into_iter().chain(files.own_specs()) {
        product = product_name(api)?;
        if !product.is_empty() {
            break;
        }
    }
    Ok(VersionSummary {
        actions: loaded.service.actions.len(),
        product,
    })
}

/// `8584` as `8,584`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(8584), "8,584");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
