import type { Command } from 'commander';
import { loadPipeline, loadPipelines, PipelineDefinitionError, pipelinesDir } from '../../pipelines/definition.js';
import { runPipeline } from '../../pipelines/runner.js';
import { Scheduler, type SchedulerEvent } from '../../pipelines/scheduler.js';
import { openWarehouse } from '../../warehouse/open.js';
import { configFor, globalOptions, type CliServices } from '../context.js';
import { formatLocalTime } from '../format.js';
import { ConsoleRunReporter } from '../run-reporter.js';
import { shutdownOnSignals } from '../shutdown.js';

export function registerSchedule(program: Command, services: CliServices): void {
  program
    .command('schedule')
    .description('run pipelines on their cron schedules until SIGINT or SIGTERM (then the running stage finishes or stops cleanly)')
    .argument('[pipelines...]', 'only these pipelines (default: every pipeline that has a schedule)')
    .action(async (names: string[], _options, command: Command) => {
      const config = configFor(command);
      const json = Boolean(globalOptions(command).json);
      const chosen = names.length ? names.map((name) => loadPipeline(config, services.stages, name)) : loadPipelines(config, services.stages);
      const unscheduled = chosen.find((pipeline) => names.length && !pipeline.schedule);
      if (unscheduled) throw new PipelineDefinitionError(`${unscheduled.file}: pipeline ${unscheduled.name} has no schedule; run it with \`scrm run ${unscheduled.name}\``);
      const scheduled = chosen.filter((pipeline) => pipeline.schedule);
      if (scheduled.length === 0) throw new PipelineDefinitionError(`no pipeline in ${pipelinesDir(config)} has a schedule`);

      const reporter = new ConsoleRunReporter({ json, timeZone: config.timezone, timestamps: true });
      const emit = (event: SchedulerEvent) => (json ? console.log(JSON.stringify(eventJson(event))) : describe(event, reporter, config.timezone));
      const env = { config, openWarehouse: () => openWarehouse(config), reporter };
      const scheduler = new Scheduler(scheduled, { run: (pipeline, signal) => runPipeline(env, pipeline, { trigger: 'schedule', signal }), onEvent: emit });

      const stopped = new Promise<NodeJS.Signals>((resolve) => {
        const shutdown = shutdownOnSignals((signal) => {
          shutdown.dispose();
          resolve(signal);
        });
      });
      scheduler.start();
      if (json) console.log(JSON.stringify({ event: 'started', pid: process.pid }));
      else reporter.say('scheduler', `running (pid ${process.pid}); SIGINT or SIGTERM stops it`);
      const signal = await stopped;
      if (!json) reporter.say('scheduler', `${signal}: stopping once the running stage finishes or reaches a safe point`);
      await scheduler.stop(new Error(`interrupted by ${signal}`));
      if (json) console.log(JSON.stringify({ event: 'stopped', signal }));
      else reporter.say('scheduler', 'stopped');
    });
}

/** The scheduler's log for people: one line per event. */
function describe(event: SchedulerEvent, reporter: ConsoleRunReporter, timeZone: string): void {
  switch (event.kind) {
    case 'scheduled':
      return reporter.say(event.pipeline, `scheduled "${event.schedule}" (${event.timezone}); next ${event.next ? formatLocalTime(event.next.getTime(), event.timezone) : 'never'}`);
    case 'queued':
      return reporter.say(event.pipeline, `due at ${formatLocalTime(event.at.getTime(), timeZone)}`);
    case 'skipped':
      return reporter.warn(event.pipeline, `skipped the ${formatLocalTime(event.at.getTime(), timeZone)} run: ${event.reason}`);
    case 'finished':
      return reporter.say(event.pipeline, reporter.summaryLine(event.run));
    case 'error':
      return reporter.warn(event.pipeline, `the ${formatLocalTime(event.at.getTime(), timeZone)} run could not run: ${event.error.message}`);
    case 'warning':
      return reporter.warn('scheduler', event.message);
  }
}

/** The scheduler's log for machines: one JSON object per line. */
function eventJson(event: SchedulerEvent): Record<string, unknown> {
  switch (event.kind) {
    case 'scheduled':
      return { event: event.kind, pipeline: event.pipeline, schedule: event.schedule, timezone: event.timezone, next: event.next?.toISOString() ?? null };
    case 'queued':
      return { event: event.kind, pipeline: event.pipeline, at: event.at.toISOString() };
    case 'skipped':
      return { event: event.kind, pipeline: event.pipeline, at: event.at.toISOString(), reason: event.reason };
    case 'finished':
      return { event: event.kind, pipeline: event.pipeline, at: event.at.toISOString(), run: event.run };
    case 'error':
      return { event: event.kind, pipeline: event.pipeline, at: event.at.toISOString(), error: event.error.message };
    case 'warning':
      return { event: event.kind, message: event.message };
  }
}
