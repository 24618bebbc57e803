import { z } from 'zod';
import { defineStage } from '../pipelines/stage.js';
import { runTransform } from './run.js';

/** The pipeline stage that rebuilds the models (`transform` in a pipeline file). */
export const transformStage = defineStage({
  name: 'transform',
  description: 'build the SQL models (staging, intermediate, marts) in dependency order',
  options: z.object({ select: z.array(z.string()).min(1).optional() }).strict(),
  async run({ warehouse, config, progress, signal, log }, options) {
    const summary = await runTransform(warehouse, config, {
      select: options.select,
      signal,
      onStart: (models) => progress.start(models, 'models'),
      onBuilt: () => progress.advance(),
    });
    progress.finish();
    const marts = summary.built.filter((model) => model.layer === 'marts');
    log.info(`built ${summary.built.length} models (${marts.length} marts) in ${(summary.ms / 1000).toFixed(1)} s`);
    return {
      rowsIn: 0,
      rowsOut: marts.reduce((sum, model) => sum + (model.rows ?? 0), 0),
      rowsRejected: 0,
      detail: { models: Object.fromEntries(summary.built.map((model) => [model.name, { rows: model.rows, ms: model.ms }])) },
    };
  },
});
