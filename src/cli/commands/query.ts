import { Option, type Command } from 'commander';
import { formatRows, type OutputFormat } from '../format.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('run a SQL query against the warehouse and print the rows')
    .argument('<sql>', 'the query, e.g. "select * from mart_service_daily order by local_date"')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'json']))
    .action(async (sql: string, options: { format?: OutputFormat }, command: Command) => {
      const format = options.format ?? (globalOptions(command).json ? 'json' : 'table');
      const rows = await withWarehouse(command, (warehouse) => warehouse.query(sql));
      console.log(formatRows(rows, format));
    });
}
