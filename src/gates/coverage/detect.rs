//! Which coverage format a report is, from its content: XML by its root element and prolog,
//! JSON by its keys in any order, and the dialects gatekeep knows but does not read, by name.

use super::*;

/// Why a report's format could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Detected {
    Supported(Format),
    /// A known dialect gatekeep does not read.
    Unsupported(&'static str),
    Unknown,
}

/// Detects the format from the first bytes of a report.
pub fn detect(head: &[u8]) -> Detected {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    if t.starts_with('<') {
        return detect_xml(t);
    }
    if t.starts_with('{') || t.starts_with('[') {
        return detect_json(t);
    }
    if t.starts_with("mode:") {
        return Detected::Supported(Format::Gocover);
    }
    let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty());
    if let Some(first) = lines.next() {
        if first.contains(":Source:") || first.starts_with("-:") {
            return Detected::Unsupported(
                "gcov text output (.gcov files); produce LCOV with lcov, gcovr --lcov or fastcov",
            );
        }
        if first.starts_with("version:") || first.starts_with("file:") && t.contains("\nlcount:") {
            return Detected::Unsupported(
                "gcov intermediate text format (gcov -i); produce LCOV with lcov or gcovr --lcov",
            );
        }
    }
    for l in t.lines().map(str::trim).filter(|l| !l.is_empty()).take(20) {
        let lcov_rec = [
            "TN:", "SF:", "VER:", "DA:", "FN:", "FNDA:", "FNL:", "FNA:", "BRDA:", "LF:", "LH:",
        ];
        if lcov_rec.iter().any(|r| l.starts_with(r)) || l == "end_of_record" {
            return Detected::Supported(Format::Lcov);
        }
    }
    Detected::Unknown
}

fn detect_xml(t: &str) -> Detected {
    // The root element: the first element after the prolog (XML declaration, processing
    // instructions, comments, a DOCTYPE with its internal subset), whatever they contain.
    let mut rest = t;
    let root = loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            let Some(i) = r.find("?>") else {
                return Detected::Unknown;
            };
            rest = &r[i + 2..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("<!--") {
            let Some(i) = r.find("-->") else {
                return Detected::Unknown;
            };
            rest = &r[i + 3..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("<!") {
            // `<!DOCTYPE …>`, possibly with `[ … ]`: the first `>` outside brackets and quotes.
            let mut depth = 0usize;
            let mut quote = None;
            let mut end = None;
            for (i, c) in r.char_indices() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[') => depth += 1,
                    (None, ']') => depth = depth.saturating_sub(1),
                    (None, '>') if depth == 0 => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let Some(i) = end else {
                return Detected::Unknown;
            };
            rest = &r[i + 1..];
            continue;
        }
        let Some(r) = rest.strip_prefix('<') else {
            return Detected::Unknown;
        };
        rest = r;
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        break &rest[..end];
    };
    let after = rest;
    match root {
        "coverage" => {
            // SonarQube's generic format: `<coverage version="1">` with `<file path>` and
            // `<lineToCover>`, and none of Cobertura's rates or Clover's attributes.
            let root_tag = &after[..after.find('>').unwrap_or(after.len())];
            let sonar_root = (root_tag.contains("version=\"1\"")
                || root_tag.contains("version='1'"))
                && !root_tag.contains("line-rate")
                && !root_tag.contains("clover=");
            // Clover first: OpenClover writes `<file path=…>` too.
            if after.contains("clover=") || after.contains("<project") {
                Detected::Supported(Format::Clover)
            } else if after.contains("<lineToCover") || after.contains("<file path=") || sonar_root
            {
                Detected::Supported(Format::SonarGeneric)
            } else if after.contains("profilerVersion")
                || after.contains("<module ") && !after.contains("<packages")
            {
                Detected::Unsupported("NCover XML")
            } else {
                Detected::Supported(Format::Cobertura)
            }
        }
        "report" => Detected::Supported(Format::Jacoco),
        "CoverageSession" => Detected::Supported(Format::OpenCover),
        "results" => Detected::Unsupported("Visual Studio .coveragexml"),
        "Root" if after.contains("DotCover") => Detected::Unsupported("dotCover XML"),
        "BullseyeCoverage" => Detected::Unsupported("BullseyeCoverage XML"),
        "CoverageReport" => Detected::Unsupported(
            "ReportGenerator summary XML (totals only; give gatekeep the reports ReportGenerator read)",
        ),
        _ => Detected::Unknown,
    }
}

fn detect_json(t: &str) -> Detected {
    let has = |k: &str| t.contains(k);
    if has("\"gcc_version\"") && has("\"format_version\"") {
        return Detected::Unsupported(
            "gcov JSON (gcov --json-format); produce LCOV with gcovr --lcov",
        );
    }
    // gcovr 5–6 sort their keys: `gcovr/format_version` comes last, after the files.
    if has("\"gcovr/format_version\"")
        || has("\"gcovr/summary_format_version\"")
        || has("\"line_number\"") && (has("\"gcovr/noncode\"") || has("\"gcovr/md5\""))
    {
        return if has("\"line_percent\"")
            || has("\"line_total\"")
            || has("\"gcovr/summary_format_version\"")
        {
            Detected::Unsupported(GCOVR_SUMMARY)
        } else {
            Detected::Supported(Format::GcovrJson)
        };
    }
    if has("\"source_files\"") && (has("\"coverage\"") || has("\"source_digest\"")) {
        return Detected::Supported(Format::Coveralls);
    }
    if has("llvm.coverage.json.export")
        || (has("\"data\"") && (has("\"segments\"") || has("\"files\"")) && has("\"filename\""))
    {
        return Detected::Supported(Format::LlvmCov);
    }
    if has("\"meta\"")
        && (has("\"files\"") || has("\"format\""))
        && (has("\"executed_lines\"") || has("\"show_contexts\"") || has("\"branch_coverage\""))
    {
        return Detected::Supported(Format::CoveragepyJson);
    }
    if has("\"statementMap\"") || has("\"fnMap\"") || has("\"branchMap\"") {
        return Detected::Supported(Format::Istanbul);
    }
    if has(".dll\"") && has("\"Lines\"") && has("\"Branches\"") {
        return Detected::Unsupported(
            "coverlet JSON (produce `cobertura`, `opencover` or `lcov` with coverlet's --format)",
        );
    }
    if has("\"summary\"") && has("\"coveredlines\"") {
        return Detected::Unsupported(
            "ReportGenerator Summary.json (totals only; give gatekeep the reports ReportGenerator read)",
        );
    }
    if has("\"result\"") && (has("\"covered_percent\"") || has("\"line\"")) && !has("\"coverage\"")
    {
        return Detected::Unsupported(
            "SimpleCov .last_run.json (totals only; use simplecov-lcov or simplecov-cobertura)",
        );
    }
    if has("\"total\"") && has("\"lines\"") && has("\"pct\"") {
        return Detected::Unsupported(
            "Istanbul coverage-summary.json (totals only; use coverage-final.json or lcov.info)",
        );
    }
    if has("\"coverage\"") && (has("\"timestamp\"") || has("\"lines\"") || has(".rb\"")) {
        return Detected::Supported(Format::SimpleCov);
    }
    Detected::Unknown
}

/// gcovr's JSON summary: totals per file, no line data, so neither per-line merging nor
/// `diff_line` could be honest. It is named, not read.
const GCOVR_SUMMARY: &str = "gcovr JSON summary (gcovr --json-summary: totals only, no line data; give gatekeep gcovr --json, --lcov or --cobertura)";

/// Whether the first bytes (after a BOM and white space) open a JSON object.
pub(super) fn is_json_object(head: &[u8]) -> bool {
    let h = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    h.trim_ascii_start().starts_with(b"{")
}

/// Reads past a UTF-8 byte-order mark.
pub(super) fn skip_bom(r: &mut dyn BufRead) {
    if let Ok(h) = r.fill_buf()
        && h.starts_with(b"\xEF\xBB\xBF")
    {
        r.consume(3);
    }
}

/// The structure of a JSON document: its top-level keys, the keys of its first object value,
/// and the top-level `type` string.
#[derive(Debug, Default)]
pub struct JsonShape {
    pub keys: Vec<String>,
    pub first_value_keys: Vec<String>,
    pub type_name: Option<String>,
}

/// Reads the [`JsonShape`] of a document, skipping every value it does not need (constant
/// memory); `None` if it is not a JSON object.
pub fn json_shape(r: impl Read) -> Option<JsonShape> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = m.next_key::<String>()? {
                m.next_value::<IgnoredAny>()?;
                if keys.len() < 64 {
                    keys.push(k);
                }
            }
            Ok(keys)
        }
    }
    struct Top;
    impl<'de> Visitor<'de> for Top {
        type Value = JsonShape;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<JsonShape, A::Error> {
            /// A value: the keys of an object, or the text of a string.
            type Seen = (Vec<String>, Option<String>);
            struct Sub;
            impl<'de> serde::de::DeserializeSeed<'de> for Sub {
                type Value = Seen;
                fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Seen, D::Error> {
                    d.deserialize_any(SubV)
                }
            }
            struct SubV;
            impl<'de> Visitor<'de> for SubV {
                type Value = Seen;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("any value")
                }
                fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Seen, A::Error> {
                    Ok((Keys.visit_map(m)?, None))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut s: A,
                ) -> Result<Seen, A::Error> {
                    while s.next_element::<IgnoredAny>()?.is_some() {}
                    Ok((Vec::new(), None))
                }
                fn visit_str<E>(self, v: &str) -> Result<Seen, E> {
                    Ok((Vec::new(), Some(v.to_string())))
                }
                fn visit_bool<E>(self, _: bool) -> Result<Seen, E> {
                    Ok((Vec::new(), None))
                }
                fn visit_i64<E>(self, _: i64) -> Result<Seen, E> {
                    Ok((Vec::new(), None))
                }
                fn visit_u64<E>(self, _: u64) -> Result<Seen, E> {
                    Ok((Vec::new(), None))
                }
                fn visit_f64<E>(self, _: f64) -> Result<Seen, E> {
                    Ok((Vec::new(), None))
                }
                fn visit_unit<E>(self) -> Result<Seen, E> {
                    Ok((Vec::new(), None))
                }
            }
            let mut shape = JsonShape::default();
            while let Some(k) = m.next_key::<String>()? {
                let (keys, text) = m.next_value_seed(Sub)?;
                if k == "type" {
                    shape.type_name = text;
                } else if shape.first_value_keys.is_empty() {
                    shape.first_value_keys = keys;
                }
                if shape.keys.len() < 64 {
                    shape.keys.push(k);
                }
            }
            Ok(shape)
        }
    }
    let mut de = serde_json::Deserializer::from_reader(r);
    let shape = (&mut de).deserialize_map(Top).ok()?;
    Some(shape)
}

/// Detects a JSON coverage format from its structure, whatever the order of its keys.
pub fn detect_json_shape(s: &JsonShape) -> Detected {
    let has = |k: &str| s.keys.iter().any(|x| x == k);
    if s.type_name.as_deref() == Some("llvm.coverage.json.export") {
        return Detected::Supported(Format::LlvmCov);
    }
    if has("meta") && has("files") {
        return Detected::Supported(Format::CoveragepyJson);
    }
    if has("gcc_version") && has("format_version") {
        return detect_json("\"gcc_version\" \"format_version\"");
    }
    let sub = |k: &str| s.first_value_keys.iter().any(|x| x == k);
    if sub("statementMap") || sub("fnMap") || sub("branchMap") {
        return Detected::Supported(Format::Istanbul);
    }
    if has("total") && sub("lines") {
        return detect_json("\"total\" \"lines\" \"pct\"");
    }
    if has("gcovr/format_version") || has("gcovr/summary_format_version") {
        return if has("line_total") || has("line_percent") || has("gcovr/summary_format_version") {
            Detected::Unsupported(GCOVR_SUMMARY)
        } else {
            Detected::Supported(Format::GcovrJson)
        };
    }
    if has("source_files") {
        return Detected::Supported(Format::Coveralls);
    }
    if sub("coverage") && sub("timestamp") {
        return Detected::Supported(Format::SimpleCov);
    }
    Detected::Unknown
}
