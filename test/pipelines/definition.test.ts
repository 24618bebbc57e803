import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { loadPipeline, PipelineDefinitionError, readPipelineFile } from '../../src/pipelines/definition.js';
import { StageRegistry } from '../../src/pipelines/registry.js';
import { STAGES } from '../../src/pipelines/stages.js';
import { projectPath } from '../../src/paths.js';
import { TEST_STAGES } from './fixtures/test-stages.js';
import { Workspace } from './helpers.js';

const registry = new StageRegistry([...STAGES, ...TEST_STAGES]);

describe('pipeline files', () => {
  const workspace = new Workspace();
  const config = workspace.config();
  const write = (name: string, text: string) => {
    const file = join(workspace.pipelinesDir, `${name}.yaml`);
    writeFileSync(file, text);
    return file;
  };
  const problem = (name: string, text: string) => {
    const file = write(name, text);
    try {
      readPipelineFile(file, config, registry);
    } catch (error) {
      expect(error).toBeInstanceOf(PipelineDefinitionError);
      return (error as Error).message.replace(`${file}:`, 'FILE:');
    }
    throw new Error('expected the pipeline file to be refused');
  };

  it('reads stages in order with their validated options, the step ids and the time zone', () => {
    write(
      'nightly-test',
      `name: nightly-test
description: a test
schedule: "0 2 * * *"
stages:
  - init
  - stage: test-build-table
    id: build-a
    options: { table: a, rows: 2 }
  - stage: test-build-table
    id: build-b
    options: { table: b, rows: 3, ms: 10 }
`,
    );
    const pipeline = loadPipeline(config, registry, 'nightly-test');
    expect(pipeline.timezone).toBe('Asia/Hong_Kong');
    expect(pipeline.schedule).toBe('0 2 * * *');
    expect(pipeline.steps.map((step) => [step.id, step.stage.name, step.options])).toEqual([
      ['init', 'init', {}],
      ['build-a', 'test-build-table', { table: 'a', rows: 2, abortable: true }],
      ['build-b', 'test-build-table', { table: 'b', rows: 3, ms: 10, abortable: true }],
    ]);
    write('tz', 'name: tz\ndescription: x\nschedule: "0 8 * * 1"\ntimezone: Europe/Madrid\nstages: [init]\n');
    expect(loadPipeline(config, registry, 'tz').timezone).toBe('Europe/Madrid');
  });

  it('refuses a bad file with the file, the line and the field', () => {
    expect(problem('a', 'name: a\ndescription: x\nschedule: "every night"\nstages: [init]\n')).toBe(
      'FILE:3: schedule: expected a cron expression such as "0 2 * * *"',
    );
    expect(problem('b', 'name: b\ndescription: x\nstages:\n  - init\n  - transfrom\n')).toBe(
      `FILE:5: stages[1].stage: unknown stage "transfrom" (registered: ${registry.names().join(', ')})`,
    );
    expect(problem('c', 'name: c\ndescription: x\nstages:\n  - stage: test-build-table\n    options:\n      table: t\n      rows: many\n')).toBe(
      'FILE:7: stages[0].options.rows: Invalid input: expected number, received string',
    );
    expect(problem('d', 'name: d\ndescription: x\nstages:\n  - stage: test-wait\n    options: { colour: red }\n')).toBe(
      'FILE:5: stages[0].options: unknown option "colour"',
    );
    expect(problem('e', 'name: e\ndescription: x\nstages: [init, init]\n')).toBe('FILE:3: stages[1]: step "init" appears twice; give one of them its own "id"');
    expect(problem('f', 'name: nightly\ndescription: x\nstages: [init]\n')).toBe('FILE:1: name: "nightly" does not match the file name (expected "f")');
    expect(problem('g', 'name: g\ndescription: x\nstages: [init]\nretries: 3\n')).toBe('FILE:1: unknown key "retries"');
    expect(problem('h', 'name: h\ndescription: x\ntimezone: Mars/Olympus\nstages: [init]\n')).toBe(
      'FILE:3: timezone: expected an IANA time zone such as "Asia/Hong_Kong"',
    );
    expect(problem('i', 'name: i\ndescription: x\nstages: []\n')).toBe('FILE:3: stages: a pipeline needs at least one stage');
    expect(problem('j', 'name: j\nstages: [init\n')).toMatch(/^FILE:\d: not valid YAML: /);
    expect(() => loadPipeline(config, registry, 'nope')).toThrow(/^no pipeline "nope" in .* \(there are: a, b, c, d, e, f, g, h, i, j, nightly-test, tz\)$/);
  });

  it('ships pipeline files that are valid, with the schedules the project runs on', () => {
    const shipped = projectPath('pipelines');
    const named = readdirSync(shipped).flatMap((file) => (file.endsWith('.yaml') ? [file] : []));
    const projectConfig = loadConfig(undefined, {}, {});
    const pipelines = Object.fromEntries(named.map((file) => {
      const pipeline = readPipelineFile(join(shipped, file), projectConfig, new StageRegistry(STAGES));
      return [pipeline.name, [pipeline.schedule ?? null, pipeline.timezone, pipeline.steps.map((step) => step.id)]];
    }));
    expect(pipelines).toEqual({
      'hourly-ingest': ['5 * * * *', 'Asia/Hong_Kong', ['ingest', 'archive-landing']],
      nightly: ['0 2 * * *', 'Asia/Hong_Kong', ['transform', 'churn', 'alerts', 'crm-sync']],
      'weekly-reports': ['0 8 * * 1', 'Asia/Hong_Kong', ['reports']],
      demo: [null, 'Asia/Hong_Kong', ['init', 'ingest', 'transform', 'churn', 'reports', 'alerts', 'crm-sync']],
    });
  });

  it('registers each stage name once', () => {
    expect(() => new StageRegistry([...STAGES, ...STAGES])).toThrow('stage "init" is registered twice');
  });
});
