import type { Command } from 'commander';
import { loadProject } from '../../transform/project.js';
import { configFor, globalOptions } from '../context.js';

export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the models in dependency order with their dependencies and descriptions')
    .option('--columns', 'also list each model\'s columns')
    .action(async (options: { columns?: boolean }, command: Command) => {
      const config = configFor(command);
      const project = await loadProject(config.engine, config);
      const models = project.nodes.map((node) => ({
        name: node.name,
        layer: node.layer,
        kind: node.kind,
        file: node.kind === 'sql' ? `models/${node.file}` : null,
        depends_on: [...node.sources, ...node.refs],
        description: node.doc.description.trim(),
        columns: node.doc.columns.map((column) => ({ name: column.name, description: column.description.trim() })),
      }));
      if (globalOptions(command).json) {
        console.log(JSON.stringify(models, null, 2));
        return;
      }
      for (const model of models) {
        console.log(`${model.name} (${model.layer}, ${model.file ?? model.kind})`);
        console.log(`  ${model.description.replace(/\s+/g, ' ')}`);
        console.log(`  depends on: ${model.depends_on.join(', ') || '(config)'}`);
        if (options.columns) for (const column of model.columns) console.log(`    ${column.name}: ${column.description.replace(/\s+/g, ' ')}`);
      }
    });
}
