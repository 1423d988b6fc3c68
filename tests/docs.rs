//! Integration tests of the `docs` gate on the committed fixtures (fixtures/docs/README.md says
//! where each expected figure comes from: rustc, interrogate, ruff).

use gatekeep::gates::{GateOutput, run_for_test};
use std::path::{Path, PathBuf};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/docs")
        .join(p)
}

fn run(opts: &str, dir: &str) -> GateOutput {
    run_for_test("docs", opts, &fixture(dir)).unwrap()
}

fn metric(out: &GateOutput, name: &str) -> Option<f64> {
    out.metrics.iter().find(|m| m.name == name).map(|m| m.value)
}

fn undocumented(out: &GateOutput) -> Vec<String> {
    out.findings
        .iter()
        .filter(|f| f.rule == "docs/undocumented")
        .map(|f| {
            format!(
                "{}:{}",
                f.path.clone().unwrap_or_default(),
                f.line.unwrap_or(0)
            )
        })
        .collect()
}

#[test]
fn rust_matches_rustc_missing_docs() {
    // `RUSTFLAGS='-W missing-docs' cargo check` in fixtures/docs/rust reports 20 warnings, at
    // exactly these places.
    let out = run(
        "languages = [\"rust\"]\nmarkdown = false\nrequired_files = []",
        "rust",
    );
    let mut got = undocumented(&out);
    got.sort();
    let mut want: Vec<String> = [
        "src/lib.rs:6",
        "src/lib.rs:15",
        "src/lib.rs:28",
        "src/lib.rs:32",
        "src/lib.rs:38",
        "src/lib.rs:38",
        "src/lib.rs:41",
        "src/lib.rs:42",
        "src/lib.rs:45",
        "src/lib.rs:49",
        "src/lib.rs:63",
        "src/lib.rs:64",
        "src/lib.rs:65",
        "src/lib.rs:66",
        "src/lib.rs:67",
        "src/lib.rs:71",
        "src/lib.rs:85",
        "src/public_mod.rs:3",
        "src/private_mod.rs:1",
        "src/private_mod.rs:6",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    want.sort();
    assert_eq!(got, want);
    let items = metric(&out, "rust.items").unwrap();
    let documented = metric(&out, "rust.documented").unwrap();
    assert_eq!(items - documented, 20.0);
    // Documented: crate, documented, block_doc, attr_doc, S, S::a, E, E::A, Tr::C, public_mod
    // (by its `//!`), P, inline.
    assert_eq!(documented, 12.0);
    assert_eq!(metric(&out, "items"), Some(items));
}

#[test]
fn python_all_mode_matches_interrogate() {
    // interrogate 1.7.0 on fixtures/docs/python: TOTAL 48, covered 10.
    let out = run("languages = [\"python\"]\nmarkdown = false", "python");
    assert_eq!(metric(&out, "python.items"), Some(48.0));
    assert_eq!(metric(&out, "python.documented"), Some(10.0));
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("python_mode = \"all\"")),
        "{:?}",
        out.notes
    );
    // `interrogate -i -p -s -m` (init method, private, semiprivate, magic): 41 / 10.
    let out = run(
        "languages = [\"python\"]\nmarkdown = false\npython_ignore = [\"init-method\", \"private\", \"semiprivate\", \"magic\"]",
        "python",
    );
    assert_eq!(metric(&out, "python.items"), Some(41.0));
    assert_eq!(metric(&out, "python.documented"), Some(10.0));
    // `interrogate -n -C`: 41 / 10.
    let out = run(
        "languages = [\"python\"]\nmarkdown = false\npython_ignore = [\"nested-functions\", \"nested-classes\"]",
        "python",
    );
    assert_eq!(metric(&out, "python.items"), Some(41.0));
    assert_eq!(metric(&out, "python.documented"), Some(10.0));
    // `interrogate -P -I`: 45 / 10.
    let out = run(
        "languages = [\"python\"]\nmarkdown = false\npython_ignore = [\"property-decorators\", \"init-module\"]",
        "python",
    );
    assert_eq!(metric(&out, "python.items"), Some(45.0));
    // `interrogate -M -S -O` (module, setters, overloads): 41 / 8.
    let out = run(
        "languages = [\"python\"]\nmarkdown = false\npython_ignore = [\"module\", \"property-setters\", \"overloaded-functions\"]",
        "python",
    );
    assert_eq!(metric(&out, "python.items"), Some(41.0));
    assert_eq!(metric(&out, "python.documented"), Some(8.0));
}

#[test]
fn findings_are_capped_but_metrics_are_not() {
    let out = run(
        "languages = [\"python\"]\nmarkdown = false\nmax_findings = 2",
        "python",
    );
    assert_eq!(
        out.findings
            .iter()
            .filter(|f| f.rule == "docs/undocumented")
            .count(),
        2
    );
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("36 more undocumented items")),
        "{:?}",
        out.notes
    );
    assert_eq!(metric(&out, "python.items"), Some(48.0));
    // The worst file (mod.py, 28 undocumented) comes first.
    assert_eq!(out.findings[0].path.as_deref(), Some("pkg/mod.py"));
}

#[test]
fn python_public_mode_matches_ruff_d1() {
    // ruff 0.17.5 `--select D100,D101,D102,D103,D104,D105,D106,D107` reports 19; gatekeep also
    // counts the two empty/blank docstrings (mod.py:16 and :20) as missing — ruff reports
    // those as D419 (empty docstring), not as D103.
    let out = run(
        "languages = [\"python\"]\nmarkdown = false\npython_mode = \"public\"",
        "python",
    );
    let items = metric(&out, "python.items").unwrap();
    let documented = metric(&out, "python.documented").unwrap();
    assert_eq!(items - documented, 21.0);
    let got = undocumented(&out);
    for p in [
        "pkg/mod.py:16",
        "pkg/mod.py:20",
        "pkg/__init__.py:1",
        "pkg/exports.py:19",
        "pkg/mod.py:117",
    ] {
        assert!(got.contains(&p.to_string()), "{p} in {got:?}");
    }
    // `_private.py` is a private module; `not_listed` and `NotListed` are outside `__all__`.
    assert!(!got.iter().any(|g| g.starts_with("pkg/_private.py")
        || g == "pkg/exports.py:14"
        || g == "pkg/exports.py:23"));
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("python_mode = \"public\""))
    );
}

#[test]
fn go_follows_revive_exported() {
    let out = run("languages = [\"go\"]\nmarkdown = false", "go");
    // Exported: Area+, Perimeter-, Shape+, Circle-, Shape.Scale+, Circle.Area-, Red+, Green+
    // (block comment), North+, South-, Version-, Debug+, Body-. `_test.go` and the generated
    // file are skipped.
    assert_eq!(metric(&out, "go.items"), Some(13.0));
    assert_eq!(metric(&out, "go.documented"), Some(7.0));
    let got = undocumented(&out);
    assert_eq!(
        got,
        [
            "shapes.go:7",
            "shapes.go:16",
            "shapes.go:23",
            "shapes.go:37",
            "shapes.go:40",
            "shapes.go:45"
        ]
    );
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("1 generated files skipped")),
        "{:?}",
        out.notes
    );
    let all = run(
        "languages = [\"go\"]\nmarkdown = false\ninclude_generated = true",
        "go",
    );
    assert_eq!(metric(&all, "go.items"), Some(14.0));
}

#[test]
fn js_ts_exports_and_jsdoc() {
    let out = run(
        "languages = [\"typescript\", \"javascript\"]\nmarkdown = false",
        "js",
    );
    // api.ts — documented: documented, over ×2 (two overload signatures; the documented first
    // covers the second, as in TypeDoc; the implementation is not a signature), Widget,
    // Widget.size, Widget.render, Options.verbose, Id, Mode.Fast, c (10). Undocumented:
    // lineComment, blockComment, Widget.label, Widget.create, Widget.area (get and set: two
    // items, as TypeDoc's two signatures), Options, Options.depth, Options.run, Mode, Mode.Slow,
    // a, b, later (14).
    assert_eq!(metric(&out, "typescript.items"), Some(24.0));
    assert_eq!(metric(&out, "typescript.documented"), Some(10.0));
    // lib.js: jsDocumented+, re-, default class-, default.method-.
    assert_eq!(metric(&out, "javascript.items"), Some(4.0));
    assert_eq!(metric(&out, "javascript.documented"), Some(1.0));
    assert_eq!(
        metric(&out, "coverage").map(|c| (c * 10.0).round()),
        Some(393.0)
    );
    // Worst file first.
    assert_eq!(
        out.findings.first().and_then(|f| f.path.clone()).as_deref(),
        Some("api.ts")
    );
}

#[test]
fn markdown_links_frontmatter_references() {
    let opts = r#"
languages = []
frontmatter = { glob = ".claude/commands/**/*.md", required = ["name", "description"] }
references = { pattern = '\{\{([^}]+)\}\}', target = "components/**/{}.md" }
"#;
    let out = run(opts, "markdown");
    assert_eq!(
        metric(&out, "broken_links"),
        Some(5.0),
        "{:#?}",
        out.findings
    );
    assert_eq!(
        metric(&out, "frontmatter_errors"),
        Some(2.0),
        "{:#?}",
        out.findings
    );
    assert_eq!(metric(&out, "missing_files"), Some(0.0));
    let rules: Vec<String> = out
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}",
                f.rule,
                f.path.clone().unwrap_or_default(),
                f.line.unwrap_or(0)
            )
        })
        .collect();
    for want in [
        "docs/broken-anchor README.md:4",
        "docs/broken-link README.md:6",
        "docs/broken-anchor README.md:8",
        "docs/broken-link README.md:21",
        "docs/broken-reference docs/guide.md:6",
        "docs/frontmatter .claude/commands/lacking.md:1",
        "docs/frontmatter .claude/commands/broken.md:3",
    ] {
        assert!(
            rules.contains(&want.to_string()),
            "{want} not in {rules:#?}"
        );
    }
    // No source files: coverage is not measured (a threshold on it is then ERROR).
    assert_eq!(metric(&out, "coverage"), None);
    assert_eq!(metric(&out, "items"), None);
}

#[test]
fn required_files_with_synonyms() {
    let out = run(
        "languages = []\nmarkdown = false\nrequired_files = [\"README\", \"LICENSE\", \"CHANGELOG\"]",
        "markdown",
    );
    assert_eq!(metric(&out, "missing_files"), Some(1.0));
    assert!(out.findings.iter().any(|f| f.message.contains("CHANGELOG")));
}

#[test]
fn options_are_validated() {
    let root = fixture("go");
    for (opts, needle) in [
        ("langauges = [\"go\"]", "unknown key"),
        ("languages = [\"cobol\"]", "unknown language"),
        ("python_mode = \"some\"", "python_mode"),
        ("python_ignore = [\"nope\"]", "python_ignore"),
        (
            "python_mode = \"public\"\npython_ignore = [\"magic\"]",
            "applies to",
        ),
        (
            "references = { pattern = 'x', target = \"a/{}.md\" }",
            "capture group",
        ),
        (
            "references = { pattern = '(x)', target = \"a.md\" }",
            "`{}`",
        ),
        (
            "frontmatter = { glob = \"../x/*.md\", required = [] }",
            "leaves the repository",
        ),
        ("ts_mode = \"barrel\"", "ts_mode"),
        ("features = [\"a b\"]", "not a feature name"),
        ("features = [\"pkg/\"]", "not a feature name"),
        ("rust_cfg = [\"1x\"]", "not a cfg"),
        ("rust_cfg = [\"a=\\\"b\\\"c\\\"\"]", "not a cfg"),
        ("no_default_features = \"yes\"", "expected a boolean"),
    ] {
        let err = run_for_test("docs", opts, &root)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains(needle), "{opts}: {err}");
    }
}

/// `features`, `no_default_features` and `rust_cfg` change which `#[cfg]` items are counted,
/// through the gate's options and the crate's own `Cargo.toml`.
#[test]
fn rust_features_and_cfgs_select_items() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("src")).unwrap();
    std::fs::write(
        d.path().join("Cargo.toml"),
        "[package]\nname = \"demo\"\n[features]\ndefault = [\"std\"]\nstd = []\nextra = []\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("src/lib.rs"),
        "//! c\n#[cfg(feature = \"std\")]\npub fn with_std() {}\n#[cfg(feature = \"extra\")]\npub fn extra() {}\n#[cfg(backend = \"raw\")]\npub fn raw() {}\n#[cfg_attr(docsrs, doc = \"x\")]\npub fn docsrs_only() {}\n",
    )
    .unwrap();
    let items = |opts: &str| {
        let out = run_for_test(
            "docs",
            &format!("languages = [\"rust\"]\nmarkdown = false\nrequired_files = []\n{opts}"),
            d.path(),
        )
        .unwrap();
        let mut v = undocumented(&out);
        v.sort();
        (metric(&out, "rust.items"), v)
    };
    // Lines: 3 `with_std`, 5 `extra`, 7 `raw`, 9 `docsrs_only`.
    assert_eq!(
        items(""),
        (
            Some(3.0),
            vec!["src/lib.rs:3".into(), "src/lib.rs:9".into()]
        )
    );
    assert_eq!(
        items("features = [\"demo/extra\"]"),
        (
            Some(4.0),
            vec![
                "src/lib.rs:3".into(),
                "src/lib.rs:5".into(),
                "src/lib.rs:9".into()
            ]
        )
    );
    assert_eq!(
        items("no_default_features = true\nrust_cfg = ['backend = \"raw\"', \"docsrs\"]"),
        (Some(3.0), vec!["src/lib.rs:7".into()])
    );
}

#[test]
fn unparsable_rust_is_reported_and_all_failing_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("src")).unwrap();
    std::fs::write(d.path().join("src/lib.rs"), "//! ok\npub fn f( {\n").unwrap();
    let err = run_for_test("docs", "languages = [\"rust\"]", d.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("src/lib.rs:2"), "{err}");
    std::fs::write(d.path().join("src/good.rs"), "pub fn g() {}\n").unwrap();
    let out = run_for_test("docs", "languages = [\"rust\"]", d.path()).unwrap();
    assert!(
        out.findings
            .iter()
            .any(|f| f.rule == "docs/parse-error" && f.line == Some(2))
    );
    assert!(out.notes.iter().any(|n| n.contains("could not be parsed")));
}

/// Every prefix of every fixture, and random bytes, never panic any counter.
#[test]
fn counters_never_panic() {
    use gatekeep::gates::docs::{PyIgnore, PyMode, go, js, markdown, python, rust};
    let mut files = Vec::new();
    for dir in [
        "rust/src",
        "python/pkg",
        "go",
        "js",
        "markdown",
        "markdown/docs",
    ] {
        for e in std::fs::read_dir(fixture(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..200 {
        let n = (rnd() % 400) as usize;
        let s: String = (0..n)
            .map(|_| {
                let alphabet = b"\"'`{}()[]#/*\\\n \tdefclass@:=;,.abcXYZ_0123<>!$";
                alphabet[(rnd() % alphabet.len() as u64) as usize] as char
            })
            .collect();
        files.push(s);
    }
    let ig = PyIgnore::default();
    for src in &files {
        let mut cut: Vec<usize> = (0..=src.len())
            .filter(|i| src.is_char_boundary(*i))
            .collect();
        if cut.len() > 300 {
            cut = cut.into_iter().step_by(7).collect();
        }
        for i in cut {
            let s = &src[..i];
            let _ = python::count(s, "a/b.py", PyMode::All, &ig);
            let _ = python::count(s, "a/b.py", PyMode::Public, &ig);
            let _ = js::count(s);
            let _ = go::count(s);
            let _ = markdown::scan(s);
            if let Err(e) = rust::parse(s) {
                assert!(e.line >= 1, "a Rust parse error has a position");
            }
        }
    }
}

#[test]
fn kind_doc_example_and_metric_names_load() {
    use gatekeep::config::{Syntax, parse};
    let doc = gatekeep::gates::docs::DOC.example;
    let dir = tempfile::tempdir().unwrap();
    parse(doc, "gates.toml", Syntax::Toml, dir.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let per_lang = "[gates.docs]\nkind = \"docs\"\nthresholds = [\"python.coverage >= 80\", \"go.items > 0\", \"broken_links == 0\"]\n";
    parse(per_lang, "gates.toml", Syntax::Toml, dir.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let bogus = "[gates.docs]\nkind = \"docs\"\nthresholds = [\"cobol.coverage >= 80\"]\n";
    assert!(parse(bogus, "gates.toml", Syntax::Toml, dir.path()).is_err());
}

#[test]
fn deep_nesting_never_overflows_the_stack() {
    let d = tempfile::tempdir().unwrap();
    let open = "(".repeat(50_000);
    let close = ")".repeat(50_000);
    std::fs::create_dir(d.path().join("src")).unwrap();
    std::fs::write(
        d.path().join("src/lib.rs"),
        format!("//! c\npub const X: u8 = {open}1{close};\n"),
    )
    .unwrap();
    std::fs::write(d.path().join("a.py"), format!("x = {open}1{close}\n")).unwrap();
    std::fs::write(
        d.path().join("a.ts"),
        format!("export const x = {open}1{close};\n{}", "{".repeat(50_000)),
    )
    .unwrap();
    std::fs::write(
        d.path().join("a.go"),
        format!("package a\nvar X = {open}1{close}\n"),
    )
    .unwrap();
    std::fs::write(d.path().join("a.md"), format!("{}\n", "[".repeat(50_000))).unwrap();
    let out = run_for_test("docs", "", d.path()).unwrap();
    let err = out
        .findings
        .iter()
        .find(|f| f.rule == "docs/parse-error")
        .expect("rust file reported");
    assert_eq!(
        (err.path.as_deref(), err.line),
        (Some("src/lib.rs"), Some(2))
    );
}

#[test]
fn non_utf8_sources_are_noted() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("ok.py"), "def f():\n    pass\n").unwrap();
    std::fs::write(
        d.path().join("latin1.py"),
        b"# caf\xe9\ndef g():\n    pass\n",
    )
    .unwrap();
    let out = run_for_test("docs", "languages = [\"python\"]", d.path()).unwrap();
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("1 source files are not UTF-8") && n.contains("latin1.py")),
        "{:?}",
        out.notes
    );
    assert_eq!(metric(&out, "python.items"), Some(2.0));
}

/// Issue 18 item 7: deep types and prefix-operator chains (not brackets) in Rust, and deep
/// constructs in the other languages' parsers, are a parse error for that file (counted in
/// `parse_errors`), never a stack overflow that takes the run down.
#[test]
fn deep_types_and_operator_chains_are_parse_errors() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("src")).unwrap();
    let n = 20_000;
    let rust = [
        ("refs", format!("pub type T = {}u8;\n", "&".repeat(n))),
        (
            "vecs",
            format!(
                "pub type T = {}u8{};\n",
                "Vec<".repeat(12_000),
                ">".repeat(12_000)
            ),
        ),
        ("ptrs", format!("pub type T = {}u8;\n", "*const ".repeat(n))),
        (
            "iters",
            format!(
                "pub fn f<T: {}u8{}>() {{}}\n",
                "Iterator<Item = ".repeat(5_000),
                ">".repeat(5_000)
            ),
        ),
        ("negs", format!("pub const X: i32 = {}1;\n", "-".repeat(n))),
        (
            "nots",
            format!("pub const X: bool = {}true;\n", "!".repeat(n)),
        ),
        ("fns", format!("pub type F = {}u8;\n", "fn() -> ".repeat(n))),
        (
            "lifetimes",
            format!("pub type T<'a> = {}u8;\n", "&'a ".repeat(n)),
        ),
    ];
    for (name, src) in &rust {
        std::fs::write(d.path().join(format!("src/{name}.rs")), src).unwrap();
    }
    // Real code well below the bound still parses: nested generics, references, constants.
    std::fs::write(
        d.path().join("src/lib.rs"),
        "//! c\n/// d\npub type M = Vec<Vec<Option<&'static &'static [u8]>>>;\n/// e\npub const A: bool = 1 < 2;\n/// f\npub const B: bool = 3 < 4;\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("deep.py"),
        format!("x = {}1\n", "-".repeat(n)),
    )
    .unwrap();
    std::fs::write(
        d.path().join("deep.ts"),
        format!(
            "export type T = {}number{};\n",
            "Array<".repeat(n),
            ">".repeat(n)
        ),
    )
    .unwrap();
    std::fs::write(
        d.path().join("deep.js"),
        format!("export const f = {}1;\n", "() => ".repeat(n)),
    )
    .unwrap();
    std::fs::write(
        d.path().join("deep.go"),
        format!("package a\n// T d\ntype T {}int\n", "*".repeat(n)),
    )
    .unwrap();
    let out = run_for_test("docs", "", d.path()).unwrap();
    let mut errs: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule == "docs/parse-error")
        .filter_map(|f| f.path.as_deref())
        .collect();
    errs.sort();
    let mut want: Vec<String> = rust.iter().map(|(n, _)| format!("src/{n}.rs")).collect();
    want.sort();
    assert_eq!(errs, want);
    assert_eq!(metric(&out, "parse_errors"), Some(rust.len() as f64));
    assert_eq!(metric(&out, "rust.items"), Some(4.0), "{:?}", out.findings);
}
