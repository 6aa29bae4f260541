#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it: lint, unit, ingest, AppTest and
# real-browser tests. The README's test command, and what CI runs (.ci/run).
# Fails when a step fails, when pytest collects no test (exit 5), or when fewer tests ran than
# were collected (nothing may be skipped silently: the browser tests need Chromium, installed here).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (never 'playwright install': it downloads)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
export REQUIRE_BROWSER=1   # browser fixtures fail, rather than skip, without a browser

python -m ruff check .

report="$(mktemp)"
status=0
python -m pytest -p no:cacheprovider --junitxml="$report" "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no test: failing the run" >&2
  exit 1
fi
ran=$(python - "$report" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = root if root.tag == "testsuite" else root.find("testsuite")
print(int(suite.get("tests")) - int(suite.get("skipped")))
PY
)
if [ "$status" -eq 0 ] && [ "$ran" -lt 1 ]; then
  echo "no test ran: failing the run" >&2
  exit 1
fi
echo "tests run: $ran"
exit "$status"
