//! Data flow inside a function: which names hold a constant, and which hold a value that came
//! from a taint source, at each point of a file.
//!
//! The analysis follows assignments in source order within each function (names of enclosing
//! functions are visible in nested ones). A value is tainted when it is, or is built from, a
//! source match or a tainted name: concatenation, f-strings and template literals, `format`
//! and `Sprintf` calls, containers and other calls all pass taint on, and a sanitizer match
//! stops it. A name assigned a value built only from literals (and names holding constants) is
//! a constant. A name is judged by the assignments that can reach a use: the latest one before
//! it, and, when that one sits in a branch or loop body that does not hold the use (`if not p:
//! p = ""`), the ones before it too, up to one that always runs. The value joins them: tainted
//! if any is, a constant only if all are.
//!
//! Cross-function flow is not followed yet; the binding tables are keyed by function so that
//! summaries of callees can be added as another kind of binding.

use super::{Step, Tree, position};
use ast_grep_config::RuleCore;
use ast_grep_core::matcher::MatcherExt;
use ast_grep_core::tree_sitter::{LanguageExt, StrDoc};
use ast_grep_core::{Doc, Matcher, Node, NodeMatch};
use ast_grep_language::SupportLang;
use std::collections::HashMap;
use std::ops::Range;

use super::nodes::*;
use super::syntax::*;

/// What a name holds at a point.
#[derive(Clone, Debug)]
enum Value {
    Constant,
    /// A string built from a non-constant part (only in the table of [`Facts::is_built`]),
    /// with the assignments that built it.
    Built(Vec<Step>),
    Tainted(Vec<Step>),
    Other,
}

impl Value {
    /// The assignments that built a string (`Some` for [`Value::Built`] only).
    fn built(self) -> Option<Vec<Step>> {
        match self {
            Value::Built(steps) => Some(steps),
            _ => None,
        }
    }

    /// Order of the join: a tainted value wins, then a built string, then an unknown value;
    /// a constant only when every reaching assignment is one.
    fn rank(&self) -> u8 {
        match self {
            Value::Constant => 0,
            Value::Other => 1,
            Value::Built(_) => 2,
            Value::Tainted(_) => 3,
        }
    }
}

/// One assignment of a name: where, in which scope, what, and the branch or loop bodies that
/// hold it (a use outside one of them may not see it).
#[derive(Clone, Debug)]
struct Binding {
    at: usize,
    value: Value,
    arms: std::rc::Rc<[Range<usize>]>,
}

/// Names bound in a file: (scope, key) → bindings in source order.
#[derive(Default)]
struct Table {
    map: HashMap<(usize, String), Vec<Binding>>,
    /// The grammar, for [`Syntax::is_field`].
    syntax: Option<&'static Syntax>,
}

impl Table {
    fn new(syntax: Option<&'static Syntax>) -> Table {
        Table {
            map: HashMap::new(),
            syntax,
        }
    }

    /// A field (Ruby's `@key`, `@@key`, `$key`) outlives the method that assigns it: it is
    /// bound once for the whole file and holds any value the file ever assigns it (in whatever
    /// order the methods run), so it is a constant only when every assignment is one.
    fn is_field(&self, key: &str) -> bool {
        self.syntax.is_some_and(|sx| sx.is_field(key))
    }

    fn bind(&mut self, scope: usize, key: String, a: &Assignment<'_>, value: Value) {
        let scope = if self.is_field(&key) { 0 } else { scope };
        self.map.entry((scope, key)).or_default().push(Binding {
            at: a.at,
            value,
            arms: a.arms.clone(),
        });
    }

    /// The scope an assignment binds `key` in: its own function's, unless it is a closure
    /// write (`req.on("data", (c) => { body += c; })`) to a name that only an enclosing
    /// function has bound so far, which it then rebinds there (a later callback sees it).
    fn scope_of(&self, a: &Assignment<'_>, key: &str) -> usize {
        let own = a.scopes[0];
        if !a.closure_write || a.scopes.len() < 2 {
            return own;
        }
        let mut probe = (own, key.to_string());
        for &s in &a.scopes {
            probe.0 = s;
            if self.map.contains_key(&probe) {
                return s;
            }
        }
        own
    }

    /// A binding that holds for a whole function (a tainted parameter).
    fn bind_always(&mut self, scope: usize, key: String, value: Value) {
        self.map.entry((scope, key)).or_default().push(Binding {
            at: 0,
            value,
            arms: std::rc::Rc::from(Vec::new()),
        });
    }

    /// The value of `key` at `at`, innermost scope first: the join of the bindings that can
    /// reach it (the latest before `at`, and earlier ones while the later ones sit in a branch
    /// or loop body that does not hold `at`).
    fn lookup(&self, scopes: &[usize], key: &str, at: usize) -> Option<Value> {
        if self.is_field(key) {
            return self
                .map
                .get(&(0, key.to_string()))?
                .iter()
                .map(|b| &b.value)
                .max_by_key(|v| v.rank())
                .cloned();
        }
        for s in scopes {
            let Some(v) = self.map.get(&(*s, key.to_string())) else {
                continue;
            };
            let i = v.partition_point(|b| b.at < at);
            let mut joined: Option<&Value> = None;
            for b in v[..i].iter().rev() {
                if joined.is_none_or(|j| b.value.rank() > j.rank()) {
                    joined = Some(&b.value);
                }
                if b.arms.iter().all(|r| r.start <= at && at < r.end) {
                    break;
                }
            }
            if let Some(j) = joined {
                return Some(j.clone());
            }
        }
        None
    }
}

/// What a file's analyses found, shared by the rules run on it.
pub struct Facts<'t> {
    syntax: Option<&'static Syntax>,
    constants: Option<Table>,
    /// Names holding a string built from a non-constant part (see [`Facts::is_built`]), per
    /// set of sanitizers (a sanitizer's result is constant).
    built: HashMap<u64, Table>,
    /// Taint tables, per set of sources and sanitizers (rules sharing them share the table).
    taint: HashMap<u64, std::rc::Rc<Taint>>,
    /// Parameter-taint tables (every parameter a source), per set of sanitizers.
    parameter_taint: HashMap<u64, std::rc::Rc<Taint>>,
    /// Whether a set of sources (by taint key) matches anywhere in the file.
    any_source: HashMap<u64, bool>,
    /// The file's assignments, found once.
    assigns: Option<std::rc::Rc<Vec<Assignment<'t>>>>,
    /// Target key → the indices in `assigns` of the assignments binding it, in order.
    by_target: Option<std::rc::Rc<HashMap<String, Vec<usize>>>>,
    /// Function-like nodes' byte ranges and ids, in source order.
    functions: Vec<FileNode<'t>>,
    /// For each of `functions`, the index of the innermost function around it.
    function_parent: Vec<Option<usize>>,
    /// Every node of the file in pre-order (source order), from one walk: the rules, sources,
    /// sanitizers and assignments are all found on this list, instead of one walk of the tree
    /// each (walking a tree-sitter tree was a third of the gate's time).
    nodes: Vec<FileNode<'t>>,
    /// For each kind id of the grammar, the indices in `nodes` of that kind's nodes, in source
    /// order: a rule, source or sanitizer looks at the nodes of its potential kinds only, and
    /// the assignment finder at the kinds that can assign (testing every node's kind for each
    /// of them was a tenth of the gate's time on Python trees).
    by_kind: Vec<Vec<u32>>,
    /// The nodes whose kind id is outside the grammar's symbol table (`ERROR`), in order.
    odd_kinds: Vec<u32>,
    /// Python's import bindings, found once a rule asks (see [`super::imports`]).
    imports: Option<super::imports::Imports>,
    /// C/C++: the file's object-like macros, found on the first constant check or trace that
    /// reads a name nothing binds (most files' rules never get that far).
    macros: std::cell::OnceCell<super::c::Macros>,
    lang: SupportLang,
}

/// A taint analysis of one file for one rule's sources and sanitizers.
pub struct Taint {
    table: Table,
    sources: Vec<(Range<usize>, Step)>,
    sanitizers: Vec<Range<usize>>,
}

/// An assignment.
struct Assignment<'t> {
    /// Where its targets are bound: the end of its value.
    at: usize,
    /// The scopes it is in, innermost first.
    scopes: Vec<usize>,
    /// Its targets' keys.
    targets: Vec<String>,
    /// Its value.
    rhs: FileNode<'t>,
    /// The branch and loop bodies that hold it.
    arms: std::rc::Rc<[Range<usize>]>,
    /// `q += x`: the target's previous value is part of the new one.
    augmented: Option<FileNode<'t>>,
    /// `args.append(x)`: the call; its object keeps its value and gains the arguments.
    mutator: Option<FileNode<'t>>,
    /// An assignment that declares nothing (a JS/Java `body += chunk`, not `let body = …`; a
    /// mutator call in any language): in a nested function, it writes the enclosing
    /// function's name when only that one has it.
    closure_write: bool,
}

impl<'t> Assignment<'t> {
    /// What the new value is built from: the value, and for `q += x` the whole statement
    /// (whose target reads the previous value).
    fn value(&self) -> &FileNode<'t> {
        self.augmented
            .as_ref()
            .or(self.mutator.as_ref())
            .unwrap_or(&self.rhs)
    }
}

/// A node of the file being analysed.
type FileNode<'t> = Node<'t, StrDoc<SupportLang>>;

/// Keeps recursion bounded on deep expressions (a long chain of `+`).
pub(super) const MAX_DEPTH: usize = 200;

impl<'t> Facts<'t> {
    pub fn new(tree: &'t Tree, lang: SupportLang) -> Facts<'t> {
        let syntax = syntax(lang);
        let nodes: Vec<FileNode<'t>> = tree.root().dfs().collect();
        let grammar = lang.get_ts_language();
        let mut by_kind: Vec<Vec<u32>> = vec![Vec::new(); grammar.node_kind_count()];
        let mut odd_kinds = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            match by_kind.get_mut(usize::from(n.kind_id())) {
                Some(b) => b.push(i),
                None => odd_kinds.push(i),
            }
        }
        let mut facts = Facts {
            functions: Vec::new(),
            function_parent: Vec::new(),
            nodes,
            by_kind,
            odd_kinds,
            syntax,
            constants: None,
            built: HashMap::new(),
            taint: HashMap::new(),
            parameter_taint: HashMap::new(),
            any_source: HashMap::new(),
            assigns: None,
            by_target: None,
            imports: None,
            macros: std::cell::OnceCell::new(),
            lang,
        };
        let functions: Vec<FileNode<'t>> = match syntax {
            Some(sx) => facts
                .indices_of(&facts.kinds_named(sx.functions))
                .into_iter()
                .map(|i| facts.nodes[i as usize].clone())
                .collect(),
            None => Vec::new(),
        };
        // Each function's innermost enclosing function: functions are in source order and
        // nested ones lie inside their parent, so a stack of the open ones finds it.
        let mut function_parent = Vec::with_capacity(functions.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, f) in functions.iter().enumerate() {
            let r = f.range();
            while let Some(&top) = open.last() {
                if functions[top].range().end >= r.end {
                    break;
                }
                open.pop();
            }
            function_parent.push(open.last().copied());
            open.push(i);
        }
        facts.functions = functions;
        facts.function_parent = function_parent;
        facts
    }

    /// Which kind ids of the grammar have one of `names` (by id; several ids can share a
    /// name, as aliases do).
    fn kinds_named(&self, names: &[&str]) -> Vec<bool> {
        let grammar = self.lang.get_ts_language();
        (0..self.by_kind.len())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| grammar.node_kind_for_id(id))
                    .is_some_and(|k| names.contains(&k))
            })
            .collect()
    }

    /// The indices in `nodes` of the nodes whose kind id is set in `kinds`, in source order.
    fn indices_of(&self, kinds: &[bool]) -> Vec<u32> {
        self.indices_where(|id| kinds.get(id).copied().unwrap_or(false))
    }

    /// The indices in `nodes` of the nodes whose kind id `wanted` accepts, in source order:
    /// the kinds' lists (and the odd kinds' nodes) merged.
    fn indices_where(&self, wanted: impl Fn(usize) -> bool) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut parts = 0;
        for (id, b) in self.by_kind.iter().enumerate() {
            if !b.is_empty() && wanted(id) {
                out.extend_from_slice(b);
                parts += 1;
            }
        }
        for &i in &self.odd_kinds {
            if wanted(usize::from(self.nodes[i as usize].kind_id())) {
                out.push(i);
                parts += 2;
            }
        }
        // One kind's list is in source order already.
        if parts > 1 {
            out.sort_unstable();
        }
        out
    }

    /// The file's text and its code view: the text with every comment byte a space and every
    /// string-content byte `x`, line breaks kept (offsets and lines are the text's), for a
    /// check that reads code as text ([`super::rule::Check`]). Built from the tree, so what is
    /// a comment or a string is the grammar's word.
    pub fn code_view(&self) -> (String, Vec<u8>) {
        let Some(root) = self.nodes.first() else {
            return (String::new(), Vec::new());
        };
        // The whole source (the root node's range leaves out leading blank lines).
        let text = root.root().get_text().to_string();
        let mut view = text.clone().into_bytes();
        for n in &self.nodes {
            let k = n.kind();
            let fill = if k.contains("comment") {
                b' '
            } else if STRING_CONTENT.contains(&k.as_ref()) {
                b'x'
            } else {
                continue;
            };
            let r = n.range();
            for b in view.get_mut(r.start..r.end).into_iter().flatten() {
                if *b != b'\n' && *b != b'\r' {
                    *b = fill;
                }
            }
        }
        (text, view)
    }

    /// The dotted names `n`'s text stands for through the file's imports (Python; empty
    /// elsewhere, or when its first part was not imported under another name).
    pub fn imported_names<D: Doc>(&mut self, n: &Node<'_, D>) -> Vec<String> {
        if self.lang != SupportLang::Python {
            return Vec::new();
        }
        let nodes = &self.nodes;
        let imports = self
            .imports
            .get_or_insert_with(|| super::imports::python(nodes));
        super::imports::qualify(imports, &n.text())
    }

    /// The matches of `m` in the file, in source order (as `Node::find_all` on the root, but
    /// on the file's node list).
    pub fn find_all<'a>(
        &'a self,
        m: &'a RuleCore,
    ) -> impl Iterator<Item = NodeMatch<'t, StrDoc<SupportLang>>> + 'a {
        let picked: Option<Vec<u32>> = m
            .potential_kinds()
            .map(|k| self.indices_where(|id| k.contains(id)));
        let all = picked.is_none().then_some(0..self.nodes.len());
        let chosen = picked.into_iter().flatten().map(|i| i as usize);
        all.into_iter()
            .flatten()
            .chain(chosen)
            .filter_map(move |i| m.match_node(self.nodes[i].clone()))
    }

    /// Whether `n` is a plain name (`q`, or Go's one-element `expression_list` holding one).
    fn is_name<D: Doc>(&self, n: &Node<'_, D>) -> bool {
        let Some(sx) = self.syntax else {
            return false;
        };
        if n.kind() == "expression_list" {
            let mut c = n.named_children();
            return match (c.next(), c.next()) {
                (Some(only), None) => sx.names.contains(&only.kind().as_ref()),
                _ => false,
            };
        }
        sx.names.contains(&n.kind().as_ref())
    }

    /// The functions around byte range `r`, innermost first. Found from the functions' byte
    /// ranges: tree-sitter has no parent pointers, so walking up is quadratic in depth.
    fn enclosing(&self, r: Range<usize>) -> Vec<&FileNode<'t>> {
        // Every function around `r` is the last one to start at or before it, or one of that
        // one's enclosing functions (functions nest): up that chain, innermost first.
        let mut v = Vec::new();
        let mut at = self
            .functions
            .partition_point(|f| f.range().start <= r.start)
            .checked_sub(1);
        while let Some(i) = at {
            let f = &self.functions[i];
            let fr = f.range();
            if r.end <= fr.end && fr != r {
                v.push(f);
            }
            at = self.function_parent.get(i).copied().flatten();
        }
        v
    }

    /// Scopes of `n`, innermost first, ending with the file (0).
    fn scopes<D: Doc>(&self, n: &Node<'_, D>) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .enclosing(n.range())
            .into_iter()
            .map(|f| f.node_id())
            .collect();
        out.push(0);
        out
    }

    /// Ruby: the body of the heredoc that `<<~SQL` begins. tree-sitter puts the body after the
    /// statement, as its sibling; the bodies after a line follow the order of its beginnings.
    fn heredoc_body<D: Doc>(&self, b: &Node<'_, D>) -> Option<&FileNode<'t>> {
        let start = b.range().start;
        let line = b.start_pos().line();
        let i = self.nodes.partition_point(|n| n.range().start < start);
        let pending = self.nodes[..i]
            .iter()
            .rev()
            .take_while(|n| n.start_pos().line() == line)
            .filter(|n| n.kind().as_ref() == "heredoc_beginning")
            .count();
        self.nodes[i..]
            .iter()
            .filter(|n| n.kind().as_ref() == "heredoc_body")
            .nth(pending)
    }

    /// Binding targets of an assignment's left side: names and member chains.
    fn targets<'a, D: Doc>(&self, lhs: &Node<'a, D>) -> Vec<String> {
        let Some(sx) = self.syntax else {
            return Vec::new();
        };
        let k = lhs.kind();
        if sx.names.contains(&k.as_ref()) || sx.members.contains(&k.as_ref()) {
            return vec![key_text(&lhs.text())];
        }
        // Subscripts (`d["k"] = v`) taint the container: its base name.
        let mut out = Vec::new();
        for n in lhs.dfs() {
            let k = n.kind();
            if sx.names.contains(&k.as_ref()) {
                if n.parent().is_some_and(|p| {
                    (sx.members.contains(&p.kind().as_ref())
                        && p.child(0).map(|c| c.node_id()) != Some(n.node_id()))
                        || is_method_name(&p, &n)
                }) {
                    continue;
                }
                out.push(key_text(&n.text()));
            }
        }
        out
    }

    /// Assignments of the file, in source order (found once per file).
    fn assignments(&mut self) -> std::rc::Rc<Vec<Assignment<'t>>> {
        if let Some(a) = &self.assigns {
            return a.clone();
        }
        let a = std::rc::Rc::new(self.find_assignments());
        self.assigns = Some(a.clone());
        a
    }

    /// The assignments binding each target key (indices into [`Facts::assignments`]), built on
    /// first use: a name's latest assignment is looked up without reading every one.
    fn assignments_by_target(&mut self) -> std::rc::Rc<HashMap<String, Vec<usize>>> {
        if let Some(i) = &self.by_target {
            return i.clone();
        }
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in self.assignments().iter().enumerate() {
            for k in &a.targets {
                let v = index.entry(k.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let index = std::rc::Rc::new(index);
        self.by_target = Some(index.clone());
        index
    }

    fn find_assignments(&self) -> Vec<Assignment<'t>> {
        let Some(sx) = self.syntax else {
            return Vec::new();
        };
        // Branch and loop bodies, in source order (the node list is in pre-order).
        let mut arms: Vec<Range<usize>> = Vec::new();
        let arm_or_branch: Vec<&str> = ARM_KINDS.iter().chain(BRANCH_KINDS).copied().collect();
        for i in self.indices_of(&self.kinds_named(&arm_or_branch)) {
            let n = &self.nodes[i as usize];
            let k = n.kind();
            if ARM_KINDS.contains(&k.as_ref()) {
                arms.push(n.range());
            } else if BRANCH_KINDS.contains(&k.as_ref()) {
                for f in ["consequence", "alternative", "body"] {
                    if let Some(c) = n.field(f)
                        && !ARM_KINDS.contains(&c.kind().as_ref())
                    {
                        arms.push(c.range());
                    }
                }
            }
        }
        arms.sort_by_key(|r| r.start);
        let held = |nr: Range<usize>| -> std::rc::Rc<[Range<usize>]> {
            arms.iter()
                .take_while(|a| a.start <= nr.start)
                .filter(|a| nr.end <= a.end)
                .cloned()
                .collect::<Vec<_>>()
                .into()
        };
        let mut out = Vec::new();
        // The kinds that can assign: Ruby's `<<`, C++'s `>>`, calls and the assignments.
        let mut assigning: Vec<&str> = vec!["binary", "binary_expression"];
        assigning.extend(sx.calls);
        assigning.extend(sx.assigns.iter().map(|(kind, _, _)| *kind));
        for i in self.indices_of(&self.kinds_named(&assigning)) {
            let n = &self.nodes[i as usize];
            let k = n.kind();
            // Ruby `q << " AND x = #{v}"`, `parts << v << w`: the name on the left keeps what
            // it held and gains the right side (a mutator, like `args.append(x)`).
            if k.as_ref() == "binary"
                && n.field("operator").is_some_and(|o| o.text() == "<<")
                && let Some(r) = n.field("right")
            {
                let mut base = n.field("left");
                while let Some(b) = base.clone().filter(|b| b.kind().as_ref() == "binary") {
                    base = b.field("left");
                }
                if let Some(b) = base.filter(|b| sx.names.contains(&b.kind().as_ref())) {
                    out.push(Assignment {
                        at: n.range().end,
                        scopes: self.scopes(n),
                        targets: vec![key_text(&b.text())],
                        rhs: r,
                        arms: held(n.range()),
                        augmented: None,
                        mutator: Some(n.clone()),
                        closure_write: true,
                    });
                }
                continue;
            }
            if self.lang == SupportLang::Cpp {
                // C++ `std::cin >> a >> b`: each variable holds what the stream read.
                for key in super::c::stream_reads(n) {
                    out.push(Assignment {
                        at: n.range().end,
                        scopes: self.scopes(n),
                        targets: vec![key],
                        rhs: n.clone(),
                        arms: held(n.range()),
                        augmented: None,
                        mutator: None,
                        closure_write: true,
                    });
                }
            }
            if sx.calls.contains(&k.as_ref()) && self.c_like() {
                // C: calls that write into the buffers they are given.
                for w in super::c::writes(n) {
                    let (target, rhs, mutator, at) = match w {
                        super::c::Write::Set(key, v) => (key, v.clone(), None, v.range().end),
                        super::c::Write::Add(key, v) => {
                            (key, v.clone(), Some(n.clone()), v.range().end)
                        }
                        super::c::Write::Unknown(key) => (key, n.clone(), None, n.range().end),
                    };
                    out.push(Assignment {
                        at,
                        scopes: self.scopes(n),
                        targets: vec![target],
                        rhs,
                        arms: held(n.range()),
                        augmented: None,
                        mutator,
                        closure_write: true,
                    });
                }
            }
            if sx.calls.contains(&k.as_ref()) {
                // Cheap test first, on the text: a mutator's name before the `(`.
                if !called_name(&n.text())
                    .is_some_and(|m| MUTATORS.contains(&m) || sx.mutators.contains(&m))
                {
                    continue;
                }
                let Some(args) = n.field("arguments") else {
                    continue;
                };
                // `args.append(x)`, `sb.append(a).append(x)`: binds `args`/`sb` to what it
                // held and the arguments.
                if let Some(object) = mutated_object(n, sx.mutators) {
                    out.push(Assignment {
                        at: args.range().end,
                        scopes: self.scopes(n),
                        targets: vec![object],
                        rhs: args,
                        arms: held(n.range()),
                        augmented: None,
                        mutator: Some(n.clone()),
                        // a mutation declares nothing: `chunks.push(c)` in a callback fills
                        // the enclosing function's `chunks`
                        closure_write: true,
                    });
                }
                continue;
            }
            let Some((_, l, r)) = sx.assigns.iter().find(|(kind, _, _)| *kind == k.as_ref()) else {
                continue;
            };
            // The target: its field, else (a grammar without fields: Kotlin) the child of that
            // kind.
            let by_field = n.field(l);
            let fieldless = by_field.is_none();
            let lhs = by_field.or_else(|| n.named_children().find(|c| c.kind().as_ref() == *l));
            // An empty value field: the value is the last named child after the target
            // (C#'s `variable_declarator` has no field for it).
            let rhs = if r.is_empty() {
                n.named_children()
                    .last()
                    .filter(|c| lhs.as_ref().is_none_or(|t| t.node_id() != c.node_id()))
            } else {
                n.field(r)
            };
            let (Some(lhs), Some(rhs)) = (lhs, rhs) else {
                continue;
            };
            let scopes = self.scopes(n);
            // Bind after the value: a use inside the value sees the previous binding.
            out.push(Assignment {
                at: rhs.range().end,
                scopes,
                targets: self.targets(&lhs),
                rhs,
                arms: held(n.range()),
                mutator: None,
                closure_write: sx.closure_assigns.contains(&k.as_ref()),
                augmented: (k.contains("augmented")
                    || n.field("operator")
                        .or_else(|| {
                            // No fields (Kotlin's `q += x`): the token after the target.
                            lhs.next().filter(|o| fieldless && !o.is_named())
                        })
                        .is_some_and(|o| !matches!(o.text().as_ref(), "=" | ":=")))
                .then(|| n.clone()),
            });
        }
        out.sort_by_key(|a| a.at);
        out
    }

    /// Builds the constants table on first use.
    fn ensure_constants(&mut self) {
        if self.constants.is_none() {
            let mut t = Table::new(self.syntax);
            for a in self.assignments().iter() {
                let v = if self.assigned_constant(&t, &[], a) {
                    Value::Constant
                } else {
                    Value::Other
                };
                for k in &a.targets {
                    let scope = t.scope_of(a, k);
                    t.bind(scope, k.clone(), a, v.clone());
                }
            }
            self.constants = Some(t);
        }
    }

    /// C or C++ (buffers written by calls, macros; see [`super::c`]).
    fn c_like(&self) -> bool {
        matches!(self.lang, SupportLang::C | SupportLang::Cpp)
    }

    /// C/C++: the file's object-like macros, found on first use.
    fn macros(&self) -> &super::c::Macros {
        self.macros
            .get_or_init(|| super::c::Macros::of(self.nodes.iter()))
    }

    /// C/C++: the variables macro `name`'s definitions name (`cmd` for `#define ARG cmd`).
    fn c_macro_names(&self, name: &str) -> Vec<String> {
        use super::c::MacroValue;
        self.macros()
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|d| match d {
                MacroValue::Name(x) => Some(x.clone()),
                _ => None,
            })
            .collect()
    }

    /// C/C++: whether `name`, which nothing in scope binds at `n`, is a constant: a macro of
    /// the file whose every definition is a literal or a name constant at `n`, or (not defined
    /// here) a capitalised name from a header.
    fn c_name_constant<D: Doc>(
        &self,
        t: &Table,
        n: &Node<'_, D>,
        name: &str,
        depth: usize,
    ) -> bool {
        use super::c::MacroValue;
        if !self.c_like() || depth > MAX_DEPTH {
            return false;
        }
        match self.macros().get(name) {
            Some(defs) => defs.iter().all(|d| match d {
                MacroValue::Literal => true,
                MacroValue::Name(x) => match t.lookup(&self.scopes(n), x, n.range().start) {
                    Some(v) => matches!(v, Value::Constant),
                    None => self.c_name_constant(t, n, x, depth + 1),
                },
                MacroValue::Other => false,
            }),
            None => super::c::is_conventional_constant(name),
        }
    }

    /// Whether assignment `a` binds a constant: its value is one; for `args.append(x)`, `args`
    /// held one and every argument is one.
    fn assigned_constant(&self, t: &Table, safe: &[Range<usize>], a: &Assignment<'_>) -> bool {
        match &a.mutator {
            Some(_) => {
                a.targets.iter().all(|k| {
                    matches!(
                        t.lookup(&a.scopes, k, a.rhs.range().start),
                        Some(Value::Constant)
                    )
                }) && self.constant_in(t, safe, &a.rhs, 0)
            }
            None => self.constant_in(t, safe, a.value(), 0),
        }
    }

    /// Whether `n` is built only from literals and names holding constants.
    pub fn is_constant<D: Doc>(&mut self, n: &Node<'_, D>) -> bool {
        self.ensure_constants();
        match &self.constants {
            Some(t) => self.constant_in(t, &[], n, 0),
            None => false,
        }
    }

    /// For a name that holds a constant (`KEY` in `jwt.sign(p, KEY)`): where it was given its
    /// value, the latest assignment of it before `n` in `n`'s function or an enclosing one
    /// (for a file-wide field, the file's last). The step names the target, never the literal
    /// (a hard-coded key is not copied into reports).
    pub fn constant_origin<D: Doc>(&mut self, n: &Node<'_, D>) -> Option<Step> {
        let (whole, _) = self.assignment_of(n)?;
        let (line, column) = position(&whole);
        Some(Step {
            line,
            column,
            message: format!("hard-coded: {} = …", key_text(&n.text())),
        })
    }

    /// The text of the constant a name was given (`512` for `bits` after `bits = 512`), by the
    /// assignment [`Facts::constant_origin`] finds; `None` when that value is not a constant.
    pub fn literal_value<D: Doc>(&mut self, n: &Node<'_, D>) -> Option<String> {
        let (_, rhs) = self.assignment_of(n)?;
        self.is_constant(&rhs).then(|| rhs.text().to_string())
    }

    /// The assignment (whole, value) that gave the name `n` its value: see
    /// [`Facts::constant_origin`].
    fn assignment_of<D: Doc>(&mut self, n: &Node<'_, D>) -> Option<(FileNode<'t>, FileNode<'t>)> {
        let sx = self.syntax?;
        if !self.is_name(n) || n.kind() == "expression_list" {
            return None;
        }
        let key = key_text(&n.text());
        let at = n.range().start;
        let scopes = self.scopes(n);
        let field = sx.is_field(&key);
        let all = self.assignments();
        let index = self.assignments_by_target();
        let a = index.get(&key)?.iter().rev().map(|&i| &all[i]).find(|a| {
            a.mutator.is_none()
                && a.augmented.is_none()
                && (field || (a.at <= at && a.scopes.first().is_some_and(|s| scopes.contains(s))))
        })?;
        Some((
            a.rhs.parent().unwrap_or_else(|| a.rhs.clone()),
            a.rhs.clone(),
        ))
    }

    /// How the URL `n` starts: the constant text it is known to start with, and the first part
    /// that is not a constant (`None` when it is constant throughout). Reads through
    /// parentheses and call `argument`s, a concatenation's left side (and on into the right
    /// when the left is a constant), a string's text before its first interpolation, the format
    /// string of `%`, `.format`, `Sprintf`/`String.format`/`string.Format`, and a name's latest
    /// assignment.
    pub fn url_start(&mut self, n: &FileNode<'t>, depth: usize) -> (String, Option<FileNode<'t>>) {
        let Some(sx) = self.syntax else {
            return (String::new(), Some(n.clone()));
        };
        if depth > MAX_DEPTH {
            return (String::new(), Some(n.clone()));
        }
        let k = n.kind();
        let k = k.as_ref();
        if k == "argument" || k == "parenthesized_expression" {
            return match n.named_children().last() {
                Some(c) => self.url_start(&c, depth + 1),
                None => (String::new(), Some(n.clone())),
            };
        }
        if sx.names.contains(&k) || sx.members.contains(&k) {
            // What the name was assigned (a constant's wherever it was, another value's only
            // when assigned before this use).
            let constant = self.is_constant(n);
            return match self.assignment_of(n) {
                Some((_, rhs)) if constant || rhs.range().start < n.range().start => {
                    self.url_start(&rhs, depth + 1)
                }
                None if constant => (String::new(), None),
                _ => (String::new(), Some(n.clone())),
            };
        }
        if sx.concats.contains(&k) && !is_comparison(n) {
            let (Some(left), Some(right)) = (n.field("left"), n.field("right")) else {
                return (String::new(), Some(n.clone()));
            };
            let op = n.field("operator").map(|o| o.text().to_string());
            if op.as_deref() == Some("%") {
                // Python `"https://%s/x" % host`: the format string up to its first field.
                let (text, _) = self.url_start(&left, depth + 1);
                return match text.find('%') {
                    Some(i) => (text[..i].to_string(), Some(right)),
                    None => (text, None),
                };
            }
            if op
                .as_deref()
                .is_some_and(|o| PICKING_OPERATORS.contains(&o))
            {
                return (String::new(), Some(n.clone()));
            }
            let (mut text, rest) = self.url_start(&left, depth + 1);
            if rest.is_some() {
                return (text, rest);
            }
            let (more, rest) = self.url_start(&right, depth + 1);
            text.push_str(&more);
            return (text, rest);
        }
        if sx.calls.contains(&k) {
            // `"https://{}/x".format(h)`, `fmt.Sprintf("https://%s/", h)`, `string.Format(…)`:
            // the format string up to its first placeholder.
            // The first value filled in is the part that follows that text.
            let callee = callee_text(n);
            let args: Vec<_> = n
                .field("arguments")
                .map(|a| a.named_children().collect())
                .unwrap_or_default();
            let format = match format_call(&callee) {
                Some(FormatString::Receiver) => {
                    method_parts(n).map(|(object, _)| (object, args.first().cloned()))
                }
                Some(FormatString::FirstArgument) => {
                    args.first().map(|f| (f.clone(), args.get(1).cloned()))
                }
                None => None,
            };
            if let Some((f, value)) = format {
                let (text, _) = self.url_start(&f, depth + 1);
                let cut = text.find(['%', '{']).unwrap_or(text.len());
                return (text[..cut].to_string(), value.or_else(|| Some(n.clone())));
            }
            return (String::new(), Some(n.clone()));
        }
        // A string: its text before the first part that is not text.
        let children: Vec<_> = n.named_children().collect();
        let first_part = children
            .iter()
            .find(|c| !STRING_TEXT_KINDS.contains(&c.kind().as_ref()));
        if first_part.is_none() && !self.is_constant(n) {
            return (String::new(), Some(n.clone()));
        }
        let text = n.text();
        let end = first_part.map_or(text.len(), |c| {
            c.range().start.saturating_sub(n.range().start)
        });
        let mut raw = text.get(..end).unwrap_or("").to_string();
        if first_part.is_none() {
            raw = raw.trim_end_matches(['"', '\'', '`']).to_string();
        }
        let body = raw
            .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '$' || c == '@')
            .trim_start_matches(['"', '\'', '`']);
        (body.to_string(), first_part.cloned())
    }

    /// Whether `n` is a string built from a part that is not a constant: a concatenation or
    /// `%`, an f-string or template literal with an interpolation, a `format`/`Sprintf`/
    /// `String.format` call, a `.replace`, `.join` or `.concat` with a non-constant argument; or a name whose latest assignment before `n` was one (a query
    /// assembled over several statements, `q += x` included).
    ///
    /// `Some` with the assignments that built it (`built: q = "…" + name`), empty when it is
    /// built in place.
    pub fn is_built<D: Doc>(
        &mut self,
        n: &Node<'_, D>,
        key: u64,
        safe: &[Range<usize>],
    ) -> Option<Vec<Step>> {
        self.ensure_constants();
        if !self.built.contains_key(&key) {
            let mut t = Table::new(self.syntax);
            for a in self.assignments().iter() {
                let rhs = &a.rhs;
                let before = || {
                    a.targets
                        .iter()
                        .find_map(|k| t.lookup(&a.scopes, k, rhs.range().start)?.built())
                };
                let mutated = if a.mutator.is_some() {
                    before().or_else(|| (!self.constant_here(safe, rhs)).then(Vec::new))
                } else {
                    None
                };
                let built = mutated
                    .or_else(|| self.built_in(&t, safe, rhs, 0))
                    .or_else(|| {
                        let whole = a.augmented.as_ref()?;
                        whole
                            .field("left")
                            .and_then(|l| self.built_in(&t, safe, &l, 0))
                            .or_else(|| (!self.constant_here(safe, rhs)).then(Vec::new))
                    });
                let v = match built {
                    Some(mut steps) => {
                        let at = match &a.augmented {
                            Some(whole) => whole.clone(),
                            None => rhs.parent().unwrap_or_else(|| rhs.clone()),
                        };
                        let copy =
                            a.augmented.is_none() && a.mutator.is_none() && self.is_name(rhs);
                        steps.push(step(&at, if copy { "assigned" } else { "built" }));
                        Value::Built(steps)
                    }
                    None => Value::Other,
                };
                for k in &a.targets {
                    let scope = t.scope_of(a, k);
                    t.bind(scope, k.clone(), a, v.clone());
                }
            }
            self.built.insert(key, t);
        }
        match self.built.get(&key) {
            Some(t) => self.built_in(t, safe, n, 0),
            None => None,
        }
    }

    fn constant_here<D: Doc>(&self, safe: &[Range<usize>], n: &Node<'_, D>) -> bool {
        match &self.constants {
            Some(t) => self.constant_in(t, safe, n, 0),
            None => false,
        }
    }

    /// `built`: names bound to built strings. `Some` with the assignments that built `n`.
    fn built_in<D: Doc>(
        &self,
        built: &Table,
        safe: &[Range<usize>],
        n: &Node<'_, D>,
        depth: usize,
    ) -> Option<Vec<Step>> {
        let sx = self.syntax?;
        if depth > MAX_DEPTH {
            return None;
        }
        let k = n.kind();
        let k = k.as_ref();
        // `(q)`; Go's `q := a + b` (its right side is an `expression_list`); PHP's call
        // `argument` (its value, after a name when it is a named one).
        if k == "parenthesized_expression"
            || k == "parenthesized_statements"
            || k == "expression_list"
            || k == "argument"
        {
            return n
                .named_children()
                .find_map(|c| self.built_in(built, safe, &c, depth + 1));
        }
        if k == "heredoc_beginning" {
            return self
                .heredoc_body(n)
                .and_then(|b| self.built_in(built, safe, b, depth + 1));
        }
        if sx.calls.contains(&k)
            && n.field("arguments").is_none()
            && n.field("method")
                .is_some_and(|m| RUBY_STRING_KEEPERS.contains(&m.text().as_ref()))
            && let Some(r) = n.field("receiver")
        {
            return self.built_in(built, safe, &r, depth + 1);
        }
        if sx.names.contains(&k) || sx.members.contains(&k) {
            return built
                .lookup(&self.scopes(n), &key_text(&n.text()), n.range().start)?
                .built();
        }
        if sx.concats.contains(&k) {
            let parts = n
                .named_children()
                .find_map(|c| self.built_in(built, safe, &c, depth + 1));
            // `a ?? b`, `a || b`: one of the operands, built only when that one is.
            let picks = n
                .field("operator")
                .is_some_and(|o| PICKING_OPERATORS.contains(&o.text().as_ref()));
            return parts.or_else(|| (!picks && !self.constant_here(safe, n)).then(Vec::new));
        }
        if sx.interpolated.contains(&k)
            || n.named_children()
                .any(|c| INTERPOLATIONS.contains(&c.kind().as_ref()))
        {
            return (!self.constant_here(safe, n)).then(Vec::new);
        }
        if sx.calls.contains(&k)
            && let Some(args) = n.field("arguments")
        {
            let callee = callee_text(n);
            if let Some(object) = callee
                .strip_suffix(".toString")
                .or_else(|| callee.strip_suffix(".ToString"))
            {
                // `sb.toString()`: what the builder holds.
                return built
                    .lookup(&self.scopes(n), object, n.range().start)?
                    .built();
            }
            let is_format = format_call(&callee).is_some()
                || JOINING_METHODS.iter().any(|f| callee.ends_with(f))
                || callee == "implode";
            return (is_format && !args.named_children().all(|c| self.constant_here(safe, &c)))
                .then(Vec::new);
        }
        None
    }

    /// `safe`: ranges that count as constants (a sanitizer's result).
    fn constant_in<D: Doc>(
        &self,
        t: &Table,
        safe: &[Range<usize>],
        n: &Node<'_, D>,
        depth: usize,
    ) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        if !n.is_named() {
            return true;
        }
        let r = n.range();
        if safe.iter().any(|s| s.start <= r.start && r.end <= s.end) {
            return true;
        }
        let k = n.kind();
        let k = k.as_ref();
        if STRING_TEXT_KINDS.contains(&k) {
            // A literal's own text (Kotlin's `$` before an interpolated name is a named leaf).
            return true;
        }
        if INTERPOLATIONS.contains(&k) {
            return n
                .named_children()
                .all(|c| self.constant_in(t, safe, &c, depth + 1));
        }
        if k == "heredoc_beginning" {
            return self
                .heredoc_body(n)
                .is_none_or(|b| self.constant_in(t, safe, b, depth + 1));
        }
        if is_comparison(n) {
            // `"…" + (input != null) + "…"`: a comparison yields true or false, whatever its
            // operands hold.
            return true;
        }
        if k == "element_reference" {
            // Ruby `TABLE[params[:k]]`: a value picked from a constant table is a constant.
            return n
                .field("object")
                .is_some_and(|o| self.constant_in(t, safe, &o, depth + 1));
        }
        if let Some(sx) = self.syntax {
            if sx.calls.contains(&k) {
                // `str(3)`, `String.valueOf(n)`, `" ".join(parts)`: constant when every argument
                // (and the string a method is called on) is.
                // (Ruby: `{…}.freeze` has no argument list at all.)
                let args = n.field("arguments");
                let callee = callee_text(n);
                let known = sx.transparent.contains(&callee.as_str())
                    || (callee
                        .rsplit_once('.')
                        .is_some_and(|(_, m)| PURE_METHODS.contains(&m))
                        && method_parts(n).is_some_and(|(object, _)| {
                            self.constant_in(t, safe, &object, depth + 1)
                        }));
                return known
                    && args.is_none_or(|a| {
                        a.named_children()
                            .all(|c| self.constant_in(t, safe, &c, depth + 1))
                    });
            }
            if sx.names.contains(&k) || sx.members.contains(&k) {
                if LITERAL_WORDS.contains(&n.text().as_ref()) {
                    return true;
                }
                let scopes = self.scopes(n);
                return match t.lookup(&scopes, &key_text(&n.text()), n.range().start) {
                    Some(v) => matches!(v, Value::Constant),
                    // A Ruby constant the file never assigns (`TABLE`, `Config::KEY`) holds a
                    // fixed value by convention; `ENV`, `ARGV`, `ARGF` and `STDIN` hold outside
                    // input.
                    None => {
                        (k == "constant" && !RUBY_INPUT_CONSTANTS.contains(&n.text().as_ref()))
                            || self.c_name_constant(t, n, &n.text(), depth)
                    }
                };
            }
            if let Some((_, field)) = sx.keyed.iter().find(|(kind, _)| *kind == k) {
                return n
                    .field(field)
                    .is_none_or(|v| self.constant_in(t, safe, &v, depth + 1));
            }
        } else if k.contains("call") {
            return false;
        }
        if k == "type_identifier" || k.ends_with("_type") {
            // A type holds no data: `[]byte("k")` (Go's `type_conversion_expression`) is as
            // constant as its operand.
            return true;
        }
        if k.contains("identifier") || k.contains("variable") {
            // A name the tables do not know (no data flow for this grammar, or a field name).
            return LITERAL_WORDS.contains(&n.text().as_ref());
        }
        n.named_children()
            .filter(|c| !not_a_value(n, c))
            .all(|c| self.constant_in(t, safe, &c, depth + 1))
    }

    /// Whether any of `sources` (taint key `key`) matches in the file: a rule that reports only
    /// traced values has nothing to report in a file without one, and this stops at the first
    /// match instead of running the analysis.
    pub fn has_source(&mut self, key: u64, sources: &[RuleCore]) -> bool {
        if let Some(t) = self.taint.get(&key) {
            return !t.sources.is_empty();
        }
        if let Some(&any) = self.any_source.get(&key) {
            return any;
        }
        let any = sources.iter().any(|s| self.find_all(s).next().is_some());
        self.any_source.insert(key, any);
        any
    }

    /// The taint analysis of this file for rule `index`.
    /// `key` identifies the sources and sanitizers: rules with the same ones share the table.
    pub fn taint(
        &mut self,
        key: u64,
        sources: &[RuleCore],
        sanitizers: &[RuleCore],
    ) -> std::rc::Rc<Taint> {
        if let Some(t) = self.taint.get(&key) {
            return t.clone();
        }
        let mut src = Vec::new();
        let mut params: Vec<(usize, String, Step)> = Vec::new();
        for s in sources {
            for m in self.find_all(s) {
                let st = step(&m, "source");
                if let Some((scope, names)) = self.parameter_binding(&m) {
                    for k in names {
                        params.push((scope, k, st.clone()));
                    }
                }
                src.push((m.range(), st));
            }
        }
        let mut san = Vec::new();
        for s in sanitizers {
            for m in self.find_all(s) {
                san.push(m.range());
            }
        }
        let mut always: Vec<(usize, String, Vec<Step>)> = params
            .into_iter()
            .map(|(scope, k, st)| (scope, k, vec![st]))
            .collect();
        let mut taint = Taint {
            table: self.tainted_table(&always),
            sources: src,
            sanitizers: san,
        };
        self.propagate(&mut taint, false);
        // `req.body.paths.forEach((p) => …)`: the callback's element parameter holds what the
        // array holds. Known once the receivers' taint is, so the flow runs again from a fresh
        // table (a binding list is kept in source order: a second pass must not append to it).
        let elements = self.element_parameters(&taint);
        if !elements.is_empty() {
            always.extend(elements);
            taint.table = self.tainted_table(&always);
            self.propagate(&mut taint, false);
        }
        let t = std::rc::Rc::new(taint);
        self.taint.insert(key, t.clone());
        t
    }

    /// A table whose names in `always` (scope, key, path) are tainted wherever they are read:
    /// the parameters a source matched, and callbacks' element parameters.
    fn tainted_table(&self, always: &[(usize, String, Vec<Step>)]) -> Table {
        let mut t = Table::new(self.syntax);
        for (scope, k, steps) in always {
            t.bind_always(*scope, k.clone(), Value::Tainted(steps.clone()));
        }
        t
    }

    /// The element parameter of a callback given to an array method of a tainted array
    /// (JavaScript's `forEach`, `map`, `filter`, …: [`Syntax::element_callbacks`]), with the
    /// array's path and the call as a step.
    fn element_parameters(&self, taint: &Taint) -> Vec<(usize, String, Vec<Step>)> {
        let mut out = Vec::new();
        let Some(sx) = self.syntax.filter(|sx| !sx.element_callbacks.is_empty()) else {
            return out;
        };
        for n in &self.nodes {
            if n.kind().as_ref() != "call_expression" {
                continue;
            }
            let Some((object, method)) = method_parts(n) else {
                continue;
            };
            if !sx.element_callbacks.contains(&method.text().as_ref()) {
                continue;
            }
            let Some(callback) = n.field("arguments").and_then(|a| {
                a.named_children().next().filter(|c| {
                    matches!(c.kind().as_ref(), "arrow_function" | "function_expression")
                })
            }) else {
                continue;
            };
            let Some(first) = callback.field("parameter").or_else(|| {
                callback
                    .field("parameters")
                    .and_then(|p| p.named_children().next())
            }) else {
                continue;
            };
            let Some(mut steps) = taint.trace_in(self, &object, 0) else {
                continue;
            };
            steps.push(step(n, "element"));
            for k in names_in(sx, &first) {
                out.push((callback.node_id(), k, steps.clone()));
            }
        }
        out
    }

    /// A taint analysis in which every parameter of every function that is untyped or typed
    /// as a string is a source (step `parameter`), passed on only by plain copies: what a
    /// function passes on unchanged from its callers (read with [`Taint::passed_on`]). `key` identifies the
    /// sanitizers, whose ranges are `safe`.
    pub fn parameter_taint(&mut self, key: u64, safe: &[Range<usize>]) -> std::rc::Rc<Taint> {
        if let Some(t) = self.parameter_taint.get(&key) {
            return t.clone();
        }
        let mut taint = Taint {
            table: Table::new(self.syntax),
            sources: Vec::new(),
            sanitizers: safe.to_vec(),
        };
        if let Some(sx) = self.syntax {
            for f in &self.functions {
                let Some(params) = f.field("parameters") else {
                    continue;
                };
                for p in params.named_children() {
                    // A declared type that is not a string (`Runnable task`) holds no query.
                    if p.field("type").is_some_and(|t| !is_string_type(&t.text())) {
                        continue;
                    }
                    // `String sql` / `sql: str = ""`: the name, not the type or default.
                    let name = p.field("name").unwrap_or_else(|| p.clone());
                    for k in names_in(sx, &name) {
                        let st = step(&p, "parameter");
                        taint
                            .table
                            .bind_always(f.node_id(), k, Value::Tainted(vec![st]));
                    }
                }
            }
        }
        self.propagate(&mut taint, true);
        let t = std::rc::Rc::new(taint);
        self.parameter_taint.insert(key, t.clone());
        t
    }

    /// Binds every assignment's targets in `taint`'s table, in source order.
    /// With `copies_only`, only a plain copy (`q = sql`) passes a tainted value on.
    fn propagate(&mut self, taint: &mut Taint, copies_only: bool) {
        for a in self.assignments().iter() {
            let rhs = a.value();
            let copy = self.is_name(rhs) && a.augmented.is_none();
            let traced = if copies_only && !copy {
                None
            } else {
                taint.trace_in(self, rhs, 0)
            };
            let v = match traced {
                Some(mut steps) => {
                    let assign = match &a.augmented {
                        Some(whole) => whole.clone(),
                        None => rhs.parent().unwrap_or_else(|| rhs.clone()),
                    };
                    steps.push(step(&assign, "assigned"));
                    Value::Tainted(steps)
                }
                None if self.assigned_constant(&taint.table, &taint.sanitizers, a) => {
                    Value::Constant
                }
                None => Value::Other,
            };
            for k in &a.targets {
                let scope = taint.table.scope_of(a, k);
                taint.table.bind(scope, k.clone(), a, v.clone());
            }
        }
    }

    /// A source match that is (inside) a function's parameter list binds the names in it.
    fn parameter_binding<D: Doc>(&self, m: &Node<'_, D>) -> Option<(usize, Vec<String>)> {
        let sx = self.syntax?;
        let f = *self.enclosing(m.range()).first()?;
        // Kotlin's grammar has no fields: its parameter lists by kind.
        let params = f.field("parameters").or_else(|| {
            f.named_children().find(|c| {
                matches!(
                    c.kind().as_ref(),
                    "function_value_parameters" | "lambda_parameters"
                )
            })
        })?;
        let (pr, mr) = (params.range(), m.range());
        if !(pr.start <= mr.start && mr.end <= pr.end) {
            return None;
        }
        Some((f.node_id(), names_in(sx, m)))
    }
}

impl Taint {
    /// The byte ranges of the sanitizers' matches (their results count as constants).
    pub fn sanitizers(&self) -> &[Range<usize>] {
        &self.sanitizers
    }

    /// Whether `n` is built only from literals, sanitizers' results and names holding them.
    pub fn is_safe<D: Doc>(&self, facts: &Facts<'_>, n: &Node<'_, D>) -> bool {
        facts.constant_in(&self.table, &self.sanitizers, n, 0)
    }

    /// The path by which `n`, a name, holds a tainted value unchanged (for
    /// [`Facts::parameter_taint`]); `None` for any other expression.
    pub fn passed_on<D: Doc>(&self, facts: &Facts<'_>, n: &Node<'_, D>) -> Option<Vec<Step>> {
        let sx = facts.syntax?;
        // A call's `argument` wrapper (C#, PHP): its value, after a name when it has one.
        if n.kind() == "argument" {
            return self.passed_on(facts, &n.named_children().last()?);
        }
        if !sx.names.contains(&n.kind().as_ref()) {
            return None;
        }
        match self
            .table
            .lookup(&facts.scopes(n), &key_text(&n.text()), n.range().start)
        {
            Some(Value::Tainted(steps)) => Some(steps),
            _ => None,
        }
    }

    /// Whether the URL `n`, which a source reaches, may have its scheme and host chosen by that
    /// source: it does not start with a constant `scheme://host/` (or `?`, `#`) or a local
    /// `/path`, and its first part that is not a constant is traced (a configured base URL
    /// followed by input fixes the host as much as a literal does).
    pub fn controls_url<'t>(&self, facts: &mut Facts<'t>, n: &FileNode<'t>) -> bool {
        let (text, first) = facts.url_start(n, 0);
        // A header line (PHP's `header("Location: " . $url)`): the URL after the name.
        let text = match text.split_once(':') {
            Some((name, url)) if name.trim().eq_ignore_ascii_case("location") => url.trim_start(),
            _ => text.as_str(),
        };
        if fixes_host(text) {
            return false;
        }
        match first {
            Some(f) => self.traced_as_url(facts, &f),
            None => false,
        }
    }

    /// Whether `f`, the first part of a URL, holds a traced value as it is. A call's result does
    /// only when it is a source itself (`r.FormValue("u")`), is called on a traced value
    /// (`request.args.get("u")`, `$request->input("u")`), or is a conversion of the grammar's
    /// that keeps its argument's text (`str(u)`, `trim($u)`): what a function computes from the
    /// request (`$this->redirectTo($request)`, `GetItem(id).Path`) is not the request's URL.
    fn traced_as_url(&self, facts: &Facts<'_>, f: &FileNode<'_>) -> bool {
        let Some(sx) = facts.syntax else {
            return self.trace_of(facts, f).is_some();
        };
        let r = f.range();
        let inside_source = self
            .sources
            .iter()
            .any(|(s, _)| s.start <= r.start && r.end <= s.end);
        if !sx.calls.contains(&f.kind().as_ref()) || inside_source {
            return self.trace_of(facts, f).is_some();
        }
        let callee = callee_text(f);
        if sx.transparent.contains(&callee.as_str()) || URL_DECODERS.contains(&callee.as_str()) {
            return self.trace_of(facts, f).is_some();
        }
        match method_parts(f) {
            Some((object, _)) => self.trace_of(facts, &object).is_some(),
            None => false,
        }
    }

    /// The path by which a tainted value reaches `n`, if one does.
    pub fn trace_of<D: Doc>(&self, facts: &Facts<'_>, n: &Node<'_, D>) -> Option<Vec<Step>> {
        self.trace_in(facts, n, 0)
    }

    fn trace_in<D: Doc>(
        &self,
        facts: &Facts<'_>,
        n: &Node<'_, D>,
        depth: usize,
    ) -> Option<Vec<Step>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let r = n.range();
        if self
            .sanitizers
            .iter()
            .any(|s| s.start <= r.start && r.end <= s.end)
        {
            return None;
        }
        if let Some((_, st)) = self
            .sources
            .iter()
            .find(|(s, _)| s.start <= r.start && r.end <= s.end)
        {
            return Some(vec![st.clone()]);
        }
        if is_comparison(n) {
            // `(name != null)`: true or false, whatever `name` holds.
            return None;
        }
        if let Some(sx) = facts.syntax {
            let k = n.kind();
            if sx.calls.contains(&k.as_ref()) && is_predicate_call(n) {
                // `string.Equals(i.Name, name)`, `path.startsWith(root)`: a yes or no, whatever
                // the arguments hold (`files.FirstOrDefault(f => f.Name == name)` is a file
                // of the folder, not the name).
                return None;
            }
            if sx.names.contains(&k.as_ref()) || sx.members.contains(&k.as_ref()) {
                let scopes = facts.scopes(n);
                match self.table.lookup(&scopes, &key_text(&n.text()), r.start) {
                    Some(Value::Tainted(steps)) => return Some(steps),
                    Some(_) => return None,
                    // C: a macro of the file that names a variable (`#define ARG cmd`) holds
                    // what that variable holds here.
                    None if facts.c_like() && sx.names.contains(&k.as_ref()) => {
                        return facts.c_macro_names(&n.text()).iter().find_map(|x| {
                            match self.table.lookup(&scopes, x, r.start) {
                                Some(Value::Tainted(steps)) => Some(steps),
                                _ => None,
                            }
                        });
                    }
                    None if sx.names.contains(&k.as_ref()) => return None,
                    None => {}
                }
            }
            if let Some((_, field)) = sx.keyed.iter().find(|(kind, _)| *kind == k.as_ref()) {
                return n
                    .field(field)
                    .and_then(|v| self.trace_in(facts, &v, depth + 1));
            }
            if k.as_ref() == "heredoc_beginning" {
                return facts
                    .heredoc_body(n)
                    .and_then(|b| self.trace_in(facts, b, depth + 1));
            }
            if k.as_ref() == "element_reference" {
                // Ruby `ALLOWED[params[:k]]`: the value comes from the table, not the key.
                return n
                    .field("object")
                    .and_then(|o| self.trace_in(facts, &o, depth + 1));
            }
        }
        n.named_children()
            .filter(|c| !not_a_value(n, c))
            .find_map(|c| self.trace_in(facts, &c, depth + 1))
    }
}
