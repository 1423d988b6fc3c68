//! The `coverage` kind's documentation: `gatekeep explain coverage`, docs/CONFIG.md and the
//! schema are generated from it.

use super::{KindDoc, MetricDoc, OptionDoc};

pub static DOC: KindDoc = KindDoc {
    kind: "coverage",
    summary: "Line and branch coverage from coverage reports, merged",
    description: "Reads coverage reports — LCOV (1.x and 2.x records), Cobertura (coverage.py, gcovr, \
coverlet, Istanbul, Java Cobertura), JaCoCo, Clover (OpenClover, PHPUnit, Istanbul), coverage.py JSON, \
Go coverprofile (set/count/atomic), llvm-cov export JSON (cargo-llvm-cov), Istanbul \
`coverage-final.json`, OpenCover, SimpleCov `.resultset.json`, gcovr JSON (`--json`), Coveralls JSON and SonarQube \
generic test coverage XML — and merges them into one model keyed by (repository file, line) \
and (repository file, line, branch). Counts add across reports and across repeated sections of one \
report (Go `set` mode: OR), so LCOV shards give what `lcov -a` gives. Branches of a line merge by id when two reports share ids; when they share none (the same line described by two formats, e.g. Cobertura's `(1/2)` counts and LCOV's block ids) the line keeps the larger set and the higher covered count, so two formats of one run are not counted twice.

The format is detected from the content, not the file name; `format` forces one. A report in a known \
but unsupported dialect (gcov text or JSON, coverlet's own JSON, Visual Studio coveragexml, dotCover, \
NCover, BullseyeCoverage, and the totals-only files SimpleCov `.last_run.json`, gcovr's `--json-summary`, \
ReportGenerator's Summary.json and summary XML and Istanbul's coverage-summary.json, which have no line data to merge \
or to give `diff_line`) is an ERROR that names the dialect. A malformed report (truncated, \
not XML, wrong format) is an ERROR naming the file and the parser's line and column. Detection skips an XML prolog (declaration, \
comments, processing instructions, DOCTYPE), reads past a UTF-8 BOM, and tells JSON formats by their keys in any order.

**A damaged report is never read in part.** XML reports must be well-formed by the `xml` gate's strict rules (checked on a \
second thread while the report is parsed), and an element the format does not define (`<li ne …>`, `<lin>`) is an ERROR at its \
line, since it may hold data. LCOV follows lcov 1.16's own tolerance — CRLF line ends, white space after a record \
(`end_of_record `), an empty `SF:` path (read as `<empty SF path>`, as gcovr writes on Windows) and a BOM are accepted — but a \
line that is neither blank nor a known record (`TN SF KF VER DA FN FNDA FNF FNH FNL FNA BRDA BRF BRH LF LH MCDC end_of_record`) \
is an ERROR with its line, where lcov would skip it: a skipped damaged record could only make coverage look better. An \
Istanbul statement without a start line, or a counted branch without a line, is an ERROR too.

**Figures come from the records, never from a producer's headline.** LCOV `LF`/`LH`/`BRF`/`BRH`, \
Cobertura `line-rate`/`lines-valid`, JaCoCo report counters, coverage.py JSON `totals` and llvm-cov \
`summary` are compared \
with the records; when they differ by more than the headline's rounding, a \
`coverage/headline-mismatch` finding says so and the records win. Per format: Cobertura counts only \
`class/lines/line` (not the copies under `<methods>`) — except a class with no `class/lines/line` at all, \
whose `methods/method/lines/line` are read, each line once with its highest hits (Swift's exporter writes \
lines only there; ReportGenerator reads them too) — a file split over several `<class>` elements \
counts each line once with its highest hits, and branches come from `condition-coverage=\"50% (1/2)\"`; \
JaCoCo counts a line covered when `ci > 0` and its branches from `mb + cb` (gcovr's JaCoCo, whose \
lines lack `mi`/`ci`, falls back to each file's `LINE` counter for the covered count — which of its \
lines are covered is then approximate, lines with a taken branch first; the DTD is never loaded); LCOV `BRDA \
... -` is a branch found but not taken, and repeated `SF` sections merge; Clover counts `stmt` and \
`cond` lines, not `method` lines (OpenClover writes a `cond` on a line that also has its `stmt`, so its lines are its \
`statements` when one statement is on each line — as on OpenClover's own reports; Istanbul's Clover writes each line once, \
as `cond` when it has branches, so its lines are LCOV's); a `cond` line's `truecount`/`falsecount` are two branches (OpenClover: \
how often the condition was true and false) or, in Istanbul's dialect — recognised by the project's \
`conditionals` — the line's covered and uncovered branch counts; Clover's `statements` count statements, \
not lines, so they are only shown as a note; \
Go `line` counts every line \
of a block (from its start line to its end line) with the block's count (a line shared by blocks takes the highest), \
while Go `statements` is what `go tool cover -func` totals: the `NumStmt` of each block, covered when its count is above 0, \
a block repeated in one profile (`-coverpkg` runs) counted once with its counts OR-ed (`set`) or added (`count`, `atomic`), \
and a repeated block with another statement count an ERROR, as `go tool cover` rejects it (`go tool cover` also leaves out \
blocks outside any function declaration, e.g. a package-level `var f = func() {…}`, which gatekeep cannot tell apart); llvm-cov lines follow \
llvm-cov's own line algorithm over the segments; OpenCover follows ReportGenerator's `OpenCoverParser`: a sequence point covers every line from `sl` to `el`, \
visits adding up on a line several points cover, and branch points are told apart by (`sl`, `path`, `offset`, `offsetend`); \
Istanbul lines are the start lines of statements \
(highest count), as istanbul-lib-coverage computes them; coverage.py JSON lines are \
`executed_lines + missing_lines` and its branches are the arcs, except that a file listing more executed lines \
(not in `excluded_lines`) than its summary's `covered_lines` (coverage.py before 7.14 lists executed docstrings) \
takes its line figures from that summary, only its `missing_lines` known line by line, and 5.x branch totals \
without arcs are read from the file summaries. \
SimpleCov: `lines[i]` is line i + 1 (`null` not \
relevant), the pre-0.18 form (a bare line array) too; the command names of one file are merged as SimpleCov's \
`Combine` modules do (hits add, `null` + 0 stays not relevant, the first result sets a file's length, branch hits add), \
all of them whatever their timestamp (SimpleCov drops results older than `merge_timeout`); each branch of \
`branches` counts on its condition's start line; `# :nocov:` lives in the sources and is not applied. gcovr JSON \
(format 0.x): lines marked `gcovr/excluded` or `gcovr/noncode` and their branches do not count, nor do excluded \
branches; a line listed once per function counts once with the summed hits, as gcovr's text summary. Coveralls: \
`coverage[i]` is line i + 1 (`null` not relevant), `branches` is `[line, block, branch, hits]` quadruples; the job's \
other keys are metadata. SonarQube generic XML is read as SonarQube reads it (`version=\"1\"`, `covered` true/false, \
`branchesToCover`/`coveredBranches`, covered not above total, the first `<lineToCover>` of a line in a `<file>` wins); \
an element or attribute it does not define is an \
ERROR, as is a key that SimpleCov, gcovr or a Coveralls source file never writes.

**`combined`** is coverage.py's headline — `coverage report`'s TOTAL and `--cov-fail-under`, `Numbers.pc_covered`: \
(covered lines + covered branches) / (lines + branches), for every format (without branch data it equals `line`). \
`--cov-fail-under=85` moves over as `combined >= 85`; one difference: coverage.py compares `fail_under` with the total \
rounded to its `precision` (Python's `round`, 0 decimals by default, so 84.6% passes `--cov-fail-under=85`) and counts 0 \
statements as 100%, while gatekeep compares the exact ratio and 0 of 0 is no data (a total coverage.py rounds up to the target fails here). \
**`statements`** has data only from Go coverprofiles and Istanbul JSON (its statements, \
kept as one count per file: the same file in two Istanbul reports keeps the higher count, a lower bound of the union \
istanbul-lib-coverage would merge by location). JaCoCo's report counters users gate on are metrics too: \
`instruction` (each line's `ci` of `mi + ci`), `method` and `complexity` (each `<method>`'s METHOD and COMPLEXITY counters; a \
file without `<method>` elements, as gcovr writes it, uses its `<sourcefile>` counters), and Istanbul's `functions` \
(`fnMap`/`f`). An element two reports give keeps its higher covered and total counts; on a report without them these \
metrics have no data.

**Default threshold:** `line >= 80`, except when every report is a Go coverprofile: then `statements >= 80`, \
the figure `go tool cover` and `go test -cover` print. Configured `thresholds` (or a profile's) replace either.

**0 of 0 is no data**: a metric whose denominator is 0 is not emitted, so a condition on it is \
ERROR — `branch >= 70` on a report without branches, or `statements >= 80` on an LCOV report, is a visible ERROR, not a pass. Ratios are \
compared exactly (41/43 is 95.348…%, not 95.34); rounding is only for display.

Paths in reports are mapped onto repository files: `path_map` prefixes first, then Cobertura \
`<sources>` roots (several roots, Windows roots and junk entries are tolerated), absolute paths from \
another machine (leading folders are stripped until the rest is a repository file), Go import paths \
(the module path from `go.mod`; two Go import paths mapped onto one repository file are merged and reported as a \
`coverage/path-collision` finding naming both), and package-relative paths such as JaCoCo's (a unique repository file \
ending with the path). A file that cannot be mapped is kept in the figures under its report path \
(joined to the report's first `<source>` root, so the same file from two formats still merges) and \
counted in a `coverage/unmapped` warning — never dropped silently. The gate's `exclude` globs (and \
`include`, when given) select which files count.

`paths` adds per-path rules: each `glob` gets its own `thresholds` over the files it matches; they \
are evaluated by the gate and reported as conditions named `<glob>:<metric>`, and each failing one \
also as a `coverage/path-rule` finding.

**New code.** With `--base REV` (or, when a threshold names one of these metrics, the base CI names: \
see docs/CI.md), `new_line` is the coverage of the coverable lines the change adds or changes since \
the merge base of REV and HEAD — working tree and untracked files included, renames followed, as \
diff-cover counts them: `git diff -M` added lines that the reports list as coverable. `diff_line` is \
the same figure under its former name. `new_branch` covers the branches on those lines, and \
`new_lines_total` counts the lines, so a threshold can tell a small change apart. A change that adds \
no coverable line (a docs-only pull request) has nothing to gate: `new_line` shows 100% with \
\"no new coverable lines\" and its conditions hold; changed files that no report lists are named in a \
note. Changed lines not covered are listed as `coverage/diff-uncovered` findings. Findings also list the \
`worst_files` least-covered files (`coverage/low-file`).",
    options: &[
        OptionDoc {
            name: "reports",
            ty: "list of globs",
            default: "[\"coverage.xml\", \"lcov.info\", \"coverage/lcov.info\"]",
            description: "Coverage reports, relative to the config file. Every match is read and merged. No match at all is an ERROR.",
        },
        OptionDoc {
            name: "format",
            ty: "string",
            default: "detected from the content",
            description: "Force a format: `lcov`, `cobertura`, `jacoco`, `clover`, `coveragepy-json`, `gocover`, `llvm-cov`, `istanbul`, `opencover`, `simplecov`, `gcovr-json`, `coveralls`, `sonar-generic`.",
        },
        OptionDoc {
            name: "path_map",
            ty: "table of prefix = replacement",
            default: "{}",
            description: "Rewrites report path prefixes before mapping, longest prefix first, e.g. `{ \"/home/runner/work/app/\" = \"\" }`.",
        },
        OptionDoc {
            name: "paths",
            ty: "list of { glob, thresholds }",
            default: "[]",
            description: "Per-path rules: the coverage metrics of the files matching `glob` must meet `thresholds`.",
        },
        OptionDoc {
            name: "worst_files",
            ty: "integer",
            default: "5",
            description: "How many of the least-covered files (below 100%) to list as findings; 0 lists none.",
        },
        OptionDoc {
            name: "git_timeout",
            ty: "duration",
            default: "\"30s\"",
            description: "How long `git diff` may take for `diff_line` (with `--base`).",
        },
        OptionDoc {
            name: "ignore_moved_lines",
            ty: "bool",
            default: "false",
            description: "With `--base`: lines that only moved are not new for `diff_line`, `new_line` and `new_branch` — blocks of added lines that each equal a removed line (indentation aside) and hold at least 20 letters and digits, git's `--color-moved` rule. For refactors of untested code; untracked files still count whole.",
        },
        OptionDoc {
            name: "merge_data",
            ty: "bool",
            default: "false",
            description: "Carry the merged line data (as LCOV) in the JSON report, so that `gatekeep merge` recomputes coverage across a CI matrix's parts instead of taking the worst part's figure.",
        },
    ],
    metrics: &[
        MetricDoc { name: "line", unit: "%", description: "covered lines / coverable lines" },
        MetricDoc { name: "branch", unit: "%", description: "covered branches / branches" },
        MetricDoc { name: "statements", unit: "%", description: "covered statements / statements: Go as `go tool cover -func` totals them (`NumStmt`), Istanbul as its `statements` summary" },
        MetricDoc { name: "combined", unit: "%", description: "(covered lines + covered branches) / (lines + branches): coverage.py's TOTAL and `--cov-fail-under` figure" },
        MetricDoc { name: "instruction", unit: "%", description: "JaCoCo INSTRUCTION counter: covered / all bytecode instructions (from each line's `ci`/`mi`)" },
        MetricDoc { name: "method", unit: "%", description: "JaCoCo METHOD counter: methods with a covered instruction / methods" },
        MetricDoc { name: "complexity", unit: "%", description: "JaCoCo COMPLEXITY counter: covered / all cyclomatic complexity" },
        MetricDoc { name: "functions", unit: "%", description: "Istanbul functions: called functions / functions (`fnMap`/`f`)" },
        MetricDoc { name: "lines_covered", unit: "", description: "covered lines" },
        MetricDoc { name: "lines_total", unit: "", description: "coverable lines" },
        MetricDoc { name: "branches_covered", unit: "", description: "covered branches" },
        MetricDoc { name: "branches_total", unit: "", description: "branches" },
        MetricDoc { name: "min_file_line", unit: "%", description: "line coverage of the worst file" },
        MetricDoc { name: "new_line", unit: "%", description: "coverage of the coverable lines the change adds or changes (with --base, or the base CI names); 100% with `no new coverable lines` when it adds none" },
        MetricDoc { name: "diff_line", unit: "%", description: "the same figure as `new_line` (its former name, as diff-cover calls it)" },
        MetricDoc { name: "new_branch", unit: "%", description: "coverage of the branches on added or changed lines (reports with branch data)" },
        MetricDoc { name: "new_lines_total", unit: "", description: "coverable lines the change adds or changes: `new_lines_total < 5` tells a small change apart" },
    ],
    default_thresholds: &["line >= 80"],
    integrity: &[],
    dynamic_metrics: false,
    reads_tree: true,
    default_include: &[],
    example: "[gates.coverage]\nreports = [\"coverage.xml\", \"frontend/coverage/lcov.info\"]\nthresholds = [\"line >= 85\", \"branch >= 70\"]\npath_map = { \"/home/runner/work/app/app/\" = \"\" }\n\n[[gates.coverage.paths]]\nglob = \"src/core/**\"\nthresholds = [\"line >= 90\"]\n",
};
