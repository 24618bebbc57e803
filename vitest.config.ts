import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Two cores: more workers only thrash between DuckDB, ClickHouse and chdb.
    maxWorkers: 2,
    reporters: ['verbose'],
  },
});
