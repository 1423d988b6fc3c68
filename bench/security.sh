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
  # run interleaved, RUNS rounds after a warm-up round, compared by their medians (bench/paired.py):
  # on a shared machine the load changes within seconds, so runs taken apart are not comparable.
  RG12='eval\(|exec\(|shell=True|pickle|yaml\.load|verify=False|os\.system|popen|subprocess|child_process|getRuntime|exec\.Command'
  PAIRED=()
  want gatekeep && PAIRED+=("gatekeep security=$BIN '$T'")
  [ -n "${OLD:-}" ] && PAIRED+=("gatekeep security, before (OLD)=$OLD '$T'")
  want rg && PAIRED+=("rg -i (12 keywords)=rg -c -i '$RG12' '$T'")
  [ ${#PAIRED[@]} -gt 0 ] && python3 bench/paired.py "$RUNS" "${PAIRED[@]}"
  # PHP's keywords, for a PHP tree.
  want rg-php && /usr/bin/time -f "rg %e %U %S %M" rg -c -i 'eval\(|exec\(|system\(|unserialize|shell_exec|passthru|popen|proc_open|mysqli_query|->query\(|curl_setopt|md5\(' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg -i (12 PHP keywords) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  # C#'s keywords, for a C# tree.
  want rg-cs && /usr/bin/time -f "rg %e %U %S %M" rg -c -i 'Process\.Start|ProcessStartInfo|SqlCommand|CommandText|FromSqlRaw|BinaryFormatter|TypeNameHandling|XmlResolver|DtdProcessing|CipherMode\.ECB|MD5\.|CSharpScript' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg -i (12 C# keywords) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  # C/C++'s and Kotlin's keywords, for such a tree (gatekeep's rule keywords of those languages).
  want rg-c && /usr/bin/time -f "rg %e %U %S %M" rg -c -i 'system\(|popen|execl|execv|spawn|MD5\(|SHA1\(|EVP_des|EVP_rc4|SSL_VERIFY_NONE|CURLOPT_SSL_VERIFY|CALG_' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg -i (12 C keywords) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want rg-kt && /usr/bin/time -f "rg %e %U %S %M" rg -c -i 'getRuntime|ProcessBuilder|rawQuery|execSQL|executeQuery|MessageDigest|Cipher\.getInstance|KeyPairGenerator|checkServerTrusted|HostnameVerifier|ObjectInputStream|NullCipher' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg -i (12 Kotlin keywords) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  # semgrep with semgrep-rules' own C or Kotlin rule folders (needs its checkout: SEMGREP_RULES).
  for L in c kotlin; do
    want "semgrep-$L" && /usr/bin/time -f "semgrep %e %U %S %M" "$VENV/semgrep" --config "${SEMGREP_RULES:-/work/scratch/semgrep-rules}/$L" --metrics=off --disable-version-check -q --json -o /dev/null "$T" 2>&1 >/dev/null | grep '^semgrep' | awk -v l="$L" -v n="$(find "${SEMGREP_RULES:-/work/scratch/semgrep-rules}/$L" -name '*.yaml' | wc -l)" '{printf "| semgrep (semgrep-rules/%s, %s rule files, offline) | %s | %.2f | %.1f |\n", l, n, $2, $3+$4, $5/1024}' || true
  done
  want rg && /usr/bin/time -f "rg %e %U %S %M" rg -c 'eval\(|exec\(|shell=True|pickle\.loads|verify=False' "$T" 2>&1 >/dev/null | grep '^rg' | awk '{printf "| rg (5 patterns) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want bandit && /usr/bin/time -f "bandit %e %U %S %M" "$VENV/bandit" -r -q -f json -o /dev/null "$T" 2>&1 >/dev/null | grep '^bandit' | awk '{printf "| bandit -r (all plugins) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want semgrep && /usr/bin/time -f "semgrep %e %U %S %M" "$VENV/semgrep" --config "$RULE" --metrics=off --disable-version-check -q --json -o /dev/null "$T" 2>&1 >/dev/null | grep '^semgrep' | awk '{printf "| semgrep (6 local rules, offline) | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true
  want semgrep-same && /usr/bin/time -f "semgrep %e %U %S %M" "$VENV/semgrep" --config "$SAME" --metrics=off --disable-version-check -q --json -o /dev/null "$T" 2>&1 >/dev/null | grep '^semgrep' | awk -v n="$(find "$SAME" -name '*.y*ml' | wc -l)" '{printf "| semgrep (%s rule files, gatekeep scope, offline) | %s | %.2f | %.1f |\n", n, $2, $3+$4, $5/1024}' || true
  want detect-secrets && (cd "$T" && /usr/bin/time -f "detect-secrets %e %U %S %M" "$VENV/detect-secrets" scan --all-files . 2>&1 >/dev/null | grep '^detect-secrets' | awk '{printf "| detect-secrets scan --all-files | %s | %.2f | %.1f |\n", $2, $3+$4, $5/1024}' || true)
done
