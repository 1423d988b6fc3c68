//! Reading calls and names off syntax nodes, for the data flow ([`super::flow`]): a call's
//! callee, method parts and format strings, mutators, comparisons and predicates, binding keys,
//! and the flow steps a finding's path shows. Free functions of a node, no file state.

use super::flow::MAX_DEPTH;
use super::syntax::*;
use super::{Step, position};
use ast_grep_core::{Doc, Node};

/// A call's callee as written (the text before its arguments; the whole call when it has no
/// argument list, as Ruby's `x.freeze`), without spaces.
pub(super) fn callee_text<D: Doc>(call: &Node<'_, D>) -> String {
    let text = call.text();
    let end = call
        .field("arguments")
        .map_or(text.len(), |a| {
            a.range().start.saturating_sub(call.range().start)
        })
        .min(text.len());
    key_text(text.get(..end).unwrap_or(""))
}

/// The name called first in a call's text (`append` in `sb.append(a).append(x)`, `open` in
/// `open(p)`): the word just before the first `(`. A test on text, before any tree field is read.
pub(super) fn called_name(text: &str) -> Option<&str> {
    let head = text[..text.find('(')?].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    Some(&head[start..])
}

/// A method call's object and method name (`x` and `lower` in `x.lower()`).
pub(super) fn method_parts<'r, D: Doc>(call: &Node<'r, D>) -> Option<(Node<'r, D>, Node<'r, D>)> {
    match call.field("function") {
        // Java: `object.name(arguments)`; Ruby: `receiver.method(arguments)`.
        None => Some((
            call.field("object").or_else(|| call.field("receiver"))?,
            call.field("name").or_else(|| call.field("method"))?,
        )),
        // Python `attribute`, JS `member_expression`, Go `selector_expression`.
        // (C#'s `member_access_expression`: `expression` and `name`; C++'s `field_expression`:
        // `argument` and `field`.)
        Some(f) => Some((
            f.field("object")
                .or_else(|| f.field("operand"))
                .or_else(|| f.field("expression"))
                .or_else(|| f.field("argument"))?,
            f.field("attribute")
                .or_else(|| f.field("property"))
                .or_else(|| f.field("field"))
                .or_else(|| f.field("name"))?,
        )),
    }
}

/// Whether `n` is a comparison (`a == b`, `x instanceof T`, Python's `a < b`), whose value is one
/// of two constants.
pub(super) fn is_comparison<D: Doc>(n: &Node<'_, D>) -> bool {
    match n.kind().as_ref() {
        "comparison_operator" => true,
        "binary_expression" | "binary" => n
            .field("operator")
            .is_some_and(|o| COMPARISONS.contains(&o.text().as_ref())),
        _ => false,
    }
}

/// Whether a URL starting with `text` has its scheme and host fixed: `https://host/…` (or
/// `?`, `#` after the host), or a local path `/x` (not `//host`, which is another host).
pub(super) fn fixes_host(text: &str) -> bool {
    if let Some((scheme, rest)) = text.split_once("://") {
        let scheme_ok = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
        let host_end = rest.find(['/', '?', '#']);
        return scheme_ok && host_end.is_some_and(|i| i > 0);
    }
    let mut c = text.chars();
    c.next() == Some('/') && c.next().is_some_and(|s| s != '/' && s != '\\')
}

/// Whether call `n` is a [`PREDICATE_METHODS`] call (by the name called last: `Equals` in
/// `string.Equals(a, b)`, `startsWith` in `p.trim().startsWith(root)`).
pub(super) fn is_predicate_call<D: Doc>(n: &Node<'_, D>) -> bool {
    let callee = callee_text(n);
    let last = callee
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    n.field("arguments").is_some() && PREDICATE_METHODS.contains(&last)
}

/// Where a format call's format string is (see [`format_call`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FormatString {
    /// The object a method is called on: `"…{}".format(x)`, Java's `"…%s".formatted(x)`.
    Receiver,
    /// The first argument: `fmt.Sprintf`, `String.format`, C#'s `string.Format`, PHP's and
    /// Ruby's `sprintf`/`format`.
    FirstArgument,
}

/// Whether a call, by its callee text, fills a format string, and where that string is: the
/// one table that both [`Facts::is_built`] (a query built by formatting) and
/// [`Facts::url_start`] (the text a URL starts with) read.
pub(super) fn format_call(callee: &str) -> Option<FormatString> {
    if callee.ends_with(".format") || callee.ends_with(".formatted") {
        return Some(FormatString::Receiver);
    }
    let function = ["Sprintf", "String.format", ".Format"]
        .iter()
        .any(|f| callee.ends_with(f))
        || matches!(
            callee,
            "format" | "sprintf" | "vsprintf" | "Kernel::format" | "Kernel::sprintf"
        );
    function.then_some(FormatString::FirstArgument)
}

/// The object a mutator call puts its arguments into (`args` in `args.append(x)`, `sb` in
/// `sb.append(a).append(x)`): a name or a member chain, by its key.
pub(super) fn mutated_object<D: Doc>(call: &Node<'_, D>, extra: &[&str]) -> Option<String> {
    let mut call = call.clone();
    for _ in 0..MAX_DEPTH {
        let (object, method) = method_parts(&call)?;
        let m = method.text();
        let mutator = MUTATORS.contains(&m.as_ref()) || extra.contains(&m.as_ref());
        if !mutator {
            return None;
        }
        if object.field("arguments").is_some() {
            call = object;
            continue;
        }
        let text = key_text(&object.text());
        let plain = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$');
        return plain.then_some(text);
    }
    None
}

/// Ruby: whether `n` is the method name of call `p` (`name` in `self.name = x` or `user.name`),
/// which is no use of a local of that name.
pub(super) fn is_method_name<D: Doc>(p: &Node<'_, D>, n: &Node<'_, D>) -> bool {
    p.field("method")
        .is_some_and(|m| m.node_id() == n.node_id())
}

/// Ruby and PHP: whether child `c` of `n` is no part of `n`'s value: a call's method name
/// (`name` in `user.name` is no use of a local `name`), or the condition of a ternary or `if`
/// expression (`x = params[:d] == "up" ? "ASC" : "DESC"` holds a constant; PHP's
/// `$c = in_array($x, $ok) ? $x : 'id'` too, but not the short `$x ?: 'id'`, whose
/// condition is its value).
pub(super) fn not_a_value<D: Doc>(n: &Node<'_, D>, c: &Node<'_, D>) -> bool {
    let field = match n.kind().as_ref() {
        "conditional" | "if" | "unless" => "condition",
        "conditional_expression" if n.field("body").is_some() => "condition",
        _ => "method",
    };
    n.field(field).is_some_and(|f| f.node_id() == c.node_id())
}

pub(super) fn key_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The keys of the names in `n` (itself included): what a parameter declaration binds.
pub(super) fn names_in<D: Doc>(sx: &Syntax, n: &Node<'_, D>) -> Vec<String> {
    std::iter::once(n.clone())
        .chain(n.dfs())
        .filter(|c| sx.names.contains(&c.kind().as_ref()))
        .map(|c| key_text(&c.text()))
        .collect()
}

/// A declared parameter type that holds text (`String`, `str`, `: string`, `java.lang.String`).
pub(super) fn is_string_type(t: &str) -> bool {
    let t = t.trim_start_matches(':').trim();
    let last = t.rsplit(['.', ':']).next().unwrap_or(t).trim();
    matches!(
        last,
        "String" | "CharSequence" | "StringBuilder" | "StringBuffer" | "string" | "str"
    )
}

pub(super) fn first_line(text: &str, max: usize) -> String {
    let l = text.lines().next().unwrap_or("").trim();
    if l.chars().count() > max {
        let mut s: String = l.chars().take(max).collect();
        s.push('…');
        s
    } else {
        l.to_string()
    }
}

/// A flow step at `n`.
pub fn step<D: Doc>(n: &Node<'_, D>, what: &str) -> Step {
    let (line, column) = position(n);
    Step {
        line,
        column,
        message: format!("{what}: {}", first_line(&n.text(), 80)),
    }
}
