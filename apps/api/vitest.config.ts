import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The PostgreSQL run (MEP_TEST_DATABASE=postgres) starts one server for the run; the SQLite run starts nothing.
    globalSetup: ['@mep/db/testing/global-setup'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
