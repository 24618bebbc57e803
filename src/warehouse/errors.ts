/**
 * The warehouse cannot be used as configured: the DuckDB file does not exist, the landing tables
 * were never created, or the ClickHouse server does not answer. The message says what to do.
 */
export class WarehouseUnavailableError extends Error {
  override readonly name = 'WarehouseUnavailableError';
}

/** Another process holds the warehouse (DuckDB allows one writing process per file). */
export class WarehouseBusyError extends Error {
  override readonly name = 'WarehouseBusyError';
}

/** The error a missing landing table gives on every engine. */
export function missingTableError(table: string): WarehouseUnavailableError {
  return new WarehouseUnavailableError(`table ${table} does not exist (run \`scrm init\`)`);
}
