//! One walk of the repository, shared by every gate.
//!
//! The walk is parallel, honours `.gitignore` (also outside a git checkout), `.ignore`, and
//! `[project] exclude`, and lists each file once with its size and language. It never enters
//! `.git/` nor `.gatekeep/` (gatekeep's own state — sign-offs, history, baselines — is never an
//! input to a gate). File contents are
//! read at most once, on first use, and shared by every gate that asks (see [`RepoIndex::bytes`]).

use anyhow::{Context, Result};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A source language or file type, from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Go,
    Java,
    Kotlin,
    CSharp,
    C,
    Cpp,
    Ruby,
    Php,
    Shell,
    Xml,
    Markdown,
    Html,
    Json,
    Yaml,
    Toml,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "rust",
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::TypeScript => "typescript",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::Kotlin => "kotlin",
            Lang::CSharp => "csharp",
            Lang::C => "c",
            Lang::Cpp => "cpp",
            Lang::Ruby => "ruby",
            Lang::Php => "php",
            Lang::Shell => "shell",
            Lang::Xml => "xml",
            Lang::Markdown => "markdown",
            Lang::Html => "html",
            Lang::Json => "json",
            Lang::Yaml => "yaml",
            Lang::Toml => "toml",
        }
    }

    /// The language of a path, by extension (and a few well-known names).
    pub fn detect(path: &str) -> Option<Lang> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let ext = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
            _ => return None,
        };
        Some(match ext.as_str() {
            "rs" => Lang::Rust,
            "py" | "pyi" | "pyw" => Lang::Python,
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" | "tsx" => Lang::TypeScript,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "kt" | "kts" => Lang::Kotlin,
            "cs" => Lang::CSharp,
            "c" | "h" => Lang::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => Lang::Cpp,
            "rb" => Lang::Ruby,
            // `.phtml`: PHP templates (Zend, Magento); `.php5`…: old servers' PHP extensions.
            "php" | "phtml" | "php3" | "php4" | "php5" | "php7" | "php8" | "phps" => Lang::Php,
            "sh" | "bash" | "zsh" | "ksh" => Lang::Shell,
            "xml" | "xsd" | "xsl" | "xslt" | "svg" | "pom" | "plist" | "csproj" | "wsdl" => {
                Lang::Xml
            }
            "md" | "markdown" | "mdx" => Lang::Markdown,
            "html" | "htm" => Lang::Html,
            "json" => Lang::Json,
            "yaml" | "yml" => Lang::Yaml,
            "toml" => Lang::Toml,
            _ => return None,
        })
    }

    /// Whether this is a programming language (as opposed to a data or document format).
    pub fn is_code(self) -> bool {
        !matches!(
            self,
            Lang::Xml | Lang::Markdown | Lang::Html | Lang::Json | Lang::Yaml | Lang::Toml
        )
    }
}

/// A file's shared content: read on first use and kept while more readers are expected.
#[derive(Debug, Default)]
struct Content {
    cached: Option<Result<Arc<[u8]>, String>>,
    /// Gates that will still read the file; `None` when unknown (then the content is kept).
    remaining: Option<usize>,
    /// The size in bytes, once known: the walk does not `stat` (that would double its system
    /// time); the size comes from the read's `fstat`, or from a `stat` when asked first.
    size: Option<u64>,
}

/// One file of the repository.
#[derive(Debug)]
pub struct FileEntry {
    /// Path relative to the repo root, `/`-separated.
    pub rel: String,
    pub lang: Option<Lang>,
    /// The relative path as the file system has it, when `rel` (lossy UTF-8, for display and
    /// globs) is not it: a file name that is not UTF-8 is read by its bytes.
    raw: Option<Arc<Path>>,
    content: Arc<Mutex<Content>>,
}

impl FileEntry {
    /// The same file under the same shared content cache.
    fn share(&self) -> FileEntry {
        FileEntry {
            rel: self.rel.clone(),
            lang: self.lang,
            raw: self.raw.clone(),
            content: self.content.clone(),
        }
    }

    /// The path relative to the root, as the file system has it.
    pub fn rel_path(&self) -> &Path {
        match &self.raw {
            Some(p) => p,
            None => Path::new(&self.rel),
        }
    }

    fn new(rel: String, size: Option<u64>) -> FileEntry {
        let lang = Lang::detect(&rel);
        FileEntry {
            rel,
            lang,
            raw: None,
            content: Arc::new(Mutex::new(Content {
                size,
                ..Content::default()
            })),
        }
    }
}

/// The files of the repository, sorted by path.
#[derive(Debug)]
pub struct RepoIndex {
    root: PathBuf,
    files: Vec<FileEntry>,
}

/// Compiles globs with `/` as a literal separator (`*` stays within a folder, `**` crosses folders).
pub fn glob_set<'a>(
    patterns: impl IntoIterator<Item = &'a str>,
) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(glob(p)?);
    }
    b.build()
}

/// Compiles one glob the way [`glob_set`] does.
pub fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    let p = pattern.strip_prefix("./").unwrap_or(pattern);
    GlobBuilder::new(p).literal_separator(true).build()
}

/// Include and exclude globs for one gate.
#[derive(Clone, Debug, Default)]
pub struct Selector {
    /// `None`: every file.
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
}

impl Selector {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Selector, globset::Error> {
        Ok(Selector {
            include: if include.is_empty() {
                None
            } else {
                Some(glob_set(include.iter().map(String::as_str))?)
            },
            exclude: if exclude.is_empty() {
                None
            } else {
                Some(glob_set(exclude.iter().map(String::as_str))?)
            },
        })
    }

    pub fn matches(&self, rel: &str) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }
}

/// Folders the walk never enters, wherever they are: git's own and gatekeep's own state
/// (`.gatekeep/`: sign-offs, history, baselines), which is never an input to a gate.
pub const STATE_DIRS: &[&str] = &[".git", ".gatekeep"];

/// Whether an excluded-folder glob such as `vendor/**` covers everything below `dir`.
fn dir_excluded(excludes: &GlobSet, dir_rel: &str) -> bool {
    excludes.is_match(dir_rel) || excludes.is_match(format!("{dir_rel}/\u{1}"))
}

impl RepoIndex {
    /// Walks `root` in parallel.
    pub fn scan(root: &Path, excludes: &GlobSet, threads: usize) -> Result<RepoIndex> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot open the repository folder {}", root.display()))?;
        let found: Mutex<Vec<FileEntry>> = Mutex::new(Vec::new());
        let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let walker = ignore::WalkBuilder::new(&root)
            .hidden(false)
            .parents(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(false)
            .threads(threads.max(1))
            .filter_entry(|e| !STATE_DIRS.iter().any(|d| e.file_name() == *d))
            .build_parallel();
        walker.run(|| {
            let root = &root;
            let found = &found;
            let errors = &errors;
            struct Flush<'a>(&'a Mutex<Vec<FileEntry>>, Vec<FileEntry>);
            impl Drop for Flush<'_> {
                fn drop(&mut self) {
                    if let Ok(mut g) = self.0.lock() {
                        g.append(&mut self.1);
                    }
                }
            }
            let mut flush = Flush(found, Vec::new());
            Box::new(move |res| {
                let entry = match res {
                    Ok(e) => e,
                    Err(e) => {
                        if let Ok(mut g) = errors.lock() {
                            g.push(e.to_string());
                        }
                        return ignore::WalkState::Continue;
                    }
                };
                let Ok(rel) = entry.path().strip_prefix(root) else {
                    return ignore::WalkState::Continue;
                };
                let rel = rel_string(rel);
                if rel.is_empty() {
                    return ignore::WalkState::Continue;
                }
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if is_dir {
                    if dir_excluded(excludes, &rel) {
                        return ignore::WalkState::Skip;
                    }
                    return ignore::WalkState::Continue;
                }
                if !entry.file_type().is_some_and(|t| t.is_file()) || excludes.is_match(&rel) {
                    return ignore::WalkState::Continue;
                }
                let mut f = FileEntry::new(rel, None);
                if entry.path().to_str().is_none() {
                    f.raw = entry.path().strip_prefix(root).ok().map(Arc::from);
                }
                flush.1.push(f);
                ignore::WalkState::Continue
            })
        });
        let mut files = found.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        Ok(RepoIndex { root, files })
    }

    /// An index over an explicit list of files (for tests and tools).
    pub fn from_files(root: &Path, rels: impl IntoIterator<Item = (String, u64)>) -> RepoIndex {
        let mut files: Vec<FileEntry> = rels
            .into_iter()
            .map(|(r, s)| FileEntry::new(r, Some(s)))
            .collect();
        files.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        RepoIndex {
            root: root.to_path_buf(),
            files,
        }
    }

    /// A view of the files below `prefix` (a repo-relative folder), with paths relative to it:
    /// a workspace member sees its own folder as the root. Content reads stay shared with the
    /// whole index (one read per file).
    pub fn member(&self, prefix: &str) -> RepoIndex {
        let prefix = prefix.trim_end_matches('/');
        if prefix.is_empty() || prefix == "." {
            return RepoIndex {
                root: self.root.clone(),
                files: self.files.iter().map(FileEntry::share).collect(),
            };
        }
        let dir = format!("{prefix}/");
        let start = self
            .files
            .partition_point(|f| f.rel.as_str() < dir.as_str());
        let files = self.files[start..]
            .iter()
            .take_while(|f| f.rel.starts_with(&dir))
            .map(|f| {
                let mut e = f.share();
                e.rel = f.rel[dir.len()..].to_string();
                e.raw = f
                    .raw
                    .as_ref()
                    .and_then(|r| r.strip_prefix(prefix).ok().map(Arc::from));
                e
            })
            .collect();
        RepoIndex {
            root: self.root.join(prefix),
            files,
        }
    }

    /// Drops the files matching `exclude` (a member's own `[project] exclude`).
    pub fn without(mut self, exclude: &GlobSet) -> RepoIndex {
        if !exclude.is_empty() {
            self.files.retain(|f| {
                !exclude.is_match(&f.rel)
                    && !dir_excluded(exclude, f.rel.rsplit_once('/').map(|x| x.0).unwrap_or(""))
            });
        }
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }

    /// Files matching a selector.
    pub fn select<'a>(&'a self, sel: &'a Selector) -> impl Iterator<Item = &'a FileEntry> + 'a {
        self.files.iter().filter(move |f| sel.matches(&f.rel))
    }

    /// Looks a file up by its repo-relative path.
    pub fn get(&self, rel: &str) -> Option<&FileEntry> {
        self.files
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
            .ok()
            .map(|i| &self.files[i])
    }

    pub fn abs(&self, entry: &FileEntry) -> PathBuf {
        self.root.join(entry.rel_path())
    }

    /// Announces that one more gate will read the files this selector matches. With every
    /// reader announced, a file is read from disk once and dropped from memory after its last
    /// reader, so memory stays flat in the repo's size; a file only one gate reads is never kept.
    pub fn expect_reader(&self, sel: &Selector, reads: impl Fn(&FileEntry) -> bool) {
        for f in self.select(sel).filter(|f| reads(f)) {
            if let Ok(mut c) = f.content.lock() {
                c.remaining = Some(c.remaining.unwrap_or(0) + 1);
            }
        }
    }

    /// The file's size in bytes (0 when it cannot be read): known after a read, else one `stat`.
    pub fn size(&self, entry: &FileEntry) -> u64 {
        self.try_size(entry).unwrap_or(0)
    }

    /// The file's size, or why it cannot be had (a gate that measures sizes must not count a
    /// file it cannot `stat` as 0 bytes).
    pub fn try_size(&self, entry: &FileEntry) -> Result<u64> {
        let mut c = entry.content.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = c.size {
            return Ok(s);
        }
        let p = self.abs(entry);
        let s = std::fs::metadata(&p)
            .with_context(|| format!("cannot read the size of {}", p.display()))?
            .len();
        c.size = Some(s);
        Ok(s)
    }

    /// The file's bytes, read once and shared by every gate that asks (see [`expect_reader`]).
    ///
    /// [`expect_reader`]: RepoIndex::expect_reader
    pub fn bytes(&self, entry: &FileEntry) -> Result<Arc<[u8]>> {
        let mut c = entry.content.lock().unwrap_or_else(|e| e.into_inner());
        let got = match &c.cached {
            Some(r) => r.clone(),
            None => {
                let r = read_shared(&self.abs(entry)).map_err(|e| e.to_string());
                if let Ok(b) = &r {
                    c.size = Some(b.len() as u64);
                }
                // Keep it only when someone else will read it too (or nobody said).
                if c.remaining.is_none_or(|n| n > 1) {
                    c.cached = Some(r.clone());
                }
                r
            }
        };
        if let Some(n) = c.remaining.as_mut() {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.cached = None;
            }
        }
        got.map_err(|e| anyhow::anyhow!("cannot read {}: {e}", entry.rel))
    }

    /// The file as UTF-8 text, or `None` for a binary file (a NUL byte in its first 8 KiB) or
    /// one that is not UTF-8.
    pub fn text(&self, entry: &FileEntry) -> Result<Option<Arc<[u8]>>> {
        let b = self.bytes(entry)?;
        if is_binary(&b) || std::str::from_utf8(&b).is_err() {
            return Ok(None);
        }
        Ok(Some(b))
    }
}

/// Reads a file straight into shared memory, without the copy `Arc::from(Vec)` makes (a large
/// file would otherwise briefly need twice its size). Four system calls for a small file: open,
/// `fstat` on the descriptor (no path lookup), one `readv` that fills the buffer and probes one
/// byte past the size (a regular file reads short only at its end), close. A file that grew since
/// the `fstat` is read again whole.
fn read_shared(path: &Path) -> std::io::Result<Arc<[u8]>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let len = usize::try_from(f.metadata()?.len()).unwrap_or(usize::MAX);
    let mut buf: Arc<[u8]> = {
        let zeroed = Arc::<[u8]>::new_zeroed_slice(len);
        // SAFETY: an all-zero byte is a valid u8.
        unsafe { zeroed.assume_init() }
    };
    let mut filled = 0;
    let mut probe = [0u8; 1];
    let mut grew = false;
    if let Some(slice) = Arc::get_mut(&mut buf) {
        loop {
            let rest = &mut slice[filled..];
            let mut iov = [
                std::io::IoSliceMut::new(rest),
                std::io::IoSliceMut::new(&mut probe),
            ];
            match f.read_vectored(&mut iov) {
                Ok(0) => break,
                Ok(n) if filled + n > len => {
                    grew = true;
                    break;
                }
                Ok(n) => {
                    filled += n;
                    if filled == len {
                        // Short of the probe byte: the end of the file (one more read would
                        // only confirm it; a file that changes while being read is racy anyway).
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
    // The file changed size while being read: fall back to reading it whole.
    if grew || filled < len {
        return Ok(Arc::from(std::fs::read(path)?));
    }
    Ok(buf)
}

/// Whether bytes look binary: a NUL in the first 8 KiB, as git and ripgrep decide.
pub fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

/// A path as a `/`-separated string.
pub fn rel_string(p: &Path) -> String {
    let mut s = String::new();
    for (i, c) in p.components().enumerate() {
        if i > 0 {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_honours_gitignore_and_excludes() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("src")).unwrap();
        std::fs::create_dir_all(r.join("vendor/x")).unwrap();
        std::fs::create_dir_all(r.join("target")).unwrap();
        std::fs::create_dir_all(r.join(".claude/commands")).unwrap();
        std::fs::write(r.join(".gitignore"), "target/\n*.log\n").unwrap();
        std::fs::write(r.join("src/main.rs"), "fn main() {}\n").unwrap();
        std::fs::write(r.join("vendor/x/a.py"), "x = 1\n").unwrap();
        std::fs::write(r.join("target/out.xml"), "<a/>").unwrap();
        std::fs::write(r.join("debug.log"), "x").unwrap();
        std::fs::write(r.join(".claude/commands/c.md"), "# c").unwrap();
        std::fs::create_dir_all(r.join("member/.gatekeep")).unwrap();
        std::fs::write(r.join("member/.gatekeep/attestations.toml"), "x").unwrap();
        let ex = glob_set(["vendor/**"]).unwrap();
        let idx = RepoIndex::scan(r, &ex, 2).unwrap();
        let rels: Vec<&str> = idx.files().iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            vec![".claude/commands/c.md", ".gitignore", "src/main.rs"]
        );
        assert_eq!(idx.get("src/main.rs").unwrap().lang, Some(Lang::Rust));
        assert_eq!(idx.size(idx.get("src/main.rs").unwrap()), 13);
    }

    #[test]
    fn reads_once_and_detects_binary() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), "hello").unwrap();
        std::fs::write(d.path().join("b.bin"), b"ab\0cd").unwrap();
        let idx = RepoIndex::scan(d.path(), &GlobSet::empty(), 1).unwrap();
        let a = idx.get("a.txt").unwrap();
        let first = idx.bytes(a).unwrap();
        std::fs::write(d.path().join("a.txt"), "changed").unwrap();
        // The second read is served from the shared cache: one read per file.
        assert!(Arc::ptr_eq(&first, &idx.bytes(a).unwrap()));
        assert!(idx.text(idx.get("b.bin").unwrap()).unwrap().is_none());
    }

    #[test]
    fn member_views_share_reads() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("services/api/src")).unwrap();
        std::fs::create_dir_all(d.path().join("services/apiv2")).unwrap();
        std::fs::write(d.path().join("services/api/src/a.py"), "x").unwrap();
        std::fs::write(d.path().join("services/apiv2/b.py"), "y").unwrap();
        std::fs::write(d.path().join("top.py"), "z").unwrap();
        let idx = RepoIndex::scan(d.path(), &GlobSet::empty(), 1).unwrap();
        let m = idx.member("services/api");
        let rels: Vec<&str> = m.files().iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, vec!["src/a.py"]);
        assert!(m.root().ends_with("services/api"));
        let a = idx
            .bytes(idx.get("services/api/src/a.py").unwrap())
            .unwrap();
        assert!(Arc::ptr_eq(
            &a,
            &m.bytes(m.get("src/a.py").unwrap()).unwrap()
        ));
        let m = idx
            .member("services")
            .without(&glob_set(["apiv2/**"]).unwrap());
        let rels: Vec<&str> = m.files().iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, vec!["api/src/a.py"]);
    }

    #[test]
    fn announced_readers_release_content_after_the_last_read() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.py"), "one").unwrap();
        std::fs::write(d.path().join("b.md"), "two").unwrap();
        let idx = RepoIndex::scan(d.path(), &GlobSet::empty(), 1).unwrap();
        let all = Selector::default();
        let py = Selector::new(&["**/*.py".into()], &[]).unwrap();
        idx.expect_reader(&all, |_| true);
        idx.expect_reader(&py, |_| true);
        idx.expect_reader(&all, |_| false);
        let a = idx.get("a.py").unwrap();
        let b = idx.get("b.md").unwrap();
        // b.md has one reader: read, never kept.
        assert_eq!(&idx.bytes(b).unwrap()[..], b"two");
        assert!(b.content.lock().unwrap().cached.is_none());
        // a.py has two: kept after the first read, dropped after the second.
        let first = idx.bytes(a).unwrap();
        assert!(a.content.lock().unwrap().cached.is_some());
        std::fs::write(d.path().join("a.py"), "changed").unwrap();
        assert!(
            Arc::ptr_eq(&first, &idx.bytes(a).unwrap()),
            "the second reader shares the first read"
        );
        assert!(a.content.lock().unwrap().cached.is_none());
    }

    #[test]
    fn read_shared_reads_exactly() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.bin");
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&p, &data).unwrap();
        assert_eq!(&read_shared(&p).unwrap()[..], &data[..]);
        std::fs::write(&p, b"").unwrap();
        assert!(read_shared(&p).unwrap().is_empty());
        std::fs::write(&p, b"x").unwrap();
        assert_eq!(&read_shared(&p).unwrap()[..], b"x");
    }

    #[test]
    fn sizes_come_from_the_read_or_one_stat() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), "hello").unwrap();
        std::fs::write(d.path().join("b.txt"), "hello, world").unwrap();
        let idx = RepoIndex::scan(d.path(), &GlobSet::empty(), 1).unwrap();
        let a = idx.get("a.txt").unwrap();
        let b = idx.get("b.txt").unwrap();
        // The walk does not stat.
        assert_eq!(a.content.lock().unwrap().size, None);
        // Read first: the size comes with the bytes.
        assert_eq!(&idx.bytes(a).unwrap()[..], b"hello");
        assert_eq!(a.content.lock().unwrap().size, Some(5));
        assert_eq!(idx.size(a), 5);
        // Asked first: one stat, remembered.
        assert_eq!(idx.size(b), 12);
        assert_eq!(b.content.lock().unwrap().size, Some(12));
        // A file gone since the walk has size 0 and a read error naming it.
        std::fs::remove_file(d.path().join("a.txt")).unwrap();
        let idx = RepoIndex::scan(d.path(), &GlobSet::empty(), 1).unwrap();
        assert!(idx.get("a.txt").is_none());
    }

    #[test]
    fn selector_globs() {
        let s = Selector::new(&["**/*.xml".into()], &["gen/**".into()]).unwrap();
        assert!(s.matches("a.xml"));
        assert!(s.matches("x/y/a.xml"));
        assert!(!s.matches("gen/a.xml"));
        assert!(!s.matches("a.md"));
    }
}
