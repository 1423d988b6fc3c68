//! Config loading: every error has a file, line and column.

use super::*;

fn toml_err(src: &str) -> Located {
    match parse(src, "gates.toml", Syntax::Toml, Path::new(".")) {
        Err(ConfigError::Invalid(l)) => *l,
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("config was accepted:\n{src}"),
    }
}

fn yaml_err(src: &str) -> Located {
    match parse(src, "gates.yaml", Syntax::Yaml, Path::new(".")) {
        Err(ConfigError::Invalid(l)) => *l,
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("config was accepted:\n{src}"),
    }
}

fn at(l: &Located) -> (usize, usize) {
    (l.pos.line, l.pos.col)
}

const CMD: &str = "[gates.build]\nkind = \"command\"\nrun = \"make\"\n";

#[test]
fn a_full_config_loads_in_order() {
    let src = r#"
[project]
name = "tallinn"
exclude = ["vendor/**"]

[gates.zeta]
kind = "command"
run = "true"
level = "warning"
timeout = "10m"

[gates.alpha]
kind = "size"
include = ["dist/**"]
thresholds = ["bytes < 10MB", "files <= 3"]

[[waivers]]
gate = "zeta"
metric = "exit_code"
reason = "flaky runner"
owner = "qa-lead"
expires = 2025-08-15

[profiles.fast-track]
gates = ["alpha"]
thresholds = { alpha = ["bytes < 20MB"] }
levels = { alpha = "warning" }
"#;
    let mut c = parse(src, "gates.toml", Syntax::Toml, Path::new(".")).unwrap();
    assert_eq!(c.project.name.as_deref(), Some("tallinn"));
    let ids: Vec<&str> = c.gates.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, vec!["zeta", "alpha"]);
    assert_eq!(c.gates[0].timeout, Duration::from_secs(600));
    assert_eq!(c.gates[0].level, Level::Warning);
    assert_eq!(
        c.gates[0].thresholds[0].expr, "exit_code == 0",
        "kind default"
    );
    assert_eq!(c.gates[1].thresholds.len(), 2);
    assert_eq!(c.waivers[0].expires.to_string(), "2025-08-15");
    let skipped = c.apply_profile("fast-track").unwrap();
    assert_eq!(skipped, vec!["zeta"]);
    assert_eq!(c.gates[1].thresholds[0].expr, "bytes < 20MB");
    assert_eq!(c.gates[1].level, Level::Warning);
    let e = c.apply_profile("fast-trak").unwrap_err();
    assert!(e.contains("did you mean `fast-track`"), "{e}");
}

#[test]
fn yaml_has_the_same_structure() {
    let src = "project:\n  name: tallinn\ngates:\n  build:\n    kind: command\n    run: make\n    thresholds: [\"duration < 2m\"]\nwaivers:\n  - gate: build\n    reason: r\n    owner: o\n    expires: 2025-08-15\n";
    let c = parse(src, "gates.yaml", Syntax::Yaml, Path::new(".")).unwrap();
    assert_eq!(c.gates[0].id, "build");
    assert_eq!(c.gates[0].thresholds[0].expr, "duration < 2m");
    assert_eq!(c.waivers[0].expires, Date::parse("2025-08-15").unwrap());
}

#[test]
fn unknown_top_level_key() {
    let l = toml_err("[gate.xml]\n");
    assert_eq!(at(&l), (1, 2));
    assert_eq!(l.suggestion.as_deref(), Some("gates"));
}

#[test]
fn unknown_gate_key_suggests_option_or_common_key() {
    let l = toml_err(&format!("{CMD}thresolds = [\"exit_code == 0\"]\n"));
    assert_eq!(at(&l), (4, 1));
    assert!(
        l.message.contains("unknown key `thresolds`")
            || l.message.contains("unknown key `thresolds`")
            || l.message.contains("`thresolds`"),
        "{}",
        l.message
    );
    assert_eq!(l.suggestion.as_deref(), Some("thresholds"));
    let l = toml_err(&format!("{CMD}rnu = 1\n"));
    assert_eq!(at(&l), (4, 1));
    assert_eq!(l.suggestion.as_deref(), Some("run"));
}

#[test]
fn wrong_types() {
    let l = toml_err(&format!("{CMD}level = 3\n"));
    assert_eq!(at(&l), (4, 9));
    let l = toml_err(&format!("{CMD}thresholds = \"exit_code == 0\"\n"));
    assert_eq!(at(&l), (4, 14));
    assert!(l.message.contains("expected a sequence"), "{}", l.message);
    let l = toml_err("[gates.build]\nkind = \"command\"\nrun = [\"make\"]\n");
    assert_eq!(at(&l), (3, 7));
    let l = toml_err(&format!("{CMD}level = \"blockr\"\n"));
    assert_eq!(l.suggestion.as_deref(), Some("blocker"));
    let l = toml_err("gates = 5\n");
    assert_eq!(at(&l), (1, 1));
}

#[test]
fn unknown_kind() {
    let l = toml_err("[gates.cov]\nkind = \"coverge\"\n");
    assert_eq!(at(&l), (2, 8));
    assert_eq!(l.suggestion.as_deref(), Some("coverage"));
    let l = toml_err("[gates.covrage]\nreports = []\n");
    assert_eq!(at(&l), (1, 8));
    assert!(l.message.contains("needs a `kind`"), "{}", l.message);
    assert_eq!(l.suggestion.as_deref(), Some("coverage"));
}

#[test]
fn unknown_metric_and_incompatible_units() {
    let l = toml_err(&format!("{CMD}thresholds = [\"exit_cod == 0\"]\n"));
    assert_eq!(at(&l), (4, 16));
    assert!(
        l.message.contains("unknown metric `exit_cod`"),
        "{}",
        l.message
    );
    assert_eq!(l.suggestion.as_deref(), Some("exit_code"));
    let l = toml_err(&format!(
        "{CMD}thresholds = [\"exit_code == 0\", \"duration < 10MB\"]\n"
    ));
    assert_eq!(at(&l), (4, 34));
    assert!(
        l.message.contains("is a time, but the value is a size"),
        "{}",
        l.message
    );
    let l = toml_err(&format!("{CMD}thresholds = [\"duration < 10 parsecs\"]\n"));
    assert_eq!(at(&l), (4, 30));
    assert!(
        l.message.contains("unknown unit `parsecs`"),
        "{}",
        l.message
    );
    let l = toml_err(&format!("{CMD}thresholds = [\"duration about 10s\"]\n"));
    assert!(l.message.contains("op one of"), "{}", l.message);
    let l = toml_err(&format!("{CMD}thresholds = []\n"));
    assert!(l.message.contains("which checks nothing"), "{}", l.message);
    assert!(l.message.contains("`exit_code == 0`"), "{}", l.message);
    let l = toml_err("[gates.pkg]\nkind = \"size\"\nthresholds = []\n");
    assert!(
        l.message.contains("kind `size` has no defaults"),
        "{}",
        l.message
    );
    let l = toml_err("[gates.pkg]\nkind = \"size\"\n");
    assert!(l.message.contains("has no defaults"), "{}", l.message);
}

#[test]
fn waiver_errors() {
    let w = |body: &str| format!("{CMD}[[waivers]]\n{body}");
    let l = toml_err(&w(
        "gate = \"biuld\"\nreason = \"r\"\nowner = \"o\"\nexpires = 2025-08-15\n",
    ));
    assert_eq!(at(&l), (5, 8));
    assert_eq!(l.suggestion.as_deref(), Some("build"));
    let l = toml_err(&w(
        "gate = \"build\"\nreason = \"r\"\nowner = \"o\"\nexpires = \"2025-02-30\"\n",
    ));
    assert_eq!(at(&l), (8, 11));
    assert!(
        l.message.contains("invalid date `2025-02-30`"),
        "{}",
        l.message
    );
    let l = toml_err(&w("gate = \"build\"\nreason = \"r\"\nowner = \"o\"\n"));
    assert!(l.message.contains("missing key `expires`"), "{}", l.message);
    let l = toml_err(&w(
        "gate = \"build\"\nreason = \"\"\nowner = \"o\"\nexpires = 2025-08-15\n",
    ));
    assert!(
        l.message.contains("`reason` must not be empty"),
        "{}",
        l.message
    );
    let l = toml_err(&w(
        "gate = \"build\"\nmetric = \"exit\"\nreason = \"r\"\nowner = \"o\"\nexpires = 2025-08-15\n",
    ));
    assert_eq!(at(&l), (6, 10));
    assert_eq!(l.suggestion.as_deref(), Some("exit_code"));
}

#[test]
fn profile_errors() {
    let l = toml_err(&format!("{CMD}[profiles.fast]\ngates = [\"biuld\"]\n"));
    assert_eq!(at(&l), (5, 10));
    let l = toml_err(&format!(
        "{CMD}[profiles.fast]\nthresholds = {{ build = [\"exit_cod == 0\"] }}\n"
    ));
    assert!(l.message.contains("unknown metric"), "{}", l.message);
    let l = toml_err(&format!(
        "{CMD}[profiles.fast]\nlevel = {{ build = \"warning\" }}\n"
    ));
    assert_eq!(l.suggestion.as_deref(), Some("levels"));
}

#[test]
fn syntax_errors_have_positions() {
    let l = toml_err("[gates.build]\nkind = \"command\nrun = 1\n");
    assert_eq!(l.pos.line, 2);
    assert!(l.message.starts_with("invalid TOML"), "{}", l.message);
    let l = yaml_err("gates:\n  build:\n    kind: command\n   run: x\n");
    assert_eq!(l.pos.line, 4);
    assert!(l.message.starts_with("invalid YAML"), "{}", l.message);
}

#[test]
fn yaml_errors_have_positions() {
    let l = yaml_err("gates:\n  build:\n    kind: command\n    run: make\n    levle: warning\n");
    assert_eq!(at(&l), (5, 5));
    assert_eq!(l.suggestion.as_deref(), Some("level"));
    let l = yaml_err(
        "gates:\n  build:\n    kind: command\n    run: make\n    thresholds: [\"exit_code > 1GB\"]\n",
    );
    assert_eq!(l.pos.line, 5);
    assert!(l.message.contains("plain number"), "{}", l.message);
}

#[test]
fn paths_must_stay_in_the_repo() {
    let l = toml_err("[gates.build]\nkind = \"command\"\nrun = \"make\"\ncwd = \"../../etc\"\n");
    assert_eq!(at(&l), (4, 7));
    assert!(l.message.contains("leaves the repository"));
    parse(
        "[gates.build]\nkind = \"command\"\nrun = \"make\"\ncwd = \"/tmp\"\n",
        "gates.toml",
        Syntax::Toml,
        Path::new("."),
    )
    .unwrap();
}

#[test]
fn durations() {
    assert_eq!(parse_duration("10m").unwrap(), Duration::from_secs(600));
    assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
    assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
    assert!(
        parse_duration("10MB")
            .unwrap_err()
            .contains("expected a time")
    );
    assert!(parse_duration("-1s").is_err());
    let l = toml_err(&format!("{CMD}timeout = \"10 minutes\"\n"));
    assert_eq!(at(&l), (4, 11));
    assert_eq!(
        parse_duration("14d").unwrap(),
        Duration::from_secs(14 * 86_400)
    );
}

/// Issue 18 item 8: durations too large for a clock are config errors, never a panic.
#[test]
fn huge_durations_are_config_errors() {
    for bad in ["1e30s", "1e20s", "9223372036854775807s", "366d", "1e400"] {
        let l = toml_err(&format!("{CMD}timeout = \"{bad}\"\n"));
        assert_eq!(at(&l), (4, 11), "{bad}: {}", l.message);
        assert!(
            l.message.contains("invalid duration"),
            "{bad}: {}",
            l.message
        );
    }
    assert!(parse_duration("365d").is_ok());
    // A bad unit offers time units only (issue 21 item 21), never `%` or sizes.
    let m = parse_duration("10 minutes").unwrap_err();
    assert!(m.contains("ms s m min h d"), "{m}");
    assert!(!m.contains('%') && !m.contains("MB"), "{m}");
}

/// Issue 18 item 8: an error past column 65,535 is shown with an excerpt and its caret, not a
/// panic of the formatter.
#[test]
fn an_error_far_to_the_right_is_shown_with_an_excerpt() {
    let src = format!("{CMD}{}bogus = 1\n", " ".repeat(70_000));
    let l = toml_err(&src);
    assert_eq!(at(&l), (4, 70_001));
    let shown = l.to_string();
    assert!(
        shown.starts_with("gates.toml:4:70001: unknown key `bogus`"),
        "{shown}"
    );
    let lines: Vec<&str> = shown.lines().collect();
    let code = lines[2].split_once("| ").map(|x| x.1).unwrap_or_default();
    let caret = lines[3].split_once("| ").map(|x| x.1).unwrap_or_default();
    assert!(code.chars().count() <= 102, "{code}");
    let at_caret: String = code.chars().skip(caret.len() - 1).take(5).collect();
    assert_eq!(at_caret, "bogus");
}

#[test]
fn dates() {
    assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    assert!(Date::parse("2023-02-29").is_none());
    assert!(Date::parse("2023-13-01").is_none());
    let d = Date::parse("2025-08-15").unwrap();
    assert_eq!(Date::from_days(d.days()), d);
    assert_eq!(Date::parse("1970-01-02").unwrap().days(), 1);
}

#[test]
fn the_error_display_shows_the_line() {
    let l = toml_err(&format!("{CMD}rnu = 1\n"));
    let s = l.to_string();
    assert!(s.starts_with("gates.toml:4:1: unknown key `rnu`"), "{s}");
    assert!(s.contains("4 | rnu = 1"), "{s}");
    assert!(s.contains("help: did you mean `run`?"), "{s}");
}

#[test]
fn waivers_scoped_to_a_profile() {
    let src = format!(
        "{CMD}[profiles.fast]\ngates = [\"build\"]\n[[waivers]]\ngate = \"build\"\nreason = \"r\"\nowner = \"o\"\nexpires = 2030-01-01\nprofile = \"fast\"\n"
    );
    let mut c = parse(&src, "gates.toml", Syntax::Toml, Path::new(".")).unwrap();
    assert_eq!(c.waivers[0].profile.as_deref(), Some("fast"));
    let mut plain = c.clone();
    plain.scope_waivers(None);
    assert!(plain.waivers.is_empty());
    c.scope_waivers(Some("fast"));
    assert_eq!(c.waivers.len(), 1);
    let l = toml_err(&src.replace("profile = \"fast\"", "profile = \"fsat\""));
    assert_eq!(at(&l), (11, 11));
    assert_eq!(l.suggestion.as_deref(), Some("fast"));
}

/// serde's `deny_unknown_fields` is silently lost with `flatten` and internally tagged enums:
/// prove every kind's options are strict, with the key's position.
#[test]
fn every_kind_rejects_an_unknown_option_with_its_position() {
    for k in crate::gates::KINDS {
        let d = k.doc();
        let example = d.example;
        let header_end = example.find('\n').expect("an example has a header line");
        let src = format!(
            "{}\nzzz_unknown = 1\n{}",
            &example[..header_end],
            &example[header_end + 1..]
        );
        let l = toml_err(&src);
        assert_eq!(at(&l), (2, 1), "kind {}: {}", d.kind, l.message);
        assert!(
            l.message.contains("unknown key `zzz_unknown`"),
            "kind {}: {}",
            d.kind,
            l.message
        );
    }
}

/// Arbitrary bytes and damaged configs never panic the loader: they load or fail with a position.
#[test]
fn damaged_configs_never_panic() {
    let seeds = [
        include_str!("../../gates.toml"),
        include_str!("../../fixtures/demo/gates.toml"),
        "gates:\n  build:\n    kind: command\n    run: make\nwaivers:\n  - gate: build\n    reason: r\n    owner: o\n    expires: 2025-08-15\n",
    ];
    let mut rng = crate::testutil::XorShift(0x9E37_79B9_7F4A_7C15);
    let mut next = || rng.next_u64();
    for (i, text) in seeds.iter().enumerate() {
        let syntax = if i == 2 { Syntax::Yaml } else { Syntax::Toml };
        let bytes = text.as_bytes();
        for cut in (0..bytes.len()).step_by(7) {
            let s = String::from_utf8_lossy(&bytes[..cut]);
            if let Err(ConfigError::Invalid(l)) = parse(&s, "gates", syntax, Path::new(".")) {
                assert!(
                    l.pos.line >= 1,
                    "no position for a prefix of {cut} bytes: {}",
                    l.message
                );
            }
        }
        for _ in 0..300 {
            let mut b = bytes.to_vec();
            for _ in 0..4 {
                let at = (next() as usize) % b.len();
                let alphabet = b" =[]{}\"'\n#:-.abcz019";
                b[at] = alphabet[(next() as usize) % alphabet.len()];
            }
            let _ = parse(
                &String::from_utf8_lossy(&b),
                "gates",
                syntax,
                Path::new("."),
            );
        }
    }
}
