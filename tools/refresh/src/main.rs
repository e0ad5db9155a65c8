//! `tcapi-refresh`: copies a newer set of Tencent's official spec files into
//! `specs/`, prints what changed in each service version, and regenerates the
//! README's service table. See `--help`.

#![forbid(unsafe_code)]

mod args;
mod copy;
mod diff;
mod files;
mod plan;
mod readme;
mod report;
mod shape;
mod source;
mod table;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use args::{Command, Options};
use table::VersionSummary;

fn main() -> ExitCode {
    let options = match args::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("tcapi-refresh: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let outcome = match options.command {
        Command::Help => {
            println!("{}", args::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckReadme => check_readme(&options),
        Command::Refresh {
            ref source,
            dry_run,
            prune,
        } => refresh(&options, source, dry_run, prune),
    };
    outcome.unwrap_or_else(|message| {
        eprintln!("tcapi-refresh: {message}");
        ExitCode::FAILURE
    })
}

fn refresh(options: &Options, source: &Path, dry_run: bool, prune: bool) -> Result<ExitCode, String> {
    // Everything that can fail is checked before the first write.
    let readme = read_readme(&options.readme)?;
    readme::replace_table(&readme, "").map_err(|e| format!("{}: {e}", options.readme.display()))?;
    if !options.specs.is_dir() {
        return Err(format!(
            "the spec tree {} is not a directory (give it with --specs)",
            options.specs.display()
        ));
    }
    let set = source::read_official_set(source, &options.specs)?;
    let plans = plan::plan(&set, &options.specs, prune)?;
    print!("{}", report::render(&plans));
    if dry_run {
        println!("dry run: nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    copy::apply(&plans)?;

    let known: BTreeMap<_, _> = set
        .iter()
        .map(|official| {
            let dir = options.specs.join(&official.short_name).join(&official.version);
            let summary = VersionSummary {
                actions: official.actions,
                product: official.product.clone(),
            };
            (dir, summary)
        })
        .collect();
    let table = table::render(&options.specs, &known)?;
    let updated = readme::replace_table(&readme, &table).map_err(|e| format!("{}: {e}", options.readme.display()))?;
    if updated == readme {
        println!("{}: the service table is up to date", options.readme.display());
    } else {
        std::fs::write(&options.readme, updated)
            .map_err(|e| format!("cannot write {}: {e}", options.readme.display()))?;
        println!("{}: the service table is regenerated", options.readme.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn check_readme(options: &Options) -> Result<ExitCode, String> {
    let readme = read_readme(&options.readme)?;
    let table = table::render(&options.specs, &BTreeMap::new())?;
    let expected = readme::replace_table(&readme, &table).map_err(|e| format!("{}: {e}", options.readme.display()))?;
    if expected == readme {
        println!(
            "{}: the service table matches {}",
            options.readme.display(),
            options.specs.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "tcapi-refresh: {}: the service table differs from the one generated from {}; \
         regenerate it with `cargo run -p tcapi-refresh -- <dir with official files>`",
        options.readme.display(),
        options.specs.display()
    );
    Ok(ExitCode::FAILURE)
}

fn read_readme(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
