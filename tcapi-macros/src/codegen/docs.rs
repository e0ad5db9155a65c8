//! Rustdoc text from spec documents.

use proc_macro2::TokenStream;
use quote::quote;
use tcapi_spec::{Action, Member, Service};

/// One `#[doc]` attribute per line, so that the expansion reads as `///` comments.
pub(super) fn attrs(text: &str) -> TokenStream {
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
pub(super) fn action(service: &Service, action: &Action) -> String {
    let mut doc = text(&action.document);
    if let Some(rate) = action.rate_limit_per_second {
        doc.push_str(&format!("\n\nRate limit: {rate} requests per second."));
    }
    if !action.error_codes.is_empty() {
        doc.push_str("\n\nError codes:");
        for code in &action.error_codes {
            match service.error_codes.get(code).filter(|d| !d.is_empty()) {
                Some(description) => doc.push_str(&format!("\n- `{code}`: {}", one_line(description))),
                None => doc.push_str(&format!("\n- `{code}`")),
            }
        }
    }
    doc
}

/// The doc of a member, with its flags.
pub(super) fn member(member: &Member, required: bool) -> String {
    let mut doc = text(&member.document);
    if required {
        doc.push_str("\n\nRequired.");
    }
    if member.disabled {
        doc.push_str("\n\nDisabled in the spec: a hidden or internal field.");
    }
    doc
}

/// A spec document as rustdoc text.
pub(super) fn text(document: &str) -> String {
    document
        .trim()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
