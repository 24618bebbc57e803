/**
 * generateDataset: a deterministic demo data set in the real input formats. Same options and
 * seed → byte-identical files. Each part of the simulation draws from its own seeded stream.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnomalyCalendar, planAnomalies } from './anomalies.js';
import { planCampaigns } from './campaigns.js';
import { LocalCalendar } from './calendar.js';
import { writeChatExports } from './chat-export.js';
import { writeCrm } from './crm.js';
import { buildGroundTruth, Tally, type Planted } from './ground-truth.js';
import { IdFactory } from './ids.js';
import { GenerateOptionsError, resolveOptions, type GenerateOptions } from './options.js';
import { DatasetOutput, FILES } from './output.js';
import { DEFAULT_BUSINESS_NUMBER } from './payloads.js';
import { buildPopulation } from './population.js';
import { Random } from './random.js';
import { Simulation } from './simulation.js';
import { LineWriter, type WrittenFile } from './writers.js';

export interface GenerateSummary {
  outDir: string;
  seed: string;
  startDate: string;
  endDate: string;
  timezone: string;
  /** People in the customer base, and the extra numbers some of them also write from. */
  customers: number;
  secondNumbers: number;
  /** Content messages in both directions (webhooks inbound + send log). */
  messages: number;
  inboundMessages: number;
  outboundMessages: number;
  webhookBodies: number;
  statuses: number;
  clicks: number;
  orders: number;
  churners: number;
  /** Events planned after the end of the period and therefore not written. */
  eventsBeyondEnd: number;
  /** Every file written, relative to outDir. */
  files: WrittenFile[];
  groundTruth: string;
  elapsedMs: number;
}

export async function generateDataset(input: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const options = resolveOptions(input);
  prepareFolder(options.outDir, options.force);
  const random = new Random(options.seed);
  const calendar = new LocalCalendar(options.timezone, options.endDate, options.days);
  const customers = buildPopulation(options, calendar, random.fork('population'));
  const anomalies = planAnomalies(calendar);
  const tally = new Tally();
  const planted: Planted = { conflictingOrders: [], unreadableOrderPhones: [], conflictingContacts: [], identityOrders: new Map(), exports: [] };
  const output = new DatasetOutput(options.outDir, DEFAULT_BUSINESS_NUMBER, options.gzip);
  const simulation = new Simulation({
    options,
    calendar,
    customers,
    campaigns: planCampaigns(calendar, random.fork('campaigns')),
    anomalies: new AnomalyCalendar(anomalies),
    output,
    ids: new IdFactory(random.fork('ids')),
    random: random.fork('simulation'),
    number: DEFAULT_BUSINESS_NUMBER,
    tally,
    planted,
  });
  await simulation.run();
  const files = await output.close();

  const crm = new LineWriter(join(options.outDir, FILES.crm));
  writeCrm(crm, customers, calendar, random.fork('crm'), tally, planted);
  files.push(await crm.close());

  const exportsDir = join(options.outDir, FILES.exports);
  mkdirSync(exportsDir, { recursive: true });
  const chatExports = writeChatExports(exportsDir, options, calendar, customers, random.fork('exports'));
  planted.exports = chatExports.entries;
  files.push(...chatExports.files);

  const groundTruthPath = join(options.outDir, FILES.groundTruth);
  const truth = buildGroundTruth(options, calendar, customers, anomalies, tally, planted);
  const truthText = JSON.stringify(truth, null, 2) + '\n';
  writeFileSync(groundTruthPath, truthText);
  files.push({ path: groundTruthPath, lines: truthText.split('\n').length - 1, bytes: Buffer.byteLength(truthText) });

  const inbound = tally.inboundContent;
  const outbound = tally.agent + tally.bot + tally.marketing + tally.utility;
  return {
    outDir: options.outDir,
    seed: options.seed,
    startDate: calendar.date(0),
    endDate: calendar.date(calendar.days - 1),
    timezone: options.timezone,
    customers: truth.observed.people,
    secondNumbers: truth.observed.second_numbers,
    messages: inbound + outbound,
    inboundMessages: inbound,
    outboundMessages: outbound,
    webhookBodies: output.webhookBodies,
    statuses: tally.statusEvents,
    clicks: tally.clicks,
    orders: tally.orders.card.orders + tally.orders.cod.orders + tally.orders.transfer.orders,
    churners: truth.churn.customers.length,
    eventsBeyondEnd: simulation.eventsBeyondEnd,
    files: files.map((file) => ({ ...file, path: relative(options.outDir, file.path) })),
    groundTruth: groundTruthPath,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Creates the folder; an earlier data set in it is replaced only when asked to. */
function prepareFolder(dir: string, force: boolean): void {
  const present = Object.values(FILES).filter((name) => existsSync(join(dir, name)));
  if (present.length > 0 && !force) {
    throw new GenerateOptionsError(`generate: ${dir} already holds a data set (${present.join(', ')}); pass --force to replace it`);
  }
  for (const name of present) rmSync(join(dir, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
