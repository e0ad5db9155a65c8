//! Finding and loading the spec that `#[tcapi(...)]` names: a shipped service
//! of the catalog, a spec file or directory of the user's own, or both, and
//! optionally only some of its actions.

use std::path::{Path, PathBuf};

use tcapi_spec::Service;

/// What the attribute asks for, as plain values; the proc-macro shell keeps
/// the spans and maps a [`Blame`] back to one.
#[derive(Debug, Clone, Copy)]
pub struct SpecRequest<'a> {
    /// `spec = "path"`, relative to `manifest_dir`.
    pub spec: Option<&'a str>,
    /// `service = "vpc"`: a service of the shipped catalog.
    pub service: Option<&'a str>,
    /// `version = "2017-03-12"`: one version of `service`; the newest without it.
    pub version: Option<&'a str>,
    /// `actions("A", "B")`: generate only these.
    pub actions: Option<&'a [String]>,
    /// The deriving crate's directory (`CARGO_MANIFEST_DIR`).
    pub manifest_dir: &'a Path,
}

/// The loaded service, and the files it came from.
#[derive(Debug)]
pub struct Resolved {
    /// The merged, validated service, cut down to `actions(...)` if given.
    pub service: Service,
    /// Absolute paths of the spec files, for `include_str!`.
    pub sources: Vec<String>,
    /// The layer of each source: 0 for the catalog's, 1 for the `spec` path's.
    pub layers: Vec<usize>,
}

/// Which part of the attribute an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    /// The spec as a whole: `service` if given, else `spec`.
    Anchor,
    /// The `spec` path.
    Spec,
    /// The `service` name.
    Service,
    /// The `version`.
    Version,
    /// The `actions(...)` name at this index.
    Action(usize),
}

/// Why the spec could not be resolved, and what to point at.
#[derive(Debug)]
pub struct ResolveError {
    /// What the message is about.
    pub blame: Blame,
    /// The message, starting with `tcapi: `.
    pub message: String,
}

impl ResolveError {
    fn new(blame: Blame, message: impl std::fmt::Display) -> Self {
        ResolveError {
            blame,
            message: format!("tcapi: {message}"),
        }
    }
}

/// Loads what the request names.
pub fn resolve(request: &SpecRequest<'_>) -> Result<Resolved, ResolveError> {
    let mut paths = Vec::new();
    if let Some(service) = request.service {
        paths.push(shipped_dir(service, request.version)?);
    }
    let base = match request.spec {
        Some(spec) => {
            paths.push(request.manifest_dir.join(spec));
            request.manifest_dir.to_path_buf()
        }
        None => PathBuf::from(tcapi_catalog::ROOT),
    };
    let path_refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut spec = tcapi_spec::load_all(&path_refs).map_err(|e| {
        // A problem in the user's own files points at `spec`, one in the catalog at `service`.
        let blame = match (request.spec, paths.last()) {
            (Some(_), Some(own)) if e.file().starts_with(own) => Blame::Spec,
            _ => Blame::Anchor,
        };
        ResolveError::new(blame, e.display_relative_to(&base))
    })?;
    if request.service.is_some() && spec.service.endpoint.is_none() {
        spec.service.endpoint = Some(format!(
            "{}.{}",
            spec.service.short_name,
            tcapi_spec::catalog::INTL_ROOT_DOMAIN
        ));
    }
    if let Some(actions) = request.actions {
        spec.service = select(&spec.service, actions, &describe(request, &spec.service))?;
    }
    let sources = spec
        .files
        .iter()
        .map(|file| {
            file.to_str().map(str::to_string).ok_or_else(|| {
                ResolveError::new(
                    Blame::Anchor,
                    format!("the spec path {} is not valid UTF-8", file.display()),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Resolved {
        service: spec.service,
        sources,
        layers: spec.layers,
    })
}

/// How the spec is named in messages: `service `vpc` 2017-03-12`, or the path.
fn describe(request: &SpecRequest<'_>, service: &Service) -> String {
    let (name, version) = (&service.short_name, &service.api_version);
    match (request.service, request.spec) {
        (Some(_), None) => format!("service `{name}` {version}"),
        (Some(_), Some(spec)) => format!("service `{name}` {version} with `{spec}`"),
        (None, Some(spec)) => format!("spec `{spec}`"),
        (None, None) => String::new(),
    }
}

/// The catalog directory of `service = ...`, `version = ...`; an unknown one is
/// an error at the literal that names it, with the nearest names the catalog has.
fn shipped_dir(service: &str, version: Option<&str>) -> Result<PathBuf, ResolveError> {
    let catalog = tcapi_spec::Catalog::open(tcapi_catalog::ROOT).map_err(|e| ResolveError::new(Blame::Service, e))?;
    catalog.find(service, version).map_err(|e| {
        let blame = match version {
            Some(_) if catalog.find(service, None).is_ok() => Blame::Version,
            _ => Blame::Service,
        };
        ResolveError::new(blame, e)
    })
}

/// The subset of the service that `actions(...)` names; an unknown name is an
/// error at that name, with the closest actions the spec has.
fn select(service: &Service, actions: &[String], described: &str) -> Result<Service, ResolveError> {
    service.subset(actions.iter().map(String::as_str)).map_err(|unknown| {
        let blame = actions
            .iter()
            .position(|a| a == unknown)
            .map_or(Blame::Anchor, Blame::Action);
        let hint = tcapi_spec::similar::hint(&service.similar_actions(unknown));
        ResolveError::new(blame, format!("the {described} has no action `{unknown}`{hint}"))
    })
}
