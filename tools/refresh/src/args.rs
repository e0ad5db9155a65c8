//! The command line, parsed by hand: a handful of flags needs no parser crate.

use std::path::PathBuf;

/// What the user asked for.
#[derive(Debug)]
pub enum Command {
    /// Copy the official files of `source` into the specs tree.
    Refresh {
        /// The flat directory of `<name>-<version>.{api,errors,examples}.json` files.
        source: PathBuf,
        /// Report only; write nothing.
        dry_run: bool,
        /// Delete the official files of service versions the source no longer has.
        prune: bool,
    },
    /// Regenerate the README's table in memory and fail if the file differs.
    CheckReadme,
    /// Print the usage and exit successfully.
    Help,
}

/// The parsed command line.
#[derive(Debug)]
pub struct Options {
    /// What to do.
    pub command: Command,
    /// The `<short name>/<version>/` tree (`--specs`, default `specs`).
    pub specs: PathBuf,
    /// The README holding the service table (`--readme`, default `README.md`).
    pub readme: PathBuf,
}

/// The usage text, printed by `--help` and after a usage error.
pub const USAGE: &str = "\
usage: tcapi-refresh <dir with official files> [--specs specs] [--readme README.md] [--dry-run] [--prune]
       tcapi-refresh --check-readme [--specs specs] [--readme README.md]

Copies Tencent's official <name>-<version>.{api,errors,examples}.json files from a flat
directory into <specs>/<serviceShortName>/<apiVersion>/, prints what changed in each
service version, and regenerates the service table of the README between
<!-- services:begin --> and <!-- services:end -->.

  --specs DIR      the spec tree to refresh (default: specs)
  --readme FILE    the README whose service table is regenerated (default: README.md)
  --dry-run        print the changes, write nothing
  --prune          delete the official files of service versions absent from the source
  --check-readme   exit non-zero if the README's table differs from one generated from the spec tree";

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut source = None;
    let mut specs = PathBuf::from("specs");
    let mut readme = PathBuf::from("README.md");
    let (mut dry_run, mut prune, mut check_readme, mut help) = (false, false, false, false);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--specs" => specs = value_of(&arg, args.next())?,
            "--readme" => readme = value_of(&arg, args.next())?,
            "--dry-run" => dry_run = true,
            "--prune" => prune = true,
            "--check-readme" => check_readme = true,
            "-h" | "--help" => help = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ if source.is_some() => return Err(format!("unexpected argument `{arg}`: give one source directory")),
            _ => source = Some(PathBuf::from(arg)),
        }
    }
    let command = match (help, check_readme, source) {
        (true, _, _) => Command::Help,
        (false, true, None) if !dry_run && !prune => Command::CheckReadme,
        (false, true, _) => return Err("`--check-readme` takes no source directory, `--dry-run` or `--prune`".into()),
        (false, false, Some(source)) => Command::Refresh { source, dry_run, prune },
        (false, false, None) => return Err("missing the directory with the official files".into()),
    };
    Ok(Options { command, specs, readme })
}

fn value_of(flag: &str, value: Option<String>) -> Result<PathBuf, String> {
    match value {
        Some(value) if !value.starts_with('-') => Ok(PathBuf::from(value)),
        _ => Err(format!("`{flag}` needs a path")),
    }
}
