//! The real `tcapi-refresh` binary, run on small official sets written by the tests
//! into scratch directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

const README: &str = "# scratch\n\nbefore\n<!-- services:begin -->\n<!-- services:end -->\nafter\n";

/// A scratch directory with `official/`, `specs/` and `README.md`, removed on drop.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(test: &str) -> Scratch {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
        let root = std::env::temp_dir().join(format!("tcapi-refresh-{test}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(root.join("official")).unwrap();
        std::fs::create_dir_all(root.join("specs")).unwrap();
        std::fs::write(root.join("README.md"), README).unwrap();
        Scratch { root }
    }

    fn official(&self) -> PathBuf {
        self.root.join("official")
    }

    fn specs(&self) -> PathBuf {
        self.root.join("specs")
    }

    fn readme(&self) -> String {
        read(&self.root.join("README.md"))
    }

    /// Writes the three official files of one service version into `official/`.
    fn publish(&self, stem: &str, api: &Value) {
        let official = self.official();
        std::fs::write(official.join(format!("{stem}.api.json")), pretty(api)).unwrap();
        let actions: serde_json::Map<String, Value> = api["actions"]
            .as_object()
            .unwrap()
            .keys()
            .map(|action| (action.clone(), json!(["FailedOperation"])))
            .collect();
        let errors = json!({"codes": {"FailedOperation": "The operation failed."}, "actions": actions});
        std::fs::write(official.join(format!("{stem}.errors.json")), pretty(&errors)).unwrap();
        std::fs::write(official.join(format!("{stem}.examples.json")), "{\"actions\": {}}\n").unwrap();
    }

    /// Runs the tool on `official/` with this scratch's specs and README, plus `extra`.
    fn refresh(&self, extra: &[&str]) -> Run {
        let mut args: Vec<String> = vec![
            self.official().display().to_string(),
            "--specs".into(),
            self.specs().display().to_string(),
            "--readme".into(),
            self.root.join("README.md").display().to_string(),
        ];
        args.extend(extra.iter().map(|arg| arg.to_string()));
        run(&args)
    }

    /// Every file under `specs/`, relative to it, sorted.
    fn spec_files(&self) -> Vec<String> {
        fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, base, out);
                } else {
                    out.push(path.strip_prefix(base).unwrap().display().to_string());
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.specs(), &self.specs(), &mut files);
        files.sort();
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

fn run(args: &[String]) -> Run {
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_tcapi-refresh"))
        .args(args)
        .output()
        .unwrap();
    Run {
        success: status.success(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

fn member(name: &str, ty: &str, inner: &str) -> Value {
    json!({"name": name, "type": ty, "member": inner, "document": name, "required": false})
}

/// An api.json with one action per name, each with an empty request and a response
/// of RequestId; `objects` adds or replaces objects.
fn api(short_name: &str, version: &str, product: &str, actions: &[&str], objects: Value) -> Value {
    let mut spec = json!({
        "version": "1.0",
        "metadata": {"serviceShortName": short_name, "apiVersion": version, "serviceNameCN": product},
        "actions": {},
        "objects": {},
    });
    for action in actions {
        spec["actions"][action] = json!({
            "name": action, "document": action, "status": "online",
            "input": format!("{action}Request"), "output": format!("{action}Response"),
        });
        spec["objects"][format!("{action}Request")] = json!({"type": "object", "document": "", "members": []});
        spec["objects"][format!("{action}Response")] =
            json!({"type": "object", "document": "", "members": [member("RequestId", "string", "string")]});
    }
    for (name, object) in objects.as_object().unwrap() {
        spec["objects"][name] = object.clone();
    }
    spec
}

/// `ping 2020-01-01`: Ping takes a Limit and Names and returns Items with Tags.
fn ping() -> Value {
    api(
        "ping",
        "2020-01-01",
        "连通测试",
        &["Ping"],
        json!({
            "PingRequest": {"type": "object", "document": "", "members": [
                member("Limit", "int", "int64"), member("Names", "list", "string"),
            ]},
            "PingResponse": {"type": "object", "document": "", "members": [
                member("Items", "list", "Item"), member("RequestId", "string", "string"),
            ]},
            "Item": {"usage": "out", "document": "", "members": [
                member("Id", "string", "string"), member("Tags", "list", "Tag"),
            ]},
            "Tag": {"usage": "out", "document": "", "members": [member("Key", "string", "string")]},
        }),
    )
}

/// `echo 2021-02-03`, published under the CLI folder name `echoer` (as `as` is under `autoscaling`).
fn echo() -> Value {
    api("echo", "2021-02-03", "回声", &["Echo"], json!({}))
}

/// The report: stdout without the last line, which says what happened to the README.
fn report(run: &Run) -> String {
    let lines: Vec<&str> = run.stdout.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

#[test]
fn a_refresh_reports_each_change_and_copies_only_official_files() {
    let scratch = Scratch::new("changes");
    scratch.publish("ping-2020-01-01", &ping());
    scratch.publish("echoer-2021-02-03", &echo());

    let first = scratch.refresh(&[]);
    assert!(first.success, "{}", first.stderr);
    assert_eq!(
        report(&first),
        "echo 2021-02-03: new service version, 1 action\n\
         ping 2020-01-01: new service version, 1 action\n\
         2 service versions: 2 added, 0 removed, 0 changed, 0 unchanged"
    );
    assert_eq!(
        scratch.spec_files(),
        [
            "echo/2021-02-03/echoer-2021-02-03.api.json",
            "echo/2021-02-03/echoer-2021-02-03.errors.json",
            "echo/2021-02-03/echoer-2021-02-03.examples.json",
            "ping/2020-01-01/ping-2020-01-01.api.json",
            "ping/2020-01-01/ping-2020-01-01.errors.json",
            "ping/2020-01-01/ping-2020-01-01.examples.json",
        ]
    );
    assert_eq!(
        scratch.readme(),
        "# scratch\n\nbefore\n<!-- services:begin -->\n\
         | service | versions | actions | product |\n|---|---|---|---|\n\
         | echo | 2021-02-03 | 1 | 回声 |\n\
         | ping | 2020-01-01 | 1 | 连通测试 |\n\
         | **2 services** | **2 versions** | **2** | |\n\
         <!-- services:end -->\nafter\n"
    );

    let again = scratch.refresh(&[]);
    assert!(again.success, "{}", again.stderr);
    assert_eq!(
        report(&again),
        "2 service versions: 0 added, 0 removed, 0 changed, 2 unchanged"
    );

    // The project's own file beside the official ones: an extra action the derive merges in.
    let own = scratch.specs().join("ping/2020-01-01/Custom.json");
    let own_text = pretty(&api("ping", "2020-01-01", "", &["Custom"], json!({})));
    std::fs::write(&own, &own_text).unwrap();

    let mut newer = ping();
    let pong = api("ping", "2020-01-01", "", &["Pong"], json!({}));
    newer["actions"]["Pong"] = pong["actions"]["Pong"].clone();
    for object in ["PongRequest", "PongResponse"] {
        newer["objects"][object] = pong["objects"][object].clone();
    }
    newer["objects"]["PingRequest"]["members"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    newer["objects"]["Item"]["members"][1] = member("Tags", "list", "string");
    newer["objects"].as_object_mut().unwrap().remove("Tag");
    scratch.publish("ping-2020-01-01", &newer);
    scratch.publish(
        "zed-2022-03-04",
        &api("zed", "2022-03-04", "终点", &["Stop"], json!({})),
    );

    let changed = scratch.refresh(&[]);
    assert!(changed.success, "{}", changed.stderr);
    assert_eq!(
        report(&changed),
        "ping 2020-01-01: changed (api, errors)\n  \
           + action Pong\n  \
           - object Tag\n  \
           ~ member Item.Tags: list<Tag> → list<string>\n  \
           - member PingRequest.Names: list<string>\n\
         zed 2022-03-04: new service version, 1 action\n\
         3 service versions: 1 added, 0 removed, 1 changed, 1 unchanged"
    );
    let copied = scratch.specs().join("ping/2020-01-01/ping-2020-01-01.api.json");
    assert_eq!(read(&copied), pretty(&newer));
    assert_eq!(read(&own), own_text, "the project's own file must survive a refresh");
    let readme = scratch.readme();
    assert!(readme.contains("| ping | 2020-01-01 | 3 | 连通测试 |\n"), "{readme}");
    assert!(readme.contains("| zed | 2022-03-04 | 1 | 终点 |\n"), "{readme}");

    // echo leaves the official set: reported, kept, and deleted only with --prune.
    for kind in ["api", "errors", "examples"] {
        std::fs::remove_file(scratch.official().join(format!("echoer-2021-02-03.{kind}.json"))).unwrap();
    }
    std::fs::write(scratch.specs().join("echo/2021-02-03/notes.txt"), "ours\n").unwrap();
    let kept = scratch.refresh(&[]);
    assert!(kept.success, "{}", kept.stderr);
    assert_eq!(
        report(&kept),
        "echo 2021-02-03: removed from the official set; kept (--prune deletes its official files)\n\
         3 service versions: 0 added, 1 removed, 0 changed, 2 unchanged"
    );
    assert!(scratch
        .specs()
        .join("echo/2021-02-03/echoer-2021-02-03.api.json")
        .exists());

    let pruned = scratch.refresh(&["--prune"]);
    assert!(pruned.success, "{}", pruned.stderr);
    assert_eq!(
        report(&pruned),
        "echo 2021-02-03: removed from the official set; its official files are deleted\n  \
           the project's own files stay: notes.txt\n\
         3 service versions: 0 added, 1 removed, 0 changed, 2 unchanged"
    );
    assert!(scratch.spec_files().contains(&"echo/2021-02-03/notes.txt".to_string()));
    assert!(!scratch
        .spec_files()
        .iter()
        .any(|f| f.starts_with("echo/") && f.ends_with(".json")));
    assert!(!scratch.readme().contains("| echo |"));
}

#[test]
fn a_dry_run_prints_the_changes_and_writes_nothing() {
    let scratch = Scratch::new("dry-run");
    scratch.publish("ping-2020-01-01", &ping());

    let dry = scratch.refresh(&["--dry-run"]);
    assert!(dry.success, "{}", dry.stderr);
    assert_eq!(
        dry.stdout,
        "ping 2020-01-01: new service version, 1 action\n\
         1 service versions: 1 added, 0 removed, 0 changed, 0 unchanged\n\
         dry run: nothing written\n"
    );
    assert!(scratch.spec_files().is_empty());
    assert_eq!(scratch.readme(), README);
}

#[test]
fn a_set_the_derive_cannot_load_is_refused_before_anything_is_written() {
    let scratch = Scratch::new("broken");
    scratch.publish("echoer-2021-02-03", &echo());
    let mut broken = ping();
    broken["objects"]["PingRequest"]["members"][0] = member("Limit", "int", "int32");
    scratch.publish("ping-2020-01-01", &broken);

    let refused = scratch.refresh(&[]);
    assert!(!refused.success);
    let file = scratch.official().join("ping-2020-01-01.api.json");
    assert!(
        refused.stderr.contains(&format!(
            "{}: at objects.PingRequest.members[0].member: unknown member type `int32`",
            file.display()
        )),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("nothing was written"), "{}", refused.stderr);
    assert!(
        scratch.spec_files().is_empty(),
        "echo sorts first but must not be copied either"
    );
    assert_eq!(scratch.readme(), README);

    std::fs::write(&file, "{\n  \"metadata\": {\n    \"apiVersion\" 1\n").unwrap();
    let not_json = scratch.refresh(&[]);
    assert!(!not_json.success);
    assert!(
        not_json
            .stderr
            .contains(&format!("{}: at line 3, column 18: invalid JSON", file.display())),
        "{}",
        not_json.stderr
    );
    assert!(scratch.spec_files().is_empty());
}

#[test]
fn a_readme_without_the_markers_is_an_error() {
    let scratch = Scratch::new("no-markers");
    scratch.publish("ping-2020-01-01", &ping());
    std::fs::write(scratch.root.join("README.md"), "# no table\n").unwrap();

    let failed = scratch.refresh(&[]);
    assert!(!failed.success);
    assert!(failed.stderr.contains("<!-- services:begin -->"), "{}", failed.stderr);
    assert!(scratch.spec_files().is_empty());
}

#[test]
fn the_repository_readme_lists_every_shipped_service() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).unwrap();
    let check = run(&[
        "--check-readme".into(),
        "--specs".into(),
        repo.join("specs").display().to_string(),
        "--readme".into(),
        repo.join("README.md").display().to_string(),
    ]);
    assert!(check.success, "{}{}", check.stdout, check.stderr);
}

#[test]
fn official_files_under_a_new_folder_name_replace_the_old_ones() {
    let scratch = Scratch::new("renamed");
    scratch.publish("echoer-2021-02-03", &echo());
    assert!(scratch.refresh(&[]).success);
    for kind in ["api", "errors", "examples"] {
        std::fs::remove_file(scratch.official().join(format!("echoer-2021-02-03.{kind}.json"))).unwrap();
    }
    scratch.publish("echo-2021-02-03", &echo());

    let renamed = scratch.refresh(&[]);
    assert!(renamed.success, "{}", renamed.stderr);
    assert_eq!(
        report(&renamed),
        "echo 2021-02-03: changed (api, errors, examples)\n  \
           - file echoer-2021-02-03.api.json (not in the new set)\n  \
           - file echoer-2021-02-03.errors.json (not in the new set)\n  \
           - file echoer-2021-02-03.examples.json (not in the new set)\n  \
           api: no action or member changed (documents or flags only)\n\
         1 service versions: 0 added, 0 removed, 1 changed, 0 unchanged"
    );
    assert_eq!(
        scratch.spec_files(),
        [
            "echo/2021-02-03/echo-2021-02-03.api.json",
            "echo/2021-02-03/echo-2021-02-03.errors.json",
            "echo/2021-02-03/echo-2021-02-03.examples.json",
        ]
    );
}
