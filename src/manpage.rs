//! `gatekeep man [COMMAND]` and the shell completions' extras: one roff page per subcommand,
//! each with the exit codes and the environment variables gatekeep reads.

/// Exit codes, the same for every command.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "GO (also GO WITH ACCEPTED RISKS); for other commands, success. `check --changed` whose \
         change touches no workspace member also exits 0 (\"nothing to check\").",
    ),
    ("1", "NO-GO: a blocker gate failed or could not run."),
    (
        "2",
        "A usage or config error (the message gives file:line:col for config errors): unknown \
         flag, malformed config, two configs in one folder, `--member`/`--changed` outside a \
         workspace, a part given twice to `merge`.",
    ),
];

/// Environment variables gatekeep reads.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NO_COLOR",
        "When set and not empty, no colours (`--color auto`).",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not `0`, colours even when stdout is not a terminal (`--color auto`).",
    ),
    ("TERM", "`dumb`: no colours (`--color auto`)."),
    (
        "COLUMNS",
        "The width the table is fitted to on stdout (default: the terminal's width; report \
         files are never wrapped).",
    ),
    (
        "GITHUB_ACTIONS",
        "`true`: `check` also writes GitHub annotations and the step summary (unless \
         `--no-github`).",
    ),
    (
        "GITHUB_STEP_SUMMARY",
        "The file the Markdown summary is appended to under GitHub Actions.",
    ),
    (
        "GATEKEEP_TODAY",
        "`YYYY-MM-DD`: the date waivers are checked against (default: today), for tests and \
         reproducible runs.",
    ),
];

fn roff_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('-', "\\-").replace('`', "")
}

fn section(title: &str, items: &[(&str, &str)]) -> String {
    let mut s = format!(".SH \"{title}\"\n");
    for (k, v) in items {
        s.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_escape(k),
            roff_escape(v)
        ));
    }
    s
}

/// The man page of `gatekeep` (no `command`) or of `gatekeep COMMAND`, in roff.
pub fn render(root: clap::Command, command: Option<&str>) -> Result<String, String> {
    let page = match command {
        None => root,
        Some(name) => {
            let names: Vec<String> = root
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(sub) = root.find_subcommand(name).cloned() else {
                let hint = crate::suggest::did_you_mean(name, names.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "no command `{name}`{hint}; commands: {}",
                    names.join(", ")
                ));
            };
            // clap names are `'static`: the page is rendered once per process.
            let full: &'static str =
                Box::leak(format!("gatekeep-{}", sub.get_name()).into_boxed_str());
            sub.name(full)
                .bin_name(format!("gatekeep {}", name))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| format!("cannot render the man page: {e}"))?;
    let mut s = String::from_utf8_lossy(&buf).into_owned();
    s.push_str(&section("EXIT STATUS", EXIT_STATUS));
    s.push_str(&section("ENVIRONMENT", ENVIRONMENT));
    if command.is_none() {
        s.push_str(
            ".SH \"SEE ALSO\"\nEach command has its own page: \\fBgatekeep man check\\fR, \
             \\fBgatekeep man merge\\fR, ...\n",
        );
    }
    Ok(s)
}

/// The command line for completion scripts: `explain` completes gate kinds, finding ids and
/// rule ids (parsing does not restrict it: an unknown topic gets gatekeep's own "did you mean").
pub fn for_completion(root: clap::Command) -> clap::Command {
    let topics: Vec<clap::builder::PossibleValue> = crate::explain::topics()
        .into_iter()
        .map(|t| clap::builder::PossibleValue::new(&*Box::leak(t.into_boxed_str())))
        .collect();
    root.mut_subcommand("explain", |s| {
        s.mut_arg("topic", |a| {
            a.value_parser(clap::builder::PossibleValuesParser::new(topics))
        })
    })
    .mut_subcommand("man", |s| {
        s.mut_arg("command", |a| {
            a.value_parser(clap::builder::PossibleValuesParser::new([
                "check",
                "list",
                "explain",
                "init",
                "validate",
                "history",
                "signoff",
                "merge",
                "completions",
                "man",
                "schema",
            ]))
        })
    })
}
