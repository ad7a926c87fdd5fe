#!/usr/bin/env bash
# Lint the GitHub workflows and our shell scripts; any finding fails. `make lint` runs this.
#   actionlint  workflow syntax, expressions, and the shell of every `run:` step (through shellcheck)
#   zizmor      security audits (pinned actions, permissions, injection, triggers), offline, pedantic
# Usage: scripts/lint-workflows.sh [ROOT]   (ROOT holds .github/; default: this repository)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "${1:-$repo}" && pwd)"
bin="${BIN:-$repo/.venv/bin}"

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "shellcheck is missing, so actionlint would skip the run: steps; install it with" \
    "'bash scripts/ensure-system-packages.sh' (or 'make browser')." >&2
  exit 1
fi

status=0
shopt -s nullglob
workflows=("$root"/.github/workflows/*.yml "$root"/.github/workflows/*.yaml)
"$bin/actionlint" -no-color -shellcheck "$(command -v shellcheck)" "${workflows[@]}" || status=1
"$bin/zizmor" --offline --persona pedantic --no-progress --color never --quiet "$root/.github" || status=1

scripts=("$root"/scripts/*.sh)
[ -f "$root/.ci/run" ] && scripts+=("$root/.ci/run")
if [ "${#scripts[@]}" -gt 0 ]; then
  shellcheck "${scripts[@]}" || status=1
fi

if [ "$status" -eq 0 ]; then
  echo "Workflows and shell scripts: actionlint, zizmor and shellcheck found nothing."
fi
exit "$status"
