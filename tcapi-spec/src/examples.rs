//! Tencent's official example files (`*.examples.json`): sample calls of each action.
//!
//! An examples file is `{"actions": {Action: [{title, document, input, output}]}}`,
//! every value a string. `input` is a raw HTTP request (headers, a blank line,
//! then the JSON body; some older ones are GET URLs with query parameters), and
//! `output` is the whole `{"Response": …}` envelope as text, which is not always
//! valid JSON. This module reads the files into [`Examples`]; it never judges an
//! output, so that callers can count the broken ones.
//!
//! The derive never reads these files ([`load`](mod@crate::load) skips them): parsing
//! megabytes of examples has no place in a compile. The mock server and the
//! tests read them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::json::{self, as_object, kind_of};
use crate::SpecError;

/// The examples of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Examples {
    /// The file they were read from.
    pub file: PathBuf,
    /// Each action's examples, in file order, by action name.
    pub actions: BTreeMap<String, Vec<Example>>,
}

/// One example call of an action.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Example {
    /// What the example shows, e.g. `Adding an instance to a scaling group`.
    pub title: String,
    /// The raw request text, as the file gives it.
    pub input: String,
    /// The request body: the JSON object of `input` (see [`request_body`]),
    /// or `None` when `input` holds none (a GET URL, or broken JSON).
    pub body: Option<Map<String, Value>>,
    /// The raw response text, normally a `{"Response": …}` envelope; not always valid JSON.
    pub output: String,
}

impl Examples {
    /// The examples of `action`; empty when the file has none.
    pub fn of(&self, action: &str) -> &[Example] {
        self.actions.get(action).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Reads one examples file.
pub fn load(file: &Path) -> Result<Examples, SpecError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| SpecError::new(file, "", format!("cannot read the examples file: {e}")))?;
    parse(file, &text)
}

/// Reads the examples of a spec path: every `*.examples.json` of a directory,
/// or, for a spec file, the examples file beside it ([`files`]). A path without
/// examples gives an empty list.
pub fn load_dir(path: &Path) -> Result<Vec<Examples>, SpecError> {
    files(path)?.iter().map(|file| load(file)).collect()
}

/// The examples files of a spec path, sorted by name:
/// - a directory: every `*.examples.json` in it;
/// - a file `X.examples.json`: itself;
/// - another file, `X.api.json` or `X.json`: `X.examples.json` beside it, if there is one.
pub fn files(path: &Path) -> Result<Vec<PathBuf>, SpecError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| SpecError::new(path, "", format!("no spec file or directory here ({e})")))?;
    if meta.is_file() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".examples.json") {
            return Ok(vec![path.to_path_buf()]);
        }
        let stem = name
            .strip_suffix(".api.json")
            .or_else(|| name.strip_suffix(".json"))
            .unwrap_or(name);
        let beside = path.with_file_name(format!("{stem}.examples.json"));
        return Ok(if beside.is_file() { vec![beside] } else { Vec::new() });
    }
    let listing_failed = |e: std::io::Error| SpecError::new(path, "", format!("cannot list the spec directory: {e}"));
    let mut found = Vec::new();
    for entry in std::fs::read_dir(path).map_err(listing_failed)? {
        let entry = entry.map_err(listing_failed)?;
        let is_examples = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.ends_with(".examples.json"));
        if is_examples && entry.path().is_file() {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// Parses the text of an examples file; `file` names it in errors.
///
/// The top level must be an object whose `actions` is an object of lists of
/// objects; `title`, `input` and `output` must be strings when present (a
/// missing one is empty). Other keys (`document`, `version`) are ignored.
pub fn parse(file: &Path, text: &str) -> Result<Examples, SpecError> {
    let value = json::parse(file, text)?;
    let top = as_object(file, &value, "the top level")?;
    let actions = match top.get("actions") {
        Some(actions) => as_object(file, actions, "actions")?,
        None => {
            return Err(SpecError::new(
                file,
                "actions",
                "missing; an examples file maps action names to lists of examples",
            ))
        }
    };
    let mut examples = Examples {
        file: file.to_path_buf(),
        actions: BTreeMap::new(),
    };
    for (action, list) in actions {
        let at = format!("actions.{action}");
        let Value::Array(items) = list else {
            return Err(SpecError::new(
                file,
                at,
                format!("must be a list of examples, found {}", kind_of(list)),
            ));
        };
        let mut parsed = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{at}[{i}]");
            let map = as_object(file, item, &at)?;
            let text = |key: &str| -> Result<String, SpecError> {
                match map.get(key) {
                    None | Some(Value::Null) => Ok(String::new()),
                    Some(Value::String(s)) => Ok(s.clone()),
                    Some(other) => Err(SpecError::new(
                        file,
                        format!("{at}.{key}"),
                        format!("must be a string, found {}", kind_of(other)),
                    )),
                }
            };
            let input = text("input")?;
            parsed.push(Example {
                title: text("title")?,
                body: request_body(&input),
                input,
                output: text("output")?,
            });
        }
        examples.actions.insert(action.clone(), parsed);
    }
    Ok(examples)
}

/// The JSON object body of an example's raw request, if it has one.
///
/// The body is what follows the first blank line after the headers. Some
/// official inputs are the bare JSON body, and some lost their line breaks
/// (`POST / HTTP/1.1Host: …<Common request parameters>{…}`): for those the
/// body starts at the first `{`. GET URLs, and bodies that are not a JSON
/// object, give `None`.
pub fn request_body(input: &str) -> Option<Map<String, Value>> {
    let text = input.trim_start();
    let body = if text.starts_with('{') {
        text
    } else if let Some(rest) = after_blank_line(text) {
        rest
    } else if text.starts_with("POST") {
        &text[text.find('{')?..]
    } else {
        return None;
    };
    match serde_json::from_str::<Value>(body.trim()) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// The text after the first line that is empty or only whitespace.
fn after_blank_line(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(end) = rest.find('\n') {
        let (line, next) = (&rest[..end], &rest[end + 1..]);
        if line.trim().is_empty() {
            return Some(next);
        }
        rest = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Examples, SpecError> {
        parse(Path::new("x.examples.json"), text)
    }

    #[test]
    fn reads_titles_bodies_and_raw_outputs() {
        let text = r#"{"version": "1.0", "actions": {"Ping": [
            {"title": "t", "document": "d",
             "input": "POST / HTTP/1.1\nHost: x\n<Common request parameters>\n\n{\"A\": 1}",
             "output": "{\"Response\": {\"RequestId\": \"r\"}"}
        ]}}"#;
        let examples = parse_text(text).expect("parses");
        let ping = examples.of("Ping");
        assert_eq!(ping.len(), 1);
        assert_eq!(ping[0].title, "t");
        assert_eq!(ping[0].body.as_ref().and_then(|b| b.get("A")), Some(&Value::from(1)));
        assert_eq!(
            ping[0].output, "{\"Response\": {\"RequestId\": \"r\"}",
            "kept raw, even broken"
        );
        assert!(examples.of("Pong").is_empty());
    }

    #[test]
    fn finds_bodies_in_every_official_shape() {
        let body = |input: &str| request_body(input).map(|b| Value::Object(b).to_string());
        let want = Some(r#"{"A":1}"#.to_string());
        assert_eq!(body("POST / HTTP/1.1\r\nHost: x\r\n\r\n{\"A\": 1}"), want, "CRLF");
        assert_eq!(
            body("POST / HTTP/1.1\nHost: x\n  \n{\"A\": 1}\n"),
            want,
            "whitespace line"
        );
        assert_eq!(body("\n{\n  \"A\": 1\n}"), want, "bare body");
        assert_eq!(
            body("POST / HTTP/1.1Host: x<Common request parameters>{\"A\": 1}"),
            want,
            "lost breaks"
        );
        assert_eq!(body("https://as.tencentcloudapi.com/?Action=X&A=1"), None, "GET URL");
        assert_eq!(body("POST / HTTP/1.1\n\n{\"A\": 1"), None, "broken JSON");
        assert_eq!(body("POST / HTTP/1.1\n\n[1]"), None, "not an object");
        assert_eq!(body(""), None);
    }

    #[test]
    fn bad_files_name_the_location() {
        let error = |text: &str| parse_text(text).expect_err("refused");
        assert_eq!(error("{").location(), "line 1, column 1");
        assert_eq!(error("[]").location(), "the top level");
        assert_eq!(error("{}").location(), "actions");
        assert_eq!(error(r#"{"actions": {"A": {}}}"#).location(), "actions.A");
        assert_eq!(error(r#"{"actions": {"A": [1]}}"#).location(), "actions.A[0]");
        let wrong = error(r#"{"actions": {"A": [{"output": {}}]}}"#);
        assert_eq!(wrong.location(), "actions.A[0].output");
        assert!(wrong.message().contains("must be a string"), "{wrong}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_fails_without_panicking(text in "\\PC*", input in "(POST|GET|\\{|\n| |\\}|\"|:|[a-z]){0,40}") {
            let _ = parse_text(&text);
            let _ = request_body(&input);
            let file = format!(r#"{{"actions": {{"A": [{{"input": {}, "output": {}}}]}}}}"#, Value::from(input.clone()), Value::from(text));
            let parsed = parse_text(&file).expect("a well-formed file parses");
            proptest::prop_assert_eq!(&parsed.of("A")[0].input, &input);
        }
    }

    #[test]
    fn files_beside_a_spec_file() {
        let dir = std::env::temp_dir().join(format!("tcapi-examples-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        for name in ["a.api.json", "a.examples.json", "b.json", "c.examples.json"] {
            std::fs::write(dir.join(name), "{}").expect("write");
        }
        let names = |path: &Path| -> Vec<String> {
            files(path)
                .expect("listed")
                .iter()
                .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
                .collect()
        };
        assert_eq!(names(&dir), ["a.examples.json", "c.examples.json"]);
        assert_eq!(names(&dir.join("a.api.json")), ["a.examples.json"]);
        assert!(names(&dir.join("b.json")).is_empty());
        assert!(files(&dir.join("missing")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
