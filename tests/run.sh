#!/usr/bin/env bash
# Install everything the test suite needs, then run all of it: lint, unit, ingest, AppTest and
# real-browser tests. The README's test command, and what CI runs (.ci/run).
# Fails when a step fails, when pytest collects no test (exit 5), or when any test is skipped
# (nothing may pass by being skipped: the browser tests need Chromium, installed here).
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (never 'playwright install': it downloads)..."
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "Installing Debian's fonts-dejavu-core (the brief's PDF prints in DejaVu Sans)..."
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq fonts-dejavu-core >/dev/null
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
read -r ran skipped < <(python - "$report" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = root if root.tag == "testsuite" else root.find("testsuite")
skipped = int(suite.get("skipped"))
print(int(suite.get("tests")) - skipped, skipped)
PY
)
echo "tests run: $ran, skipped: $skipped"
if [ "$status" -eq 0 ] && { [ "$ran" -lt 1 ] || [ "$skipped" -gt 0 ]; }; then
  echo "no test may be skipped, and some test must run: failing the run" >&2
  exit 1
fi
exit "$status"
