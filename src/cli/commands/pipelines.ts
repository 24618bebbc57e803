import type { Command } from 'commander';
import { PipelineDefinitionError, pipelineFiles, pipelinesDir, readPipelineFile } from '../../pipelines/definition.js';
import { nextFiring } from '../../pipelines/scheduler.js';
import { configFor, globalOptions, type CliServices } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { formatLocalTime, formatRows } from '../format.js';

interface PipelineListing {
  name: string;
  description: string;
  schedule: string | null;
  timezone: string | null;
  next_run: string | null;
  stages: string[];
  file: string;
  problem: string | null;
}

export function registerPipelines(program: Command, services: CliServices): void {
  program
    .command('pipelines')
    .description('list the pipelines with their schedules and next runs, and check every pipeline file (exit 2 if one is wrong)')
    .action((_options, command: Command) => {
      const config = configFor(command);
      const listings = [...pipelineFiles(pipelinesDir(config))].map(([name, file]): PipelineListing => {
        try {
          const pipeline = readPipelineFile(file, config, services.stages);
          const next = nextFiring(pipeline);
          return {
            name,
            description: pipeline.description,
            schedule: pipeline.schedule ?? null,
            timezone: pipeline.schedule ? pipeline.timezone : null,
            next_run: next ? formatLocalTime(next.getTime(), pipeline.timezone) : null,
            stages: pipeline.steps.map((step) => step.id),
            file,
            problem: null,
          };
        } catch (error) {
          if (!(error instanceof PipelineDefinitionError)) throw error;
          return { name, description: '', schedule: null, timezone: null, next_run: null, stages: [], file, problem: error.message };
        }
      });
      if (globalOptions(command).json) {
        console.log(JSON.stringify(listings, null, 2));
      } else {
        const rows = listings.map((p) => ({
          pipeline: p.name,
          schedule: p.schedule ?? (p.problem ? '' : 'on demand'),
          'time zone': p.timezone ?? '',
          'next run': p.next_run ?? '',
          stages: p.problem ? `invalid: ${p.problem}` : p.stages.join(' → '),
        }));
        console.log(formatRows(rows, 'table'));
      }
      if (listings.some((p) => p.problem)) process.exitCode = ExitCode.usage;
    });
}
