import type { Command } from 'commander';
import { analystUserXml, grantAnalystRole, hasSqlAccessControl, publishMarts } from '../../warehouse/clickhouse/analysts.js';
import { configFor, globalOptions, withWarehouse } from '../context.js';

export function registerAnalysts(program: Command): void {
  program
    .command('analysts')
    .description('ClickHouse: publish the marts to the analytics database and set up the read-only analyst role')
    .option('--xml', 'print the users.d entry for servers without SQL access control (password from SCRM_ANALYST_PASSWORD)')
    .action(async (options: { xml?: boolean }, command: Command) => {
      const config = configFor(command);
      const { analytics_database: analytics, analyst_role: role } = config.clickhouse;
      if (config.engine !== 'clickhouse') throw new Error('analyst roles are a ClickHouse feature: use --engine clickhouse');
      if (!analytics) throw new Error('set clickhouse.analytics_database in the config to publish marts for analysts');
      if (options.xml) {
        const password = process.env.SCRM_ANALYST_PASSWORD;
        if (!password) throw new Error('set SCRM_ANALYST_PASSWORD to the analyst password');
        console.log(analystUserXml(role, password, analytics));
        return;
      }
      const summary = await withWarehouse(command, async (warehouse) => {
        const published = await publishMarts(warehouse, analytics);
        const rbac = await hasSqlAccessControl(warehouse);
        if (rbac) await grantAnalystRole(warehouse, role, analytics);
        return { ...published, role: rbac ? role : null };
      });
      if (globalOptions(command).json) console.log(JSON.stringify(summary));
      else {
        console.log(`published ${summary.tables.length} tables to ${summary.analyticsDatabase}`);
        console.log(summary.role ? `role ${summary.role} may read ${analytics}` : 'this server has no SQL roles: install the user from `scrm analysts --xml` in users.d');
      }
    });
}
