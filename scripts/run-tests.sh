#!/usr/bin/env bash
# The README's test command: system programs, type checks, lint (typescript-eslint strict + import boundaries), then every vitest project (unit,
# integration against real Meilisearch / s3rver / Redis / SMTP, and browser end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
pnpm -r --parallel typecheck
pnpm lint
mkdir -p test-artifacts
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
  console.log(`\nvitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit $status
