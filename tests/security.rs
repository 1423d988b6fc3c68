//! Integration tests of the `security` gate.

use gatekeep::gates::run_for_test;
use gatekeep::model::{Finding, Severity};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn run(root: &Path, options: &str) -> gatekeep::gates::GateOutput {
    run_for_test("security", options, root).unwrap_or_else(|e| panic!("{e:#}"))
}

fn metric(out: &gatekeep::gates::GateOutput, name: &str) -> Option<f64> {
    out.metrics.iter().find(|m| m.name == name).map(|m| m.value)
}

fn rule_of(f: &Finding) -> &str {
    f.rule.strip_prefix("security/").unwrap_or(&f.rule)
}

/// The hand-written fixtures: every line marked `expect[rule-id]` has exactly that finding,
/// and nothing else is found.
#[test]
fn annotated_fixtures_match_exactly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/security/cases");
    let out = run(&root, "");
    let mut expected = BTreeSet::new();
    for entry in walk(&root) {
        let rel = entry
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&entry).unwrap();
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(k) = rest.find("expect[") {
                let after = &rest[k + 7..];
                let end = after.find(']').unwrap();
                for id in after[..end].split(',') {
                    expected.insert((rel.clone(), i as u64 + 1, id.trim().to_string()));
                }
                rest = &after[end..];
            }
        }
    }
    let got: BTreeSet<_> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.path.clone().unwrap(),
                f.line.unwrap(),
                rule_of(f).to_string(),
            )
        })
        .collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else if p.file_name().unwrap() != "README.md" {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// Over every fixture file: a code rule's finding always points at code: outside any comment,
/// string or template text of the file's syntax tree.
#[test]
fn code_rules_never_point_into_comments_or_strings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/security");
    let out = run(&root, "");
    let mut checked = 0;
    for f in &out.findings {
        let id = rule_of(f);
        if id.starts_with("secret-") || id.starts_with("suppression") {
            continue;
        }
        let path = f.path.as_ref().unwrap();
        let lang = gatekeep::walk::Lang::detect(path);
        let src = std::fs::read(root.join(path)).unwrap();
        let text = String::from_utf8(src).unwrap();
        let line_start: usize = text
            .split('\n')
            .take(f.line.unwrap() as usize - 1)
            .map(|l| l.len() + 1)
            .sum();
        let col_bytes: usize = text[line_start..]
            .chars()
            .take(f.column.unwrap() as usize - 1)
            .map(char::len_utf8)
            .sum();
        let at = line_start + col_bytes;
        let tl = gatekeep::gates::security::tree::lang_of(path, lang)
            .unwrap_or_else(|| panic!("{path}: a code finding in a file with no grammar"));
        assert!(
            !inside_literal(&text, at, tl),
            "{path}:{}: {id} points into a comment, string or HTML",
            f.line.unwrap()
        );
        checked += 1;
    }
    assert!(checked > 20, "only {checked} code findings checked");
}

/// Whether byte `at` of a file is in a comment or a string (outside the code interpolated
/// into it: f-string, `${…}`, `#{…}` fields), or in the HTML around a PHP file's code.
fn inside_literal(text: &str, at: usize, lang: ast_grep_language::SupportLang) -> bool {
    use ast_grep_language::SupportLang;
    use gatekeep::gates::security::tree;
    let budget = std::time::Duration::from_secs(5);
    if lang == SupportLang::Php {
        // The HTML was blanked before the code was parsed.
        let code = tree::php_code_only(text, std::time::Instant::now(), budget).unwrap();
        if code.is_some_and(|c| c.as_bytes()[at] != text.as_bytes()[at]) {
            return true;
        }
    }
    let t = tree::parse(text, lang, budget).unwrap();
    // The deepest node holding `at` (a pre-order walk meets it last), then out through its
    // ancestors: an interpolation met first is code, a comment or string met first is not.
    let mut cur = t
        .root()
        .dfs()
        .filter(|n| {
            let r = n.range();
            r.start <= at && at < r.end
        })
        .last();
    while let Some(n) = cur {
        let k = n.kind();
        if [
            "interpolation",
            "template_substitution",
            "string_interpolation",
            "command_substitution",
            "process_substitution",
        ]
        .contains(&k.as_ref())
        {
            return false;
        }
        if k.contains("comment")
            || [
                "string",
                "string_content",
                "string_fragment",
                "template_string",
                "string_literal",
                "interpreted_string_literal",
                "raw_string_literal",
                "text_block",
                "verbatim_string_literal",
                "raw_string_literal",
                "interpolated_string_expression",
                "encapsed_string",
                "heredoc",
                "heredoc_body",
                "nowdoc",
                "raw_string",
                "ansi_c_string",
            ]
            .contains(&k.as_ref())
        {
            return true;
        }
        cur = n.parent();
    }
    false
}

#[test]
fn unknown_option_is_rejected() {
    let d = tempfile::tempdir().unwrap();
    let e = run_for_test("security", "rulez = [\"py-eval\"]\n", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown key `rulez`"), "{e}");
    let e = run_for_test("security", "rules = [\"py-evl\"]\n", d.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("matches no security rule"), "{e}");
    let e = run_for_test(
        "security",
        "severity_overrides = { py-eval = \"huge\" }\n",
        d.path(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("unknown severity"), "{e}");
}

#[test]
fn selection_overrides_tests_mode_and_metrics() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("tests")).unwrap();
    std::fs::write(
        d.path().join("app.py"),
        "import yaml\nyaml.load(x)\neval(input())\n",
    )
    .unwrap();
    std::fs::write(d.path().join("tests/test_app.py"), "eval(input())\n").unwrap();
    let out = run(d.path(), "");
    assert_eq!(metric(&out, "high"), Some(3.0));
    let out = run(d.path(), "rules = [\"deserialization\"]\n");
    assert_eq!(metric(&out, "total"), Some(1.0));
    let out = run(d.path(), "exclude_rules = [\"py-*\"]\n");
    assert_eq!(metric(&out, "total"), Some(0.0));
    let out = run(d.path(), "severity_overrides = { py-eval = \"low\" }\n");
    assert_eq!(metric(&out, "low"), Some(2.0));
    let out = run(d.path(), "tests = \"lower\"\n");
    assert_eq!(metric(&out, "high"), Some(2.0));
    assert_eq!(metric(&out, "medium"), Some(1.0));
    let out = run(d.path(), "tests = \"skip\"\n");
    assert_eq!(metric(&out, "total"), Some(2.0));
    let out = run(
        d.path(),
        "min_confidence = \"high\"\nrules = [\"py-pickle\"]\n",
    );
    assert_eq!(metric(&out, "total"), Some(0.0));
    // Every finding has a fingerprint.
    let out = run(d.path(), "");
    assert!(out.findings.iter().all(|f| f.fingerprint.is_some()));
}

#[test]
fn suppressions_reason_required_and_other_tools() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.py"),
        "eval(a)  # gatekeep:ignore[py-eval] constant input\n# gatekeep:ignore[py-eval]\neval(b)\neval(c)  # nosec\npassword = \"Zx9-long-Real-pass\"  # pragma: allowlist secret\n",
    )
    .unwrap();
    let out = run(d.path(), "");
    let ids: Vec<_> = out
        .findings
        .iter()
        .map(|f| (rule_of(f).to_string(), f.line.unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("suppression-without-reason".to_string(), 2),
            ("py-eval".to_string(), 4),
            ("secret-generic-password".to_string(), 5)
        ]
    );
    assert_eq!(metric(&out, "suppressed"), Some(2.0));
    assert_eq!(out.findings[0].severity, Severity::Low);
    let out = run(d.path(), "other_suppressions = true\n");
    assert_eq!(metric(&out, "suppressed"), Some(4.0));
    assert_eq!(metric(&out, "secrets"), Some(0.0));
}

#[test]
fn baseline_accepts_known_findings_only() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.py"), "eval(a)\n").unwrap();
    let out = run(d.path(), "");
    gatekeep::gates::security::write_baseline(&out.findings, &d.path().join("baseline.json"))
        .unwrap();
    // Lines move and a new finding appears.
    std::fs::write(d.path().join("a.py"), "import os\n\n\neval(a)\nexec(b)\n").unwrap();
    let out = run(d.path(), "baseline = \"baseline.json\"\n");
    assert_eq!(metric(&out, "total"), Some(1.0));
    assert_eq!(metric(&out, "baselined"), Some(1.0));
    assert_eq!(rule_of(&out.findings[0]), "py-exec");
    // A missing baseline is an error, not "no findings".
    let e = run_for_test("security", "baseline = \"nope.json\"\n", d.path()).unwrap_err();
    assert!(format!("{e:#}").contains("nope.json"));
}

#[test]
fn explain_every_rule() {
    let k = gatekeep::gates::kind("security").unwrap();
    let ids = k.rule_ids();
    assert!(ids.len() > 60);
    for id in &ids {
        let info = k.rule(id).unwrap();
        assert!(
            info.help.contains("Bad:") && info.help.contains("Fix:"),
            "{id}"
        );
    }
    assert!(k.rule("security/py-eval").unwrap().cwe.as_deref() == Some("CWE-95"));
}

#[test]
fn reports_are_ingested_and_failures_are_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/security/reports");
    if !root.exists() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let empty = d.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    let e = run_for_test(
        "security",
        &format!("builtin = false\nreports = [\"{}\"]\n", empty.display()),
        d.path(),
    )
    .unwrap_err();
    assert!(format!("{e:#}").contains("empty"), "{e:#}");
    let e = run_for_test(
        "security",
        "builtin = false\nreports = [\"missing/*.sarif\"]\n",
        d.path(),
    )
    .unwrap_err();
    assert!(format!("{e:#}").contains("no report matched"), "{e:#}");
}

fn reports_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/security/reports")
}

fn ingest_one(name: &str) -> gatekeep::gates::GateOutput {
    run_for_test(
        "security",
        &format!("builtin = false\nreports = [\"{name}\"]\n"),
        &reports_dir(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e:#}"))
}

#[test]
fn real_reports_counts() {
    let cases: &[(&str, [f64; 5], f64)] = &[
        // critical, high, medium, low, total; secrets
        ("bandit.sarif", [0.0, 11.0, 6.0, 29.0, 46.0], 0.0),
        ("semgrep.sarif", [0.0, 3.0, 0.0, 0.0, 3.0], 0.0),
        ("gitleaks.json", [0.0, 1.0, 0.0, 0.0, 1.0], 1.0),
        ("gitleaks.sarif", [0.0, 0.0, 1.0, 0.0, 1.0], 1.0),
        ("trivy.json", [0.0, 0.0, 4.0, 0.0, 4.0], 0.0),
        ("grype.json", [1.0, 0.0, 0.0, 1.0, 2.0], 0.0),
        // CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H = 6.2.
        ("cargo-audit.json", [0.0, 0.0, 1.0, 0.0, 1.0], 0.0),
        // Three advisories (sources) over two packages: npm's metadata says 2 packages.
        ("npm-audit-v2.json", [0.0, 1.0, 0.0, 2.0, 3.0], 0.0),
    ];
    for (name, want, secrets) in cases {
        let out = ingest_one(name);
        let got: Vec<f64> = ["critical", "high", "medium", "low", "total"]
            .iter()
            .map(|m| metric(&out, m).unwrap())
            .collect();
        assert_eq!(got, want, "{name}: {:?}", out.notes);
        assert_eq!(metric(&out, "secrets"), Some(*secrets), "{name}");
        assert!(out.findings.iter().all(|f| f.fingerprint.is_some()));
    }
    let out = ingest_one("cargo-audit.json");
    assert!(
        out.notes.iter().any(|n| n.contains("warnings")),
        "{:?}",
        out.notes
    );
    assert_eq!(
        out.findings[0].rule,
        "security/cargo-audit/RUSTSEC-2020-0071"
    );
}

#[test]
fn failed_scanner_reports_are_errors() {
    for (name, needle) in [
        ("npm-audit-error.json", "npm audit failed"),
        ("pip-audit-all-skipped.json", "skipped every dependency"),
    ] {
        let e = run_for_test(
            "security",
            &format!("builtin = false\nreports = [\"{name}\"]\n"),
            &reports_dir(),
        )
        .unwrap_err();
        let msg = format!("{e:#}");
        assert!(msg.contains(needle) && msg.contains(name), "{msg}");
    }
}

#[test]
fn duplicate_findings_across_sources_count_once() {
    let out = run_for_test(
        "security",
        "builtin = false\nreports = [\"gitleaks.json\", \"gitleaks.sarif\", \"grype.json\"]\n",
        &reports_dir(),
    )
    .unwrap();
    assert_eq!(metric(&out, "total"), Some(3.0));
    assert!(
        out.notes.iter().any(|n| n.contains("counted once")),
        "{:?}",
        out.notes
    );
}

/// Every prefix of every report fixture, and random bytes, never panic; errors carry a
/// position (`line:col`) for JSON errors.
#[test]
fn ingest_never_panics_on_prefixes_and_noise() {
    use gatekeep::gates::security::ingest;
    for e in std::fs::read_dir(reports_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let step = (text.len() / 300).max(1);
        for cut in (0..text.len()).step_by(step) {
            if !text.is_char_boundary(cut) {
                continue;
            }
            if let Err(e) = ingest::parse(&text[..cut], Severity::High) {
                let m = format!("{e:#}");
                assert!(!m.is_empty());
            }
        }
        let e = ingest::read(&p.with_extension("missing"), Severity::High).unwrap_err();
        assert!(format!("{e:#}").contains("missing"));
    }
    let mut s: u64 = 7;
    for n in 0..300 {
        let mut b = Vec::new();
        for _ in 0..n {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let alpha = b"{}[]\":,0123 abtrue\n\\";
            b.push(alpha[(s % alpha.len() as u64) as usize]);
        }
        let t = String::from_utf8_lossy(&b);
        if let Err(e) = ingest::parse(&t, Severity::High) {
            let m = format!("{e:#}");
            if m.contains("not valid JSON") {
                assert!(m.chars().next().unwrap().is_ascii_digit(), "{m}");
            }
        }
    }
}

/// Lexers and the scanner never panic on random bytes (any extension).
#[test]
fn scanner_never_panics_on_noise() {
    let d = tempfile::tempdir().unwrap();
    let mut s: u64 = 0x2545_f491_4f6c_dd1d;
    let alphabet =
        b"ab$#{}()[]<>/\\*'\"`\nfr -=!:;x\t@?%~eval(exec subprocess shell=True AKIA password=";
    for (i, ext) in ["py", "js", "tsx", "go", "java", "rs", "sh", "php", "txt"]
        .iter()
        .enumerate()
    {
        let mut b = Vec::new();
        for _ in 0..4000 + i * 100 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            b.push(alphabet[(s % alphabet.len() as u64) as usize]);
        }
        std::fs::write(d.path().join(format!("noise.{ext}")), b).unwrap();
    }
    run(d.path(), "");
}

#[test]
fn documented_example_configures() {
    let k = gatekeep::gates::kind("security").unwrap();
    let body: String = k
        .doc()
        .example
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    let body = body.replace("thresholds = [\"critical == 0\", \"high == 0\"]\n", "");
    let node = gatekeep::config::value::parse_toml(&body).unwrap();
    let d = tempfile::tempdir().unwrap();
    let cx = gatekeep::gates::ConfigCx {
        gate_id: "security",
        config_dir: d.path(),
    };
    assert!(k.configure(&node, &cx).is_ok());
    for o in k.doc().options {
        assert!(!o.description.is_empty(), "{}", o.name);
    }
}

#[test]
fn nosec_on_the_last_line_of_a_multiline_statement() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("q.py"),
        "cur.execute(\"\"\"SELECT *\nFROM foo WHERE id = '%s'\"\"\" % ident)  # nosec\nsubprocess.run(\n    cmd,\n    shell=True,\n)  # nosec\nsubprocess.run(cmd, shell=True)\nx = 1  # nosec\n",
    )
    .unwrap();
    let out = run(d.path(), "other_suppressions = true\n");
    let got: Vec<_> = out
        .findings
        .iter()
        .map(|f| (rule_of(f).to_string(), f.line.unwrap()))
        .collect();
    assert_eq!(got, [("py-subprocess-shell".to_string(), 7)]);
    assert_eq!(metric(&out, "suppressed"), Some(2.0));
}

/// semgrep's SARIF names CWE-95 for `eval` at src/examples/eval.py lines 3–5; gatekeep's own
/// py-eval (CWE-95) on the same lines makes them one finding each.
#[test]
fn ingested_duplicates_of_native_findings_count_once() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src/examples")).unwrap();
    std::fs::write(
        d.path().join("src/examples/eval.py"),
        "import os\n\nprint(eval(input()))\nprint(eval(os.environ[\"A\"]))\nprint(eval(os.getenv(\"B\") % 'test.txt'))\n",
    )
    .unwrap();
    let sarif = reports_dir().join("semgrep.sarif");
    let out = run(d.path(), &format!("reports = [\"{}\"]\n", sarif.display()));
    assert_eq!(metric(&out, "total"), Some(3.0), "{:?}", out.findings);
    assert!(out.findings.iter().all(|f| f.rule == "security/py-eval"));
    assert!(
        out.notes.iter().any(|n| n.contains("counted once")),
        "{:?}",
        out.notes
    );
}

/// Every prefix of the PHP fixture (a template: HTML, tags, heredoc, comments): the HTML
/// blanking keeps the text's length and line breaks, and the parse never fails or panics.
#[test]
fn php_blanking_keeps_every_prefix_aligned() {
    use gatekeep::gates::security::tree;
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/security/cases/php/index.php"),
    )
    .unwrap();
    let budget = std::time::Duration::from_secs(5);
    let mut blanked = 0;
    for (cut, _) in src.char_indices() {
        let text = &src[..cut];
        let code = tree::php_code_only(text, std::time::Instant::now(), budget).unwrap();
        if let Some(c) = &code {
            assert_eq!(c.len(), text.len(), "prefix {cut}");
            assert_eq!(
                c.matches('\n').count(),
                text.matches('\n').count(),
                "prefix {cut}"
            );
            blanked += 1;
        }
        assert!(tree::parse(text, ast_grep_language::SupportLang::Php, budget).is_ok());
    }
    assert!(
        blanked > 100,
        "only {blanked} prefixes had HTML or tags to blank"
    );
}

#[test]
fn nothing_to_scan_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let e = run_for_test("security", "", d.path()).unwrap_err();
    assert!(format!("{e:#}").contains("no text file to scan"), "{e:#}");
    std::fs::write(d.path().join("blob.bin"), b"\x00\x01\x02").unwrap();
    assert!(run_for_test("security", "", d.path()).is_err());
}

#[test]
fn gatekeep_ignore_suppresses_ingested_findings() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("src/examples")).unwrap();
    std::fs::write(
        d.path().join("src/examples/eval.py"),
        "import os\n\nprint(eval(\"1+1\"))  # gatekeep:ignore[python-eval, py-eval] constant\nx = 1\ny = 2\n",
    )
    .unwrap();
    let sarif = reports_dir().join("semgrep.sarif");
    let out = run(d.path(), &format!("reports = [\"{}\"]\n", sarif.display()));
    // The marker on line 3 covers lines 3 and 4 (its line and the next); line 5 stays.
    assert_eq!(metric(&out, "total"), Some(1.0), "{:?}", out.findings);
    assert_eq!(out.findings[0].line, Some(5));
    assert!(
        out.findings
            .iter()
            .all(|f| f.rule == "security/semgrep-oss/python-eval"),
        "{:?}",
        out.findings
    );
}

#[test]
fn ported_gitleaks_rules_are_selectable_and_path_rules_flag_binary_files() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("certs")).unwrap();
    // A PKCS #12 bundle is binary: gitleaks' path-only rule flags it by its name.
    std::fs::write(
        d.path().join("certs/client.p12"),
        [0x30u8, 0x82, 0x0a, 0x00, 0xff, 0x00],
    )
    .unwrap();
    std::fs::write(
        d.path().join("deploy.sh"),
        // gatekeep:ignore[secret-doppler-api-token] made-up token, the rule's own test input
        "export DOPPLER_TOKEN=dp.pt.Tq7wL2mZ9xK4vB8nR3yH6cJ1dF5gS0pA2eU7iO9kM3l\n",
    )
    .unwrap();
    let out = run(d.path(), "");
    let got: BTreeSet<(String, Option<u64>)> = out
        .findings
        .iter()
        .map(|f| (rule_of(f).to_string(), f.line))
        .collect();
    assert_eq!(
        got,
        BTreeSet::from([
            ("secret-pkcs12-file".to_string(), None),
            ("secret-doppler-api-token".to_string(), Some(1)),
        ])
    );
    let p12 = out
        .findings
        .iter()
        .find(|f| rule_of(f) == "secret-pkcs12-file")
        .unwrap();
    assert_eq!(p12.path.as_deref(), Some("certs/client.p12"));
    assert_eq!(p12.severity, Severity::Critical);
    // Selected and excluded like gatekeep's own rules; severities overridable.
    let out = run(d.path(), "exclude_rules = [\"secret-pkcs12-*\"]\n");
    assert_eq!(out.findings.len(), 1);
    let out = run(
        d.path(),
        "[severity_overrides]\nsecret-doppler-api-token = \"low\"\n",
    );
    let dop = out
        .findings
        .iter()
        .find(|f| rule_of(f) == "secret-doppler-api-token")
        .unwrap();
    assert_eq!(dop.severity, Severity::Low);
    // And explained, with their provenance.
    let info = gatekeep::gates::kind("security")
        .unwrap()
        .rule("secret-doppler-api-token")
        .unwrap();
    assert!(
        info.help.contains("gitleaks' rule `doppler-api-token`"),
        "{}",
        info.help
    );
    assert!(info.help.contains("CWE-798"));
}

/// A call whose arguments are all literals is no finding; one whose value no source is traced
/// to is medium (the rules' `untainted`), whatever the rule's own severity.
#[test]
fn constant_arguments_are_no_finding_and_unknown_ones_medium() {
    let d = tempfile::tempdir().unwrap();
    let src = [
        "import os, subprocess",
        "eval(\"1 + 1\")",
        "eval(expr)",
        "exec(f\"x = {value}\")",
        "subprocess.call(\"ls -al\", shell=True)",
        "subprocess.call(\"ls \" + path, shell=True)",
        "os.system('''uptime''')",
        "os.system(\"rm -rf %s\" % path)",
        "os.execv(\"/bin/ls\", [\"ls\"])",
        "os.spawnl(os.P_WAIT, \"/bin/sh\", \"sh\", \"-c\", cmd)",
    ]
    .join("\n");
    std::fs::write(d.path().join("a.py"), src + "\n").unwrap();
    let out = run(d.path(), "");
    let got: Vec<(u64, &str, Severity)> = out
        .findings
        .iter()
        .map(|f| (f.line.unwrap(), rule_of(f), f.severity))
        .collect();
    assert_eq!(
        got,
        [
            (3, "py-eval", Severity::Medium),
            (4, "py-exec", Severity::Medium),
            (6, "py-subprocess-shell", Severity::Medium),
            (8, "py-os-system", Severity::Medium),
            (10, "py-os-exec-spawn", Severity::Medium),
        ]
    );
}

/// gitleaks' own literal test samples (vendored with the rules): per rule, as gitleaks' tests
/// judge them, every `tps` sample is found by the gatekeep rule standing for it (its port
/// `secret-<id>`, or the gatekeep-written rule replacing it) and no `fps` sample is.
#[test]
fn gitleaks_samples_per_rule() {
    use gatekeep::gates::security::{gitleaks, secrets};
    let samples = gitleaks::samples().unwrap();
    let standing_for = |gl: &str| -> Vec<String> {
        let own: Vec<String> = secrets::SECRET_RULES
            .iter()
            .filter(|r| r.gitleaks.contains(&gl))
            .map(|r| r.id.to_string())
            .collect();
        if own.is_empty() {
            vec![format!("secret-{gl}")]
        } else {
            own
        }
    };
    let d = tempfile::tempdir().unwrap();
    let mut cases = Vec::new();
    for (rule, s) in &samples {
        for (k, (sample, tp)) in s
            .tps
            .iter()
            .map(|x| (x, true))
            .chain(s.fps.iter().map(|x| (x, false)))
            .enumerate()
        {
            let name = format!("{rule}-{k}.txt");
            std::fs::write(d.path().join(&name), sample).unwrap();
            cases.push((name, rule.clone(), tp));
        }
        // Path-bound rules' samples, in the file names gitleaks' tests give them.
        for (k, ((path, sample), tp)) in s
            .path_tps
            .iter()
            .map(|x| (x, true))
            .chain(s.path_fps.iter().map(|x| (x, false)))
            .enumerate()
        {
            let name = format!("{rule}-p{k}/{path}");
            let file = d.path().join(&name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, sample).unwrap();
            cases.push((name, rule.clone(), tp));
        }
    }
    let out = run(d.path(), "");
    let mut wrong = Vec::new();
    for (name, rule, tp) in &cases {
        let ids = standing_for(rule);
        let found = rules_in(&out, name).any(|r| ids.iter().any(|i| i == r));
        if found != *tp {
            wrong.push(format!("{} {name}", if *tp { "missed" } else { "flagged" }));
        }
    }
    wrong.sort();
    // The two curl samples whose token a provider rule reports instead (one finding per
    // secret, provider first): an OpenAI key and a JWT.
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    assert!(
        wrong
            .iter()
            .all(|w| w.starts_with("missed curl-auth-header-")),
        "{wrong:#?}"
    );
    assert!(cases.iter().filter(|c| c.2).count() >= 90);
}

/// A sample string for a gitleaks pattern, the way gitleaks' own tests build the samples of
/// most rules at test time (`secrets.NewSecret(regex)`, a random string the regex matches):
/// everything inside a capture group (the secret) is random, drawn from the pattern's classes;
/// the context around it takes the shortest, plainest form (fewest repetitions, the first
/// alternative, a lowercase letter where a class allows one).
mod regen {
    use regex_syntax::hir::{Class, Hir, HirKind};

    pub struct Rng(u64);
    impl Rng {
        pub fn new(seed: &str, attempt: u64) -> Rng {
            let mut h: u64 = 0xcbf29ce484222325;
            for b in seed.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
            }
            Rng(h ^ attempt.wrapping_mul(0x9e3779b97f4a7c15))
        }
        fn next(&mut self) -> u64 {
            // splitmix64
            self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn members(c: &Class) -> Vec<char> {
        let mut v = Vec::new();
        match c {
            Class::Unicode(u) => {
                for r in u.ranges() {
                    for ch in r.start()..=r.end() {
                        v.push(ch);
                        if v.len() > 4096 {
                            return v;
                        }
                    }
                }
            }
            Class::Bytes(b) => {
                for r in b.ranges() {
                    for x in r.start()..=r.end() {
                        v.push(char::from(x));
                    }
                }
            }
        }
        v
    }

    fn plain(c: &Class) -> Option<char> {
        let m = members(c);
        let order = ('a'..='z')
            .chain('0'..='9')
            .chain('A'..='Z')
            .chain("_-.=:;/+\"'".chars())
            .chain('!'..='~')
            .chain([' ']);
        order
            .into_iter()
            .find(|ch| m.contains(ch))
            .or(m.first().copied())
    }

    fn random(c: &Class, rng: &mut Rng) -> Option<char> {
        let m = members(c);
        // A case-insensitive letter of a literal (`(?i)live_` gives `[Ll]`): lower case.
        if let [a, b] = m[..]
            && a != b
            && a.eq_ignore_ascii_case(&b)
        {
            return Some(a.to_ascii_lowercase());
        }
        let tidy: Vec<char> = m
            .iter()
            .copied()
            .filter(|ch| ch.is_ascii_graphic() && !"\"'`\\".contains(*ch))
            .collect();
        let pool = if tidy.is_empty() { &m } else { &tidy };
        if pool.is_empty() {
            None
        } else {
            Some(pool[rng.below(pool.len())])
        }
    }

    pub fn sample(h: &Hir, secret: bool, rng: &mut Rng, out: &mut String) {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(l) => out.push_str(&String::from_utf8_lossy(&l.0)),
            HirKind::Class(c) => {
                if let Some(ch) = if secret { random(c, rng) } else { plain(c) } {
                    out.push(ch);
                }
            }
            HirKind::Repetition(r) => {
                let n = if secret {
                    let max = r.max.unwrap_or(r.min + 16).min(r.min + 64);
                    if max - r.min <= 8 {
                        max
                    } else {
                        r.min + rng.below((max - r.min + 1) as usize) as u32
                    }
                } else {
                    r.min
                };
                for _ in 0..n {
                    sample(&r.sub, secret, rng, out);
                }
            }
            HirKind::Capture(c) => sample(&c.sub, true, rng, out),
            HirKind::Concat(v) => v.iter().for_each(|x| sample(x, secret, rng, out)),
            HirKind::Alternation(v) => {
                let i = if secret { rng.below(v.len()) } else { 0 };
                sample(&v[i], secret, rng, out);
            }
        }
    }

    pub fn for_pattern(pattern: &str, seed: &str, attempt: u64) -> Option<String> {
        let hir = regex_syntax::ParserBuilder::new()
            .utf8(false)
            .build()
            .parse(pattern)
            .ok()?;
        let mut rng = Rng::new(seed, attempt);
        let mut out = String::new();
        // A pattern without a group is all secret (`AKCp[A-Za-z0-9]{69}`).
        let grouped = hir.properties().explicit_captures_len() > 0;
        sample(&hir, !grouped, &mut rng, &mut out);
        Some(out)
    }
}

/// The rules reported in the file `name` (relative to the scanned folder).
fn rules_in<'a>(
    out: &'a gatekeep::gates::GateOutput,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    out.findings
        .iter()
        .filter(move |f| f.path.as_deref() == Some(name))
        .map(rule_of)
}

/// One line generated from a ported rule's regex (see [`regen`]) that the regex matches.
/// A pattern that does not spell its keyword out (`\bpat[[:alnum:]]{14}\.…` for Airtable)
/// gets it in front, as gitleaks' `GenerateSampleSecrets(keyword, …)` puts it nearby.
fn sample_for(r: &gatekeep::gates::security::gitleaks::Rule, attempt: u64) -> Option<String> {
    let re = r.regex().ok()??;
    let s = regen::for_pattern(re.as_str(), &r.gl_id, attempt)?;
    if s.contains('\n') || !re.is_match(s.as_bytes()) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    Some(match r.keywords.first() {
        Some(k)
            if !r
                .keywords
                .iter()
                .any(|k| lower.contains(&k.to_ascii_lowercase())) =>
        {
            format!("{k}: {s}")
        }
        _ => s,
    })
}

/// Ported rules whose gitleaks generator has no literal sample, each with a sample generated
/// from its regex (see [`regen`]) and the rules it must be reported under.
fn generated_cases() -> Vec<(String, String, Vec<String>)> {
    use gatekeep::gates::security::gitleaks;
    let samples = gitleaks::samples().unwrap();
    let mut out = Vec::new();
    for r in gitleaks::ported() {
        if let Some(s) = samples.get(&r.gl_id)
            && let Some(g) = s.generated.clone()
        {
            let mut ids = vec![r.id.clone()];
            ids.extend(s.reported_as.clone());
            out.push((r.gl_id.clone(), g, ids));
        }
    }
    out
}

/// Every sample generated from a ported rule's regex is found by that rule (in a file of its
/// own), and every ported pattern rule has a concrete Bad example: gitleaks' literal sample or
/// a generated one.
#[test]
fn gitleaks_generated_samples_fire() {
    use gatekeep::gates::security::gitleaks;
    let cases = generated_cases();
    let d = tempfile::tempdir().unwrap();
    for (i, (_, sample, _)) in cases.iter().enumerate() {
        std::fs::write(d.path().join(format!("s{i}.txt")), format!("{sample}\n")).unwrap();
    }
    let out = run(d.path(), "");
    let mut missed = Vec::new();
    for (i, (gl, _, ids)) in cases.iter().enumerate() {
        let name = format!("s{i}.txt");
        let hit = rules_in(&out, &name).any(|r| ids.iter().any(|x| x == r));
        if !hit {
            missed.push(gl.clone());
        }
    }
    assert!(missed.is_empty(), "generated samples not found: {missed:?}");
    assert!(cases.len() >= 100, "{} generated samples", cases.len());
    let without: Vec<&str> = gitleaks::ported()
        .filter(|r| !r.is_path_only() && r.bad.starts_with("(gitleaks builds"))
        .map(|r| r.gl_id.as_str())
        .collect();
    // Rules left with the pointer text: no generated sample is reported under them (another
    // rule takes the secret, or the pattern's shortest context trips an allowlist).
    assert!(
        without.len() <= 15,
        "{} without a sample: {without:?}",
        without.len()
    );
}

/// Regenerates the `generated` samples in src/gates/security/gitleaks-samples.json:
/// `cargo test --test security -- --ignored regenerate_gitleaks_samples`. For each ported
/// rule without a literal true-positive sample, tries up to 40 random samples of its regex
/// and keeps the first that the rule itself reports.
#[test]
#[ignore]
fn regenerate_gitleaks_samples() {
    use gatekeep::gates::security::gitleaks;
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gates/security/gitleaks-samples.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut todo: Vec<&gitleaks::Rule> = gitleaks::ported()
        .filter(|r| !r.is_path_only())
        .filter(|r| {
            ["tps", "path_tps"].iter().all(|k| {
                doc["rules"][&r.gl_id][k]
                    .as_array()
                    .is_none_or(|a| a.is_empty())
            })
        })
        .collect();
    let mut found: Vec<(String, String)> = Vec::new();
    for attempt in 0..40u64 {
        if todo.is_empty() {
            break;
        }
        let d = tempfile::tempdir().unwrap();
        let mut tried = Vec::new();
        for (i, r) in todo.iter().enumerate() {
            let Some(s) = sample_for(r, attempt) else {
                continue;
            };
            std::fs::write(d.path().join(format!("s{i}.txt")), format!("{s}\n")).unwrap();
            tried.push((i, s));
        }
        let out = run(d.path(), "");
        let mut done = BTreeSet::new();
        for (i, s) in tried {
            let name = format!("s{i}.txt");
            if rules_in(&out, &name).any(|r| r == todo[i].id) {
                found.push((todo[i].gl_id.clone(), s));
                done.insert(i);
            }
        }
        todo = todo
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !done.contains(i))
            .map(|(_, r)| r)
            .collect();
    }
    // Rules no sample of which is reported under their own id: the first sample that some
    // other rule reports (the secret is still found), with that rule named.
    let mut shadowed: Vec<(String, String, String)> = Vec::new();
    let d = tempfile::tempdir().unwrap();
    let mut tried = Vec::new();
    for (i, r) in todo.iter().enumerate() {
        if let Some(s) = sample_for(r, 0) {
            std::fs::write(d.path().join(format!("s{i}.txt")), format!("{s}\n")).unwrap();
            tried.push((i, s));
        }
    }
    let out = run(d.path(), "");
    for (i, s) in tried {
        if let Some(by) = rules_in(&out, &format!("s{i}.txt")).next() {
            shadowed.push((todo[i].gl_id.clone(), s, by.to_string()));
        }
    }
    let rules = doc["rules"].as_object_mut().unwrap();
    for v in rules.values_mut() {
        if let Some(o) = v.as_object_mut() {
            o.remove("generated");
            o.remove("reported_as");
        }
    }
    for (id, s, by) in &shadowed {
        let e = rules
            .entry(id.clone())
            .or_insert_with(|| serde_json::json!({"tps": [], "fps": []}));
        e["generated"] = serde_json::Value::String(s.clone());
        e["reported_as"] = serde_json::Value::String(by.clone());
    }
    for (id, s) in &found {
        let e = rules
            .entry(id.clone())
            .or_insert_with(|| serde_json::json!({"tps": [], "fps": []}));
        e["generated"] = serde_json::Value::String(s.clone());
    }
    let mut text = serde_json::to_string_pretty(&doc).unwrap();
    text.push('\n');
    std::fs::write(&path, text).unwrap();
    eprintln!(
        "{} generated, {} reported by another rule (not under their own id): {:?}",
        found.len(),
        shadowed.len(),
        todo.iter().map(|r| &r.gl_id).collect::<Vec<_>>()
    );
}

/// A GitHub token's shape (`ghp_` and 36 characters), made at run time.
fn fake_github_token() -> String {
    format!("{}_{}", "ghp", "1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ")
}

/// Issue 18 item 3: a file that is not UTF-8 is decoded and scanned, not skipped: one Latin-1
/// byte in a comment, or UTF-16 with a byte-order mark, must not hide a secret.
#[test]
fn non_utf8_files_are_decoded_and_scanned() {
    let d = tempfile::tempdir().unwrap();
    // Built at run time, so this file holds no token for gatekeep's own security gate.
    let token = format!("GITHUB_TOKEN={}", fake_github_token());
    let mut latin1 = b"# caf\xe9 configuration\n".to_vec();
    latin1.extend_from_slice(token.as_bytes());
    latin1.push(b'\n');
    std::fs::write(d.path().join("settings.env"), &latin1).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in format!("x = 1\n{token}\n").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(d.path().join("win.ini"), &utf16).unwrap();
    let o = run(d.path(), "");
    let hits: Vec<(&str, Option<u64>)> = o
        .findings
        .iter()
        .filter(|f| rule_of(f) == "secret-github-token")
        .map(|f| (f.path.as_deref().unwrap_or(""), f.line))
        .collect();
    assert_eq!(hits, vec![("settings.env", Some(2)), ("win.ini", Some(2))]);
    assert_eq!(metric(&o, "files"), Some(2.0));
    assert_eq!(metric(&o, "unreadable"), Some(0.0));
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("not UTF-8") && n.contains("Latin-1")),
        "{:?}",
        o.notes
    );
}

/// Issue 18 item 3: a file name that is not UTF-8 is read by its bytes.
#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"conf\xff.env");
    std::fs::write(
        d.path().join(name),
        format!("GITHUB_TOKEN={}\n", fake_github_token()),
    )
    .unwrap();
    let o = run(d.path(), "");
    assert_eq!(metric(&o, "unreadable"), Some(0.0), "{:?}", o.findings);
    let f = o
        .findings
        .iter()
        .find(|f| rule_of(f) == "secret-github-token")
        .expect("found");
    assert_eq!(f.path.as_deref(), Some("conf\u{fffd}.env"));
    // The XML gate reads it by its bytes too (it reported a wrong error before).
    std::fs::write(
        d.path().join(std::ffi::OsStr::from_bytes(b"d\xff.xml")),
        "<a/>\n",
    )
    .unwrap();
    let x = gatekeep::gates::run_for_test("xml", "", d.path()).unwrap();
    assert_eq!(metric(&x, "errors"), Some(0.0), "{:?}", x.findings);
    assert_eq!(metric(&x, "files"), Some(1.0));
    // The size gate measures it by its bytes too, not as 0 bytes.
    let s = gatekeep::gates::run_for_test("size", "include = [\"**/*.env\"]", d.path()).unwrap();
    assert_eq!(metric(&s, "bytes"), Some(54.0));
}

/// Issue 18 item 3: a file that cannot be read is counted in `unreadable`, which fails by
/// default whatever the thresholds say, and is listed.
#[test]
fn unreadable_files_are_counted_and_fail() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.py"), "x = 1\n").unwrap();
    std::fs::write(d.path().join("gone.py"), "eval(input())\n").unwrap();
    // Deleted after the walk, before the scan (a concurrent build): it cannot be read.
    let o = gatekeep::gates::run_for_test_with("security", "", d.path(), |root| {
        std::fs::remove_file(root.join("gone.py")).unwrap();
    })
    .unwrap();
    assert_eq!(metric(&o, "unreadable"), Some(1.0));
    assert!(
        o.findings
            .iter()
            .any(|f| f.rule == "security/unreadable" && f.message.contains("gone.py")),
        "{:?}",
        o.findings
    );
    // The condition holds even when the user's thresholds do not name it.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("gates.toml");
    std::fs::write(&cfg, "[gates.security]\nthresholds = [\"high == 0\"]\n").unwrap();
    let c = gatekeep::config::load(&cfg).unwrap();
    let ths: Vec<String> = c.gates[0]
        .thresholds
        .iter()
        .map(|t| t.metric.clone())
        .collect();
    assert_eq!(ths, vec!["high", "unreadable"]);
    std::fs::write(
        &cfg,
        "[gates.security]\nthresholds = [\"high == 0\", \"unreadable <= 2\"]\n",
    )
    .unwrap();
    let c = gatekeep::config::load(&cfg).unwrap();
    assert_eq!(c.gates[0].thresholds.len(), 2);
}

/// A retired rule id still means what it meant: `exclude_rules` and `severity_overrides`
/// naming it apply to its successors, a `gatekeep:ignore` naming it covers them, and
/// `explain` says where it went.
#[test]
fn a_retired_rule_id_applies_to_its_successors() {
    let d = tempfile::tempdir().unwrap();
    let app = "const fs = require(\"fs\");\napp.get(\"/f\", (req, res) => {\n  const name = req.query.name;\n  fs.readFile(name, (e, b) => res.send(b));\n});\n";
    std::fs::write(d.path().join("app.js"), app).unwrap();
    let ids = |out: &gatekeep::gates::GateOutput| -> Vec<(String, Severity)> {
        out.findings
            .iter()
            .map(|f| (rule_of(f).to_string(), f.severity))
            .collect()
    };
    let base = ids(&run(d.path(), ""));
    assert_eq!(
        base,
        vec![("js-path-traversal".to_string(), Severity::High)],
        "{base:?}"
    );
    let excluded = run(d.path(), "exclude_rules = [\"js-path-from-request\"]\n");
    assert!(ids(&excluded).is_empty(), "{:?}", ids(&excluded));
    let lowered = run(
        d.path(),
        "severity_overrides = { js-path-from-request = \"low\" }\n",
    );
    assert_eq!(
        ids(&lowered),
        vec![("js-path-traversal".to_string(), Severity::Low)]
    );
    std::fs::write(
        d.path().join("app.js"),
        app.replace(
            "  fs.readFile",
            "  // gatekeep:ignore[js-path-from-request] names come from our own menu\n  fs.readFile",
        ),
    )
    .unwrap();
    let ignored = run(d.path(), "");
    assert!(ids(&ignored).is_empty(), "{:?}", ids(&ignored));
    let text = gatekeep::explain::topic_text("js-path-from-request").unwrap();
    assert!(
        text.contains("retired") && text.contains("`js-path-traversal`"),
        "{text}"
    );
}
