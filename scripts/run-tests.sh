#!/usr/bin/env bash
# The README's test command: system programs, type checks, lint (typescript-eslint strict + import boundaries), then every vitest project (unit,
# integration against real Meilisearch / s3rver / Redis / SMTP, and browser end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
pnpm -r --parallel typecheck
pnpm lint
mkdir -p test-artifacts
rm -f test-artifacts/vitest.json test-artifacts/vitest-postgres.json
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
# The second run: the data layer, the services and the API against a real PostgreSQL server that the run starts
# (initdb + pg_ctl on a free port), instead of SQLite. Skipped when arguments narrow the run to some files.
if [ $# -eq 0 ] && [ "${MEP_SKIP_POSTGRES_RUN:-}" != "1" ]; then
  MEP_TEST_DATABASE=postgres pnpm exec vitest run --project db --project api --project ingest \
    --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest-postgres.json \
    packages/db/ apps/api/ packages/ingest/test/pipeline packages/ingest/src/ocr/ocr.test || status=$?
fi
node -e '
  const fs = require("fs");
  for (const [name, file] of [["SQLite", "test-artifacts/vitest.json"], ["PostgreSQL", "test-artifacts/vitest-postgres.json"]]) {
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    console.log(`vitest (${name}): ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  }
' || true
exit $status
