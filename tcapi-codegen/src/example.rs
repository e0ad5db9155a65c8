//! The example in each method's rustdoc: it builds the request with every
//! required member and calls the method. Every method gets one, written the
//! same way; with `#[tcapi(doc_tests)]` they are doc tests of the deriving
//! crate, otherwise plain text blocks.

use tcapi_spec::{Action, MemberType, Scalar, Service};

use crate::naming;
use crate::types::{has_builder, TypeNames};

/// How deep nested required models are written out before `todo!()` stands in.
const MAX_DEPTH: usize = 3;

/// What an example needs to know of the derive.
pub(crate) struct Context<'a> {
    pub(crate) service: &'a Service,
    pub(crate) names: &'a TypeNames,
    /// The struct's name, e.g. `Tcsas`.
    pub(crate) target: &'a str,
    /// The generated module, e.g. `tcsas`, also the example's variable.
    pub(crate) module: &'a str,
    /// The `#[tcapi(...)]` arguments that derive the struct again in a doc
    /// test, without `actions`; `None` when examples are not doc tests.
    pub(crate) doc_tests: Option<&'a str>,
}

/// The example section of `action`'s method, whose name is `method`.
pub(crate) fn example(cx: &Context, action: &Action, method: &str) -> String {
    let module = cx.module;
    let request = value(cx, &action.input, 0);
    let body = format!(
        "let request = {request};\n\
         let response = {module}.{method}(&request).await?;\n\
         println!(\"RequestId: {{}}\", response.request_id);"
    );
    match cx.doc_tests {
        // A doc test derives the struct again, for this action only, in hidden lines.
        Some(derive) => format!(
            "\n\n# Example\n\n```no_run\n\
             # use tcapi_runtime::{{Client, TcApi}};\n\
             # #[derive(TcApi)]\n\
             # #[tcapi({derive}, actions(\"{name}\"))]\n\
             # pub struct {target} {{ client: Client }}\n\
             # async fn example({module}: &{target}) -> Result<(), tcapi_runtime::Error> {{\n\
             {body}\n\
             # Ok(())\n\
             # }}\n\
             ```",
            name = action.name,
            target = cx.target,
        ),
        // Not a doc test, so that a crate's own doc tests do not list thousands of ignored ones.
        None => format!(
            "\n\n# Example\n\nIn an async function that returns `Result<_, tcapi_runtime::Error>`, \
             with `{module}` a `&{target}`:\n\n```text\n{body}\n```",
            target = cx.target,
        ),
    }
}

/// A value of object `name`: its builder with every required member, or its `Default`.
fn value(cx: &Context, name: &str, depth: usize) -> String {
    let Some(object) = cx.service.objects.get(name) else {
        return "todo!()".into();
    };
    let ty = format!("{}::{}", cx.module, cx.names.ident(name));
    if !has_builder(object) {
        return format!("{ty}::default()");
    }
    if depth > MAX_DEPTH {
        return "todo!()".into();
    }
    let fields = naming::field_names(object);
    let indent = "    ".repeat(depth + 1);
    let mut out = format!("{ty}::builder()");
    for (member, field) in object.members.iter().zip(&fields) {
        if member.required {
            let value = member_value(cx, &member.ty, depth + 1);
            out.push_str(&format!("\n{indent}.{}({value})", field.trim_start_matches("r#")));
        }
    }
    out.push_str(&format!("\n{indent}.build()"));
    out
}

fn member_value(cx: &Context, ty: &MemberType, depth: usize) -> String {
    match ty {
        MemberType::Scalar(scalar) => scalar_value(*scalar).into(),
        MemberType::ScalarList(scalar) => format!("[{}]", scalar_value(*scalar)),
        MemberType::Object(name) => value(cx, name, depth),
        MemberType::ObjectList(name) => format!("[{}]", value(cx, name, depth)),
    }
}

fn scalar_value(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String | Scalar::Binary => "\"...\"",
        Scalar::Int64 | Scalar::Uint64 => "0",
        Scalar::Float => "0.0",
        Scalar::Bool => "false",
    }
}
