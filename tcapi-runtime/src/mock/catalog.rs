//! What the mock serves: each service version with its official examples, and
//! the loading of spec directories, a whole catalog in parallel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use serde_json::{Map, Value};
use tcapi_spec::examples::Examples;
use tcapi_spec::{Catalog, Object, Service};

use super::{respond, validate};

/// At most this many threads load a catalog.
const MAX_LOADERS: usize = 4;

/// One service version the mock serves.
pub(super) struct Served {
    pub(super) service: Service,
    /// The official examples beside the spec; empty for a spec compiled into a client.
    examples: Vec<Examples>,
    /// Each action's answer taken from its examples, chosen on the first call to
    /// the service: most services are never called, so most examples are never parsed.
    answers: OnceLock<HashMap<String, Map<String, Value>>>,
}

impl Served {
    pub(super) fn new(service: Service, examples: Vec<Examples>) -> Self {
        Served {
            service,
            examples,
            answers: OnceLock::new(),
        }
    }

    /// The default `Response` of an action, without `RequestId`: its first
    /// official example that fits, else one built from the members' examples.
    pub(super) fn answer(&self, action: &str, output: &Object) -> Map<String, Value> {
        let answers = self.answers.get_or_init(|| {
            self.service
                .actions
                .keys()
                .filter_map(|name| Some((name.clone(), example_answer(&self.service, &self.examples, name)?)))
                .collect()
        });
        match answers.get(action) {
            Some(answer) => answer.clone(),
            None => respond::example(&self.service, output),
        }
    }
}

/// The RequestId that [`default_response`] puts in; the mock puts a fresh one in each answer.
const PLACEHOLDER_REQUEST_ID: &str = "00000000-0000-4000-8000-000000000000";

/// The answer the mock gives by default to `action`, as a `{"Response": {…}}`
/// envelope with a placeholder RequestId: the first official example response
/// of the action that parses, is a success (no `Response.Error`) and passes
/// [`validate_response`](super::validate_response); else a response built from
/// the response members' examples. `None` when the service has no such action.
///
/// `examples` are the official examples of the service, as
/// [`spec::examples::load_dir`](tcapi_spec::examples::load_dir) reads them.
pub fn default_response(service: &Service, examples: &[Examples], action: &str) -> Option<Value> {
    let output = service.output(service.actions.get(action)?)?;
    let mut response = example_answer(service, examples, action).unwrap_or_else(|| respond::example(service, output));
    response.insert("RequestId".into(), Value::String(PLACEHOLDER_REQUEST_ID.into()));
    let mut envelope = Map::new();
    envelope.insert("Response".into(), Value::Object(response));
    Some(Value::Object(envelope))
}

/// The `Response` of the first official example of `action` that parses, is a
/// success and passes the response validator once given a RequestId; without
/// its RequestId, which the mock replaces with a fresh one.
pub(super) fn example_answer(service: &Service, examples: &[Examples], action: &str) -> Option<Map<String, Value>> {
    let output = service.output(service.actions.get(action)?)?;
    examples.iter().flat_map(|file| file.of(action)).find_map(|example| {
        let Ok(Value::Object(mut envelope)) = serde_json::from_str::<Value>(&example.output) else {
            return None;
        };
        let Some(Value::Object(mut response)) = envelope.remove("Response") else {
            return None;
        };
        response.insert("RequestId".into(), Value::String(String::new()));
        let response = Value::Object(response);
        validate::response(service, output, &response).ok()?;
        let Value::Object(mut response) = response else {
            return None;
        };
        response.remove("RequestId");
        Some(response)
    })
}

/// Loads one spec file or directory and the examples beside it.
pub(super) fn load(path: &Path) -> Result<Served, String> {
    let service = tcapi_spec::load(path).map_err(|e| e.to_string())?.service;
    let examples = tcapi_spec::examples::load_dir(path).map_err(|e| e.to_string())?;
    Ok(Served::new(service, examples))
}

/// Loads every path, on a few threads; the results are in the order of `paths`.
pub(super) fn load_all(paths: &[PathBuf]) -> Vec<Result<Served, String>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_LOADERS)
        .min(paths.len());
    if threads <= 1 {
        return paths.iter().map(|path| load(path)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Served, String>>> = paths.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut loaded = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break };
                        loaded.push((i, load(path)));
                    }
                    loaded
                })
            })
            .collect();
        for worker in workers {
            // A loader that panicked leaves its paths unloaded; they are reported below.
            for (i, result) in worker.join().unwrap_or_default() {
                if let Some(slot) = results.get_mut(i) {
                    *slot = Some(result);
                }
            }
        }
    });
    results
        .into_iter()
        .zip(paths)
        .map(|(result, path)| result.unwrap_or_else(|| Err(format!("{}: loading failed", path.display()))))
        .collect()
}

/// Every `<service>/<version>` directory under `root`, sorted.
pub(super) fn version_dirs(root: &Path) -> Result<Vec<PathBuf>, String> {
    // The same listing the derive uses, so that both see the same service versions.
    let dirs: Vec<PathBuf> = Catalog::open(root).map_err(|e| e.to_string())?.dirs().collect();
    if dirs.is_empty() {
        return Err(format!(
            "no <service>/<YYYY-MM-DD> directories under {}",
            root.display()
        ));
    }
    Ok(dirs)
}
