// A spec with models and no action derives a client without methods, and without a warning.
#![deny(warnings)]

use tcapi_runtime::{Client, TcApi};

/// A client of no action.
#[derive(TcApi)]
#[tcapi(spec = "tests/ui/specs/objects_only.json")]
pub struct Shapes {
    client: Client,
}

fn main() {
    let shape = shapes::Shape {
        name: Some("square".into()),
    };
    assert_eq!(shape.name.as_deref(), Some("square"));
}
