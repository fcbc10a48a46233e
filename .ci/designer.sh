#!/usr/bin/env bash
# Builds and tests the visual designer: npm ci, type-check + Vite build into designer/dist, the
# vitest unit tests and, when Debian's Chromium is installed, the browser smoke test against a
# mocked API. Idempotent, non-interactive; progress on stderr; the last stdout line is the export
# CI evaluates.
set -euo pipefail
export CI=true
cd "$(dirname "$0")/../designer"

echo "designer.sh: node $(node --version), npm $(npm --version 2>/dev/null)" >&2
echo "designer.sh: npm ci" >&2
npm ci --no-audit --no-fund >&2
echo "designer.sh: npm run build" >&2
npm run build >&2
echo "designer.sh: unit tests" >&2
npm test -- --run >&2

chromium="${RUNBOOK_CHROMIUM:-/usr/bin/chromium}"
if [ "${RUNBOOK_DESIGNER_SMOKE:-1}" = "1" ] && [ -x "$chromium" ]; then
  echo "designer.sh: browser smoke test (mocked API) with $chromium" >&2
  RUNBOOK_CHROMIUM="$chromium" node e2e/smoke.mjs >&2
else
  echo "designer.sh: skipping the browser smoke test (no Chromium at $chromium)" >&2
fi

echo "export RUNBOOK_DESIGNER_BUILT=1"
