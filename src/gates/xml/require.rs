//! Structure rules for templates: `[[gates.xml.require]] glob root elements`.

use crate::node::de::{DeError, Spanned};
use serde::Deserialize;
use std::collections::HashSet;

/// One `[[gates.xml.require]]` table as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub glob: Spanned<String>,
    pub root: Spanned<String>,
    #[serde(default)]
    pub elements: Vec<Spanned<String>>,
}

/// A validated rule.
#[derive(Debug)]
pub struct Rule {
    pub glob_text: String,
    pub glob: globset::GlobMatcher,
    pub root: String,
    /// Paths below the root, `a/b`.
    pub elements: Vec<String>,
}

fn valid_name(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next()
        .is_some_and(|c| super::checker::is_name_start(c as u32))
        && cs.all(|c| super::checker::is_name_char(c as u32))
}

impl Rule {
    pub fn compile(raw: &RawRule) -> Result<Rule, DeError> {
        let glob = crate::walk::glob(&raw.glob.value)
            .map_err(|e| {
                DeError::at(
                    raw.glob.pos,
                    format!("invalid glob `{}`: {e}", raw.glob.value),
                )
            })?
            .compile_matcher();
        if !valid_name(&raw.root.value) {
            return Err(DeError::at(
                raw.root.pos,
                format!("`{}` is not an XML element name", raw.root.value),
            ));
        }
        let mut elements = Vec::new();
        for e in &raw.elements {
            let p = e.value.trim_matches('/');
            if p.is_empty() || !p.split('/').all(valid_name) {
                return Err(DeError::at(
                    e.pos,
                    format!(
                        "`{}` is not an element path below the root such as `metadata/name`",
                        e.value
                    ),
                ));
            }
            elements.push(p.to_string());
        }
        Ok(Rule {
            glob_text: raw.glob.value.clone(),
            glob,
            root: raw.root.value.clone(),
            elements,
        })
    }

    /// Missing structure, as messages.
    pub fn missing(&self, roots: &[String], paths: &HashSet<String>) -> Vec<String> {
        if !roots.iter().any(|r| r == &self.root) {
            let found = if roots.is_empty() {
                "no XML element".to_string()
            } else {
                format!(
                    "root element <{}>",
                    roots.first().map(String::as_str).unwrap_or("")
                )
            };
            return vec![format!(
                "required root element <{}> not found (found {found}); rule `{}`",
                self.root, self.glob_text
            )];
        }
        self.elements
            .iter()
            .filter(|e| !paths.contains(&format!("{}/{}", self.root, e)))
            .map(|e| {
                format!(
                    "required element <{}>/{e} is missing; rule `{}`",
                    self.root, self.glob_text
                )
            })
            .collect()
    }
}
