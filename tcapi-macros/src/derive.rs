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
    /// `spec = "path"`: the user's own spec file or directory.
    spec: Option<LitStr>,
    /// `service = "vpc"`: a service of the shipped catalog.
    service: Option<LitStr>,
    /// `version = "2017-03-12"`: one version of `service`; the newest without it.
    version: Option<LitStr>,
    /// `actions("A", "B")`: generate only these.
    actions: Option<Vec<LitStr>>,
    /// What errors about the spec as a whole point at: `service`, else `spec`.
    anchor: LitStr,
}

impl Args {
    /// How the spec is named in messages: `service `vpc` 2017-03-12`, or the path.
    fn describe(&self, service: &tcapi_spec::Service) -> String {
        match (&self.service, &self.spec) {
            (Some(_), None) => format!("service `{}` {}", service.short_name, service.api_version),
            (Some(_), Some(spec)) => format!(
                "service `{}` {} with `{}`",
                service.short_name,
                service.api_version,
                spec.value()
            ),
            (None, Some(spec)) => format!("spec `{}`", spec.value()),
            (None, None) => String::new(),
        }
    }
}

pub(crate) fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let args = parse_args(input)?;
    let client = client_field(input)?;
    let single_field = match &input.data {
        Data::Struct(s) => s.fields.len() == 1,
        _ => false,
    };
    let mut paths = Vec::new();
    let shipped = match &args.service {
        Some(service) => {
            let dir = shipped_dir(service, args.version.as_ref())?;
            paths.push(dir);
            true
        }
        None => false,
    };
    let base = match &args.spec {
        Some(spec) => {
            let base = manifest_dir(&spec.value())?;
            paths.push(base.join(spec.value()));
            base
        }
        None => PathBuf::from(tcapi_catalog::ROOT),
    };
    let path_refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut spec = tcapi_spec::load_all(&path_refs).map_err(|e| {
        // A problem in the user's own files points at `spec`, one in the catalog at `service`.
        let at = match (&args.spec, paths.last()) {
            (Some(spec), Some(own)) if e.file().starts_with(own) => spec,
            _ => &args.anchor,
        };
        spec_error(at, &base, &e)
    })?;
    if shipped && spec.service.endpoint.is_none() {
        spec.service.endpoint = Some(format!(
            "{}.{}",
            spec.service.short_name,
            tcapi_spec::catalog::INTL_ROOT_DOMAIN
        ));
    }
    if let Some(actions) = &args.actions {
        spec.service = select(&spec.service, actions, &args.describe(&spec.service), &args.anchor)?;
    }
    let sources = spec
        .files
        .iter()
        .map(|file| {
            file.to_str().map(str::to_string).ok_or_else(|| {
                syn::Error::new(
                    args.anchor.span(),
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

/// The catalog directory of `service = ...`, `version = ...`; an unknown one is
/// an error at the literal that names it, with the nearest names the catalog has.
fn shipped_dir(service: &LitStr, version: Option<&LitStr>) -> syn::Result<PathBuf> {
    let catalog = tcapi_spec::Catalog::open(tcapi_catalog::ROOT)
        .map_err(|e| syn::Error::new(service.span(), format!("tcapi: {e}")))?;
    let name = service.value();
    catalog.find(&name, version.map(LitStr::value).as_deref()).map_err(|e| {
        let at = match version {
            Some(version) if catalog.find(&name, None).is_ok() => version.span(),
            _ => service.span(),
        };
        syn::Error::new(at, format!("tcapi: {e}"))
    })
}

fn parse_args(input: &DeriveInput) -> syn::Result<Args> {
    let (mut spec, mut service, mut version, mut actions) = (None, None, None, None);
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("tcapi")) {
        attr.parse_nested_meta(|meta| {
            let slot = if meta.path.is_ident("spec") {
                &mut spec
            } else if meta.path.is_ident("service") {
                &mut service
            } else if meta.path.is_ident("version") {
                &mut version
            } else if meta.path.is_ident("actions") {
                if actions.is_some() {
                    return Err(meta.error("`actions` is given twice"));
                }
                let content;
                syn::parenthesized!(content in meta.input);
                let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                actions = Some(names.into_iter().collect());
                return Ok(());
            } else {
                return Err(meta.error(
                    "unknown tcapi argument; expected `service = \"vpc\"`, `version = \"YYYY-MM-DD\"`, `spec = \"path/to/spec\"` or `actions(\"ActionName\", ...)`",
                ));
            };
            if slot.is_some() {
                let name = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
                return Err(meta.error(format!("`{name}` is given twice")));
            }
            *slot = Some(meta.value()?.parse::<LitStr>()?);
            Ok(())
        })?;
    }
    if let (Some(version), None) = (&version, &service) {
        return Err(syn::Error::new(
            version.span(),
            "`version` picks a version of a shipped service; add `service = \"<short name>\"` beside it",
        ));
    }
    let Some(anchor) = service.clone().or_else(|| spec.clone()) else {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(TcApi)] needs #[tcapi(service = \"<short name>\")] for a shipped service (such as `vpc` or `cvm`), or #[tcapi(spec = \"specs/<service>/<version>\")] for a spec file or directory of your own, relative to Cargo.toml",
        ));
    };
    Ok(Args {
        spec,
        service,
        version,
        actions,
        anchor,
    })
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
fn select(
    service: &tcapi_spec::Service,
    actions: &[LitStr],
    described: &str,
    anchor: &LitStr,
) -> syn::Result<tcapi_spec::Service> {
    let names: Vec<String> = actions.iter().map(LitStr::value).collect();
    service.subset(names.iter().map(String::as_str)).map_err(|unknown| {
        let at = actions
            .iter()
            .find(|a| a.value() == unknown)
            .map_or(anchor.span(), LitStr::span);
        let hint = tcapi_spec::similar::hint(&service.similar_actions(unknown));
        syn::Error::new(at, format!("tcapi: the {described} has no action `{unknown}`{hint}"))
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
