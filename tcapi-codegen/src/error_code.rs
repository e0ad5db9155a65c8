//! `#[derive(ErrorCode)]`: the runtime's `ErrorCode` impl for a generated
//! error-code enum, from its variants.
//!
//! Each unit variant is a documented code: its `#[code = "..."]`, or else the
//! code its name implies (see [`implied_code`]), which covers nearly every
//! code Tencent publishes. The one `Other(String)`
//! variant holds any other code as sent. Writing the table and the two
//! matches out for every action would double the lines of each enum; the
//! derive keeps the enum itself readable and the expansion small.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

/// The impl for one enum.
pub fn expand(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let syn::Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(input.ident.span(), "ErrorCode is derived for enums"));
    };
    let mut rows = Vec::new();
    let mut other = None;
    for variant in &data.variants {
        let name = &variant.ident;
        match &variant.fields {
            syn::Fields::Unit => {
                let code = code_attr(variant)?.unwrap_or_else(|| implied_code(&name.to_string()));
                rows.push(quote!((#code, Self::#name)));
            }
            syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 && other.is_none() => other = Some(name),
            _ => {
                return Err(syn::Error::new(
                    variant.span(),
                    "ErrorCode expects unit variants and one `Other(String)` variant",
                ))
            }
        }
    }
    let Some(other) = other else {
        return Err(syn::Error::new(
            input.ident.span(),
            "ErrorCode needs an `Other(String)` variant for codes it does not list",
        ));
    };
    let name = &input.ident;
    Ok(quote! {
        impl ::tcapi_runtime::ErrorCode for #name {
            const CODES: &'static [(&'static str, Self)] = &[#(#rows),*];
            fn other(code: &str) -> Self {
                Self::#other(::std::borrow::ToOwned::to_owned(code))
            }
            fn as_other(&self) -> ::std::option::Option<&str> {
                match self {
                    Self::#other(code) => ::std::option::Option::Some(code),
                    _ => ::std::option::Option::None,
                }
            }
        }
    })
}

/// The categories that start Tencent's dotted error codes
/// (`FailedOperation.PackageAlreadyExpired`), longest first where one starts
/// another: over the intl catalog, every dotted code but about 60 starts with one.
const CATEGORIES: &[&str] = &[
    "AuthFailure",
    "DryRunOperation",
    "FailedOperation",
    "InternalError",
    "InvalidParameterValue",
    "InvalidParameter",
    "LimitExceeded",
    "MissingParameter",
    "OperationDenied",
    "RequestLimitExceeded",
    "ResourceInUse",
    "ResourceInsufficient",
    "ResourceNotFound",
    "ResourceUnavailable",
    "ResourcesSoldOut",
    "UnauthorizedOperation",
    "UnknownParameter",
    "UnsupportedOperation",
];

/// The code a variant without `#[code]` stands for: a category followed by
/// more gets a dot after the category (`FailedOperationPackageAlreadyExpired`
/// is `FailedOperation.PackageAlreadyExpired`); any other name is the code
/// itself (`InvalidParameter`). The generator writes `#[code]` only where this
/// gives something else.
pub fn implied_code(variant: &str) -> String {
    let split = CATEGORIES
        .iter()
        .find_map(|category| Some((*category, variant.strip_prefix(category)?)));
    match split {
        Some((category, rest)) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => format!("{category}.{rest}"),
        _ => variant.to_string(),
    }
}

/// The variant's `#[code = "..."]`, if it has one.
fn code_attr(variant: &syn::Variant) -> syn::Result<Option<String>> {
    let mut code = None;
    for attr in variant.attrs.iter().filter(|a| a.path().is_ident("code")) {
        let syn::Meta::NameValue(meta) = &attr.meta else {
            return Err(syn::Error::new(attr.span(), "expected `#[code = \"Wire.Code\"]`"));
        };
        match &meta.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => code = Some(text.value()),
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "expected a string: `#[code = \"Wire.Code\"]`",
                ))
            }
        }
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::implied_code;

    #[test]
    fn a_category_and_more_gets_a_dot_and_anything_else_is_itself() {
        assert_eq!(
            implied_code("FailedOperationPackageAlreadyExpired"),
            "FailedOperation.PackageAlreadyExpired"
        );
        // The longer category wins where one starts another.
        assert_eq!(
            implied_code("InvalidParameterValueInvalidTeamId"),
            "InvalidParameterValue.InvalidTeamId"
        );
        assert_eq!(
            implied_code("InvalidParameterInvalidTeamId"),
            "InvalidParameter.InvalidTeamId"
        );
        assert_eq!(implied_code("InvalidParameter"), "InvalidParameter");
        assert_eq!(implied_code("InvalidParameterValue"), "InvalidParameterValue");
        // Only an upper-case letter after the category starts a second part.
        assert_eq!(implied_code("FailedOperationx"), "FailedOperationx");
        assert_eq!(implied_code("InvalidDiskId"), "InvalidDiskId");
    }
}
