//! Rustdoc text from spec documents.

use proc_macro2::TokenStream;
use quote::quote;
use tcapi_spec::{Action, Member, Service};

/// One `#[doc]` attribute per line, so that the expansion reads as `///` comments.
pub(crate) fn attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// The doc of an action's method: its document, rate limit and error codes.
pub(crate) fn action(service: &Service, action: &Action) -> String {
    let mut doc = text(&action.document);
    if let Some(rate) = action.rate_limit_per_second {
        doc.push_str(&format!("\n\nRate limit: {rate} requests per second."));
    }
    if !action.error_codes.is_empty() {
        doc.push_str("\n\nError codes:");
        for code in &action.error_codes {
            match service.error_codes.get(code).filter(|d| !d.is_empty()) {
                Some(description) => doc.push_str(&format!("\n- `{code}`: {}", text(&one_line(description)))),
                None => doc.push_str(&format!("\n- `{code}`")),
            }
        }
    }
    doc
}

/// `#[deprecated]` for an action the spec marks `status: "deprecated"`, with
/// the first paragraph of its document as the note: that is where the official
/// files say what replaces it.
pub(crate) fn deprecation(action: &Action) -> Option<TokenStream> {
    if action.status != "deprecated" {
        return None;
    }
    let words = action
        .document
        .split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|paragraph| !paragraph.is_empty());
    let note = match words {
        Some(words) => format!("Tencent Cloud marks `{}` deprecated: {words}", action.name),
        None => format!("Tencent Cloud marks `{}` deprecated", action.name),
    };
    Some(quote!(#[deprecated(note = #note)]))
}

/// The doc of a member, with its flags.
pub(crate) fn member(member: &Member, required: bool) -> String {
    let mut doc = text(&member.document);
    if required {
        doc.push_str("\n\nRequired.");
    } else if member.required {
        doc.push_str("\n\nThe spec marks it required; inside models that is not enforced.");
    }
    if member.disabled {
        doc.push_str("\n\nDisabled in the spec: a hidden or internal field.");
    }
    doc
}

/// A spec document as rustdoc Markdown that renders as the text reads.
///
/// Spec documents hold HTML, bare `[..]`, indented lines and code fences.
/// Indentation is dropped (it would start a code block, which rustdoc would
/// test as Rust), brackets are escaped (they would be read as links), HTML
/// tags become text except line breaks and list items, bare URLs become
/// links, and every fence becomes a `text` block that is closed.
pub(crate) fn text(document: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in document.trim().lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence { "```" } else { "```text" }.to_string());
            in_fence = !in_fence;
        } else if in_fence {
            out.push(line.trim_end().to_string());
        } else {
            out.push(markdown_line(trimmed));
        }
    }
    if in_fence {
        out.push("```".to_string());
    }
    out.join("\n")
}

/// One line outside code fences, made inert.
fn markdown_line(line: &str) -> String {
    let mut text = line.to_string();
    for (tag, replacement) in [
        ("<br/>", "\n"),
        ("<br />", "\n"),
        ("<br>", "\n"),
        ("<li>", "\n- "),
        ("</li>", ""),
    ] {
        text = replace_ignore_case(&text, tag, replacement);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        match c {
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    // A replaced <br> may have started lines with spaces again.
    out.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

/// The length of an http(s) URL at the start of `text`, without trailing punctuation.
fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '[' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    (url.len() > "https://".len()).then_some(url.len())
}

fn replace_ignore_case(text: &str, pattern: &str, replacement: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (index, _) in lower.match_indices(pattern) {
        out.push_str(&text[last..index]);
        out.push_str(replacement);
        last = index + pattern.len();
    }
    out.push_str(&text[last..]);
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn documents_become_inert_markdown() {
        assert_eq!(text("  plain text  "), "plain text");
        assert_eq!(text("a [b] c"), r"a \[b\] c");
        assert_eq!(text("x <b>bold</b>"), "x &lt;b&gt;bold&lt;/b&gt;");
        assert_eq!(text("one<br>two"), "one\ntwo");
        assert_eq!(
            text("see https://cloud.tencent.com/a.html."),
            "see <https://cloud.tencent.com/a.html>."
        );
        assert_eq!(text("x\n    indented"), "x\nindented");
        assert_eq!(text("```json\n  {\"a\": 1}\n```"), "```text\n  {\"a\": 1}\n```");
        assert_eq!(text("```\nunclosed"), "```text\nunclosed\n```");
    }
}
