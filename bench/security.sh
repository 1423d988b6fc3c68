#!/usr/bin/env bash
# Speed of the security gate on a large real Python tree, side by side with bandit, semgrep,
# detect-secrets and rg, in the same run.
#
#   bench/security.sh [TREE...]      (default: bench/out/sympy bench/out/ansible)
#
# The trees are real projects extracted from local mirrors, e.g.
#   git -C <mirror of sympy/sympy> archive HEAD | tar -x -C bench/out/sympy
# "semgrep-same" runs semgrep with the same scope as gatekeep's rules: the semgrep-rules files
# whose labels bench/semgrep_accuracy.py scores (issue-14 categories, gatekeep's languages;
# needs its checkout, see that script), copied to $SCRATCH/semgrep-issue14.
# Peers are installed in a scratch venv: SCRATCH=/work/scratch/security, with
#   $SCRATCH/venv/bin/{bandit,semgrep,detect-secrets}; rg from Debian's ripgrep.
# The CLI `check` is not wired on this branch, so gatekeep runs through
# target/release/examples/security_bench (gates::run_for_test: the same walk, reads and gate).
set -uo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-/work/scratch/security}
VENV=$SCRATCH/venv/bin
RUNS=${RUNS:-5}
TOOLS=${TOOLS:-"gatekeep rg bandit semgrep detect-secrets"}
want() { [[ " $TOOLS " == *" $1 "* ]]; }
TREES=("$@")
[ ${#TREES[@]} -eq 0 ] && TREES=(bench/out/sympy bench/out/ansible)
cargo build --release --example security_bench -q
BIN=target/release/examples/security_bench
RULE=$SCRATCH/semgrep-rules.yml
cat > "$RULE" <<'YML'
rules:
  - {id: eval, languages: [python], message: eval, severity: ERROR, pattern: eval(...)}
  - {id: exec, languages: [python], message: exec, severity: ERROR, pattern: exec(...)}
  - {id: shell, languages: [python], message: shell, severity: ERROR, pattern: "subprocess.$F(..., shell=True, ...)"}
  - {id: pickle, languages: [python], message: pickle, severity: ERROR, pattern: pickle.loads(...)}
  - {id: yaml, languages: [python], message: yaml, severity: ERROR, pattern: yaml.load(...)}
  - {id: verify, languages: [python], message: verify, severity: ERROR, pattern: "$F(..., verify=False, ...)"}
YML
SAME=$SCRATCH/semgrep-issue14
if want semgrep-same; then
  rm -rf "$SAME"
  python3 bench/semgrep_accuracy.py --copy-rules "$SAME" >/dev/null || exit 1
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for T in "${TREES[@]}"; do
  echo
  echo "### $T: $(du -sm "$T" | cut -f1) MB, $(find "$T" -type f | wc -l) files"
  echo
  echo "| tool | wall s | cpu s | peak RSS MB |"
  echo "|---|---|---|---|"
  # gatekeep, the same gate before a change (OLD=<security_bench of an earlier build>) and the
  # speed target's rg (within 6x of rg over the same tree with a dozen of the rules' keywords)
  # run interleaved, RUNS rounds after one warm-up round, and are compared by their medians: on a
  # shared machine the load changes within seconds, so runs taken apart are not comparable.
  RG12='eval\(|exec\(|shell=True|pickle|yaml\.load|verify=False|os\.system|popen|subprocess|child_process|getRuntime|exec\.Command'
  PAIRED=$(mktemp)
  for i in $(seq 0 "$RUNS"); do
    tag() { if [ "$i" -eq 0 ]; then echo warm; else echo "$1"; fi; }
    want gatekeep && /usr/bin/time -f "$(tag gatekeep) %e %U %S %M" $BIN "$T" 2>&1 >/dev/null | grep -E '^(gatekeep|warm) ' >> "$PAIRED"
    [ -n "${OLD:-}" ] && /usr/bin/time -f "$(tag old) %e %U %S %M" "$OLD" "$T" 2>&1 >/dev/null | grep -E '^(old|warm) ' >> "$PAIRED"
    want rg && /usr/bin/time -f "$(tag rg) %e %U %S %M" rg -c -i "$RG12" "$T" 2>&1 >/dev/null | grep -E '^(rg|warm) ' >> "$PAIRED"
  done
  python3 - "$PAIRED" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    tool, wall, user, sys_, rss = line.split()
    if tool != "warm":
        runs.setdefault(tool, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
names = {"gatekeep": "gatekeep security", "old": "gatekeep security, before (OLD)", "rg": "rg -i (12 keywords)"}
med = {}
for tool in ("gatekeep", "old", "rg"):
    if tool not in runs:
        continue
    r = runs[tool]
    med[tool] = statistics.median(w for w, _, _ in r)
    walls = ", ".join(f"{w:.2f}" for w, _, _ in r)
    print(f"| {names[tool]} (median of {len(r)}, interleaved; runs {walls}) | {med[tool]:.2f} | "
          f"{statistics.median(c for _, c, _ in r):.2f} | {max(m for _, _, m in r):.1f} |")
if "gatekeep" in med and "rg" in med:
    g, rg = runs["gatekeep"], runs["rg"]
    ratios = sorted(a[0] / b[0] for a, b in zip(g, rg) if b[0] > 0)
    line = f"\ngatekeep / rg -i (12 keywords), medians: {med['gatekeep'] / med['rg']:.1f}x"
    if ratios:
        line += f" (per round {ratios[0]:.1f}x to {ratios[-1]:.1f}x)"
    if "old" in med:
        line += f"; before the change: {med['old'] / med['rg']:.1f}x"
    print(line + "\n")
PY
  rm -f "$PAIRED"
  # PHP's keywords, for a PHP tree.
  want rg-php && /usr/bin/time -f "rg %e %U %S %M" rg -c -i 'eval\(|exec\(|system\(|unserialize|shell_exec|passthru|popen|proc_open|mysqli_query|->query\(|curl_setopt|md5\(' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg -i (12 PHP keywords) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  # C#'s keywords, for a C# tree.
  want rg-cs && /usr/bin/time -f "rg %e %U %S %M" rg -c -i 'Process\.Start|ProcessStartInfo|SqlCommand|CommandText|FromSqlRaw|BinaryFormatter|TypeNameHandling|XmlResolver|DtdProcessing|CipherMode\.ECB|MD5\.|CSharpScript' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg -i (12 C# keywords) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want rg && /usr/bin/time -f "rg %e %U %S %M" rg -c 'eval\(|exec\(|shell=True|pickle\.loads|verify=False' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg (5 patterns) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want bandit && /usr/bin/time -f "bandit %e %U %S %M" "$VENV/bandit" -r -q -f json -o /dev/null "$T" 2>&1 >/dev/null | grep '^bandit' | awk '{printf "| bandit -r (all plugins) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want semgrep && /usr/bin/time -f "semgrep %e %U %S %M" "$VENV/semgrep" --config "$RULE" --metrics=off --disable-version-check -q --json -o /dev/null "$T" 2>&1 >/dev/null | grep '^semgrep' | awk '{printf "| semgrep (6 local rules, offline) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want semgrep-same && /usr/bin/time -f "semgrep %e %U %S %M" "$VENV/semgrep" --config "$SAME" --metrics=off --disable-version-check -q --json -o /dev/null "$T" 2>&1 >/dev/null | grep '^semgrep' | awk -v n="$(find "$SAME" -name '*.y*ml' | wc -l)" '{printf "| semgrep (%s rule files, gatekeep scope, offline) | %s | %.2f | %.1f |\n", n, $2, $3+$4, $5/1024}' || true
  want detect-secrets && (cd "$T" && /usr/bin/time -f "detect-secrets %e %U %S %M" "$VENV/detect-secrets" scan --all-files . 2>&1 >/dev/null | grep '^detect-secrets' | awk '{printf "| detect-secrets scan --all-files | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true)
done
