#!/usr/bin/env bash
# Every test: lint, types, unit and integration tests (real Redis, real files), build, end-to-end in
# real Chromium. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system-deps.sh
source scripts/lib/toolchain.sh

echo "==> lint (biome)"
pnpm lint
echo "==> typecheck"
pnpm typecheck
echo "==> unit and integration tests (vitest, with domain coverage)"
rm -f .vitest-results.json
status=0
pnpm vitest run --coverage --reporter=default --reporter=json --outputFile.json=.vitest-results.json || status=$?
echo "==> build (dashboards)"
pnpm --filter @handover/web build || status=$?
node scripts/test-summary.mjs .vitest-results.json
exit $status
