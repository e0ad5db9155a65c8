//! Turning wire names into Rust names.
//!
//! Wire names are kept for serde; these functions only choose the Rust side.
//! Every function is total: any input gives a valid identifier.

/// Acronyms that Tencent writes back to back (`DescribeMNPMAUMetricCard`). An
/// upper-case run made only of these is split into them, so that the method is
/// `describe_mnp_mau_metric_card`, not `describe_mnpmau_metric_card`. The list is
/// fixed, not learned from specs, so that adding a spec never renames a method.
const ACRONYMS: &[&str] = &[
    "API", "APP", "CAM", "CDN", "CLB", "CLS", "CN", "CPU", "CVM", "DAU", "DB", "DNS", "GPU", "HTTP", "HTTPS", "ID",
    "IP", "MAU", "MCP", "MNP", "OS", "PV", "SDK", "SSL", "TKE", "UV", "VPC", "WAU",
];

/// Rust keywords, strict and reserved, in every edition up to 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `word` is a Rust keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Splits a wire name into lower-case words: `DescribeMNPMAUMetricCard` gives
/// `describe`, `mnp`, `mau`, `metric`, `card`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = if i > 0 { chars.get(i - 1).copied() } else { None };
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                _ => false,
            };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
        .into_iter()
        .flat_map(split_acronym_run)
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// Splits an all-capitals word such as `MNPMAU` into known acronyms, when it is
/// made of nothing else; otherwise keeps it whole.
fn split_acronym_run(word: String) -> Vec<String> {
    if word.len() < 4 || !word.chars().all(|c| c.is_ascii_uppercase()) {
        return vec![word];
    }
    fn split(rest: &str) -> Option<Vec<&'static str>> {
        if rest.is_empty() {
            return Some(Vec::new());
        }
        // Longest first, so that HTTPS wins over HTTP.
        let mut candidates: Vec<&'static str> = ACRONYMS.iter().copied().filter(|a| rest.starts_with(a)).collect();
        candidates.sort_by_key(|a| std::cmp::Reverse(a.len()));
        candidates.into_iter().find_map(|a| {
            let mut tail = split(&rest[a.len()..])?;
            tail.insert(0, a);
            Some(tail)
        })
    }
    match split(&word) {
        Some(parts) if parts.len() > 1 => parts.into_iter().map(str::to_string).collect(),
        _ => vec![word],
    }
}

/// The snake_case form of a wire name, not yet checked against keywords.
pub fn snake_case(name: &str) -> String {
    words(name).join("_")
}

/// A field or method name: snake_case, with keywords made usable. Returns the
/// identifier as written in source, so a keyword such as `type` comes back as
/// `r#type`, and one that cannot be raw, such as `super`, as `super_`.
pub fn field_name(name: &str) -> String {
    let mut snake = snake_case(name);
    if snake.is_empty() {
        snake.push_str("field");
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    escape_keyword(snake)
}

/// The UpperCamelCase variant name of an error code:
/// `FailedOperation.PackageAlreadyExpired` gives `FailedOperationPackageAlreadyExpired`.
pub fn variant_name(code: &str) -> String {
    let mut out = String::new();
    for part in code.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Code");
    }
    escape_keyword(out)
}

/// A type name for an object. Spec names are kept as written when they are
/// valid identifiers (`MAUIndicatorCard`), so that they match Tencent's docs.
pub fn type_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    escape_keyword(out)
}

fn escape_keyword(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if is_keyword(&ident) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The Rust field names of an object's members, in member order and unique.
pub fn field_names(object: &tcapi_spec::Object) -> Vec<String> {
    let mut names: Vec<String> = object.members.iter().map(|m| field_name(&m.name)).collect();
    dedupe(&mut names);
    names
}

/// Makes names unique within one scope by adding `_2`, `_3`, … to later
/// duplicates, in order. `InstanceID` and `InstanceId` both snake to
/// `instance_id`; the second becomes `instance_id_2`.
pub fn dedupe(names: &mut [String]) {
    let mut seen = std::collections::HashSet::new();
    for name in names.iter_mut() {
        if seen.insert(name.clone()) {
            continue;
        }
        let base = name.trim_start_matches("r#").to_string();
        let mut n = 2;
        while !seen.insert(format!("{base}_{n}")) {
            n += 1;
        }
        *name = format!("{base}_{n}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_tencent_names() {
        assert_eq!(field_name("DescribeMNPMAUMetricCard"), "describe_mnp_mau_metric_card");
        assert_eq!(field_name("MNPId"), "mnp_id");
        assert_eq!(field_name("SourceMAUNum"), "source_mau_num");
        assert_eq!(field_name("RequestId"), "request_id");
        assert_eq!(field_name("hadAutoFixVul"), "had_auto_fix_vul");
        assert_eq!(field_name("GetWsTokenReq_Label"), "get_ws_token_req_label");
    }

    #[test]
    fn escapes_keywords() {
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("Super"), "super_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(field_name("Async"), "r#async");
    }

    #[test]
    fn dedupes_in_order() {
        let mut names: Vec<String> = ["InstanceID", "InstanceId", "Uui", "UUI"]
            .iter()
            .map(|n| field_name(n))
            .collect();
        dedupe(&mut names);
        assert_eq!(names, ["instance_id", "instance_id_2", "uui", "uui_2"]);
    }

    #[test]
    fn variant_names() {
        assert_eq!(
            variant_name("FailedOperation.PackageAlreadyExpired"),
            "FailedOperationPackageAlreadyExpired"
        );
        assert_eq!(variant_name("InvalidParameter"), "InvalidParameter");
        assert_eq!(variant_name("9Lives"), "Code9Lives");
    }
}
