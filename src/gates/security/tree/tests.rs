use super::*;

fn set() -> RuleSet {
    RuleSet::new(builtin().expect("built-in rules load").iter().collect())
}

/// A set of a team's rules from one YAML text (`r.yml`), with an optional test file (`r.py`).
pub(super) fn team_set(yaml: &str, tests: Option<&str>) -> RuleSet {
    let tests = tests.map(|t| ("r.py".to_string(), t.to_string()));
    let rules: &'static [rule::TreeRule] = rule::load("r.yml", yaml, tests).expect("loads").leak();
    RuleSet::new(rules.iter().collect())
}

/// (rule id, line, hit) of every finding in `src`.
fn hits_in(set: &RuleSet, lang: SupportLang, src: &str) -> Vec<(String, u64, TreeHit)> {
    let on = vec![true; set.rules.len()];
    let out = scan(set, &on, lang, src.as_bytes());
    out.hits
        .into_iter()
        .map(|h| {
            let line = src[..h.offset].matches('\n').count() as u64 + 1;
            (set.rules[h.rule].id.clone(), line, h)
        })
        .collect()
}

fn lines(set: &RuleSet, lang: SupportLang, src: &str) -> Vec<(String, u64)> {
    hits_in(set, lang, src)
        .into_iter()
        .map(|(id, line, _)| (id, line))
        .collect()
}

/// (line, severity override) of every finding in `src`.
fn severities(
    set: &RuleSet,
    lang: SupportLang,
    src: &str,
) -> Vec<(u64, Option<crate::model::Severity>)> {
    let on = vec![true; set.rules.len()];
    let out = scan(set, &on, lang, src.as_bytes());
    out.hits
        .iter()
        .map(|h| (src[..h.offset].matches('\n').count() as u64 + 1, h.severity))
        .collect()
}

/// The flow steps (line, kind) and severity override of `rule`'s first finding in `src`.
fn first_flow(
    set: &RuleSet,
    rule: &str,
    src: &str,
) -> (Vec<(u64, String)>, Option<crate::model::Severity>) {
    first_flow_in(set, SupportLang::Python, rule, src)
}

/// [`first_flow`] for a file of language `lang`.
fn first_flow_in(
    set: &RuleSet,
    lang: SupportLang,
    rule: &str,
    src: &str,
) -> (Vec<(u64, String)>, Option<crate::model::Severity>) {
    let on = vec![true; set.rules.len()];
    let out = scan(set, &on, lang, src.as_bytes());
    let hit = out
        .hits
        .iter()
        .find(|h| set.rules[h.rule].id == rule)
        .expect("a finding");
    let path = hit
        .flow
        .iter()
        .map(|s| {
            let kind = s.message.split(':').next().unwrap_or("");
            (s.line, kind.to_string())
        })
        .collect();
    (path, hit.severity)
}

fn steps(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(l, k)| (*l, k.to_string())).collect()
}

#[test]
fn every_builtin_rule_passes_its_annotated_tests() {
    let set = set();
    assert!(!set.rules.is_empty());
    let outcomes = annotations::run(&set);
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
    assert!(failed.is_empty(), "{}", annotations::render(&outcomes));
    for o in &outcomes {
        assert!(
            o.caught > 0 && o.passed_ok > 0,
            "{} needs a positive and a negative example",
            o.rule
        );
    }
}

/// A keyword is matched only at the start of a word, so one that the rule's own examples hold
/// only inside longer names can never find those names: `Trusted` never matched
/// `checkServerTrusted`, and an empty trust manager went unreported in every file that named
/// no other keyword of the rule.
#[test]
fn no_keyword_of_a_builtin_rule_appears_in_its_examples_only_inside_longer_names() {
    let mut inside_only = Vec::new();
    for r in builtin().expect("built-in rules load") {
        let (_, text) = r.tests.as_ref().expect("every built-in rule has examples");
        let lower = text.to_ascii_lowercase();
        for k in r.keywords.iter().chain(&r.source_keywords) {
            let k = k.to_ascii_lowercase();
            let at: Vec<usize> = lower.match_indices(k.as_str()).map(|(i, _)| i).collect();
            if !at.is_empty() && !at.iter().any(|&i| starts_word(lower.as_bytes(), i)) {
                inside_only.push(format!("{}: {k}", r.id));
            }
        }
    }
    assert!(
        inside_only.is_empty(),
        "keywords found only inside longer names of their rule's examples: {inside_only:?}"
    );
}

#[test]
fn a_hardcoded_capture_must_be_a_constant_for_a_finding() {
    let yaml = "id: team-jwt-literal\nlanguage: python\nmessage: m\ncategory: secrets\n\
                keywords: [jwt]\nhardcoded: [$K]\nrule:\n  pattern: jwt.encode($P, $K)\n";
    let set = team_set(yaml, None);
    let src = "import jwt, os\nKEY = 'k' + '2'\n\ndef f(p, cfg):\n    a = jwt.encode(p, 'literal')\n    b = jwt.encode(p, KEY)\n    c = jwt.encode(p, os.environ['JWT_KEY'])\n    d = jwt.encode(p, cfg.key)\n";
    let got: Vec<u64> = lines(&set, SupportLang::Python, src)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert_eq!(got, vec![5, 6]);
}

#[test]
fn todo_annotations_are_counted_never_failed() {
    let yaml = "id: team-eval\nlanguage: python\nmessage: m\ncategory: code-execution\n\
                rule:\n  pattern: eval($X)\n";
    let tests = "# ruleid: team-eval\neval(a)\n# todook: team-eval\neval(b)\n# todoruleid: team-eval\nexec(c)\n# ok: team-eval\nprint(d)\n";
    let set = team_set(yaml, Some(tests));
    let outcomes = annotations::run(&set);
    let o = &outcomes[0];
    assert!(o.passed(), "{}", annotations::render(&outcomes));
    assert_eq!((o.caught, o.passed_ok, o.todo), (1, 1, 2));
    assert!(o.unexpected.is_empty() && o.missed.is_empty());
}

#[test]
fn taint_path_runs_from_source_through_assignments_to_sink() {
    let set = set();
    let src = "import os\nfrom flask import request\n\ndef f():\n    cmd = request.args.get(\"c\")\n    full = \"ls \" + cmd\n    os.system(full)\n";
    let (path, severity) = first_flow(&set, "py-os-system", src);
    assert_eq!(
        path,
        steps(&[(5, "source"), (5, "assigned"), (6, "assigned"), (7, "sink")])
    );
    assert_eq!(severity, None, "a tainted sink keeps the rule's severity");
}

#[test]
fn a_comparison_is_a_constant_but_a_logical_or_passes_its_operand_on() {
    let set = set();
    // Python: `cmd == "x"` is True or False; `cmd or "ls"` is `cmd` itself.
    let src = "import os\nfrom flask import request\n\ndef f():\n    cmd = request.args.get(\"c\")\n    os.system(\"echo \" + str(cmd == \"x\"))\n    os.system(cmd or \"ls\")\n";
    assert_eq!(
        lines(&set, SupportLang::Python, src),
        vec![("py-os-system".to_string(), 7)]
    );
    // JavaScript `!==` and `||`, the same.
    let src = "const cp = require(\"child_process\");\nfunction f(req) {\n  const c = req.query.c;\n  cp.exec(\"echo \" + (c !== undefined));\n  cp.exec(c || \"ls\");\n}\n";
    let found = lines(&set, SupportLang::JavaScript, src);
    assert!(
        found.iter().all(|(_, line)| *line == 5) && !found.is_empty(),
        "{found:?}"
    );
}

#[test]
fn a_paths_sink_is_the_argument_when_it_has_a_line_of_its_own() {
    let set = set();
    let src = "from flask import request\n\ndef f():\n    name = request.args[\"n\"]\n    rows = Person.objects.raw(\n        \"SELECT * FROM p WHERE n = %s\" % name\n    )\n";
    let (path, _) = first_flow(&set, "py-sql-format", src);
    assert_eq!(path, steps(&[(4, "source"), (4, "assigned"), (6, "sink")]));
    // On one line, the sink is the call.
    let src = "from flask import request\n\ndef f():\n    name = request.args[\"n\"]\n    rows = Person.objects.raw(\"SELECT * FROM p WHERE n = %s\" % name)\n";
    let (path, _) = first_flow(&set, "py-sql-format", src);
    assert_eq!(path, steps(&[(4, "source"), (4, "assigned"), (5, "sink")]));
}

#[test]
fn ruby_instance_and_global_variables_hold_what_any_method_assigns() {
    let set = set();
    // Tainted in one action, run in another.
    let src = "class C\n  def set\n    @cmd = params[:c]\n  end\n\n  def run\n    system(@cmd)\n  end\nend\n";
    let (path, severity) = first_flow_in(&set, SupportLang::Ruby, "rb-command", src);
    assert_eq!(path, steps(&[(3, "source"), (3, "assigned"), (7, "sink")]));
    assert_eq!(severity, None);
    // A global that is a literal wherever it is assigned is a constant, even when the use
    // comes first in the file; one assignment from input makes it input.
    let src = "class C\n  def run\n    system($tool)\n  end\nend\n$tool = \"make\"\n";
    assert_eq!(lines(&set, SupportLang::Ruby, src), vec![]);
    let src = "class C\n  def run\n    system($tool)\n  end\n  def set\n    $tool = params[:t]\n  end\nend\n$tool = \"make\"\n";
    assert_eq!(
        lines(&set, SupportLang::Ruby, src),
        vec![("rb-command".to_string(), 3)]
    );
}

#[test]
fn a_callbacks_element_parameter_holds_what_the_array_holds() {
    let set = set();
    let src = "const fs = require(\"fs\");\nfunction f(req, res) {\n  const files = req.body.files;\n  files.forEach((name) => {\n    fs.readFileSync(name);\n  });\n  [\"a\", \"b\"].map(function (n) { return fs.readFileSync(n); });\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::JavaScript, "js-path-traversal", src);
    assert_eq!(
        path,
        steps(&[(3, "source"), (3, "assigned"), (4, "element"), (5, "sink")])
    );
    assert_eq!(severity, None);
    // The constant array's callback is no finding.
    assert_eq!(
        lines(&set, SupportLang::JavaScript, src),
        vec![("js-path-traversal".to_string(), 5)]
    );
}

#[test]
fn constants_are_not_findings_and_unknown_values_are_lowered() {
    let set = set();
    let src = "import os\ndef f(p):\n    os.system(\"ls\")\n    x = \"a\" + \"b\"\n    os.system(x)\n    os.system(p)\n";
    assert_eq!(
        severities(&set, SupportLang::Python, src),
        vec![(6, Some(crate::model::Severity::Medium))]
    );
}

#[test]
fn code_rules_never_match_in_comments_or_strings() {
    let set = set();
    let src = "# os.system(request.args['x'])\ns = \"os.system(request.args['x'])\"\n'''\nos.system(request.args['x'])\n'''\n";
    assert_eq!(lines(&set, SupportLang::Python, src), vec![]);
}

/// ast-grep's PHP grammar is the PHP-only one: a template's HTML read as code held calls
/// (`<p>eval($x)</p>`). The HTML and the tags are blanked first; `?>` still ends a statement.
#[test]
fn php_html_around_the_code_is_not_code() {
    let set = set();
    let src = "<p>Call eval($x) and system($cmd)</p>\n<?php echo $a ?>\n<b>exec($y)</b>\n<?= $b ?>\n<?php\neval($_GET['c']);\n?>\ntail system($z)\n";
    assert_eq!(
        lines(&set, SupportLang::Php, src),
        vec![("php-eval".to_string(), 6)]
    );
    let code = php_code_only(src, Instant::now(), Duration::from_secs(5))
        .expect("parses")
        .expect("HTML to blank");
    assert_eq!(code.len(), src.len());
    assert_eq!(code.matches('\n').count(), src.matches('\n').count());
    assert!(!code.contains("Call") && !code.contains("<?php") && !code.contains("tail"));
    assert!(code.contains("echo $a ;"), "{code}");
    // Without an opening tag PHP prints the file as it is: no code at all.
    assert_eq!(
        php_code_only("eval($x);", Instant::now(), Duration::from_secs(5)),
        Ok(Some(" ".repeat(9)))
    );
    assert_eq!(lines(&set, SupportLang::Php, "eval($_GET['c']);\n"), vec![]);
}

#[test]
fn a_file_without_keywords_is_not_parsed() {
    let set = set();
    let on = vec![true; set.rules.len()];
    let out = scan(&set, &on, SupportLang::Python, b"print('hello')\n");
    assert!(!out.parsed);
}

#[test]
fn syntax_errors_are_noted_and_rules_still_run_on_the_recovered_tree() {
    let set = set();
    let on = vec![true; set.rules.len()];
    let src = "import os\ndef f(p:\n    pass\nos.system(p)\n";
    let out = scan(&set, &on, SupportLang::Python, src.as_bytes());
    assert!(out.parsed);
    let e = out.parse_error.expect("a parse error");
    assert!(e.contains("syntax error"), "{e}");
}

#[test]
fn a_parse_past_its_budget_is_abandoned() {
    let src = "x = [".repeat(20_000);
    let r = parse(&src, SupportLang::Python, Duration::from_nanos(1));
    assert_eq!(r.err(), Some(ParseFailure::Timeout));
}

#[test]
fn languages_by_path_and_detection() {
    assert_eq!(lang_of("a/b.py", None), Some(SupportLang::Python));
    assert_eq!(lang_of("a/b.tsx", None), Some(SupportLang::Tsx));
    assert_eq!(
        lang_of("bin/tool", Some(crate::walk::Lang::Python)),
        Some(SupportLang::Python)
    );
    assert_eq!(
        lang_of("a/b.rb", Some(crate::walk::Lang::Ruby)),
        Some(SupportLang::Ruby)
    );
    assert_eq!(
        lang_of("Rakefile", Some(crate::walk::Lang::Ruby)),
        Some(SupportLang::Ruby)
    );
    // PHP templates and old servers' extensions: by the walk's detection (ast-grep knows `.php`).
    for p in ["app/a.php", "view/list.phtml", "legacy/index.php5"] {
        assert_eq!(
            lang_of(p, crate::walk::Lang::detect(p)),
            Some(SupportLang::Php),
            "{p}"
        );
    }
    assert_eq!(lang_of("a/b.swift", None), None);
    assert_eq!(
        lang_of("src/main.rs", crate::walk::Lang::detect("src/main.rs")),
        Some(SupportLang::Rust)
    );
    // Shell by the walk's detection (extension or `#!` line) only: ast-grep's Bash extensions
    // also take `.env` settings and Perl `.cgi` scripts.
    for p in ["ci/build.sh", "x.bash", "x.zsh", "x.ksh"] {
        assert_eq!(
            lang_of(p, crate::walk::Lang::detect(p)),
            Some(SupportLang::Bash),
            "{p}"
        );
    }
    assert_eq!(
        lang_of("bin/deploy", Some(crate::walk::Lang::Shell)),
        Some(SupportLang::Bash)
    );
    for p in ["prod.env", "cgi-bin/form.cgi", "x.command"] {
        assert_eq!(lang_of(p, crate::walk::Lang::detect(p)), None, "{p}");
    }
    assert_eq!(
        lang_of("src/Api/UsersController.cs", None),
        Some(SupportLang::CSharp)
    );
    for (p, lang) in [
        ("src/run.c", SupportLang::C),
        ("include/run.h", SupportLang::C),
        ("src/run.cpp", SupportLang::Cpp),
        ("src/run.cc", SupportLang::Cpp),
    ] {
        assert_eq!(lang_of(p, crate::walk::Lang::detect(p)), Some(lang), "{p}");
    }
    for p in ["app/src/main/kotlin/Api.kt", "build.gradle.kts"] {
        assert_eq!(
            lang_of(p, crate::walk::Lang::detect(p)),
            Some(SupportLang::Kotlin),
            "{p}"
        );
    }
}

#[test]
fn csharp_values_flow_through_declarations_builders_and_controller_parameters() {
    let set = set();
    // A controller action's parameter is request input: traced, high, with its path.
    let src = "public class ToolsController : Controller {\n  public IActionResult Run(string host) {\n    var cmd = \"ping \" + host;\n    Process.Start(\"sh\", cmd);\n    return Ok();\n  }\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::CSharp, "cs-command", src);
    assert_eq!(path, steps(&[(2, "source"), (3, "assigned"), (4, "sink")]));
    assert_eq!(severity, None);
    // A GUID cannot carry a command: the same flow from a `Guid` parameter is of unknown origin.
    let guid = src.replace("string host", "Guid host");
    assert_eq!(
        severities(&set, SupportLang::CSharp, &guid),
        vec![(4, Some(crate::model::Severity::Medium))]
    );
    // A declarator's value, a StringBuilder filled with constants, a switch whose every arm is
    // a constant: no finding.
    let constant = "class A {\n  void M(int k) {\n    var sb = new StringBuilder(\"git \");\n    sb.Append(\"status\");\n    string tool;\n    switch (k) {\n    case 1: tool = \"make\"; break;\n    default: tool = \"ls\"; break;\n    }\n    Process.Start(sb.ToString());\n    Process.Start(tool);\n  }\n}\n";
    assert_eq!(severities(&set, SupportLang::CSharp, constant), vec![]);
    // One arm of a switch reads input: the value after the switch may be it.
    let arm = constant.replace("tool = \"make\"", "tool = Console.ReadLine()");
    assert_eq!(
        severities(&set, SupportLang::CSharp, &arm),
        vec![(11, None)]
    );
    // SQL a parameter passes on unchanged, through a call's `argument` node: low, with its path.
    let sql = "class Repo {\n  void Run(SqlConnection c, string sql) {\n    var cmd = new SqlCommand(sql, c);\n  }\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::CSharp, "cs-sql-concat", sql);
    assert_eq!(path, steps(&[(2, "parameter"), (3, "sink")]));
    assert_eq!(severity, Some(crate::model::Severity::Low));
}

#[test]
fn kotlin_constants_follow_vals_templates_and_compound_assignments() {
    let set = set();
    let medium = Some(crate::model::Severity::Medium);
    // A `val` of literals, a template of constant `val`s, `+=` of a literal onto a literal:
    // constants, no finding.
    let constant = "class A {\n  fun run() {\n    val tool = \"git\"\n    val cmd = \"$tool status ${tool.length}\"\n    var line = \"ls\"\n    line += \" -l\"\n    Runtime.getRuntime().exec(\"$tool log\")\n    Runtime.getRuntime().exec(line)\n  }\n}\n";
    assert_eq!(severities(&set, SupportLang::Kotlin, constant), vec![]);
    // `${…}` holding a call is not a constant, of unknown origin: medium.
    let call = constant.replace("exec(\"$tool log\")", "exec(\"$tool ${tool.length}\")");
    assert_eq!(
        severities(&set, SupportLang::Kotlin, &call),
        vec![(7, medium)]
    );
    // `+=` keeps what the name held: a parameter appended to stays unknown.
    let param = constant
        .replace("fun run()", "fun run(arg: String)")
        .replace("var line = \"ls\"", "var line = arg");
    assert_eq!(
        severities(&set, SupportLang::Kotlin, &param),
        vec![(8, medium)]
    );
    // A `val` of another function is not this one's: its name is of unknown value here.
    let other = "class A {\n  fun a() { val cmd = \"ls\" }\n  fun b() { Runtime.getRuntime().exec(cmd) }\n}\n";
    assert_eq!(
        severities(&set, SupportLang::Kotlin, other),
        vec![(3, medium)]
    );
}

#[test]
fn kotlin_request_input_is_traced_with_its_path() {
    let set = set();
    // A Spring handler's `@RequestParam` reaches `exec` through a template: high, with its path.
    let src = "@RestController\nclass C {\n  @GetMapping(\"/run\")\n  fun run(@RequestParam host: String, n: Int): String {\n    val cmd = \"ping -c 1 $host\"\n    Runtime.getRuntime().exec(cmd)\n    return \"ok\"\n  }\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::Kotlin, "kt-command", src);
    assert_eq!(path, steps(&[(4, "source"), (5, "assigned"), (6, "sink")]));
    assert_eq!(severity, None);
    // The other parameter is bound from nothing the rule knows: medium.
    let other = src.replace("$host", "$n");
    assert_eq!(
        severities(&set, SupportLang::Kotlin, &other),
        vec![(6, Some(crate::model::Severity::Medium))]
    );
    // Ktor's `call.parameters` into SQL; `toInt()` makes it a number: no finding.
    let ktor = "fun Route.users(db: Connection) {\n  get(\"/u\") {\n    val id = call.parameters[\"id\"]\n    db.createStatement().executeQuery(\"SELECT * FROM u WHERE id = $id\")\n  }\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::Kotlin, "kt-sql-concat", ktor);
    assert_eq!(path, steps(&[(3, "source"), (3, "assigned"), (4, "sink")]));
    assert_eq!(severity, None);
    let number = ktor.replace(
        "call.parameters[\"id\"]",
        "call.parameters[\"id\"]!!.toInt()",
    );
    assert_eq!(severities(&set, SupportLang::Kotlin, &number), vec![]);
}

#[test]
fn c_constants_follow_buffer_writes_and_the_files_macros() {
    let set = set();
    // A buffer filled with literals through `strcat`, a macro naming it, a header's capitalised
    // constant: no finding. After `fgets` wrote standard input into it, the buffer holds
    // input: a traced (high) finding at each sink, also through the macro.
    let src = "#define TOOL \"ls \"\n#define ARG cmd\nvoid f(void) {\n  char cmd[64] = TOOL;\n  strcat(cmd, \"-l\");\n  system(cmd);\n  execl(\"/bin/sh\", \"sh\", \"-c\", ARG, NULL);\n  fgets(cmd, sizeof cmd, stdin);\n  system(cmd);\n  execl(\"/bin/sh\", \"sh\", \"-c\", ARG, NULL);\n  _spawnl(_P_WAIT, \"/bin/ls\", \"ls\", NULL);\n}\n";
    assert_eq!(
        severities(&set, SupportLang::C, src),
        vec![(9, None), (10, None)]
    );
    // `sprintf` into a buffer holds its format and arguments; a parameter is of unknown value.
    let format = "int g(const char *host) {\n  char a[64], b[64];\n  sprintf(a, \"%s %s\", \"ping\", \"-c1\");\n  sprintf(b, \"ping %s\", host);\n  system(a);\n  return system(b);\n}\n";
    let medium = Some(crate::model::Severity::Medium);
    assert_eq!(severities(&set, SupportLang::C, format), vec![(6, medium)]);
    // A macro defined both as a literal and as a name of unknown value is not a constant.
    let branches = "#ifdef _WIN32\n#define CMD \"dir\"\n#else\n#define CMD user_cmd\n#endif\nvoid h(void) { system(CMD); }\n";
    assert_eq!(
        severities(&set, SupportLang::C, branches),
        vec![(6, medium)]
    );
    // C++: the same rules (`also_languages`), `std::string` built with `+=`.
    let cpp = "void k(const std::string &arg) {\n  std::string fixed = \"ls\";\n  std::string c = \"ls \";\n  c += arg;\n  system(fixed.c_str());\n  system(c.c_str());\n}\n";
    assert_eq!(severities(&set, SupportLang::Cpp, cpp), vec![(6, medium)]);
}

#[test]
fn c_input_is_traced_through_buffers_and_macros_with_its_path() {
    let set = set();
    // The environment appended into a buffer, then run: high, with each step.
    let src = "#define ARG cmd\nint main(int argc, char *argv[]) {\n  char cmd[100] = \"ls \";\n  char *dir = getenv(\"DIR\");\n  strncat(cmd, dir, sizeof(cmd) - strlen(cmd) - 1);\n  system(cmd);\n  return 0;\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::C, "c-command", src);
    assert_eq!(
        path,
        steps(&[(4, "source"), (4, "assigned"), (5, "assigned"), (6, "sink")])
    );
    assert_eq!(severity, None);
    // Standard input read into a buffer by `fgets`, reaching the sink through a macro.
    let stdin = "#define ARG line\nvoid f(void) {\n  char line[64];\n  fgets(line, sizeof line, stdin);\n  execl(\"/bin/sh\", \"sh\", \"-c\", ARG, NULL);\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::C, "c-command", stdin);
    assert_eq!(path, steps(&[(4, "source"), (4, "assigned"), (5, "sink")]));
    assert_eq!(severity, None);
    // C++'s standard input, read with `>>` or `std::getline`.
    let cin = "void f() {\n  std::string cmd, line;\n  std::cin >> cmd;\n  system(cmd.c_str());\n  std::getline(std::cin, line);\n  popen(line.c_str(), \"r\");\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::Cpp, "c-command", cin);
    assert_eq!(path, steps(&[(3, "source"), (3, "assigned"), (4, "sink")]));
    assert_eq!(severity, None);
    assert_eq!(
        severities(&set, SupportLang::Cpp, cin),
        vec![(4, None), (6, None)]
    );
    // `main`'s arguments; a parameter of another function is of unknown origin: medium.
    let argv = "int main(int argc, char **argv) { return system(argv[1]); }\nvoid g(const char *p) { system(p); }\n";
    assert_eq!(
        severities(&set, SupportLang::C, argv),
        vec![(1, None), (2, Some(crate::model::Severity::Medium))]
    );
}

#[test]
fn a_value_tested_by_a_predicate_does_not_flow_into_its_result() {
    let set = set();
    // The file found by comparing names is a file of the folder, not the request's name.
    let src = "public class LogsController : ControllerBase {\n  public IActionResult Get(string name) {\n    var file = Directory.GetFiles(Root).FirstOrDefault(f => string.Equals(f, name));\n    return Ok(File.ReadAllText(file));\n  }\n}\n";
    assert_eq!(severities(&set, SupportLang::CSharp, src), vec![]);
    // The name itself, transformed by a call that is not a predicate, still flows.
    let flows = src.replace(
        "string.Equals(f, name)",
        "f.EndsWith(\".log\")) ?? Path.Combine(Root, name.Trim()",
    );
    assert_eq!(
        severities(&set, SupportLang::CSharp, &flows),
        vec![(3, None), (4, None)]
    );
}

#[test]
fn bad_rule_files_name_the_file_and_position() {
    let cases: &[(&str, &str)] = &[
        ("id: x\nlanguage: python\nrule: [\n", "r.yml:"),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: sql\nrule:\n  pattern: eval($X\n",
            "r.yml:5:1:",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: nope\nrule:\n  pattern: eval($X)\n",
            "r.yml:4:1: rule `x`: unknown category `nope`",
        ),
        (
            "id: x\nlanguage: swift\nmessage: m\ncategory: sql\nrule:\n  pattern: eval($X)\n",
            "r.yml:2:1: rule `x`: gatekeep has no grammar for `Swift`",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: sql\nconstant: [$Y]\nrule:\n  pattern: eval($X)\n",
            "r.yml:5:1: rule `x`: `constant` names `$Y`",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: sql\nseverity: huge\nrule:\n  pattern: eval($X)\n",
            "r.yml:5:1: rule `x`: `severity` must be",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: sql\nbuilt: true\nrule:\n  pattern: eval($X)\n",
            "r.yml:5:1: rule `x`: `built` needs `constant`",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: secrets\nhardcoded: [$K]\nrule:\n  pattern: sign($X)\n",
            "r.yml:5:1: rule `x`: `hardcoded` names `$K`",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: secrets\nhardcoded: [key]\nrule:\n  pattern: sign($K)\n",
            "r.yml:5:1: rule `x`: `hardcoded` lists metavariables like `$CMD`, found `key`",
        ),
        (
            "id: x\nlanguage: python\nmessage: m\ncategory: secrets\nconstant: [$K]\nhardcoded: [$K]\nrule:\n  pattern: sign($K)\n",
            "r.yml:6:1: rule `x`: `$K` cannot be both `constant` and `hardcoded`",
        ),
        (
            "id: x\nlanguage: java\nmessage: m\ncategory: xxe\ncheck: java-xml-factroy\nrule:\n  pattern: f($X)\n",
            "r.yml:5:1: rule `x`: unknown check `java-xml-factroy`, expected one of: java-xml-factory",
        ),
    ];
    for (yaml, want) in cases {
        let e = rule::load("r.yml", yaml, None).err().expect("an error");
        assert!(e.to_string().starts_with(want), "{yaml}\n→ {e}");
    }
}

#[test]
fn a_taint_only_rule_parses_a_file_only_when_a_source_keyword_is_there() {
    let set = set();
    let on = vec![true; set.rules.len()];
    let i = set
        .rules
        .iter()
        .position(|r| r.id == "py-subprocess-input")
        .expect("rule");
    let without = b"import subprocess\nsubprocess.run([\"ls\", path])\n";
    assert!(
        !set.candidates(SupportLang::Python, without, &on)
            .contains(&i)
    );
    let with = b"import subprocess, sys\nsubprocess.run([\"ls\", sys.argv[1]])\n";
    assert!(set.candidates(SupportLang::Python, with, &on).contains(&i));
}

#[test]
fn rules_with_the_same_sources_share_one_taint_key_whatever_the_utils_order() {
    let yaml = |id: &str| {
        format!(
            "id: {id}\nlanguage: python\nmessage: m\ncategory: code-execution\nrule:\n  pattern: eval($X)\nsources:\n  - matches: a\n  - matches: b\nutils:\n  a:\n    pattern: request.args\n  b:\n    pattern: sys.argv\n  c:\n    pattern: input($$$)\n  d:\n    pattern: os.environ\n"
        )
    };
    let keys: Vec<u64> = (0..8)
        .map(|i| {
            let r = rule::load("r.yml", &yaml(&format!("r{i}")), None).expect("loads");
            r[0].langs[0].taint_key
        })
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
}

/// Damaged rule files (cut anywhere, a byte flipped, a key renamed) are an error or a valid
/// rule, never a panic.
#[test]
fn damaged_rule_files_never_panic() {
    for (path, yaml, _) in builtin_files::BUILTIN {
        let b = yaml.as_bytes();
        let step = (b.len() / 40).max(1);
        for cut in (0..b.len()).step_by(step) {
            let mut variants = vec![b[..cut].to_vec()];
            let mut flipped = b.to_vec();
            flipped[cut] ^= 0x20;
            variants.push(flipped);
            for v in variants {
                let text = String::from_utf8_lossy(&v).to_string();
                let r = std::panic::catch_unwind(|| rule::load(path, &text, None).is_ok());
                assert!(r.is_ok(), "{path} damaged at {cut} panicked:\n{text}");
            }
        }
        let renamed = yaml.replacen("rule:", "rules:", 1);
        assert!(rule::load(path, &renamed, None).is_err(), "{path}");
    }
}

#[test]
fn keywords_match_at_the_start_of_a_word_only() {
    let set = set();
    let on = vec![true; set.rules.len()];
    let exec = set
        .rules
        .iter()
        .position(|r| r.id == "py-exec")
        .expect("rule");
    let shell = set
        .rules
        .iter()
        .position(|r| r.id == "py-subprocess-shell")
        .expect("rule");
    // Inside longer names: no candidate, the file is not parsed.
    let inside = b"self._low_level_exec(cmd)\nrun(use_unsafe_shell=True)\n";
    let c = set.candidates(SupportLang::Python, inside, &on);
    assert!(!c.contains(&exec) && !c.contains(&shell), "{c:?}");
    assert!(!scan(&set, &on, SupportLang::Python, inside).parsed);
    // After a dot, a bracket or a space: candidates.
    let starts = b"builtins.exec(code)\nsubprocess.run(cmd, shell=True)\n";
    let c = set.candidates(SupportLang::Python, starts, &on);
    assert!(c.contains(&exec) && c.contains(&shell), "{c:?}");
    // At the very start of the file too.
    assert!(
        set.candidates(SupportLang::Python, b"exec(code)\n", &on)
            .contains(&exec)
    );
}

#[test]
fn a_query_built_over_several_statements_is_traced_or_judged_by_how_it_was_built() {
    let set = set();
    // Traced: the rule's severity and the path through each assignment.
    let src = "from flask import request\n\ndef f(cur):\n    name = request.args[\"n\"]\n    q = \"SELECT * FROM t WHERE a = '\"\n    q += name + \"'\"\n    cur.execute(q)\n";
    let (path, severity) = first_flow(&set, "py-sql-format", src);
    assert_eq!(
        path,
        steps(&[(4, "source"), (4, "assigned"), (6, "assigned"), (7, "sink")])
    );
    assert_eq!(severity, None);
    let on = vec![true; set.rules.len()];
    // Untraced: built from a parameter → medium; passed through unbuilt → nothing.
    let built = "def f(cur, name):\n    q = \"SELECT * FROM t WHERE a = '%s'\" % name\n    cur.execute(q)\n";
    let out = scan(&set, &on, SupportLang::Python, built.as_bytes());
    assert_eq!(out.hits.len(), 1);
    assert_eq!(out.hits[0].severity, Some(crate::model::Severity::Medium));
    let unbuilt = "def f(cur, q, args):\n    cur.execute(q, args)\n";
    assert!(lines(&set, SupportLang::Python, unbuilt).is_empty());
    // A later constant assignment replaces the built one.
    let replaced =
        "def f(cur, name):\n    q = \"SELECT \" + name\n    q = \"SELECT 1\"\n    cur.execute(q)\n";
    assert!(lines(&set, SupportLang::Python, replaced).is_empty());
}

#[test]
fn a_query_a_parameter_passes_on_unchanged_is_a_low_finding_with_its_path() {
    let set = set();
    let src = "class A {\n  void run(Statement st, String sql) throws Exception {\n    String q = sql;\n    st.execute(q);\n  }\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::Java, "java-sql-concat", src);
    assert_eq!(
        path,
        steps(&[(2, "parameter"), (3, "assigned"), (4, "sink")])
    );
    assert_eq!(severity, Some(crate::model::Severity::Low));
    // Built from the parameter: the built-query finding (medium, no path), not the audit one.
    let built = "class A {\n  void run(Statement st, String t) throws Exception {\n    st.execute(\"DELETE FROM \" + t);\n  }\n}\n";
    assert_eq!(
        severities(&set, SupportLang::Java, built),
        vec![(3, Some(crate::model::Severity::Medium))]
    );
    // A field, a local of unknown origin or a sanitized parameter: nothing.
    for ok in [
        "class A {\n  String q;\n  void run(Statement st) throws Exception {\n    st.execute(q);\n  }\n}\n",
        "class A {\n  void run(Statement st) throws Exception {\n    String q = load();\n    st.execute(q);\n  }\n}\n",
        "class A {\n  void run(Statement st, String id) throws Exception {\n    st.execute(Integer.parseInt(id));\n  }\n}\n",
        // Not a string parameter; not passed on unchanged (a call made from it).
        "class A {\n  void run(Executor ex, Runnable task) {\n    ex.execute(task);\n  }\n}\n",
        "class A {\n  void run(Api api, String p) throws Exception {\n    Call call = build(p);\n    api.execute(call);\n  }\n}\n",
    ] {
        assert!(severities(&set, SupportLang::Java, ok).is_empty(), "{ok}");
    }
    // A query built on an earlier line: its path names where (Go's `:=` too).
    let go = "package main\n\nfunc f(db *sql.DB, table string) {\n\tq := \"SELECT * FROM \" + table\n\tr := q\n\tdb.Exec(r)\n}\n";
    let (path, severity) = first_flow_in(&set, SupportLang::Go, "go-sql-format", go);
    assert_eq!(path, steps(&[(4, "built"), (5, "assigned"), (6, "sink")]));
    assert_eq!(severity, Some(crate::model::Severity::Medium));
    // A rule that is not `built` cannot ask for it.
    let bad = "id: x\nlanguage: java\nmessage: m\ncategory: sql\nconstant: [$Q]\nparameters: low\nrule:\n  pattern: run($Q)\n";
    let err = rule::load("x.yml", bad, None).err().expect("an error");
    assert!(
        err.message.contains("`parameters` needs `built: true`"),
        "{err}"
    );
}

#[test]
fn conversion_calls_of_constants_are_constants() {
    let set = set();
    let src = "import os\n\ndef f():\n    n = 3\n    os.system(\"sleep \" + str(n))\n    os.system(\"sleep \" + str(len(os.environ)))\n";
    assert_eq!(
        lines(&set, SupportLang::Python, src),
        vec![("py-os-system".to_string(), 6)]
    );
}

#[test]
fn go_type_conversions_of_constants_are_constants() {
    // `[]byte("k")` is a `type_conversion_expression`, `string(b)` a call: both as constant as
    // their operand, also through a package-level `var`.
    let set = set();
    let src = "package main\n\nvar key = []byte(\"k1\")\n\nfunc f(t *jwt.Token, b []byte) {\n\tt.SignedString(key)\n\tt.SignedString([]byte(string(\"k2\")))\n\tt.SignedString([]byte(os.Getenv(\"K\")))\n\tt.SignedString(b)\n}\n";
    assert_eq!(
        lines(&set, SupportLang::Go, src),
        vec![
            ("go-jwt-hardcoded-key".to_string(), 6),
            ("go-jwt-hardcoded-key".to_string(), 7)
        ]
    );
}

#[test]
fn a_constant_assigned_in_a_branch_does_not_hide_the_value_from_before_it() {
    // The OWASP Benchmark's `if not param: param = ""` and a `match` whose last case is a
    // constant: the request value still reaches the sink.
    let set = set();
    let py = "import os\nfrom flask import request\n\ndef f():\n    p = request.args.get(\"c\")\n    if not p:\n        p = \"ls\"\n    os.system(p)\n\ndef g(kind):\n    match kind:\n        case \"a\":\n            p = request.args.get(\"c\")\n        case _:\n            p = \"ls\"\n    os.system(p)\n\ndef h(flag):\n    if flag:\n        p = \"ls\"\n    else:\n        p = \"pwd\"\n    os.system(p)\n\ndef k():\n    p = request.args.get(\"c\")\n    if p == \"x\":\n        p = \"ls\"\n        os.system(p)\n\ndef m(items):\n    p = \"ls\"\n    for i in items:\n        p = i\n    os.system(p)\n";
    // f and g: traced (the rule's own severity); h: constant on every branch; k: the use is
    // inside the branch that assigned the constant; m: the loop may have replaced it.
    assert_eq!(
        severities(&set, SupportLang::Python, py),
        vec![
            (8, None),
            (16, None),
            (35, Some(crate::model::Severity::Medium))
        ]
    );
    let (path, _) = first_flow(&set, "py-os-system", py);
    assert_eq!(path, steps(&[(5, "source"), (5, "assigned"), (8, "sink")]));
    let js = "function f(req) {\n  let code = req.query.code;\n  if (!code) {\n    code = \"1\";\n  }\n  eval(code);\n}\n";
    assert_eq!(
        severities(&set, SupportLang::JavaScript, js),
        vec![(6, None)]
    );
    let java = "class A {\n  void f(HttpServletRequest request) throws Exception {\n    String cmd = request.getParameter(\"c\");\n    if (cmd == null) cmd = \"ls\";\n    Runtime.getRuntime().exec(cmd);\n  }\n}\n";
    assert_eq!(severities(&set, SupportLang::Java, java), vec![(5, None)]);
    let go = "package main\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get(\"n\")\n\tif name == \"\" {\n\t\tname = \"ls\"\n\t}\n\texec.Command(name).Run()\n}\n";
    assert_eq!(severities(&set, SupportLang::Go, go), vec![(8, None)]);
}

#[test]
fn an_augmented_assignment_keeps_the_value_it_adds_to() {
    // The OWASP Benchmark's `s = 'help'; s += param; s += 'snapes on a plane'`: the constant
    // added last does not make `s` a constant.
    let set = set();
    let py = "from flask import request\n\ndef f(cur):\n    param = request.form.get(\"p\")\n    s = 'help'\n    s += param\n    s += 'snapes on a plane'\n    bar = s[4:-17]\n    sql = f\"SELECT a FROM t WHERE b = '{bar}'\"\n    cur.execute(sql)\n";
    let (path, severity) = first_flow(&set, "py-sql-format", py);
    assert_eq!(severity, None);
    assert_eq!(
        path,
        steps(&[
            (4, "source"),
            (4, "assigned"),
            (6, "assigned"),
            (7, "assigned"),
            (8, "assigned"),
            (9, "assigned"),
            (10, "sink")
        ])
    );
    // Constants added to a constant stay a constant.
    let constant = "import os\n\ndef f():\n    c = \"ls\"\n    c += \" -l\"\n    os.system(c)\n";
    assert!(severities(&set, SupportLang::Python, constant).is_empty());
    let java = "class A {\n  void f(HttpServletRequest request) throws Exception {\n    String cmd = \"ls \";\n    cmd += request.getParameter(\"c\");\n    cmd += \" -l\";\n    Runtime.getRuntime().exec(cmd);\n  }\n}\n";
    assert_eq!(severities(&set, SupportLang::Java, java), vec![(6, None)]);
}

#[test]
fn a_container_holds_what_is_put_into_it() {
    // The OWASP Benchmark's `argList.add("echo " + param); pb.command(argList)`.
    let set = set();
    let java = "class A {\n  void f(HttpServletRequest request) throws Exception {\n    String param = request.getHeader(\"h\");\n    java.util.List<String> argList = new java.util.ArrayList<String>();\n    argList.add(\"sh\");\n    argList.add(\"echo \" + param);\n    ProcessBuilder pb = new ProcessBuilder();\n    pb.command(argList);\n  }\n}\n";
    assert_eq!(severities(&set, SupportLang::Java, java), vec![(8, None)]);
    let js = "function f(req) {\n  const parts = [];\n  parts.push(\"a\").push(req.query.code);\n  eval(parts.join(\";\"));\n}\n";
    assert_eq!(
        severities(&set, SupportLang::JavaScript, js),
        vec![(4, None)]
    );
    // Constants put into a constant container leave it a constant.
    let constant = "import os\n\ndef f():\n    args = [\"ls\"]\n    args.append(\"-l\")\n    os.system(\" \".join(args))\n";
    assert!(severities(&set, SupportLang::Python, constant).is_empty());
    let traced = "import os\nfrom flask import request\n\ndef f():\n    args = [\"ls\"]\n    args.append(request.args[\"d\"])\n    os.system(\" \".join(args))\n";
    let (path, _) = first_flow(&set, "py-os-system", traced);
    assert_eq!(path, steps(&[(6, "source"), (6, "assigned"), (7, "sink")]));
}

#[test]
fn a_callback_that_assigns_an_enclosing_name_writes_that_name() {
    // Node's request-body idiom: chunks gathered in one callback, used in another.
    let set = set();
    let js = "const cp = require(\"child_process\");\nfunction f(req) {\n  let raw = \"\";\n  req.on(\"data\", (c) => {\n    raw += req.query.x + c;\n  });\n  req.on(\"end\", () => {\n    cp.exec(raw);\n  });\n}\n";
    assert_eq!(
        severities(&set, SupportLang::JavaScript, js),
        vec![(8, None)]
    );
    // A mutation in a callback fills the enclosing function's container the same way.
    let pushed = "const cp = require(\"child_process\");\nfunction f(req) {\n  const parts = [\"ls\"];\n  req.on(\"data\", () => {\n    parts.push(req.body.dir);\n  });\n  req.on(\"end\", () => cp.exec(parts.join(\" \")));\n}\n";
    assert_eq!(
        severities(&set, SupportLang::JavaScript, pushed),
        vec![(7, None)]
    );
    // A callback that declares its own name leaves the enclosing one alone.
    let shadowed = "const cp = require(\"child_process\");\nfunction f(req) {\n  let raw = \"ls\";\n  req.on(\"data\", () => {\n    let raw = req.query.x;\n    raw += \"\";\n  });\n  req.on(\"end\", () => {\n    cp.exec(raw);\n  });\n}\n";
    assert!(severities(&set, SupportLang::JavaScript, shadowed).is_empty());
}

#[test]
fn a_concat_call_with_a_non_constant_argument_builds_a_string() {
    let set = set();
    let built = "const sql = \"SELECT * FROM t\";\nasync function f(pool, name) {\n  await pool.query(\"SELECT * FROM t WHERE a = \".concat(name));\n}\n";
    assert_eq!(
        severities(&set, SupportLang::JavaScript, built),
        vec![(3, Some(crate::model::Severity::Medium))]
    );
    let constant = "async function f(pool) {\n  await pool.query(\"SELECT * FROM t WHERE a = \".concat(\"1\"));\n}\n";
    assert!(severities(&set, SupportLang::JavaScript, constant).is_empty());
}

#[test]
fn parts_destructured_from_a_typed_express_request_are_sources() {
    let set = set();
    let ts = "import path from \"path\";\nexport const get = ({ params }: Request, res: Response) => {\n  const name = params.name;\n  res.sendFile(path.join(\"/srv\", name));\n};\n";
    assert_eq!(
        lines(&set, SupportLang::TypeScript, ts),
        vec![("js-path-traversal".to_string(), 4)]
    );
    let untyped = "import path from \"path\";\nexport const get = ({ params }, res) => {\n  res.sendFile(path.join(\"/srv\", params.name));\n};\n";
    assert!(lines(&set, SupportLang::TypeScript, untyped).is_empty());
}

/// Ruby's data flow: a path from `params`, and what the Ruby table adds (a value picked from a
/// constant table, a ternary's condition, a call's method name, `<<`, a block writing the
/// method's name, a heredoc body).
#[test]
fn ruby_flow_follows_rails_idioms() {
    let set = set();
    let src = "def show\n  name = params[:name]\n  cmd = \"ls \" + name\n  system(cmd)\nend\n";
    let on = vec![true; set.rules.len()];
    let out = scan(&set, &on, SupportLang::Ruby, src.as_bytes());
    let hit = out
        .hits
        .iter()
        .find(|h| set.rules[h.rule].id == "rb-command")
        .expect("a finding");
    let path: Vec<(u64, String)> = hit
        .flow
        .iter()
        .map(|s| {
            (
                s.line,
                s.message.split(':').next().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        path,
        steps(&[(2, "source"), (2, "assigned"), (3, "assigned"), (4, "sink")])
    );

    let src = "def f(user)\n  system(TABLE[params[:k]])\n  dir = params[:d] == \"up\" ? \"ASC\" : \"DESC\"\n  system(\"sort -k #{dir}\")\n  name = params[:name]\n  system(\"echo #{user.name}\")\n  q = \"SELECT * FROM t WHERE a = '\"\n  q << params[:a]\n  conn.execute(q)\n  cmd = nil\n  [1].each do |i|\n    cmd = params[:c]\n  end\n  system(cmd)\n  sql = <<~SQL\n    SELECT * FROM t WHERE b = '#{params[:b]}'\n  SQL\n  conn.exec_query(sql)\nend\n";
    use crate::model::Severity::Medium;
    assert_eq!(
        severities(&set, SupportLang::Ruby, src),
        vec![(6, Some(Medium)), (9, None), (14, None), (18, None)]
    );
}

/// The built-in rules compile on first use in a check; every one must compile for each of
/// its grammars (a team's rules are compiled when they load).
#[test]
fn every_builtin_rule_compiles_for_each_of_its_grammars() {
    let mut bad = Vec::new();
    for r in builtin().expect("built-in rules load") {
        if let Err(e) = r.compile_all() {
            bad.push(format!("{}: {e}", r.id));
        }
    }
    assert!(
        bad.is_empty(),
        "built-in rules that do not compile: {bad:?}"
    );
}

const UNCAPTURED: &str = "id: lazy-bad\nlanguage: python\nmessage: m\ncategory: code-execution\nseverity: high\nkeywords: [eval]\nconstant: [$NOPE]\nrule:\n  pattern: eval($X)\n";

/// A rule loaded without compiling (as the built-in ones are) that turns out not to compile
/// is an error of every file it should have run on, never a silent pass and never a crash.
#[test]
fn a_lazily_compiled_rule_that_does_not_compile_is_an_error_of_the_scan() {
    let rules = rule::load_with(
        "lazy.yml",
        UNCAPTURED,
        None,
        false,
        &utils::Utils::default(),
    )
    .expect("reads without compiling");
    let err = rules[0]
        .compile_all()
        .expect_err("the capture is not defined");
    assert!(err.contains("`constant` names `$NOPE`"), "{err}");
    let leaked: Vec<&'static TreeRule> = rules
        .into_iter()
        .map(|r| &*Box::leak(Box::new(r)))
        .collect();
    let set = RuleSet::new(leaked);
    let out = scan(&set, &[true], SupportLang::Python, b"eval(x)\n");
    assert!(out.hits.is_empty());
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert!(
        out.errors[0].contains("rule `lazy-bad` does not compile"),
        "{:?}",
        out.errors
    );
    // Loaded as a team's rule, the same file is a config error at the field's position.
    let e = rule::load("lazy.yml", UNCAPTURED, None)
        .err()
        .expect("a config error");
    assert_eq!((e.line, e.column), (7, 1), "{e}");
}

/// A Flask route's parameters are the URL's path segments: request input (not when one of
/// them is typed, as FastAPI's are: it converts them).
#[test]
fn a_route_functions_parameters_are_sources() {
    let set = set();
    let src = "from flask import Flask\nimport os\napp = Flask(__name__)\n\n@app.route(\"/ping/<host>\")\ndef ping(host):\n    cmd = \"ping -c 1 \" + host\n    os.system(cmd)\n";
    let (path, severity) = first_flow(&set, "py-os-system", src);
    assert_eq!(path.first().map(|s| s.0), Some(6), "{path:?}");
    assert_eq!(path.last(), Some(&(8, "sink".to_string())), "{path:?}");
    assert_eq!(severity, None, "traced: the rule's own severity (high)");
    // A typed parameter (FastAPI converts it) and a function that is not a route: no source,
    // so the same call is of unknown origin (medium, no path).
    for other in [
        "import os\n\n@app.get(\"/ping/{n}\")\ndef ping(n: int):\n    os.system(\"ping -c \" + str(n))\n",
        "import os\n\n@functools.cache\ndef ping(host):\n    os.system(\"ping \" + host)\n",
    ] {
        assert_eq!(
            severities(&set, SupportLang::Python, other),
            vec![(5, Some(crate::model::Severity::Medium))],
            "{other}"
        );
    }
}

/// Ruby's `ENV`, `ARGV`, `ARGF` and `STDIN` are constants by syntax only: a key read from them
/// is no hard-coded key, while a value picked from a constant table still is a constant.
#[test]
fn ruby_input_constants_are_not_constants() {
    let set = set();
    for src in [
        "def sign(p)\n  JWT.encode(p, ENV[\"JWT_SECRET\"], \"HS256\")\nend\n",
        "def sign(p)\n  JWT.encode(p, ARGV[0], \"HS256\")\nend\n",
        "def load(pem)\n  OpenSSL::PKey::RSA.new(pem, ENV['KEY_PASS'])\nend\n",
    ] {
        assert!(lines(&set, SupportLang::Ruby, src).is_empty(), "{src}");
    }
    let table = "KEYS = { \"a\" => \"k1\" }.freeze\ndef sign(p)\n  JWT.encode(p, KEYS[\"a\"], \"HS256\")\nend\n";
    assert_eq!(
        lines(&set, SupportLang::Ruby, table),
        vec![("rb-jwt-hardcoded-secret".to_string(), 3)]
    );
}

/// A Ruby constant is a name: `SECRET = ENV.fetch(…)` in the file makes `SECRET` hold outside
/// input, `KEY = "…"` a literal; only a constant the file never assigns keeps the convention
/// of a fixed value.
#[test]
fn ruby_constants_assigned_in_the_file_hold_what_was_assigned() {
    let set = set();
    let env = "SECRET = ENV.fetch(\"JWT_SECRET\")\ndef sign(p)\n  JWT.encode(p, SECRET, \"HS256\")\nend\n";
    assert!(lines(&set, SupportLang::Ruby, env).is_empty());
    let literal =
        "SECRET = \"s3cr3t-literal\"\ndef sign(p)\n  JWT.encode(p, SECRET, \"HS256\")\nend\n";
    assert_eq!(
        lines(&set, SupportLang::Ruby, literal),
        vec![("rb-jwt-hardcoded-secret".to_string(), 3)]
    );
}

/// A hard-coded key held by a name: the finding's path starts where the literal was written
/// (the line to fix), names the target and never copies the literal into the report.
#[test]
fn a_hardcoded_value_held_by_a_name_starts_its_path_at_the_assignment() {
    let set = set();
    let src = "import jwt\n\nKEY = \"s3cr3t-value-1234\"\n\ndef f(p):\n    return jwt.encode(p, KEY, algorithm=\"HS256\")\n\ndef g(p):\n    return jwt.encode(p, \"inline-s3cr3t\", algorithm=\"HS256\")\n";
    let (path, _) = first_flow(&set, "py-jwt-hardcoded-secret", src);
    assert_eq!(path, steps(&[(3, "hard-coded"), (6, "sink")]));
    let on = vec![true; set.rules.len()];
    let out = scan(&set, &on, SupportLang::Python, src.as_bytes());
    let messages: Vec<&str> = out
        .hits
        .iter()
        .flat_map(|h| h.flow.iter().map(|s| s.message.as_str()))
        .collect();
    assert!(messages.contains(&"hard-coded: KEY = …"), "{messages:?}");
    assert!(
        messages.iter().all(|m| !m.contains("s3cr3t")),
        "{messages:?}"
    );
    // A literal in place has no path: the finding's line is the one to fix.
    let inline = out
        .hits
        .iter()
        .find(|h| src[..h.offset].matches('\n').count() == 8)
        .expect("the inline literal's finding");
    assert!(inline.flow.is_empty());
    // JavaScript: a `let` in the enclosing scope (semgrep-rules `express-jwt-hardcoded-secret`).
    let js = "const jwt = require(\"jsonwebtoken\");\nlet secret = \"shhhhhhared-secret\";\n\nfunction sign(p) {\n  return jwt.sign(p, secret);\n}\n";
    let (path, _) = first_flow_in(&set, SupportLang::JavaScript, "js-hardcoded-secret", js);
    assert_eq!(path, steps(&[(2, "hard-coded"), (5, "sink")]));
}

/// `values`: the capture's text, or the constant a name was assigned, must match the regex; a
/// bad regex or a capture the rule does not define is a config error at `values`.
#[test]
fn values_match_the_literal_or_the_constant_a_name_holds() {
    let yaml = "id: team-small-key\nlanguage: python\nmessage: m\ncategory: weak-crypto\n\
                rule:\n  pattern: make_key($BITS)\nvalues:\n  $BITS: ^(512|1024)$\n";
    let set = team_set(yaml, None);
    let src = "SMALL = 1024\nBIG = 4096\n\ndef f(n):\n    make_key(512)\n    make_key(SMALL)\n    make_key(BIG)\n    make_key(n)\n    make_key(2048)\n";
    let got: Vec<u64> = lines(&set, SupportLang::Python, src)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert_eq!(got, vec![5, 6]);
    let (path, _) = first_flow(
        &set,
        "team-small-key",
        "SMALL = 1024\n\ndef f():\n    make_key(SMALL)\n",
    );
    assert_eq!(path, steps(&[(1, "hard-coded"), (4, "sink")]));
    let bad = yaml.replace("^(512|1024)$", "^(512");
    let e = rule::load("r.yml", &bad, None)
        .err()
        .expect("a config error");
    assert_eq!(
        (e.line, e.message.contains("is not a regex")),
        (7, true),
        "{e}"
    );
    let bad = yaml.replace("  $BITS:", "  $SIZE:");
    let e = rule::load("r.yml", &bad, None)
        .err()
        .expect("a config error");
    assert!(e.message.contains("`values` names `$SIZE`"), "{e}");
}

#[test]
fn a_url_whose_start_fixes_the_host_is_no_ssrf_or_open_redirect() {
    let set = set();
    let py = "import flask, requests\n@app.route('/u')\ndef u():\n    h = flask.request.args['h']\n    requests.get('https://' + h + '/x')\n    requests.get('https://api.example.com/' + h)\n    requests.get('https://%s/x' % h)\n    requests.get('https://api.example.com/{}'.format(h))\n    base = 'https://api.example.com'\n    requests.get(base + '/users/' + h)\n    requests.get(base + h)\n    requests.get(CONFIG.base + h)\n";
    assert_eq!(
        lines(&set, SupportLang::Python, py),
        vec![
            ("py-ssrf".to_string(), 5),
            ("py-ssrf".to_string(), 7),
            ("py-ssrf".to_string(), 11),
        ]
    );
    // A redirect to a local path stays on the site; `//host` and a header's URL do not.
    let php = "<?php\nheader('Location: /a.php?x=' . $_GET['x']);\nheader('Location: //' . $_GET['h']);\nheader('Location: ' . $_GET['u']);\n";
    assert_eq!(
        lines(&set, SupportLang::Php, php),
        vec![
            ("php-open-redirect".to_string(), 3),
            ("php-open-redirect".to_string(), 4),
        ]
    );
    // `url` judges a traced URL: it needs `constant` and `sources`.
    let bad = "id: x\nlanguage: python\nmessage: m\ncategory: ssrf\nurl: true\nrule:\n  pattern: get($U)\n";
    let err = rule::load("x.yml", bad, None).err().expect("an error");
    assert!(err.message.contains("`url` needs `constant`"), "{err}");
}

#[test]
fn a_bare_template_is_an_engines_only_when_imported_from_one() {
    let set = set();
    let jinja = "from jinja2 import Template\nimport flask\n@app.route('/p')\ndef p():\n    return Template(flask.request.args['t']).render()\n";
    assert_eq!(
        lines(&set, SupportLang::Python, jinja),
        vec![("py-template-injection".to_string(), 5)]
    );
    let string = jinja.replace("from jinja2 import Template", "from string import Template");
    assert_eq!(lines(&set, SupportLang::Python, &string), vec![]);
}

/// XML-RPC imports are low audit findings, except in a file that applies defusedxml's patch
/// (a file-wide condition the annotated test file, which holds findings, cannot show).
#[test]
fn xmlrpc_imports_are_reported_unless_defusedxml_patches_them() {
    let s = set();
    let ids = |src: &str| -> Vec<(String, u64)> {
        lines(&s, SupportLang::Python, src)
            .into_iter()
            .filter(|(id, _)| id == "py-xmlrpc-import")
            .collect()
    };
    for bad in [
        "import xmlrpclib\n",
        "import xmlrpc.server\n",
        "from xmlrpc.client import ServerProxy\n",
        "import SimpleXMLRPCServer\n",
    ] {
        assert_eq!(ids(bad), [("py-xmlrpc-import".to_string(), 1)], "{bad}");
    }
    for patched in [
        "from defusedxml.xmlrpc import monkey_patch\nmonkey_patch()\nimport xmlrpc.server\n",
        "import defusedxml.xmlrpc\ndefusedxml.xmlrpc.monkey_patch()\nimport xmlrpc.server\n",
    ] {
        assert!(ids(patched).is_empty(), "{patched}");
    }
    assert!(ids("# import xmlrpc.server\nimport json\n").is_empty());
}

/// Python names are matched by what they were imported as: aliases of modules and of
/// functions, several bindings of one name, and nothing for relative or unrelated imports.
#[test]
fn python_names_resolve_through_their_imports() {
    let src = "import xml.etree.cElementTree as ET\nfrom xml.dom.minidom import parseString as p, parse\nfrom . import local\nimport os.path\ntry:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n";
    let tree = parse(src, SupportLang::Python, PARSE_BUDGET).expect("parses");
    let nodes: Vec<_> = tree.root().dfs().collect();
    let im = imports::python(&nodes);
    assert_eq!(
        imports::qualify(&im, "ET.parse"),
        ["xml.etree.cElementTree.parse"]
    );
    assert_eq!(imports::qualify(&im, "p"), ["xml.dom.minidom.parseString"]);
    assert_eq!(imports::qualify(&im, "parse"), ["xml.dom.minidom.parse"]);
    assert_eq!(imports::qualify(&im, "pickle.loads"), ["cPickle.loads"]);
    assert!(imports::qualify(&im, "local").is_empty());
    assert!(imports::qualify(&im, "os.path.join").is_empty());
    assert!(imports::qualify(&im, "json.loads").is_empty());
    // Through a rule: the alias is reported, the defusedxml name is not.
    let found = lines(
        &set(),
        SupportLang::Python,
        "import xml.etree.ElementTree as X\nimport defusedxml.ElementTree as D\ndef f(a):\n    X.parse(a)\n    D.parse(a)\n",
    );
    assert_eq!(found, [("py-xml-unsafe-parser".to_string(), 4)]);
}

/// A download run by a shell, each line a file of its own (the shell rule's regex examples,
/// kept when it moved onto trees).
#[test]
fn downloads_run_by_a_shell() {
    let s = set();
    let ids = |src: &str| -> Vec<String> {
        lines(&s, SupportLang::Bash, src)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    for bad in [
        "curl -fsSL https://x.test/i.sh | sh\n",
        "curl http://10.0.0.1/setup.bash | sudo /bin/bash\n",
        "curl http://10.0.0.1/setup.bash | /bin/bash -x | tee -a /tmp/log\n",
        "bash <(curl -Ls \"https://x.test/i.sh\")\n",
        "sudo bash <(wget -qO- https://x.test/i.sh)\n",
        "/bin/bash -c \"$(curl -fsSL https://x.test/install.sh)\"\n",
    ] {
        assert_eq!(ids(bad), ["sh-curl-pipe-shell"], "{bad}");
    }
    for ok in [
        "curl http://10.0.0.1/setup.bash | tee -a /tmp/log\n",
        "curl -fsSLO https://x.test/i.sh && sha256sum -c i.sh.sha256 && sh i.sh\n",
        "bash -c \"$(cat local.sh)\"\n",
        "# curl https://x.test/i.sh | sh\n",
    ] {
        assert!(ids(ok).is_empty(), "{ok}");
    }
}

/// tree-sitter-bash runs the last command of a pipeline of three on through the next lines
/// when a later statement has a redirect or `&&` (tree-sitter-bash #347): those line ends are
/// made `;` and the file parsed again, so the commands there are seen, at their own lines.
#[test]
fn bash_commands_end_at_their_line_ends() {
    let src = "ps aux | grep x | wc -l\n# fetch it\ncurl -fsSL https://x.test/i.sh | sh\necho ok\neval \"$cmd\" && echo done > log\n";
    let t = parse(src, SupportLang::Bash, PARSE_BUDGET).expect("parses");
    let names: Vec<String> = t
        .root()
        .dfs()
        .filter(|n| n.kind() == "command_name")
        .map(|n| n.text().to_string())
        .collect();
    assert_eq!(
        names,
        ["ps", "grep", "wc", "curl", "sh", "echo", "eval", "echo"]
    );
    assert_eq!(
        lines(&set(), SupportLang::Bash, src),
        [
            ("sh-curl-pipe-shell".to_string(), 3),
            ("sh-eval".to_string(), 5)
        ]
    );
    // Offsets are the file's: a syntax error is placed by the file's own lines.
    let broken = format!("{src}echo )\n");
    let t = parse(&broken, SupportLang::Bash, PARSE_BUDGET).expect("parses");
    assert_eq!(first_error(&t, &broken).map(|(l, _)| l), Some(6));
    // A command continued with `\` is one command; a well-read file is parsed once.
    let continued = "curl -fsSL https://x.test/i.sh \\\n  -o i.sh\na | b | c\n";
    let t = parse(continued, SupportLang::Bash, PARSE_BUDGET).expect("parses");
    assert_eq!(t.source(), continued);
}

/// A flow step in a Bash file whose line ends were made `;` ([`bash_line_ends`]) is placed on
/// the file's own line and column, not the re-parsed tree's row (which is one fewer for each).
#[test]
fn bash_flow_steps_keep_the_files_lines_after_line_ends_are_ended() {
    let set = team_set(
        "id: team-eval-arg\nlanguage: bash\nmessage: m\ncategory: code-execution\nrule:\n  pattern: eval $X\nsources:\n  - pattern: $1\n",
        None,
    );
    let src = "ps aux | grep x | wc -l\necho a > log\n  eval \"$1\"\n";
    let t = parse(src, SupportLang::Bash, PARSE_BUDGET).expect("parses");
    assert_ne!(t.source(), src, "the file is one #347 reads wrongly");
    let on = vec![true; set.rules.len()];
    let out = scan(&set, &on, SupportLang::Bash, src.as_bytes());
    assert_eq!(out.hits.len(), 1, "{:?}", out.hits);
    let at: Vec<(u64, u64)> = out.hits[0]
        .flow
        .iter()
        .map(|s| (s.line, s.column))
        .collect();
    assert_eq!(at.first(), Some(&(3, 9)), "{:?}", out.hits[0].flow);
    assert_eq!(at.last(), Some(&(3, 3)), "{:?}", out.hits[0].flow);
    assert_eq!(relocate("a;b\nc", "a\nb\nc", 2, 1), (3, 1));
    assert_eq!(relocate("a;b\nc", "a\nb\nc", 1, 3), (2, 1));
}

/// `yaml.load` reached through `import yaml as y` (no `yaml.load` in the text): the file is a
/// candidate by its import, and the call is matched by its imported name.
#[test]
fn yaml_load_through_an_aliased_module() {
    let found = lines(
        &set(),
        SupportLang::Python,
        "import yaml as y\n\ndef f(text):\n    a = y.safe_load(text)\n    return y.load(text)\n",
    );
    assert_eq!(found, [("py-yaml-load".to_string(), 5)]);
}

/// A rule that reports only traced values (`untainted: none`) stops in a file none of its
/// sources matches; a rule with the same sources that reports untraced values still runs, in
/// either order, and both report a traced value.
#[test]
fn a_taint_only_rule_stops_where_no_source_matches() {
    let yaml = "id: a\nlanguage: python\nmessage: m\ncategory: code-execution\nrule:\n  pattern: eval($X)\nsources:\n  - pattern: sys.argv\nuntainted: medium\n---\nid: b\nlanguage: python\nmessage: m\ncategory: code-execution\nrule:\n  pattern: exec($X)\nsources:\n  - pattern: sys.argv\nuntainted: none\n";
    let set = team_set(yaml, None);
    let run = |src: &str| -> Vec<(String, u64, usize)> {
        hits_in(&set, SupportLang::Python, src)
            .into_iter()
            .map(|(id, line, h)| (id, line, h.flow.len()))
            .collect()
    };
    assert_eq!(
        run("import sys\nexec(x)\neval(x)\n"),
        [("a".to_string(), 3, 0)]
    );
    assert_eq!(
        run("import sys\ndef f():\n    v = sys.argv[1]\n    exec(v)\n    eval(v)\n"),
        [("b".to_string(), 4, 3), ("a".to_string(), 5, 3)]
    );
}

/// The gate searches a file once for the secret rules' keywords and its language's tree
/// keywords together ([`RuleSet::combined`]): on every built-in rule's examples, and on text
/// holding secrets, that one search picks the same tree rules and finds the same secrets as
/// the two searches apart.
#[test]
fn one_search_for_both_keyword_sets_finds_what_two_searches_do() {
    use crate::gates::security::scan;
    let set = set();
    let c = scan::compiled().expect("secret rules compile");
    let en = scan::Enabled {
        secrets: vec![true; c.secrets.len()],
    };
    let enabled = vec![true; set.rules.len()];
    let secrets = "\npassword = \"hunter2hunter2\"\nAKIAIOSFODNN7EXAMPLE\n# gatekeep:ignore\n";
    let mut compared = 0;
    for r in builtin().expect("built-in rules load") {
        let (name, text) = r.tests.as_ref().expect("every built-in rule has examples");
        let Some(lang) = lang_of(name, None) else {
            continue;
        };
        let text = format!("{text}{secrets}");
        let bytes = text.as_bytes();
        // The gate's own search (the one `SecurityGate::scan_content` makes).
        let found = set
            .search_both(lang, &c.words, bytes)
            .expect("the language has keywords");
        let one = set.candidates_from(lang, bytes, &enabled, Some(found.code.into_iter()));
        assert!(!one.is_empty(), "{name}: its own rule is a candidate");
        assert_eq!(one, set.candidates(lang, bytes, &enabled), "{name}");
        let together = scan::scan_matches(c, &en, name, bytes, found.secret.into_iter());
        let apart = scan::scan(c, &en, name, bytes);
        assert!(!apart.hits.is_empty(), "{name}: the secrets are found");
        assert_eq!(together.hits, apart.hits, "{name}");
        assert_eq!(together.has_marker, apart.has_marker, "{name}");
        compared += 1;
    }
    assert!(compared > 100, "{compared}");
}
