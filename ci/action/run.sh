#!/usr/bin/env bash
# Runs `gatekeep check` for action.yml. Environment:
#   GATEKEEP           the binary (from install.sh)
#   INPUT_CONFIG, INPUT_PROFILE, INPUT_BASE, INPUT_SARIF, INPUT_PATH, INPUT_ARGS   the action's inputs
#   (INPUT_ARGS is split on whitespace)
#   GITHUB_OUTPUT      where the step outputs go (verdict, exit-code, sarif, json)
# Under GitHub Actions gatekeep itself prints the annotations and appends the Markdown report
# to $GITHUB_STEP_SUMMARY. Exit code: gatekeep's (0 GO, 1 NO-GO, 2 config or usage error), so
# the step fails on NO-GO.
set -uo pipefail
bin=${GATEKEEP:?GATEKEEP is not set}
temp=${RUNNER_TEMP:-$(mktemp -d)}
args=(check "${INPUT_PATH:-.}")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_PROFILE:-}" ] && args+=(--profile "$INPUT_PROFILE")

base=${INPUT_BASE:-}
if [ -n "$base" ]; then
  # A PR checkout is often shallow and lacks the base branch; diff-aware metrics need both.
  if ! git rev-parse -q --verify "$base^{commit}" >/dev/null 2>&1 && [[ $base == origin/* ]]; then
    branch=${base#origin/}
    unshallow=()
    [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ] && unshallow=(--unshallow)
    echo "gatekeep: fetching $branch for --base" >&2
    git fetch --no-tags --quiet "${unshallow[@]}" origin "+refs/heads/$branch:refs/remotes/origin/$branch" ||
      echo "::warning title=gatekeep::could not fetch $branch; diff-aware metrics will report an error" >&2
  fi
  args+=(--base "$base")
fi

json=$temp/gatekeep.json
args+=(-o "json=$json")
# sarif: "true" writes gatekeep.sarif in the working directory, a path writes there, "false" none.
case "${INPUT_SARIF:-false}" in
  true) sarif=gatekeep.sarif ;;
  false | "") sarif= ;;
  *) sarif=$INPUT_SARIF ;;
esac
[ -n "$sarif" ] && args+=(-o "sarif=$sarif")
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<<"$INPUT_ARGS"
  args+=("${extra[@]}")
fi

echo "gatekeep ${args[*]}" >&2
"$bin" "${args[@]}"
code=$?
verdict=
[ "$code" -le 1 ] && verdict=$(sed -n 's/^  "verdict": "\(.*\)",*$/\1/p' "$json" 2>/dev/null | head -n1)
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "verdict=${verdict:-ERROR}"
    echo "exit-code=$code"
    [ -f "$json" ] && echo "json=$json"
    [ -n "$sarif" ] && [ -f "$sarif" ] && echo "sarif=$sarif"
  } >>"$GITHUB_OUTPUT"
fi
exit $code
