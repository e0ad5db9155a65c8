//! One error-code enum per action, and the error type its method returns.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use tcapi_spec::Service;

use crate::error_code::implied_code;
use crate::{docs, ident, naming};

/// The names of each action's error-code enum and error alias, unique in the
/// `errors` module: `<Action>ErrorCode` and `<Action>Error`, with a suffix for
/// actions whose names clean up alike.
pub(crate) struct ErrorNames {
    names: std::collections::BTreeMap<String, (Ident, Ident)>,
}

impl ErrorNames {
    pub(crate) fn new(service: &Service) -> Self {
        // An action named `Action` would name its error `ActionError`, which the module imports.
        let mut bases: Vec<String> = std::iter::once("Action".to_string())
            .chain(
                service
                    .actions
                    .keys()
                    .map(|action| naming::type_name(action).trim_start_matches("r#").to_string()),
            )
            .collect();
        naming::dedupe(&mut bases);
        let names = service
            .actions
            .keys()
            .zip(bases.into_iter().skip(1))
            .map(|(action, base)| {
                (
                    action.clone(),
                    (ident(&format!("{base}ErrorCode")), ident(&format!("{base}Error"))),
                )
            })
            .collect();
        ErrorNames { names }
    }

    /// The error-code enum of an action.
    pub(crate) fn code(&self, action: &str) -> Ident {
        self.names
            .get(action)
            .map_or_else(|| ident(action), |(code, _)| code.clone())
    }

    /// The error alias of an action.
    pub(crate) fn error(&self, action: &str) -> Ident {
        self.names
            .get(action)
            .map_or_else(|| ident(action), |(_, error)| error.clone())
    }
}

pub(crate) fn error_codes(service: &Service, names: &ErrorNames) -> Vec<TokenStream> {
    service
        .actions
        .values()
        .map(|action| {
            let mut codes: Vec<&String> = Vec::new();
            for code in &action.error_codes {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            // `Other` is ours: a code that happens to be named so gets a suffix.
            let mut variants: Vec<String> = std::iter::once("Other".to_string())
                .chain(codes.iter().map(|code| naming::variant_name(code)))
                .collect();
            naming::dedupe(&mut variants);
            let variants: Vec<Ident> = variants.iter().skip(1).map(|v| ident(v)).collect();
            let docs = codes.iter().map(|code| {
                let text = match service.error_codes.get(code.as_str()).filter(|d| !d.trim().is_empty()) {
                    Some(description) => format!("`{code}`: {}", description.trim()),
                    None => format!("`{code}`."),
                };
                docs::attrs(&docs::text(&text))
            });
            // A code that its variant's name implies needs no attribute.
            let attrs = codes.iter().zip(&variants).map(|(code, variant)| {
                (implied_code(&variant.to_string()) != code.as_str()).then(|| quote!(#[code = #code]))
            });
            let enum_name = names.code(&action.name);
            let alias = names.error(&action.name);
            let enum_doc = docs::attrs(&format!("The error codes of `{}`.", action.name));
            let alias_doc = docs::attrs(&format!("The error of `{}`.", action.name));
            quote! {
                #enum_doc
                #[derive(Debug, Clone, PartialEq, Eq, Hash, ErrorCode)]
                #[non_exhaustive]
                pub enum #enum_name {
                    #(#docs #attrs #variants,)*
                    /// Any other code, such as a common one (`AuthFailure.SignatureFailure`), as sent.
                    Other(::std::string::String),
                }
                #alias_doc
                pub type #alias = ActionError<#enum_name>;
            }
        })
        .collect()
}
