import { startClickHouse, type ClickHouseServerOptions, type RunningClickHouse } from '../src/warehouse/clickhouse/local-server.js';
import { ClickHouseHttpDriver } from '../src/warehouse/clickhouse/http-driver.js';
import { ClickHouseWarehouse } from '../src/warehouse/clickhouse/warehouse.js';
import { processPeakRssMb } from './measure.js';

/** A ClickHouse 18.16 server of the bench's own, and warehouses on fresh databases of it. */
export interface BenchClickHouse {
  server: RunningClickHouse;
  /** The database of the latest fresh warehouse. */
  database(): string;
  /** A warehouse on a new, empty database (the previous one is dropped). */
  freshWarehouse(): Promise<ClickHouseWarehouse>;
  peakRssMb(): number;
}

export async function withClickHouse<T>(body: (clickhouse: BenchClickHouse) => Promise<T>, options: ClickHouseServerOptions = {}): Promise<T> {
  const server = await startClickHouse(options);
  let databases = 0;
  const driver = (database: string) => new ClickHouseHttpDriver({ url: server.url, user: 'default', password: '', database });
  try {
    return await body({
      server,
      database: () => `bench_${databases}`,
      async freshWarehouse() {
        const admin = driver('default');
        // One database at a time: the previous run's copy of the data only costs disk.
        if (databases > 0) await admin.command(`DROP DATABASE bench_${databases}`);
        const database = `bench_${++databases}`;
        await admin.command(`CREATE DATABASE ${database}`);
        await admin.close();
        return new ClickHouseWarehouse(driver(database));
      },
      peakRssMb: () => processPeakRssMb(server.pid),
    });
  } finally {
    await server.stop();
  }
}
