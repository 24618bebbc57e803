import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/transform/project.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, modelConfig, rows } from './build.js';
import { Landing } from './landing.js';

/** A new warehouse, before the first ingest: every model builds, and the service marts are empty. */
describe.each(TARGETS)('models on an empty warehouse on $name', (target) => {
  it('builds every model with no landing rows', async () => {
    const config = modelConfig();
    const warehouse = await buildModels(target, new Landing(), config);
    try {
      const models = (await loadProject(warehouse.engine, config)).nodes.map((node) => node.name);
      for (const model of models) expect(await warehouse.tableExists(model), model).toBe(true);
      for (const mart of ['mart_service_daily', 'mart_kpi_daily', 'mart_service_levels_weekly', 'mart_resolution_daily']) {
        expect(await rows(warehouse, `SELECT count(*) AS n FROM ${mart}`), mart).toEqual([{ n: 0 }]);
      }
    } finally {
      await warehouse.close();
    }
  });
});
