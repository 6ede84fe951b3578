import { defineProject } from 'vitest/config';

// End-to-end tests: real Chromium against the real platform (`mep serve --ingest`), started once
// by the global setup. Slow by nature, hence the long timeouts and no file parallelism.
export default defineProject({
  test: {
    name: 'web-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
