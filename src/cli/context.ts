import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { StageRegistry } from '../pipelines/registry.js';
import { openWarehouse, type OpenOptions } from '../warehouse/open.js';
import type { Warehouse } from '../warehouse/types.js';

/** Options every command accepts (declared once on the root program). */
export interface GlobalOptions {
  engine?: 'duckdb' | 'clickhouse';
  config?: string;
  warehouse?: string;
  json?: boolean;
}

/** What commands share beyond their options: the stages pipelines can name. */
export interface CliServices {
  stages: StageRegistry;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function configFor(command: Command): Config {
  const options = globalOptions(command);
  return loadConfig(options.config, { engine: options.engine, warehouse: options.warehouse });
}

/** Opens the configured warehouse for the duration of `work` and always closes it. */
export async function withWarehouse<T>(
  command: Command,
  work: (warehouse: Warehouse, config: Config) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const config = configFor(command);
  const warehouse = await openWarehouse(config, options);
  try {
    return await work(warehouse, config);
  } finally {
    await warehouse.close();
  }
}
