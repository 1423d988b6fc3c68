//! Shared utility rules: ast-grep's global utilities (`utilDirs`), one file per utility in a
//! `utils/` folder of a rule set.
//!
//! ```yaml
//! # rules/security/python/utils/web-input.yml
//! id: web-input                 # what rules name in `matches: web-input`
//! language: python
//! rule:
//!   any:
//!     - matches: request-attribute
//!     - matches: route-parameters
//! also_languages: [typescript]  # gatekeep: the same utility for these grammars too
//! ```
//!
//! Unlike ast-grep, where a global utility's id is unique across languages, utilities are kept
//! per grammar: Python's `web-input` and Ruby's `web-input` are two utilities. A rule's own
//! `utils` entry of the same id wins over a shared one (ast-grep's order: local, then global).
//!
//! The built-in utilities live in `rules/security/<language>/utils/`. A team's `rules_dir`
//! may hold its own `utils/` folders: the team's rules see the built-in utilities and the
//! team's, and a team utility replaces a built-in one of the same id and grammar.

use super::LANGS;
use super::rule::LoadError;
use ast_grep_config::{DeserializeEnv, GlobalRules, SerializableGlobalRule};
use ast_grep_language::SupportLang;
use std::sync::{Arc, OnceLock};

#[derive(serde::Deserialize)]
struct UtilDoc {
    #[serde(flatten)]
    global: SerializableGlobalRule<SupportLang>,
    #[serde(default)]
    also_languages: Vec<SupportLang>,
}

/// One utility for one grammar, with the file it came from.
#[derive(Clone)]
struct Util {
    origin: String,
    /// Where the file's `rule:` key is (1-based), for a utility that does not compile.
    at: (u64, u64),
    rule: SerializableGlobalRule<SupportLang>,
}

/// The shared utilities of one grammar, compiled on first use.
pub struct LangUtils {
    lang: SupportLang,
    utils: Vec<Util>,
    /// A hash of the utilities' text: part of a rule's taint key, since sources may name them.
    key: u64,
    compiled: OnceLock<Result<GlobalRules, LoadError>>,
}

impl LangUtils {
    fn new(lang: SupportLang, mut utils: Vec<Util>) -> Self {
        utils.sort_by(|a, b| a.rule.id.cmp(&b.rule.id));
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for u in &utils {
                u.rule.id.hash(&mut h);
                serde_yaml::to_string(&u.rule.core)
                    .unwrap_or_default()
                    .hash(&mut h);
            }
            h.finish()
        };
        LangUtils {
            lang,
            utils,
            key,
            compiled: OnceLock::new(),
        }
    }

    pub fn key(&self) -> u64 {
        self.key
    }

    /// The compiled utilities; an error names the utility's file.
    pub fn globals(&self) -> Result<&GlobalRules, String> {
        self.compiled().map_err(|e| e.to_string())
    }

    fn compiled(&self) -> Result<&GlobalRules, LoadError> {
        self.compiled
            .get_or_init(|| self.compile())
            .as_ref()
            .map_err(Clone::clone)
    }

    fn compile(&self) -> Result<GlobalRules, LoadError> {
        let all = self.utils.iter().map(|u| u.rule.clone()).collect();
        DeserializeEnv::<SupportLang>::parse_global_utils(all).map_err(|e| {
            // ast-grep's error does not say which utility failed: the first one without which
            // the others compile is named.
            let culprit = self.utils.iter().find(|u| {
                let others = self
                    .utils
                    .iter()
                    .filter(|o| o.rule.id != u.rule.id)
                    .map(|o| o.rule.clone())
                    .collect::<Vec<_>>();
                DeserializeEnv::<SupportLang>::parse_global_utils(others).is_ok()
            });
            let chain = super::rule::error_chain(&e);
            let (path, (line, column), message) = match culprit {
                Some(u) => (
                    u.origin.clone(),
                    u.at,
                    format!("utility `{}` ({}): {chain}", u.rule.id, self.lang),
                ),
                None => (
                    self.utils
                        .first()
                        .map(|u| u.origin.clone())
                        .unwrap_or_default(),
                    (1, 1),
                    format!("the {} utilities: {chain}", self.lang),
                ),
            };
            LoadError {
                path,
                line,
                column,
                message,
            }
        })
    }
}

/// The shared utilities of a rule set, per grammar.
#[derive(Default, Clone)]
pub struct Utils {
    langs: Vec<Arc<LangUtils>>,
}

impl Utils {
    /// The built-in utilities (`rules/security/*/utils/`); an error only for a bug in one of
    /// them, which the tests catch.
    pub fn builtin() -> Result<&'static Utils, String> {
        static B: OnceLock<Result<Utils, String>> = OnceLock::new();
        B.get_or_init(|| {
            let files: Vec<(String, String)> = super::builtin_files::BUILTIN_UTILS
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect();
            Utils::parse(&files, None).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// Reads utility files (path, text) over `base`: a utility of the same id and grammar as a
    /// base one replaces it. Two files defining the same id for one grammar are an error.
    pub fn parse(files: &[(String, String)], base: Option<&Utils>) -> Result<Utils, LoadError> {
        let mut own: Vec<(SupportLang, Util)> = Vec::new();
        for (path, text) in files {
            let err = |(line, column): (u64, u64), message: String| LoadError {
                path: path.clone(),
                line,
                column,
                message,
            };
            let mut any = false;
            for de in serde_yaml::Deserializer::from_str(text) {
                any = true;
                let doc: UtilDoc = serde::Deserialize::deserialize(de).map_err(|e| {
                    let at = super::rule::yaml_position(&e);
                    err(at, format!("not a valid utility rule: {e}"))
                })?;
                let id = doc.global.id.clone();
                if id.is_empty()
                    || !id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    return Err(err(
                        super::rule::key_position(text, "id"),
                        format!(
                            "a utility's `id` must be letters, digits, `-` and `_`, found `{id}`"
                        ),
                    ));
                }
                let mut langs = vec![("language", doc.global.language)];
                langs.extend(doc.also_languages.iter().map(|l| ("also_languages", *l)));
                for (key, lang) in langs {
                    if !LANGS.contains(&lang) {
                        return Err(err(
                            super::rule::key_position(text, key),
                            format!("utility `{id}`: gatekeep has no grammar for `{lang}`"),
                        ));
                    }
                    if let Some((_, first)) =
                        own.iter().find(|(l, u)| *l == lang && u.rule.id == id)
                    {
                        return Err(err(
                            super::rule::key_position(text, "id"),
                            format!(
                                "utility `{id}` ({lang}) is already defined in {}",
                                first.origin
                            ),
                        ));
                    }
                    let mut rule = doc.global.clone();
                    rule.language = lang;
                    own.push((
                        lang,
                        Util {
                            origin: path.clone(),
                            at: super::rule::key_position(text, "rule"),
                            rule,
                        },
                    ));
                }
            }
            if !any {
                return Err(err((1, 1), "the file holds no utility rule".to_string()));
            }
        }
        let mut langs = Vec::new();
        for &lang in LANGS {
            let mut utils: Vec<Util> = own
                .iter()
                .filter(|(l, _)| *l == lang)
                .map(|(_, u)| u.clone())
                .collect();
            if let Some(b) = base.and_then(|b| b.get(lang)) {
                utils.extend(
                    b.utils
                        .iter()
                        .filter(|u| !utils.iter().any(|o| o.rule.id == u.rule.id))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
            if !utils.is_empty() {
                langs.push(Arc::new(LangUtils::new(lang, utils)));
            }
        }
        Ok(Utils { langs })
    }

    /// The utilities of one grammar, if it has any.
    pub fn get(&self, lang: SupportLang) -> Option<&Arc<LangUtils>> {
        self.langs.iter().find(|u| u.lang == lang)
    }

    /// Compiles every grammar's utilities now (a team's set, so that a bad one is a config
    /// error when it loads).
    pub fn compile_all(&self) -> Result<(), LoadError> {
        self.langs.iter().try_for_each(|u| u.compiled().map(|_| ()))
    }

    /// The ids of the utilities of one grammar (for documentation and tests).
    pub fn ids(&self, lang: SupportLang) -> Vec<&str> {
        self.get(lang)
            .map(|u| u.utils.iter().map(|x| x.rule.id.as_str()).collect())
            .unwrap_or_default()
    }
}

/// Whether a rule-set path (relative to its folder) is a utility file: under a `utils` folder.
pub fn is_util_path(rel: &std::path::Path) -> bool {
    rel.parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str() == "utils"))
}

#[cfg(test)]
mod tests {
    use super::super::{RuleSet, TreeRule, rule, scan};
    use super::*;

    fn write(dir: &std::path::Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn lines(rules: Vec<TreeRule>, lang: SupportLang, src: &str) -> Vec<u64> {
        let leaked: Vec<&'static TreeRule> = rules
            .into_iter()
            .map(|r| &*Box::leak(Box::new(r)))
            .collect();
        let set = RuleSet::new(leaked);
        let on = vec![true; set.rules.len()];
        scan(&set, &on, lang, src.as_bytes())
            .hits
            .iter()
            .map(|h| src[..h.offset].matches('\n').count() as u64 + 1)
            .collect()
    }

    #[test]
    fn every_builtin_utility_compiles_and_the_shared_sources_are_there() {
        let b = Utils::builtin().expect("built-in utilities load");
        b.compile_all().expect("and compile");
        for lang in [
            SupportLang::Python,
            SupportLang::Ruby,
            SupportLang::JavaScript,
            SupportLang::TypeScript,
            SupportLang::Tsx,
            SupportLang::Go,
            SupportLang::Java,
            SupportLang::Php,
            SupportLang::CSharp,
        ] {
            assert!(
                b.ids(lang).contains(&"web-input"),
                "{lang}: {:?}",
                b.ids(lang)
            );
        }
        assert_eq!(
            b.ids(SupportLang::Python),
            vec!["request-attribute", "route-parameters", "web-input"]
        );
    }

    /// A rule file of its own (`rule::load`) sees the built-in utilities: `matches: web-input`
    /// is the Flask/Django request, with its path.
    #[test]
    fn a_rule_names_a_builtin_utility() {
        let yaml = "id: team-eval\nlanguage: python\nmessage: m\ncategory: code-execution\n\
                    rule:\n  pattern: eval($X)\nconstant: [$X]\nsources:\n  - matches: web-input\n\
                    untainted: none\n";
        let rules = rule::load("r.yml", yaml, None).expect("loads");
        let src = "from flask import request\n\ndef f():\n    x = request.args['x']\n    eval(x)\n    eval(y)\n";
        assert_eq!(lines(rules, SupportLang::Python, src), vec![5]);
    }

    #[test]
    fn a_teams_utils_folder_is_shared_by_its_rules_and_replaces_a_builtin_utility() {
        let d = tempfile::tempdir().expect("tempdir");
        write(
            d.path(),
            "utils/job-input.yml",
            "id: job-input\nlanguage: python\nrule:\n  pattern: job.payload\n",
        );
        // The team's `web-input` replaces the built-in one for the team's rules.
        write(
            d.path(),
            "py/utils/web-input.yml",
            "id: web-input\nlanguage: python\nrule:\n  pattern: current_request.data\n",
        );
        let rule = |id: &str, util: &str| {
            format!(
                "id: {id}\nlanguage: python\nmessage: m\ncategory: code-execution\nrule:\n  pattern: eval($X)\nconstant: [$X]\nsources:\n  - matches: {util}\nuntainted: none\n"
            )
        };
        write(d.path(), "py/a.yml", &rule("team-a", "job-input"));
        write(d.path(), "py/b.yml", &rule("team-b", "web-input"));
        let rules = rule::load_dir(d.path(), "rules").expect("loads");
        assert_eq!(
            rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec!["team-a", "team-b"],
            "utility files are not rules"
        );
        let src = "def f(job, current_request, request):\n    eval(job.payload)\n    eval(current_request.data)\n    eval(request.args['x'])\n";
        assert_eq!(lines(rules, SupportLang::Python, src), vec![2, 3]);
    }

    #[test]
    fn a_bad_utility_is_a_config_error_naming_its_file_and_position() {
        // Not YAML for a utility (no `rule`).
        let d = tempfile::tempdir().expect("tempdir");
        write(
            d.path(),
            "utils/x.yml",
            "id: x\nlanguage: python\nrul:\n  pattern: a\n",
        );
        let e = rule::load_dir(d.path(), "rules")
            .err()
            .expect("a config error");
        assert_eq!(e.path, "rules/utils/x.yml", "{e}");
        assert!(e.message.contains("not a valid utility rule"), "{e}");
        // A pattern that does not compile: the utility's file and its `rule:` line.
        let d = tempfile::tempdir().expect("tempdir");
        write(
            d.path(),
            "utils/ok.yml",
            "id: ok-util\nlanguage: python\nrule:\n  pattern: a.b\n",
        );
        write(
            d.path(),
            "utils/bad.yml",
            "# a comment\nid: bad-util\nlanguage: python\nrule:\n  kind: no_such_kind\n",
        );
        let e = rule::load_dir(d.path(), "rules")
            .err()
            .expect("a config error");
        assert_eq!(
            (e.path.as_str(), e.line, e.column),
            ("rules/utils/bad.yml", 4, 1),
            "{e}"
        );
        assert!(e.message.contains("utility `bad-util` (Python)"), "{e}");
        // The same id twice for one grammar.
        let d = tempfile::tempdir().expect("tempdir");
        let u = "id: twice\nlanguage: python\nrule:\n  pattern: a.b\n";
        write(d.path(), "utils/a.yml", u);
        write(d.path(), "utils/b.yml", u);
        let e = rule::load_dir(d.path(), "rules")
            .err()
            .expect("a config error");
        assert_eq!((e.path.as_str(), e.line), ("rules/utils/b.yml", 1), "{e}");
        assert!(
            e.message.contains("already defined in rules/utils/a.yml"),
            "{e}"
        );
        // A grammar gatekeep does not have.
        let e = Utils::parse(
            &[(
                "u.yml".into(),
                "id: u\nlanguage: python\nalso_languages: [lua]\nrule:\n  pattern: a\n".into(),
            )],
            None,
        )
        .err()
        .expect("an error");
        assert_eq!(
            (e.line, e.message.contains("no grammar for `Lua`")),
            (3, true),
            "{e}"
        );
    }

    #[test]
    fn a_rule_naming_an_unknown_utility_is_a_config_error_of_the_rule_file() {
        let yaml = "id: team-eval\nlanguage: python\nmessage: m\ncategory: code-execution\n\
                    rule:\n  pattern: eval($X)\nsources:\n  - matches: no-such-util\n";
        let e = rule::load("r.yml", yaml, None)
            .err()
            .expect("a config error");
        assert_eq!(e.path, "r.yml");
        assert!(e.message.contains("no-such-util"), "{e}");
    }

    /// The taint analysis of a file is shared by rules with the same sources: a different
    /// utility behind the same name is a different analysis.
    #[test]
    fn the_utilities_text_is_part_of_the_taint_key() {
        let rule = "id: r\nlanguage: python\nmessage: m\ncategory: code-execution\nrule:\n  pattern: eval($X)\nsources:\n  - matches: src\n";
        let with = |pattern: &str| {
            let u = Utils::parse(
                &[(
                    "u.yml".into(),
                    format!("id: src\nlanguage: python\nrule:\n  pattern: {pattern}\n"),
                )],
                None,
            )
            .expect("utility");
            rule::load_with("r.yml", rule, None, true, &u).expect("loads")[0].langs[0].taint_key
        };
        assert_eq!(with("a.b"), with("a.b"));
        assert_ne!(with("a.b"), with("a.c"));
    }
}
