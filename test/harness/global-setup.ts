import type { TestProject } from 'vitest/node';
import { startClickHouse } from '../../src/warehouse/clickhouse/local-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    clickhouseUrl: string;
  }
}

/** One real ClickHouse server for the whole test run; each test file works in its own database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startClickHouse();
  project.provide('clickhouseUrl', server.url);
  return () => server.stop();
}
