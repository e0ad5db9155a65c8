//! The proc-macro shell: parse `#[tcapi(...)]` and the struct, load the spec,
//! and map every failure to a `syn::Error` at the right span.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::Token;
use syn::{Data, DeriveInput, Fields, LitStr, Member, Type};

use crate::codegen::{self, Target};

/// Lets test harnesses such as trybuild, which build in a scratch directory,
/// resolve spec paths that are not found there against the real crate.
const MANIFEST_DIR_OVERRIDE: &str = "TCAPI_MANIFEST_DIR_OVERRIDE";

struct Args {
    spec: LitStr,
    /// `actions("A", "B")`: generate only these.
    actions: Option<Vec<LitStr>>,
}

pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let args = parse_args(input)?;
    let client = client_field(input)?;
    let single_field = match &input.data {
        Data::Struct(s) => s.fields.len() == 1,
        _ => false,
    };
    let base = manifest_dir(&args.spec.value())?;
    let mut spec = tcapi_spec::load(&base.join(args.spec.value())).map_err(|e| spec_error(&args.spec, &base, &e))?;
    if let Some(actions) = &args.actions {
        spec.service = select(&spec.service, actions, &args.spec)?;
    }
    let sources = spec
        .files
        .iter()
        .map(|file| {
            file.to_str().map(str::to_string).ok_or_else(|| {
                syn::Error::new(
                    args.spec.span(),
                    format!("tcapi: the spec path {} is not valid UTF-8", file.display()),
                )
            })
        })
        .collect::<syn::Result<Vec<_>>>()?;
    let target = Target {
        ident: input.ident.clone(),
        vis: input.vis.clone(),
        generics: input.generics.clone(),
        client,
        single_field,
        sources,
    };
    Ok(codegen::generate(&spec.service, &target))
}

fn parse_args(input: &DeriveInput) -> syn::Result<Args> {
    let mut spec = None;
    let mut actions = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("tcapi")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("spec") {
                if spec.is_some() {
                    return Err(meta.error("`spec` is given twice"));
                }
                spec = Some(meta.value()?.parse::<LitStr>()?);
                Ok(())
            } else if meta.path.is_ident("actions") {
                if actions.is_some() {
                    return Err(meta.error("`actions` is given twice"));
                }
                let content;
                syn::parenthesized!(content in meta.input);
                let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                actions = Some(names.into_iter().collect());
                Ok(())
            } else {
                Err(meta.error(
                    "unknown tcapi argument; expected `spec = \"path/to/spec\"` or `actions(\"ActionName\", ...)`",
                ))
            }
        })?;
    }
    let spec = spec.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            "#[derive(TcApi)] needs #[tcapi(spec = \"specs/<service>/<version>\")]: a spec file or directory, relative to Cargo.toml",
        )
    })?;
    Ok(Args { spec, actions })
}

/// The field that holds the `Client`: the one whose type's last path segment is `Client`.
fn client_field(input: &DeriveInput) -> syn::Result<Member> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(TcApi)] works on a struct with a `client: Client` field",
        ));
    };
    let is_client = |ty: &Type| match ty {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Client"),
        _ => false,
    };
    let found = match &data.fields {
        Fields::Named(fields) => fields
            .named
            .iter()
            .find(|f| is_client(&f.ty))
            .and_then(|f| f.ident.clone().map(Member::Named)),
        Fields::Unnamed(fields) => fields.unnamed.iter().position(|f| is_client(&f.ty)).map(|i| {
            Member::Unnamed(syn::Index {
                index: i as u32,
                span: fields.span(),
            })
        }),
        Fields::Unit => None,
    };
    found.ok_or_else(|| {
        syn::Error::new(
            input.ident.span(),
            format!(
                "#[derive(TcApi)] needs a field of type `tcapi_runtime::Client` to send calls with; add `client: Client` to `{}`",
                input.ident
            ),
        )
    })
}

/// The subset of the service that `actions(...)` names; an unknown name is an
/// error at that name, with the closest actions the spec has.
fn select(service: &tcapi_spec::Service, actions: &[LitStr], spec: &LitStr) -> syn::Result<tcapi_spec::Service> {
    let names: Vec<String> = actions.iter().map(LitStr::value).collect();
    service.subset(names.iter().map(String::as_str)).map_err(|unknown| {
        let at = actions
            .iter()
            .find(|a| a.value() == unknown)
            .map_or(spec.span(), LitStr::span);
        let similar = service.similar_actions(unknown);
        let hint = match similar.as_slice() {
            [] => String::new(),
            [one] => format!("; did you mean `{one}`?"),
            many => format!(
                "; did you mean one of {}?",
                many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        syn::Error::new(
            at,
            format!("tcapi: the spec `{}` has no action `{unknown}`{hint}", spec.value()),
        )
    })
}

/// The spec error as a compile error at the attribute, with files shown
/// relative to the crate so that the message matches what the user wrote.
fn spec_error(spec: &LitStr, base: &Path, error: &tcapi_spec::SpecError) -> syn::Error {
    syn::Error::new(spec.span(), format!("tcapi: {}", error.display_relative_to(base)))
}

/// The directory spec paths are relative to: the crate's, unless the path is
/// not there and a test harness named another directory in the override.
fn manifest_dir(relative: &str) -> syn::Result<PathBuf> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "tcapi: CARGO_MANIFEST_DIR is not set; build with cargo",
            )
        })?;
    match std::env::var_os(MANIFEST_DIR_OVERRIDE).map(PathBuf::from) {
        Some(fallback) if !manifest.join(relative).exists() => Ok(fallback),
        _ => Ok(manifest),
    }
}
