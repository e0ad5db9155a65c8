//! The mock answers every tcsas action: each official example input (from
//! `specs/tcsas/2025-01-06/tcsas-2025-01-06.examples.json`) is signed and sent by
//! the client, accepted by the mock, and answered with a response that decodes
//! into the generated type.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::Serialize;
use serde_json::Value;
use tcapi_runtime::mock::MockServer;
use tcapi_runtime::{Action, ActionVisitor, ApiSpec, Client, Credentials};
use tcapi_services::Tcsas;

/// Sends an example's JSON body as action `A`, decoding into `A`'s own response type.
struct ExampleBody<A>(Value, PhantomData<A>);

impl<A> Serialize for ExampleBody<A> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<A: Action> Action for ExampleBody<A> {
    type Output = A::Output;
    type ErrorCode = A::ErrorCode;
    const INFO: tcapi_runtime::ActionInfo = A::INFO;
}

struct Collector {
    bodies: BTreeMap<&'static str, Vec<Value>>,
    actions: Vec<&'static str>,
    examples: BTreeMap<String, Vec<Value>>,
    calls: Vec<(&'static str, Value)>,
}

impl ActionVisitor for Collector {
    fn visit<A: Action>(&mut self) {
        self.actions.push(A::INFO.name);
        let bodies = self.examples.remove(A::INFO.name).unwrap_or_default();
        self.bodies.insert(A::INFO.name, bodies.clone());
        for body in bodies {
            self.calls.push((A::INFO.name, body));
        }
    }
}

struct Caller<'a> {
    client: &'a Client,
    calls: BTreeMap<&'static str, Vec<Value>>,
    runtime: &'a tokio::runtime::Runtime,
    ok: usize,
    failures: Vec<String>,
}

impl ActionVisitor for Caller<'_> {
    fn visit<A: Action>(&mut self) {
        let bodies = self.calls.remove(A::INFO.name).unwrap_or_default();
        // An action without a usable example still gets called, with an empty body
        // when it has no required members; its answer must decode all the same.
        let bodies = if bodies.is_empty() {
            vec![Value::Object(Default::default())]
        } else {
            bodies
        };
        for body in bodies {
            let request = ExampleBody::<A>(body.clone(), PhantomData);
            match self.runtime.block_on(self.client.call(&request)) {
                Ok(_) => self.ok += 1,
                Err(e)
                    if e.service_error().is_some_and(|s| s.code_str() == "MissingParameter")
                        && body == Value::Object(Default::default()) =>
                {
                    self.ok += 1; // no example: the mock rightly asks for the required members
                }
                Err(e) => self.failures.push(format!("{}: {e} (body {body})", A::INFO.name)),
            }
        }
    }
}

#[test]
fn the_mock_answers_every_tcsas_action_with_a_response_that_fits() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../specs/tcsas/2025-01-06/tcsas-2025-01-06.examples.json"
    );
    // The examples parser the mock uses: each example's JSON request body, where it has one.
    let examples: BTreeMap<String, Vec<Value>> = tcapi_runtime::mock::spec::examples::load(std::path::Path::new(path))
        .unwrap_or_else(|e| panic!("{e}"))
        .actions
        .into_iter()
        .map(|(action, list)| {
            let bodies = list.into_iter().filter_map(|e| e.body.map(Value::Object)).collect();
            (action, bodies)
        })
        .collect();
    let mut collector = Collector {
        bodies: BTreeMap::new(),
        actions: Vec::new(),
        examples,
        calls: Vec::new(),
    };
    Tcsas::visit_actions(&mut collector);
    assert_eq!(collector.actions.len(), 151);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mock = runtime
        .block_on(
            MockServer::builder()
                .credentials("AKIDall", "all-key")
                .spec_of::<Tcsas>()
                .start(),
        )
        .expect("the mock starts");
    let client = Client::builder()
        .credentials(Credentials::new("AKIDall", "all-key").expect("valid"))
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let mut caller = Caller {
        client: &client,
        calls: collector.bodies,
        runtime: &runtime,
        ok: 0,
        failures: Vec::new(),
    };
    Tcsas::visit_actions(&mut caller);
    println!("{} calls answered, {} failed", caller.ok, caller.failures.len());
    assert!(caller.failures.is_empty(), "{}", caller.failures.join("\n"));
    assert!(caller.ok >= 151);
}
