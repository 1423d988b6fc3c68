use super::*;
use std::path::Path;

#[test]
fn detects_formats_from_content() {
    let cases: &[(&[u8], Detected)] = &[
        (b"TN:\nSF:a.c\nDA:1,1\nend_of_record\n", Detected::Supported(Format::Lcov)),
        (b"\xEF\xBB\xBF  SF:a.c\n", Detected::Supported(Format::Lcov)),
        (b"mode: set\na.go:1.1,2.2 1 1\n", Detected::Supported(Format::Gocover)),
        (b"<?xml version=\"1.0\"?>\n<!DOCTYPE coverage SYSTEM \"x.dtd\">\n<coverage line-rate=\"1\">", Detected::Supported(Format::Cobertura)),
        (b"<coverage generated=\"1\" clover=\"3.2.0\"><project>", Detected::Supported(Format::Clover)),
        (b"<coverage generated=\"1\">\n  <project timestamp=\"1\">", Detected::Supported(Format::Clover)),
        // OpenClover writes `<file path=…>` as SonarQube's generic XML does.
        (b"<coverage generated=\"1\" clover=\"4.3.1\">\n<project timestamp=\"1\"><package name=\"p\"><file path=\"C:\\a.java\" name=\"a.java\">", Detected::Supported(Format::Clover)),
        (b"<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"x\">", Detected::Supported(Format::Jacoco)),
        (b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<CoverageSession>", Detected::Supported(Format::OpenCover)),
        (b"{\"meta\": {\"format\": 3, \"version\": \"7.1\"}, \"files\": {\"a.py\": {\"executed_lines\": []}}}", Detected::Supported(Format::CoveragepyJson)),
        (b"{\"data\":[{\"files\":[{\"filename\":\"a.rs\",\"segments\":[]}]}],\"type\":\"llvm.coverage.json.export\"}", Detected::Supported(Format::LlvmCov)),
        (b"{\"/a.js\": {\"path\": \"/a.js\", \"statementMap\": {}}}", Detected::Supported(Format::Istanbul)),
        (b"hello", Detected::Unknown),
    ];

    for (head, want) in cases {
        assert_eq!(&detect(head), want, "{}", String::from_utf8_lossy(head));
    }
}

#[test]
fn unknown_option_key_is_rejected() {
    let node =
        crate::node::value::parse_toml("reports = [\"a\"]\nformats = \"lcov\"").expect("toml");
    let e = configure(&node).err().expect("error");
    assert!(e.message.contains("unknown key `formats`"), "{}", e.message);
    assert_eq!(e.suggestion.as_deref(), Some("format"));
}

#[test]
fn hits_parse_floats_and_negatives() {
    assert_eq!(parse_hits("3"), Some(3));
    assert_eq!(parse_hits("1.0"), Some(1));
    assert_eq!(parse_hits("0.2"), Some(1));
    assert_eq!(parse_hits("-1"), Some(0));
    assert_eq!(parse_hits("x"), None);
    assert_eq!(parse_hits("NaN"), None);
}

#[test]
fn merging_keeps_ids_within_a_scheme_and_counts_across_schemes() {
    let mut a = FileCov::default();
    a.branch_counts(3, 1, 2, Combine::Max);
    let mut b = FileCov::default();
    b.branch(3, 7, 0, Combine::Add);
    b.branch(3, 8, 5, Combine::Add);
    a.merge(b.clone(), Combine::Add);
    let c = a.counts();
    assert_eq!((c.branches_covered, c.branches_total), (1, 2));
    // Same ids: union, hits add.
    let mut x = FileCov::default();
    x.branch(3, 7, 1, Combine::Add);
    x.merge(b, Combine::Add);
    let c = x.counts();
    assert_eq!((c.branches_covered, c.branches_total), (2, 2));
}

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

/// Every prefix (at most ~150 cut points per file) of each fixture, and random bytes, parsed as
/// every format: no panic, and every error names the file and a line:column.
#[test]
fn parsers_never_panic_and_errors_have_positions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/coverage");
    let fixtures = [
        "python/coverage.xml",
        "python/coverage.json",
        "python/coverage.lcov",
        "c/gcovr-jacoco.xml",
        "c/gcovr-clover.xml",
        "c/lcov-capture.info",
        "js/nyc/coverage-final.json",
        "js/c8/clover.xml",
        "go/cover-count.out",
        "rust/llvm-cov-branch.json",
        "dotnet/coverage.opencover.xml",
        "php/byte-buffer-clover.xml",
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("r");
    let pos = regex::Regex::new(r"^r:\d+:\d+: ").expect("regex");
    let check = |bytes: &[u8], forced: Option<Format>| {
        std::fs::write(&path, bytes).expect("write");
        if let Err(e) = read_report(&path, "r", forced) {
            let msg = format!("{e:#}");
            assert!(pos.is_match(&msg), "no position in `{msg}`");
        }
    };
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for f in fixtures {
        let bytes = std::fs::read(root.join(f)).expect("fixture");
        let step = (bytes.len() / 150).max(1);
        let mut cut = 0;
        while cut <= bytes.len() {
            check(&bytes[..cut], None);
            cut += step;
        }
        for fmt in Format::ALL {
            check(&bytes[..bytes.len() / 2], Some(*fmt));
            check(&bytes, Some(*fmt));
        }
        // Random byte flips.
        for _ in 0..20 {
            let mut b = bytes.clone();
            for _ in 0..4 {
                let i = (xorshift(&mut seed) as usize) % b.len().max(1);
                if let Some(x) = b.get_mut(i) {
                    *x = xorshift(&mut seed) as u8;
                }
            }
            check(&b, None);
        }
    }
    for _ in 0..200 {
        let n = (xorshift(&mut seed) % 512) as usize;
        let b: Vec<u8> = (0..n).map(|_| xorshift(&mut seed) as u8).collect();
        for fmt in Format::ALL {
            check(&b, Some(*fmt));
        }
        check(&b, None);
    }
}

#[test]
fn the_documented_example_configures() {
    use crate::node::value::Node;
    let doc = crate::node::value::parse_toml(DOC.example).expect("example is TOML");
    let Node::Map(top) = &doc.node else {
        panic!("not a table")
    };
    let gates = top
        .iter()
        .find(|(k, _)| k.name == "gates")
        .map(|(_, v)| v)
        .expect("gates");
    let Node::Map(gates) = &gates.node else {
        panic!("gates is not a table")
    };
    let cov = gates
        .iter()
        .find(|(k, _)| k.name == "coverage")
        .map(|(_, v)| v)
        .expect("coverage");
    // The common keys are the runner's; the rest must be this kind's options.
    let Node::Map(entries) = &cov.node else {
        panic!("coverage is not a table")
    };
    let own: Vec<(crate::node::value::SKey, SNode)> = entries
        .iter()
        .filter(|(k, _)| k.name != "thresholds")
        .cloned()
        .collect();
    let node = SNode::new(Node::Map(own), cov.pos);
    let gate = configure(&node).expect("the example configures");
    assert_eq!(gate.rules.len(), 1);
    for t in DOC.default_thresholds {
        let th = Threshold::parse(t).expect("threshold");
        assert!(DOC.metric(&th.metric).is_some());
    }
}

/// The streamed JSON parsers: figures wherever the headline sits, trailing garbage and missing
/// sections are positioned errors.
#[test]
fn json_parsers_stream_and_reject_trailing_garbage() {
    fn parse(fmt: Format, text: &str) -> Result<ReportData, ParseError> {
        let mut out = ReportData::default();
        fmt.parser().parse(&mut text.as_bytes(), &mut out)?;
        out.finish();
        Ok(out)
    }
    fn lines(d: &ReportData) -> (u64, u64) {
        let c = d.counts();
        (c.lines_covered, c.lines_total)
    }
    let py_totals = "\"totals\": {\"covered_lines\": 2, \"num_statements\": 3}";
    let py_files = "\"files\": {\"a.py\": {\"executed_lines\": [1, 2], \"missing_lines\": [3], \
                    \"functions\": {\"f\": {\"executed_lines\": [9]}}}, \
                    \"b.py\": {\"executed_lines\": [], \"missing_lines\": []}}";
    for text in [
        format!("{{\"meta\": {{}}, {py_files}, {py_totals}}}"),
        format!("{{{py_totals}, {py_files}}}"),
    ] {
        let d = parse(Format::CoveragepyJson, &text).expect("parse");
        assert_eq!(lines(&d), (2, 3));
        assert_eq!(d.headline.as_ref().and_then(|h| h.lines), Some((2, 3)));
    }
    let ist = "{\"a.js\": {\"statementMap\": {\"0\": {\"start\": {\"line\": 1}}, \
               \"1\": {\"start\": {\"line\": 2}}}, \"s\": {\"0\": 1, \"1\": 0}}, \
               \"b.js\": {\"data\": {\"path\": \"c.js\", \"statementMap\": {\"0\": {\"start\": {\"line\": 4}}}, \"s\": {\"0\": 2}}}}";
    let d = parse(Format::Istanbul, ist).expect("parse");
    assert_eq!(lines(&d), (2, 3));
    assert!(d.files.contains_key("c.js"));
    let llvm = "{\"data\": [{\"files\": [{\"filename\": \"a.rs\", \"segments\": [[1, 1, 3, true, true, false], [1, 9, 0, false, false, false], \
                [2, 1, 0, true, true, false], [2, 9, 0, false, false, false]], \
                \"summary\": {\"lines\": {\"count\": 2, \"covered\": 1}}}], \"functions\": [{\"x\": 1}]}, \
                {\"files\": [{\"filename\": \"b.rs\", \"segments\": [[5, 1, 1, true, true, false]], \
                \"summary\": {\"lines\": {\"count\": 1, \"covered\": 1}}}]}], \"type\": \"llvm.coverage.json.export\"}";
    let d = parse(Format::LlvmCov, llvm).expect("parse");
    assert_eq!(lines(&d), (2, 3));
    assert_eq!(d.headline.as_ref().and_then(|h| h.lines), Some((2, 3)));

    let py = format!("{{{py_files}}}");
    for (fmt, good) in [
        (Format::CoveragepyJson, py.as_str()),
        (Format::Istanbul, ist),
        (Format::LlvmCov, llvm),
    ] {
        let e = parse(fmt, &format!("{good}\n x")).expect_err("trailing garbage");
        // The `x` on line 2, column 2 (offsets become line:column in reports).
        assert_eq!(
            e.pos,
            ErrPos::Offset(good.len() as u64 + 2),
            "{}",
            e.message
        );
        assert!(e.message.contains("trailing characters"), "{}", e.message);
    }
    let e = parse(Format::CoveragepyJson, "{\"meta\": {}}").expect_err("no files");
    assert!(e.message.contains("missing field `files`"), "{}", e.message);
    let e = parse(Format::LlvmCov, "{\"data\": [{\"functions\": []}]}").expect_err("no files");
    assert!(e.message.contains("missing field `files`"), "{}", e.message);
    let e = parse(
        Format::CoveragepyJson,
        "{\"files\": {\"a.py\": {\"executed_lines\": [99999999999], \"missing_lines\": []}}}",
    )
    .expect_err("line out of range");
    assert!(
        e.message
            .contains("line number 99999999999 is out of range"),
        "{}",
        e.message
    );
}

/// coverage.py before 7.14 lists executed non-statement lines (docstrings, excluded lines) in
/// `executed_lines`; 5.x writes branch totals without arcs. The figures are coverage.py's own
/// (the file summaries), never better; a summary that contradicts the lists is an ERROR.
#[test]
fn coveragepy_json_old_versions_give_coveragepys_figures() {
    fn parse(text: &str) -> Result<ReportData, ParseError> {
        let mut out = ReportData::default();
        Format::CoveragepyJson
            .parser()
            .parse(&mut text.as_bytes(), &mut out)?;
        out.finish();
        Ok(out)
    }
    fn figs(d: &ReportData) -> (u64, u64, u64, u64) {
        let c = d.counts();
        (
            c.lines_covered,
            c.lines_total,
            c.branches_covered,
            c.branches_total,
        )
    }
    // 7.13: line 1 is the module docstring; 4 executed statements of 5 (coverage.py: 4/5).
    let doc = r#"{"files": {"a.py": {"executed_lines": [1, 2, 3, 4, 5], "missing_lines": [6],
        "excluded_lines": [], "summary": {"covered_lines": 4, "num_statements": 5}}}}"#;
    let d = parse(doc).expect("parse");
    assert_eq!(figs(&d), (4, 5, 0, 0));
    let f = &d.files["a.py"];
    assert_eq!((f.hits(6), f.hits(2), f.hits(1)), (Some(0), None, None));
    assert!(
        d.notes.iter().any(|n| n.contains("not statements")),
        "{:?}",
        d.notes
    );
    // An executed excluded line is dropped: the lists are exact again, line by line.
    let excl = r#"{"files": {"a.py": {"executed_lines": [2, 3, 9], "missing_lines": [4],
        "excluded_lines": [9], "summary": {"covered_lines": 2, "num_statements": 3}}}}"#;
    let d = parse(excl).expect("parse");
    assert_eq!(figs(&d), (2, 3, 0, 0));
    assert_eq!(
        (d.files["a.py"].hits(2), d.files["a.py"].hits(9)),
        (Some(1), None)
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    // 5.x: branch totals, no arcs; the empty `__init__.py` lists line 1 with 0 statements.
    let v5 = r#"{"files": {"__init__.py": {"executed_lines": [1], "missing_lines": [],
        "summary": {"covered_lines": 0, "num_statements": 0, "num_branches": 0,
        "covered_branches": 0}},
        "a.py": {"executed_lines": [1, 2], "missing_lines": [3],
        "summary": {"covered_lines": 1, "num_statements": 2, "num_branches": 4,
        "covered_branches": 3}}}}"#;
    let d = parse(v5).expect("parse");
    assert_eq!(figs(&d), (1, 2, 3, 4));
    assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
    // Damaged summaries are ERRORs, never a better figure.
    for (text, want) in [
        (
            r#"{"files": {"a.py": {"executed_lines": [1, 2], "missing_lines": [3],
            "summary": {"covered_lines": 1, "num_statements": 1}}}}"#,
            "is not `covered_lines`",
        ),
        (
            r#"{"files": {"a.py": {"executed_lines": [2], "missing_lines": [3],
            "summary": {"covered_lines": 1, "num_statements": 2, "num_branches": 2,
            "covered_branches": 3}}}}"#,
            "exceeds `num_branches`",
        ),
        (
            r#"{"files": {"a.py": {"executed_lines": [2], "missing_lines": [3],
            "summary": {"covered_lines": 1, "num_statements": 2, "num_branches": 2}}}}"#,
            "without `num_branches` or the reverse",
        ),
        (
            r#"{"files": {"a.py": {"executed_lines": [2], "missing_lines": [3],
            "summary": {"covered_lines": 1, "num_statements": 2, "num_branches": 2.5,
            "covered_branches": 1}}}}"#,
            "invalid type",
        ),
    ] {
        let e = parse(text).expect_err(want);
        assert!(e.message.contains(want), "{want}: {}", e.message);
    }
    // A summary claiming more covered lines than listed does not raise the figure.
    let more = r#"{"files": {"a.py": {"executed_lines": [2], "missing_lines": [3],
        "summary": {"covered_lines": 5, "num_statements": 6}}}}"#;
    assert_eq!(figs(&parse(more).expect("parse")), (1, 2, 0, 0));
}

#[test]
fn unsupported_formats_are_named() {
    let cases: &[(&[u8], &str)] = &[
        (b"{\"branch_covered\": 1, \"files\": [], \"gcovr/format_version\": \"0.6\", \"line_covered\": 1, \"line_percent\": 50.0, \"line_total\": 2}", "gcovr JSON summary"),
        (b"{\"root\": \".\", \"gcovr/summary_format_version\": \"0.6\", \"files\": []}", "gcovr JSON summary"),
        (b"{\"result\": {\"line\": 90.91, \"branch\": 50.0}}", "SimpleCov .last_run.json"),
        (b"{\"summary\": {\"generatedon\": \"x\", \"coveredlines\": 1, \"coverablelines\": 2}}", "ReportGenerator Summary.json"),
        (b"<?xml version=\"1.0\"?>\n<CoverageReport scope=\"Summary\">", "ReportGenerator summary XML"),
        (b"<?xml version=\"1.0\"?><Root DotCoverVersion=\"2023.1\">", "dotCover"),
    ];
    for (head, want) in cases {
        match detect(head) {
            Detected::Unsupported(name) => assert!(name.contains(want), "{name} for {want}"),
            other => panic!("{want}: {other:?}"),
        }
    } // Read since issue 19.
    let read: &[(&[u8], Format)] = &[
        (b"<coverage version=\"1\">\n  <file path=\"src/a.ts\">\n    <lineToCover lineNumber=\"6\" covered=\"true\"/>", Format::SonarGeneric),
        (b"<?xml version=\"1.0\"?>\n<!-- x -->\n<coverage version=\"1\"/>", Format::SonarGeneric),
        (b"<coverage version=\"1\" line-rate=\"0.5\"><packages/></coverage>", Format::Cobertura),
        (b"{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"line_number\": 1, \"count\": 1}]}], \"gcovr/format_version\": \"0.6\"}", Format::GcovrJson),
        (b"{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"branches\": [], \"count\": 1, \"gcovr/noncode\": false, \"line_number\": 1", Format::GcovrJson),
        (b"{\"service_name\": \"travis-ci\", \"source_files\": [{\"name\": \"a.rb\", \"source_digest\": \"x\", \"coverage\": [null, 1, 0]}]}", Format::Coveralls),
        (b"{\"RSpec\": {\"coverage\": {\"/a.rb\": {\"lines\": [null, 1]}}, \"timestamp\": 1}}", Format::SimpleCov),
        (b"{\"RSpec\": {\"coverage\": {\"/app/lib/a.rb\": [\n null, 1", Format::SimpleCov),
    ];
    for (head, want) in read {
        assert_eq!(
            detect(head),
            Detected::Supported(*want),
            "{}",
            String::from_utf8_lossy(head)
        );
    }
}

/// Coveralls and SimpleCov reports are cut into batches of about 1 MiB parsed on other
/// threads: a report of several batches gives the sum of its files, whatever the thread count,
/// and damage in a late batch is an error at its own offset, never a figure from the batches
/// before it.
#[test]
fn batched_json_readers_add_every_batch_and_stop_at_damage() {
    fn parse(fmt: Format, text: &str) -> Result<ReportData, ParseError> {
        let mut out = ReportData::default();
        fmt.parser().parse(&mut text.as_bytes(), &mut out)?;
        out.finish();
        Ok(out)
    }
    // 3,000 files of 400 lines (over 3 MiB): 1 of 3 lines not relevant, 1 of 2 covered.
    let line_array = (0..400)
        .map(|i| match i % 3 {
            0 => "null".to_string(),
            _ => (i % 2).to_string(),
        })
        .collect::<Vec<_>>()
        .join(",");
    let (files, relevant) = (3000u64, (0..400).filter(|i| i % 3 != 0).count() as u64);
    let covered = (0..400).filter(|i| i % 3 != 0 && i % 2 == 1).count() as u64;
    let coveralls = format!(
        "{{\"service_name\": \"x\", \"source_files\": [{}], \"git\": {{\"head\": {{}}}}}}",
        (0..files)
            .map(|i| format!("{{\"name\": \"f{i}.c\", \"coverage\": [{line_array}], \"branches\": [1, 0, 0, 1, 1, 0, 1, 0]}}"))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let simplecov = format!(
        "{{\"RSpec\": {{\"coverage\": {{{}}}, \"timestamp\": 1}}}}",
        (0..files)
            .map(|i| format!("\"/f{i}.rb\": {{\"lines\": [{line_array}]}}"))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    assert!(coveralls.len() > 3 << 20 && simplecov.len() > 3 << 20);
    for threads in [1, 2, 3] {
        crate::gates::set_threads(threads);
        let d = parse(Format::Coveralls, &coveralls).expect("coveralls");
        let c = d.counts();
        assert_eq!(
            (c.lines_covered, c.lines_total),
            (covered * files, relevant * files)
        );
        assert_eq!((c.branches_covered, c.branches_total), (files, 2 * files));
        let d = parse(Format::SimpleCov, &simplecov).expect("simplecov");
        let c = d.counts();
        assert_eq!(
            (c.lines_covered, c.lines_total),
            (covered * files, relevant * files)
        );
        assert_eq!(d.files.len() as u64, files);

        // A fractional count in file 2,500 (well past the first batch).
        let at = coveralls.find("\"f2500.c\"").expect("file");
        let bad = format!(
            "{}{}",
            &coveralls[..at],
            coveralls[at..].replacen(",1,", ",1.5,", 1)
        );
        let e = parse(Format::Coveralls, &bad).expect_err("damaged");
        match e.pos {
            ErrPos::Offset(o) => assert!(o as usize > at, "{o} <= {at}"),
            p => panic!("{p:?}"),
        }
        // Cut in file 2,500: truncated, whatever was read before.
        let at = simplecov.find("\"/f2500.rb\"").expect("file");
        let e = parse(Format::SimpleCov, &simplecov[..at + 50]).expect_err("truncated");
        assert!(
            e.message.contains("unexpected end of file"),
            "{}",
            e.message
        );
        // A file twice in one result, far apart.
        let dup = simplecov.replacen("\"/f2999.rb\"", "\"/f3.rb\"", 1);
        let e = parse(Format::SimpleCov, &dup).expect_err("duplicate");
        assert!(
            e.message.contains("`/f3.rb` appears twice"),
            "{}",
            e.message
        );
    }
    crate::gates::set_threads(0);
}

#[test]
fn ids_from_parts_are_text_ids() {
    let mut buf = [0u8; 40];
    for n in [
        0i128,
        7,
        -1,
        -42,
        i128::from(i64::MIN),
        i128::from(u64::MAX),
    ] {
        assert_eq!(decimal(n, &mut buf), n.to_string().as_bytes());
        assert_eq!(
            text_id_parts(&[b"a:", decimal(n, &mut [0u8; 40]), b":b"]),
            text_id(&format!("a:{n}:b"))
        );
    }
}
