//! The `coverage` gate's finding ids, documented for `gatekeep explain ID`.

use crate::gates::FindingDoc;

/// Every id the `coverage` gate reports.
pub static FINDINGS: &[FindingDoc] = &[
    FindingDoc {
        id: "coverage/low-file",
        summary: "One of the least covered files (medium)",
        description: "The files with the lowest line coverage (`worst_files`, most uncovered \
first), with their covered and total lines: where tests would raise the figure most.",
    },
    FindingDoc {
        id: "coverage/headline-mismatch",
        summary: "A report's summary disagrees with its own records (low)",
        description: "A report's headline figures (LCOV `LF`/`LH`, Cobertura `line-rate`, …) \
differ from what its per-line records give. The gate counts the records and says both numbers; \
the report's writer or a merge step is out of step.",
    },
    FindingDoc {
        id: "coverage/unmapped",
        summary: "Report paths that match no repository file (low)",
        description: "Files named in a report that could not be mapped onto the repository (built \
in another folder or container). They are counted under their report paths; set `path_map` to \
map a prefix, e.g. `{ \"/build/src\" = \"src\" }`.",
    },
    FindingDoc {
        id: "coverage/path-collision",
        summary: "Two Go import paths map onto one repository file (medium)",
        description: "A Go coverprofile names one repository file under two import paths (a module \
renamed, a `replace`, a vendored copy, a `go.mod` module path that is not the one the tests ran \
under). Their blocks are merged into that file and the finding names both paths: check `go.mod`'s \
module path and `path_map`, since the figures may count two versions of the file as one.",
    },
    FindingDoc {
        id: "coverage/path-rule",
        summary: "A per-path coverage rule that does not hold",
        description: "A `paths` rule (e.g. `\"src/core/**\" = [\"line >= 90\"]`) fails for the files \
its glob matches; the finding names the rule and the figure.",
    },
    FindingDoc {
        id: "coverage/diff-uncovered",
        summary: "Changed lines that no test executes (with --base)",
        description: "With `--base REV`, lines changed since that revision that the coverage data \
marks as not executed, grouped per file: what `diff_line` counts as uncovered.",
    },
];
