//! The `checklist` gate: progress of Markdown task lists (`- [ ]` / `- [x]`), overall and per
//! section, and the items that must be checked.

use super::{
    ConfigCx, Gate, GateCx, GateKind, GateOutput, KindDoc, MetricDoc, MetricLookup, OptionDoc,
};
use crate::model::{Condition, Finding, Metric, Severity, Status, Unit};
use crate::node::de::{DeError, Spanned};
use crate::node::value::SNode;
use globset::GlobSet;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub struct Kind;

/// Every id the `checklist` gate reports, for `gatekeep explain ID`.
pub static FINDINGS: &[super::FindingDoc] = &[super::FindingDoc {
    id: "checklist/open-required",
    summary: "A required checklist item is not checked (high)",
    description: "An item named in `required` (by its normalised text or its `<!-- id: x -->`) is \
still `- [ ]` in the checklist file. Check it when the work is done; a required item that is \
missing from the file altogether makes the gate ERROR instead.",
}];

pub static DOC: KindDoc = KindDoc {
    kind: "checklist",
    summary: "Progress of Markdown task lists (`- [ ]` / `- [x]`) and the items that must be checked",
    description: "\
Reads the Markdown files named by `files` (paths or globs, relative to the config's folder) and
counts their task-list items: `- [ ]` open, `- [x]` done, with `-`, `*` or `+` bullets or ordered
list markers (`1.`, `1)`), at any nesting depth, with LF or CRLF line ends. Items inside fenced
code blocks (```` ``` ```` or `~~~`) are examples, not tasks, and are not counted. Files under
`.gatekeep/` are gatekeep's state and never read.

With `sections = true`, every ATX heading (`#` … `######`) with items below it gets its own
metrics, named from the heading's slug (as GitHub makes anchors: `## Build & Verify` is
`build--verify`): `build--verify.done`, `build--verify.total`, `build--verify.open`,
`build--verify.done_pct`. A section counts the items up to the next heading of the same or a
higher level, so a section includes its sub-sections.

`required` lists items that must be checked. An entry matches an item by its normalised text
(case, emphasis marks, extra spaces and a trailing `.` or `:` do not matter) or by an explicit id
written in the item, `- [ ] Rollback tested <!-- id: rollback -->`. Each open required item is a
finding with its file and line, and the gate adds the condition `required_open == 0`. A required
entry that matches no item is an ERROR naming it: a missing item is never taken as checked or as
merely open.

No matching file, or files without any task item, is an ERROR (no data), never a pass.",
    options: &[
        OptionDoc {
            name: "files",
            ty: "list of paths or globs",
            default: "(required)",
            description: "The Markdown checklists, relative to the config's folder.",
        },
        OptionDoc {
            name: "sections",
            ty: "bool",
            default: "false",
            description: "Also emit `done`, `total`, `open`, `done_pct` per heading, prefixed with the heading's slug.",
        },
        OptionDoc {
            name: "required",
            ty: "list of strings",
            default: "[]",
            description: "Items that must be checked, by normalised text or by `<!-- id: ... -->`.",
        },
    ],
    metrics: &[
        MetricDoc {
            name: "done",
            unit: "",
            description: "Checked items.",
        },
        MetricDoc {
            name: "total",
            unit: "",
            description: "All task items.",
        },
        MetricDoc {
            name: "open",
            unit: "",
            description: "Unchecked items.",
        },
        MetricDoc {
            name: "done_pct",
            unit: "%",
            description: "Checked items as a share of all items.",
        },
        MetricDoc {
            name: "required_open",
            unit: "",
            description: "Required items that are not checked (with `required`).",
        },
    ],
    default_thresholds: &["open == 0"],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "\
[gates.deploy-checklist]
kind = \"checklist\"
files = [\"docs/deployment/CHECKLIST.md\"]
sections = true
required = [\"Rollback procedures tested\", \"monitoring\"]   # text, or an `<!-- id: monitoring -->`
thresholds = [\"done_pct >= 30\"]
",
};

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    /// The Markdown checklists, relative to the config's folder.
    #[schemars(with = "Vec<String>")]
    files: Vec<Spanned<String>>,
    /// Also emit metrics per heading.
    #[serde(default)]
    sections: bool,
    /// Items that must be checked (normalised text or `<!-- id: x -->`).
    #[serde(default)]
    required: Vec<String>,
}

/// One task item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub text: String,
    pub done: bool,
    /// 1-based.
    pub line: u64,
    pub id: Option<String>,
    /// Index into the file's sections of the nearest heading above (`None`: before any heading).
    pub section: Option<usize>,
}

/// One heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub level: usize,
    pub line: u64,
}

/// A parsed Markdown file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub items: Vec<Item>,
    pub sections: Vec<Section>,
}

/// Progress of one section, carried in the JSON report (`data.sections`) for the readiness report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionProgress {
    pub file: String,
    pub title: String,
    pub slug: String,
    pub done: u64,
    pub total: u64,
}

/// What the readiness report reads from a checklist gate's `data`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChecklistData {
    pub files: Vec<String>,
    #[serde(default)]
    pub sections: Vec<SectionProgress>,
    /// Open required items: `path:line: text`.
    #[serde(default)]
    pub open_required: Vec<String>,
}

/// A line's indentation-stripped fence marker (```` ``` ```` or `~~~`, 3 or more), if it is one.
fn fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches([' ', '\t']);
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// `# Title` → (level, title).
fn heading(line: &str) -> Option<(usize, String)> {
    let t = line.strip_prefix("   ").or_else(|| line.strip_prefix("  "));
    let t = t.or_else(|| line.strip_prefix(' ')).unwrap_or(line);
    let level = t.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    // Closing `#`s are not part of the title.
    let title = rest.trim().trim_end_matches('#').trim();
    Some((level, title.to_string()))
}

/// A task item: a list marker, then `[ ]` / `[x]`, then the text.
fn task(line: &str) -> Option<(bool, &str)> {
    let mut t = line.trim_start_matches([' ', '\t']);
    // Inside a block quote too.
    while let Some(r) = t.strip_prefix('>') {
        t = r.trim_start_matches([' ', '\t']);
    }
    let after = if let Some(r) = t.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        t[digits..].strip_prefix(['.', ')'])?
    };
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let after = after.trim_start_matches([' ', '\t']);
    let done = match after.get(..3)? {
        "[ ]" => false,
        "[x]" | "[X]" => true,
        _ => return None,
    };
    let text = &after[3..];
    if !(text.is_empty() || text.starts_with([' ', '\t'])) {
        return None;
    }
    Some((done, text.trim()))
}

/// Takes `<!-- id: x -->` out of an item's text.
fn split_id(text: &str) -> (String, Option<String>) {
    let mut id = None;
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("-->") else {
            rest = &rest[start..];
            break;
        };
        let inner = rest[start + 4..start + end].trim();
        if let Some(v) = inner.strip_prefix("id:") {
            id = Some(v.trim().to_string());
        }
        rest = &rest[start + end + 3..];
    }
    out.push_str(rest);
    (out.split_whitespace().collect::<Vec<_>>().join(" "), id)
}

/// Parses the task items and headings of a Markdown text (LF or CRLF).
pub fn parse(text: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut open_fence: Option<(char, usize)> = None;
    let mut current: Option<usize> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let lineno = i as u64 + 1;
        if let Some((c, n)) = open_fence {
            if let Some((c2, n2)) = fence(line)
                && c2 == c
                && n2 >= n
                && line.trim_start().trim_start_matches(c).trim().is_empty()
            {
                open_fence = None;
            }
            continue;
        }
        if let Some(f) = fence(line) {
            open_fence = Some(f);
            continue;
        }
        if let Some((level, title)) = heading(line) {
            p.sections.push(Section {
                title,
                level,
                line: lineno,
            });
            current = Some(p.sections.len() - 1);
            continue;
        }
        if let Some((done, text)) = task(line) {
            let (text, id) = split_id(text);
            p.items.push(Item {
                text,
                done,
                line: lineno,
                id,
                section: current,
            });
        }
    }
    p
}

/// Text as compared with `required`: lower case, no emphasis or code marks, single spaces, no
/// trailing `.` or `:`.
pub fn normalise(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '~'))
        .flat_map(char::to_lowercase)
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches(['.', ':', ' ']).to_string()
}

/// GitHub's anchor slug: lower case, spaces to `-`, only letters, digits, `-` and `_` kept.
pub fn slug(title: &str) -> String {
    title
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if c == ' ' {
                Some('-')
            } else if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

/// Which items each heading of a file covers (itself and its sub-sections), as (section, items).
fn section_items(p: &Parsed) -> Vec<(usize, Vec<&Item>)> {
    let mut out = Vec::new();
    for (si, s) in p.sections.iter().enumerate() {
        // The section ends at the next heading of the same or a higher level.
        let end = p.sections[si + 1..]
            .iter()
            .find(|n| n.level <= s.level)
            .map(|n| n.line)
            .unwrap_or(u64::MAX);
        let items: Vec<&Item> = p
            .items
            .iter()
            .filter(|it| it.line > s.line && it.line < end)
            .collect();
        if !items.is_empty() {
            out.push((si, items));
        }
    }
    out
}

struct ChecklistGate {
    files: Vec<String>,
    set: GlobSet,
    sections: bool,
    required: Vec<String>,
}

impl ChecklistGate {
    fn selected(&self, rel: &str) -> bool {
        self.set.is_match(rel)
    }
}

fn push_counts(out: &mut GateOutput, prefix: &str, done: u64, total: u64) {
    out.count(&format!("{prefix}done"), done);
    out.count(&format!("{prefix}total"), total);
    out.count(&format!("{prefix}open"), total - done);
    if let Some(m) = Metric::percent(format!("{prefix}done_pct"), done, total) {
        out.metric(m);
    }
}

impl Gate for ChecklistGate {
    fn reads(&self, entry: &crate::walk::FileEntry) -> bool {
        self.selected(&entry.rel)
    }

    fn lookup_metric(&self, doc: &KindDoc, name: &str) -> MetricLookup {
        match doc.metric(name) {
            Some(m) => MetricLookup::Known(Unit::from_symbol(m.unit)),
            None => match name.rsplit_once('.') {
                Some((_, base)) if self.sections && doc.metric(base).is_some() => {
                    MetricLookup::Dynamic
                }
                _ => MetricLookup::Unknown,
            },
        }
    }

    fn run(&self, cx: &GateCx<'_>) -> anyhow::Result<GateOutput> {
        let entries: Vec<_> = cx
            .repo
            .files()
            .iter()
            .filter(|f| self.selected(&f.rel))
            .collect();
        for pattern in &self.files {
            let g = crate::walk::glob(pattern)?.compile_matcher();
            if !entries.iter().any(|f| g.is_match(&f.rel)) {
                anyhow::bail!(
                    "`{pattern}` matches no file (checked the repo walk, which honours .gitignore)"
                );
            }
        }
        let mut parsed = Vec::new();
        for f in &entries {
            let Some(bytes) = cx.repo.text(f)? else {
                anyhow::bail!("{}: not a UTF-8 text file", f.rel);
            };
            let text = std::str::from_utf8(&bytes)?;
            parsed.push((f.rel.clone(), parse(text)));
        }
        let all: Vec<(&str, &Item)> = parsed
            .iter()
            .flat_map(|(rel, p)| p.items.iter().map(move |i| (rel.as_str(), i)))
            .collect();
        if all.is_empty() {
            anyhow::bail!(
                "no task-list items (`- [ ]` / `- [x]`) in {}",
                parsed
                    .iter()
                    .map(|(r, _)| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        // Required items: every entry must name an item.
        let mut missing = Vec::new();
        let mut open_required = Vec::new();
        let mut findings = Vec::new();
        for req in &self.required {
            let want = normalise(req);
            let hits: Vec<&(&str, &Item)> = all
                .iter()
                .filter(|(_, it)| {
                    it.id.as_deref() == Some(req.trim()) || normalise(&it.text) == want
                })
                .collect();
            if hits.is_empty() {
                missing.push(format!("`{req}`"));
                continue;
            }
            for (rel, it) in hits {
                if !it.done {
                    open_required.push(format!("{rel}:{}: {}", it.line, it.text));
                    findings.push(
                        Finding::new(
                            "checklist/open-required",
                            Severity::Medium,
                            format!("required item not checked: {}", it.text),
                        )
                        .at(rel.to_string(), Some(it.line), None),
                    );
                }
            }
        }
        if !missing.is_empty() {
            anyhow::bail!(
                "required item{} {} not in {}: a missing item is never taken as checked",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                parsed
                    .iter()
                    .map(|(r, _)| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let mut out = GateOutput::default();
        let done = all.iter().filter(|(_, i)| i.done).count() as u64;
        push_counts(&mut out, "", done, all.len() as u64);
        let mut data = ChecklistData {
            files: parsed.iter().map(|(r, _)| r.clone()).collect(),
            ..Default::default()
        };
        let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
        for (rel, p) in &parsed {
            for (si, items) in section_items(p) {
                let title = &p.sections[si].title;
                let base = match slug(title) {
                    s if s.is_empty() => "section".to_string(),
                    s => s,
                };
                let n = seen.entry(base.clone()).or_insert(0);
                let s = if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                *n += 1;
                let d = items.iter().filter(|i| i.done).count() as u64;
                if self.sections {
                    push_counts(&mut out, &format!("{s}."), d, items.len() as u64);
                }
                data.sections.push(SectionProgress {
                    file: rel.clone(),
                    title: title.clone(),
                    slug: s,
                    done: d,
                    total: items.len() as u64,
                });
            }
        }
        if !self.required.is_empty() {
            let n = open_required.len() as u64;
            out.count("required_open", n);
            out.conditions.push(Condition {
                expr: "required_open == 0".into(),
                metric: "required_open".into(),
                op: "==".into(),
                target: Some(0.0),
                actual: Some(n as f64),
                unit: Unit::None,
                status: if n == 0 { Status::Pass } else { Status::Fail },
                waiver: None,
                note: (n > 0).then(|| {
                    format!(
                        "{n} of {} required item{} not checked",
                        self.required.len(),
                        if self.required.len() == 1 { "" } else { "s" }
                    )
                }),
            });
        }
        data.open_required = open_required;
        out.findings = findings;
        out.data = serde_json::to_value(&data).ok();
        Ok(out)
    }
}

impl GateKind for Kind {
    fn doc(&self) -> &'static KindDoc {
        &DOC
    }
    fn options_schema(&self) -> serde_json::Value {
        schemars::schema_for!(Options).to_value()
    }
    fn configure(&self, options: &SNode, _cx: &ConfigCx<'_>) -> Result<Arc<dyn Gate>, DeError> {
        let o: Options = super::options(options)?;
        if o.files.is_empty() {
            return Err(DeError::at(
                options.pos,
                "`files` must name at least one Markdown checklist",
            ));
        }
        let mut b = globset::GlobSetBuilder::new();
        for f in &o.files {
            crate::paths::check_path(f)?;
            b.add(
                crate::walk::glob(&f.value)
                    .map_err(|e| DeError::at(f.pos, format!("invalid glob `{}`: {e}", f.value)))?,
            );
        }
        let set = b
            .build()
            .map_err(|e| DeError::at(options.pos, e.to_string()))?;
        Ok(Arc::new(ChecklistGate {
            files: o.files.into_iter().map(|f| f.value).collect(),
            set,
            sections: o.sections,
            required: o.required,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gates::run_for_test;

    const LIST: &str = "# Release\n\
Intro text with a [link](x) and - [ ] not at line start.\n\
## Pre-Deployment\n\
- [x] XML validation passing\n\
- [ ] Production config review\n\
  - [x] nested done\n\
    * [ ] deeper open <!-- id: deep -->\n\
+ [X] plus bullet\n\
1. [ ] ordered open\n\
2) [x] ordered done\n\
```bash\n\
- [ ] inside a code block\n\
```\n\
~~~~\n\
- [x] inside a tilde fence\n\
```\n\
- [ ] still inside (a shorter, other fence does not close it)\n\
~~~~\n\
-[ ] no space: not an item\n\
- [ ]no space after: not an item\n\
- [y] not a box\n\
### Build & Verify\n\
- [ ] Build passes.\n\
## Post-Deployment\n\
> - [x] quoted item\n";

    #[test]
    fn parses_nested_ordered_bullets_and_skips_code_blocks() {
        let p = parse(LIST);
        let texts: Vec<(&str, bool)> = p.items.iter().map(|i| (i.text.as_str(), i.done)).collect();
        assert_eq!(
            texts,
            vec![
                ("XML validation passing", true),
                ("Production config review", false),
                ("nested done", true),
                ("deeper open", false),
                ("plus bullet", true),
                ("ordered open", false),
                ("ordered done", true),
                ("Build passes.", false),
                ("quoted item", true),
            ]
        );
        assert_eq!(p.items[3].id.as_deref(), Some("deep"));
        assert_eq!(p.items[3].line, 7);
        let titles: Vec<&str> = p.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Release",
                "Pre-Deployment",
                "Build & Verify",
                "Post-Deployment"
            ]
        );
    }

    #[test]
    fn crlf_gives_the_same_items_and_lines() {
        let crlf = LIST.replace('\n', "\r\n");
        let (a, b) = (parse(LIST), parse(&crlf));
        assert_eq!(a, b);
    }

    #[test]
    fn normalise_and_slug() {
        assert_eq!(
            normalise("  **Rollback**  procedures `tested`. "),
            "rollback procedures tested"
        );
        assert_eq!(slug("Build & Verify"), "build--verify");
        assert_eq!(slug("Pre-Deployment ✅"), "pre-deployment-");
        assert_eq!(slug("✅ 🚀"), "-");
        assert_eq!(slug("!!"), "");
    }

    fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (p, c) in files {
            let p = d.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, c).unwrap();
        }
        d
    }

    fn metric(out: &GateOutput, name: &str) -> Option<f64> {
        out.metrics.iter().find(|m| m.name == name).map(|m| m.value)
    }

    #[test]
    fn metrics_sections_and_required_findings() {
        let d = repo(&[("docs/CHECKLIST.md", LIST)]);
        let out = run_for_test(
            "checklist",
            "files = [\"docs/*.md\"]\nsections = true\nrequired = [\"production CONFIG review:\", \"xml validation passing\", \"deep\"]\n",
            d.path(),
        )
        .unwrap();
        assert_eq!(metric(&out, "done"), Some(5.0));
        assert_eq!(metric(&out, "total"), Some(9.0));
        assert_eq!(metric(&out, "open"), Some(4.0));
        assert!((metric(&out, "done_pct").unwrap() - 500.0 / 9.0).abs() < 1e-9);
        // Pre-Deployment includes its sub-section Build & Verify.
        assert_eq!(metric(&out, "pre-deployment.total"), Some(8.0));
        assert_eq!(metric(&out, "pre-deployment.done"), Some(4.0));
        assert_eq!(metric(&out, "build--verify.open"), Some(1.0));
        assert_eq!(metric(&out, "post-deployment.done_pct"), Some(100.0));
        assert_eq!(metric(&out, "release.total"), Some(9.0));
        assert_eq!(metric(&out, "required_open"), Some(2.0));
        let locs: Vec<(Option<&str>, Option<u64>)> = out
            .findings
            .iter()
            .map(|f| (f.path.as_deref(), f.line))
            .collect();
        assert_eq!(
            locs,
            vec![
                (Some("docs/CHECKLIST.md"), Some(5)),
                (Some("docs/CHECKLIST.md"), Some(7))
            ]
        );
        assert_eq!(out.conditions[0].status, Status::Fail);
        let data: ChecklistData = serde_json::from_value(out.data.unwrap()).unwrap();
        assert_eq!(data.open_required.len(), 2);
        assert_eq!(data.sections[1].title, "Pre-Deployment");
    }

    #[test]
    fn a_missing_required_item_is_an_error_naming_it() {
        let d = repo(&[("CHECKLIST.md", LIST)]);
        let e = run_for_test(
            "checklist",
            "files = [\"CHECKLIST.md\"]\nrequired = [\"XML validation passing\", \"Rollback procedures tested\"]\n",
            d.path(),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("required item `Rollback procedures tested` not in CHECKLIST.md"),
            "{msg}"
        );
        // An item only inside a code block does not count as present.
        let e = run_for_test(
            "checklist",
            "files = [\"CHECKLIST.md\"]\nrequired = [\"inside a code block\"]\n",
            d.path(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("`inside a code block`"), "{e}");
    }

    #[test]
    fn no_file_or_no_items_is_an_error() {
        let d = repo(&[("a.md", "# nothing\n```\n- [ ] code\n```\n")]);
        let e = run_for_test("checklist", "files = [\"a.md\"]\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("no task-list items"), "{e}");
        let e = run_for_test("checklist", "files = [\"missing.md\"]\n", d.path()).unwrap_err();
        assert!(
            e.to_string().contains("`missing.md` matches no file"),
            "{e}"
        );
        let e = run_for_test("checklist", "files = []\n", d.path()).unwrap_err();
        assert!(e.to_string().contains("at least one"), "{e}");
    }

    #[test]
    fn the_gatekeep_folder_is_never_read() {
        let d = repo(&[(".gatekeep/list.md", "- [x] a\n"), ("b.md", "- [ ] b\n")]);
        let out = run_for_test("checklist", "files = [\"**/*.md\"]\n", d.path()).unwrap();
        assert_eq!(metric(&out, "total"), Some(1.0));
    }
}
