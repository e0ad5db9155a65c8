//! "Did you mean": the names closest to one that was not found.

/// Up to three of `candidates` close to `name` (ignoring case), closest first.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|candidate| (edit_distance(&wanted, &candidate.to_ascii_lowercase()), candidate))
        // A third of the shorter name may differ, and one edit always may, so a
        // three-letter typo finds its service without every short name matching.
        .filter(|(distance, candidate)| *distance <= (wanted.len().min(candidate.len()) / 3).max(1))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, candidate)| candidate).collect()
}

/// `; did you mean `a`?` or `; did you mean one of `a`, `b`?`, or nothing.
pub fn hint(similar: &[&str]) -> String {
    match similar {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => format!(
            "; did you mean one of {}?",
            many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Edit distance by characters, where swapping two neighbours counts as one
/// edit (optimal string alignment), so that `vcp` is next to `vpc`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for swaps), one back, and the current one.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost).min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_come_first_and_far_ones_are_left_out() {
        assert_eq!(closest("vcp", ["ccc", "cwp", "dc", "vpc"]), ["vpc"]);
        assert_eq!(closest("tkee", ["tke", "tem", "tse"]), ["tke"]);
        assert!(closest("xyz", ["cdz", "ams", "apm"]).is_empty());
        assert_eq!(
            closest("DescribeVpc", ["DescribeVpcs", "CreateVpc", "DeleteSubnet"]),
            ["DescribeVpcs"]
        );
        assert!(closest("somethingelse", ["vpc"]).is_empty());
        assert_eq!(hint(&["vpc"]), "; did you mean `vpc`?");
        assert_eq!(hint(&["a", "b"]), "; did you mean one of `a`, `b`?");
        assert_eq!(hint(&[]), "");
    }
}
