//! Markdown integrity: relative links and `#anchors` that point nowhere, YAML front matter that
//! does not parse or lacks required keys, and template references that resolve to no file.
//!
//! Lines are scanned one by one; fenced code blocks and code spans are skipped. Anchors follow
//! GitHub's heading slugs: the heading's text, lower-cased, with everything but letters, digits,
//! spaces, `-` and `_` removed and spaces turned into `-`; repeated slugs get `-1`, `-2`, …
//! HTML `id`/`name` attributes are anchors too. External URLs (any `scheme:`) are not fetched.

use super::super::GateCx;
use crate::model::{Finding, Severity};
use crate::walk::{FileEntry, RepoIndex};
use std::collections::{HashMap, HashSet};

/// `frontmatter = { glob, required }`.
#[derive(Debug)]
pub struct FrontmatterRule {
    pub glob_text: String,
    pub glob: globset::GlobMatcher,
    pub required: Vec<String>,
}

/// `references = { pattern, target }`.
#[derive(Debug)]
pub struct ReferenceRule {
    pub pattern: regex::Regex,
    pub target: String,
}

/// What the Markdown check found.
#[derive(Debug, Default)]
pub struct MdResult {
    pub broken_links: u64,
    pub frontmatter_errors: u64,
    pub findings: Vec<Finding>,
}

/// A link found in a file.
#[derive(Debug, PartialEq)]
pub struct Link {
    pub line: u32,
    pub col: u32,
    pub dest: String,
}

/// The parts of one Markdown file this check needs.
#[derive(Debug, Default)]
pub struct Scanned {
    pub links: Vec<Link>,
    pub anchors: HashSet<String>,
    /// Front matter: its text and the line it starts on.
    pub front: Option<(String, u32)>,
    /// Lines outside fenced code, for template references: (line, text).
    pub text_lines: Vec<(u32, String)>,
}

/// GitHub's heading slug (without the duplicate suffix).
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// The visible text of a heading: links reduced to their text, HTML tags, emphasis and code
/// markers removed.
fn heading_text(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let b: Vec<char> = raw.chars().collect();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '<' => {
                // Skip an HTML tag.
                match b[i..].iter().position(|c| *c == '>') {
                    Some(e) => i += e + 1,
                    None => {
                        s.push('<');
                        i += 1;
                    }
                }
            }
            ']' if b.get(i + 1) == Some(&'(') => {
                // `[text](url)`: drop the `(url)` part.
                match b[i..].iter().position(|c| *c == ')') {
                    Some(e) => i += e + 1,
                    None => i += 1,
                }
            }
            '*' | '`' | '[' | ']' | '!' => i += 1,
            '_' if (i == 0 || !b[i - 1].is_alphanumeric())
                || b.get(i + 1).is_none_or(|c| !c.is_alphanumeric()) =>
            {
                // `_emphasis_` markers (an underscore inside a word stays).
                i += 1;
            }
            c => {
                s.push(c);
                i += 1;
            }
        }
    }
    s
}

/// Removes code spans (`` `x` ``), keeping columns: their content becomes spaces.
fn blank_code_spans(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = line.as_bytes().to_vec();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|c| **c == b'`').count();
            // Find the closing run of the same length.
            let mut j = i + run;
            let mut close = None;
            while j < b.len() {
                if b[j] == b'`' {
                    let r = b[j..].iter().take_while(|c| **c == b'`').count();
                    if r == run {
                        close = Some(j);
                        break;
                    }
                    j += r;
                } else {
                    j += 1;
                }
            }
            if let Some(c) = close {
                for x in out.iter_mut().take(c + run).skip(i) {
                    *x = b' ';
                }
                i = c + run;
                continue;
            }
            i += run;
            continue;
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn html_anchors(line: &str, anchors: &mut HashSet<String>) {
    for attr in ["id=\"", "name=\"", "id='", "name='"] {
        let mut rest = line;
        while let Some(p) = rest.find(attr) {
            let before_ok = p == 0
                || rest
                    .as_bytes()
                    .get(p - 1)
                    .is_some_and(|c| c.is_ascii_whitespace());
            let after = &rest[p + attr.len()..];
            let q = attr.as_bytes()[attr.len() - 1] as char;
            if before_ok && let Some(e) = after.find(q) {
                anchors.insert(after[..e].to_lowercase());
            }
            rest = after;
        }
    }
}

/// `href="…"` and `src="…"` of inline HTML (`<a>`, `<img>`).
fn html_links(line: &str, lno: u32, out: &mut Vec<Link>) {
    for attr in ["href=\"", "src=\"", "href='", "src='"] {
        let q = attr.as_bytes()[attr.len() - 1] as char;
        let mut from = 0;
        while let Some(p) = line[from..].find(attr) {
            let at = from + p;
            let before_ok = at > 0
                && line
                    .as_bytes()
                    .get(at - 1)
                    .is_some_and(|c| c.is_ascii_whitespace());
            let start = at + attr.len();
            let Some(len) = line[start..].find(q) else {
                break;
            };
            if before_ok && len > 0 {
                out.push(Link {
                    line: lno,
                    col: start as u32 + 1,
                    dest: line[start..start + len].to_string(),
                });
            }
            from = start + len;
        }
    }
}

/// Link destinations on one line: `[t](dest)`, `![a](dest)`, `[label]: dest`.
fn line_links(line: &str, lno: u32, out: &mut Vec<Link>) {
    if line.contains('<') {
        html_links(line, lno, out);
    }
    let b = line.as_bytes();
    // Reference definition.
    let t = line.trim_start();
    if t.starts_with('[')
        && let Some(close) = t.find("]:")
        && !t[1..close].is_empty()
        && !t[..close].contains("](")
    {
        let dest = t[close + 2..].trim();
        let dest = dest.split_whitespace().next().unwrap_or("");
        let dest = dest.trim_start_matches('<').trim_end_matches('>');
        if !dest.is_empty() {
            let col = (line.len() - t.len() + close + 3) as u32;
            out.push(Link {
                line: lno,
                col,
                dest: dest.to_string(),
            });
        }
        return;
    }
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b']' && b[i + 1] == b'(' {
            let start = i + 2;
            let mut j = start;
            let mut depth = 0;
            let angle = b.get(start) == Some(&b'<');
            while j < b.len() {
                match b[j] {
                    b'>' if angle => {
                        j += 1;
                        break;
                    }
                    b'(' if !angle => depth += 1,
                    b')' if !angle => {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    b' ' if !angle => break,
                    b'\\' => j += 1,
                    _ => {}
                }
                j += 1;
            }
            let raw = line.get(start..j.min(b.len())).unwrap_or("");
            let dest = raw.trim_start_matches('<').trim_end_matches('>');
            if !dest.is_empty() {
                out.push(Link {
                    line: lno,
                    col: start as u32 + 1,
                    dest: dest.to_string(),
                });
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

/// Scans one Markdown file.
pub fn scan(src: &str) -> Scanned {
    let mut sc = Scanned::default();
    let mut lines = src.lines().enumerate().peekable();
    // Front matter.
    if src.starts_with("---\n") || src.starts_with("---\r\n") {
        let mut body = String::new();
        let mut closed = false;
        lines.next();
        for (i, l) in lines.by_ref() {
            let _ = i;
            if l.trim_end() == "---" || l.trim_end() == "..." {
                closed = true;
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        if closed {
            sc.front = Some((body, 2));
        } else {
            // No closing line: not front matter; rescan as text.
            sc.front = None;
            lines = src.lines().enumerate().peekable();
        }
    }
    let mut fence: Option<(u8, usize)> = None;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut prev_text: Option<String> = None;
    let mut add_heading = |text: &str, anchors: &mut HashSet<String>| {
        let base = slug(&heading_text(text));
        let n = seen.entry(base.clone()).or_insert(0);
        let s = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        anchors.insert(s);
    };
    while let Some((i, line)) = lines.next() {
        let lno = i as u32 + 1;
        let t = line.trim_start();
        let indent = line.len() - t.len();
        // Fenced code.
        if indent < 4 {
            let ch = t.as_bytes().first().copied();
            if let Some(c @ (b'`' | b'~')) = ch {
                let run = t.bytes().take_while(|x| *x == c).count();
                if run >= 3 {
                    match fence {
                        None => {
                            fence = Some((c, run));
                            prev_text = None;
                            continue;
                        }
                        Some((fc, fr)) if fc == c && run >= fr && t[run..].trim().is_empty() => {
                            fence = None;
                            continue;
                        }
                        _ => {}
                    }
                }
            }
        }
        if fence.is_some() {
            continue;
        }
        sc.text_lines.push((lno, line.to_string()));
        html_anchors(line, &mut sc.anchors);
        // ATX heading.
        if indent < 4 && t.starts_with('#') {
            let level = t.bytes().take_while(|c| *c == b'#').count();
            let rest = &t[level..];
            if level <= 6 && (rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
                let text = rest.trim().trim_end_matches('#').trim_end();
                add_heading(text, &mut sc.anchors);
                prev_text = None;
                continue;
            }
        }
        // Setext heading: a paragraph line followed by `===` or `---`.
        if let Some(p) = &prev_text
            && indent < 4
            && !t.is_empty()
            && (t.trim_end().bytes().all(|c| c == b'=') || t.trim_end().bytes().all(|c| c == b'-'))
        {
            let p = p.clone();
            add_heading(&p, &mut sc.anchors);
            prev_text = None;
            continue;
        }
        let clean = blank_code_spans(line);
        line_links(&clean, lno, &mut sc.links);
        prev_text = if t.is_empty()
            || t.starts_with('|')
            || t.starts_with('>')
            || t.starts_with('-')
            || t.starts_with('*')
        {
            None
        } else {
            Some(t.to_string())
        };
        let _ = lines.peek();
    }
    sc
}

/// serde_yaml's message without its position inside the front matter block (the finding
/// carries the position in the file).
fn yaml_message(e: &serde_yaml::Error) -> String {
    let m = e.to_string();
    match m.split_once(" at line ") {
        Some((head, _)) => head.to_string(),
        None => m,
    }
}

fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    // `scheme:` per RFC 3986.
    let b = dest.as_bytes();
    match dest.find(':') {
        Some(p) if p > 0 => {
            b[0].is_ascii_alphabetic()
                && b[..p]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        }
        _ => false,
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalize(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

struct Ctx<'a, 'b> {
    cx: &'a GateCx<'b>,
    repo: &'a RepoIndex,
    dirs: HashSet<String>,
    anchors: HashMap<String, Option<HashSet<String>>>,
}

impl Ctx<'_, '_> {
    fn exists(&self, rel: &str) -> bool {
        rel.is_empty()
            || self.repo.get(rel).is_some()
            || self.dirs.contains(rel)
            || self.cx.root.join(rel).exists()
    }

    /// Anchors of a Markdown file in the repo (`None`: not Markdown or unreadable).
    fn anchors_of(&mut self, rel: &str) -> Option<&HashSet<String>> {
        if !self.anchors.contains_key(rel) {
            let v = self
                .repo
                .get(rel)
                .filter(|e| e.lang == Some(crate::walk::Lang::Markdown))
                .and_then(|e| self.repo.text(e).ok().flatten())
                .and_then(|b| std::str::from_utf8(&b).ok().map(|s| scan(s).anchors));
            self.anchors.insert(rel.to_string(), v);
        }
        self.anchors.get(rel).and_then(|o| o.as_ref())
    }
}

fn dir_of(rel: &str) -> &str {
    rel.rfind('/').map(|i| &rel[..i]).unwrap_or("")
}

/// Checks the selected Markdown files.
pub fn check(
    cx: &GateCx<'_>,
    files: &[&FileEntry],
    frontmatter: &[FrontmatterRule],
    references: &[ReferenceRule],
) -> anyhow::Result<MdResult> {
    let mut res = MdResult::default();
    let mut dirs = HashSet::new();
    for f in cx.repo.files() {
        let mut d = dir_of(&f.rel);
        while !d.is_empty() && dirs.insert(d.to_string()) {
            d = dir_of(d);
        }
    }
    let mut ctx = Ctx {
        cx,
        repo: cx.repo,
        dirs,
        anchors: HashMap::new(),
    };
    let mut ref_cache: HashMap<(usize, String), bool> = HashMap::new();
    for f in files {
        let Some(bytes) = cx.repo.text(f)? else {
            continue;
        };
        let Ok(src) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let sc = scan(src);
        // Links.
        for l in &sc.links {
            if is_external(&l.dest) {
                continue;
            }
            let (path, frag) = match l.dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (l.dest.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let path = percent_decode(path);
            let target = if path.is_empty() {
                Some(f.rel.clone())
            } else if let Some(abs) = path.strip_prefix('/') {
                normalize(abs)
            } else {
                normalize(&format!("{}/{}", dir_of(&f.rel), path))
            };
            let Some(target) = target else {
                res.broken_links += 1;
                res.findings.push(
                    Finding::new(
                        "docs/broken-link",
                        Severity::Medium,
                        format!("link `{}` leaves the repository", l.dest),
                    )
                    .at(f.rel.clone(), Some(l.line as u64), Some(l.col as u64)),
                );
                continue;
            };
            if !ctx.exists(&target) {
                res.broken_links += 1;
                res.findings.push(
                    Finding::new(
                        "docs/broken-link",
                        Severity::Medium,
                        format!("link `{}`: no file `{target}`", l.dest),
                    )
                    .at(f.rel.clone(), Some(l.line as u64), Some(l.col as u64)),
                );
                continue;
            }
            if let Some(frag) = frag.filter(|f| !f.is_empty()) {
                let frag = percent_decode(frag).to_lowercase();
                let ok = if target == f.rel {
                    sc.anchors.contains(&frag)
                } else {
                    // Anchors are only checked in Markdown targets.
                    ctx.anchors_of(&target).is_none_or(|a| a.contains(&frag))
                };
                if !ok {
                    res.broken_links += 1;
                    res.findings.push(
                        Finding::new(
                            "docs/broken-anchor",
                            Severity::Medium,
                            format!(
                                "link `{}`: no heading or anchor `#{frag}` in `{target}`",
                                l.dest
                            ),
                        )
                        .at(
                            f.rel.clone(),
                            Some(l.line as u64),
                            Some(l.col as u64),
                        ),
                    );
                }
            }
        }
        // Front matter.
        let rules: Vec<&FrontmatterRule> = frontmatter
            .iter()
            .filter(|r| r.glob.is_match(&f.rel))
            .collect();
        match &sc.front {
            Some((text, first_line)) => match serde_yaml::from_str::<serde_yaml::Value>(text) {
                Err(e) => {
                    res.frontmatter_errors += 1;
                    let (line, col) = e
                        .location()
                        .map(|l| (l.line() as u64 + *first_line as u64 - 1, l.column() as u64))
                        .unwrap_or((*first_line as u64, 1));
                    res.findings.push(
                        Finding::new(
                            "docs/frontmatter",
                            Severity::Medium,
                            format!("front matter is not valid YAML: {}", yaml_message(&e)),
                        )
                        .at(f.rel.clone(), Some(line), Some(col)),
                    );
                }
                Ok(v) => {
                    for r in &rules {
                        let missing: Vec<&str> = r
                            .required
                            .iter()
                            .filter(|k| !v.as_mapping().is_some_and(|m| m.contains_key(k.as_str())))
                            .map(String::as_str)
                            .collect();
                        if !missing.is_empty() {
                            res.frontmatter_errors += 1;
                            res.findings.push(
                                Finding::new(
                                    "docs/frontmatter",
                                    Severity::Medium,
                                    format!(
                                        "front matter lacks required keys {} (rule `{}`)",
                                        missing.join(", "),
                                        r.glob_text
                                    ),
                                )
                                .at(f.rel.clone(), Some(1), None),
                            );
                        }
                    }
                }
            },
            None => {
                for r in rules.iter().filter(|r| !r.required.is_empty()) {
                    res.frontmatter_errors += 1;
                    res.findings.push(
                        Finding::new(
                            "docs/frontmatter",
                            Severity::Medium,
                            format!(
                                "no front matter; rule `{}` requires {}",
                                r.glob_text,
                                r.required.join(", ")
                            ),
                        )
                        .at(f.rel.clone(), Some(1), None),
                    );
                }
            }
        }
        // Template references.
        for (ri, r) in references.iter().enumerate() {
            for (lno, line) in &sc.text_lines {
                for caps in r.pattern.captures_iter(line) {
                    let Some(m) = caps.get(1) else { continue };
                    let name = m.as_str().trim();
                    if name.is_empty() {
                        continue;
                    }
                    let key = (ri, name.to_string());
                    let ok = match ref_cache.get(&key) {
                        Some(b) => *b,
                        None => {
                            let escaped = globset::escape(name);
                            let pat = r.target.replace("{}", &escaped);
                            let ok = crate::walk::glob(&pat)
                                .map(|g| {
                                    let m = g.compile_matcher();
                                    cx.repo.files().iter().any(|f| m.is_match(&f.rel))
                                })
                                .unwrap_or(false);
                            ref_cache.insert(key, ok);
                            ok
                        }
                    };
                    if !ok {
                        res.broken_links += 1;
                        res.findings.push(
                            Finding::new(
                                "docs/broken-reference",
                                Severity::Medium,
                                format!(
                                    "reference `{}` matches no file `{}`",
                                    name,
                                    r.target.replace("{}", name)
                                ),
                            )
                            .at(
                                f.rel.clone(),
                                Some(*lno as u64),
                                Some(m.start() as u64 + 1),
                            ),
                        );
                    }
                }
            }
        }
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(slug(&heading_text("Hello, World!")), "hello-world");
        assert_eq!(slug(&heading_text("`code` and **bold**")), "code-and-bold");
        assert_eq!(slug(&heading_text("[Link](http://x.y) text")), "link-text");
        assert_eq!(slug(&heading_text("snake_case name")), "snake_case-name");
        assert_eq!(slug(&heading_text("Ünïcode Ök")), "ünïcode-ök");
        assert_eq!(slug(&heading_text("A  -- B")), "a-----b");
    }

    #[test]
    fn scan_headings_links_and_code() {
        let src = "---\ntitle: x\n---\n# Intro\n## Intro\nSetext\n======\n<a name=\"custom\"></a>\n[a](b.md#c) ![i](img.png) `[no](skip.md)`\n```\n[no](fenced.md)\n# not a heading\n```\n[ref]: ./other.md\n<img src=\"logo.png\" alt=\"x\"> <a href='guide.md'>g</a>\n";
        let sc = scan(src);
        assert_eq!(sc.front.as_ref().map(|f| f.0.as_str()), Some("title: x\n"));
        for a in ["intro", "intro-1", "setext", "custom"] {
            assert!(sc.anchors.contains(a), "{a}: {:?}", sc.anchors);
        }
        assert!(!sc.anchors.contains("not-a-heading"));
        let dests: Vec<&str> = sc.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(
            dests,
            ["b.md#c", "img.png", "./other.md", "logo.png", "guide.md"]
        );
    }

    #[test]
    fn external_urls() {
        assert!(is_external("https://x.y"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn.x"));
        assert!(!is_external("docs/a.md"));
        assert!(!is_external("#anchor"));
    }
}
