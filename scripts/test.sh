#!/usr/bin/env bash
# Every test: lint, types, unit and integration tests (real Redis, real files), build, end-to-end in
# real Chromium. Ends with one line "N passed, N failed" counting vitest and Playwright together. Once
# the tests start, a failing step fails the run but the later steps and the closing line still run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/system-deps.sh
source scripts/lib/toolchain.sh

echo "==> lint (biome)"
pnpm lint
echo "==> lint (docker-compose.yml: compose schema)"
pnpm lint:compose
echo "==> typecheck"
pnpm typecheck
echo "==> unit and integration tests (vitest, with domain coverage)"
rm -f .vitest-results.json
status=0
pnpm vitest run --coverage --reporter=default --reporter=json --outputFile.json=.vitest-results.json || status=$?
echo "==> build (dashboards)"
build=0
pnpm --filter @handover/web build || build=$?
[ "$build" -eq 0 ] || status=$build
echo "==> end-to-end (Playwright in Debian's Chromium, real servers, real Redis)"
rm -f e2e/.playwright-results.json
if [ "$build" -eq 0 ]; then
  (cd e2e && pnpm exec playwright test) || status=$?
else
  # Never test a stale build: the summary counts the missing report as a failure.
  echo "skipped: the dashboards did not build"
fi
node scripts/test-summary.mjs .vitest-results.json e2e/.playwright-results.json || status=$?
exit $status
