import { z } from 'zod';

/**
 * The report definition format (`reports/<id>.json`): which marts a report reads, which columns it
 * shows and how, against which targets, and which Vega-Lite charts it draws. Validated once here;
 * everything downstream works on the parsed, typed form.
 */

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a plain SQL identifier');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes');
const relativeFile = (extension: string) =>
  z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_\\-/.]+\\${extension}$`), `expected a path relative to the reports folder ending in ${extension}`)
    .refine((path) => !path.split('/').includes('..') && !path.startsWith('/'), 'must stay inside the reports folder');

/** Excel forbids these in sheet names and caps them at 31 characters. */
const sheetName = z
  .string()
  .min(1)
  .max(31, 'Excel sheet names have at most 31 characters')
  .regex(/^[^[\]:*?/\\]+$/, 'Excel sheet names cannot contain [ ] : * ? / \\');

/**
 * How a value is stored and shown: `percent` takes a rate in [0, 1]; `duration` takes seconds and
 * shows minutes:seconds; `money4` keeps four decimals for unit costs; `flag` is a boolean (1/0 on ClickHouse); `list` is an array shown joined.
 */
const numericFormats = ['integer', 'number', 'percent', 'duration', 'days', 'money', 'money4'] as const;
export const numericFormat = z.enum(numericFormats);
export const valueFormat = z.enum([...numericFormats, 'text', 'date', 'flag', 'list']);
export type ValueFormat = z.infer<typeof valueFormat>;

export function isNumericFormat(format: ValueFormat): format is z.infer<typeof numericFormat> {
  return (numericFormats as readonly string[]).includes(format);
}

/** A numeric limit, given inline or read from a numeric key of the configuration. */
const threshold = z.union([z.number(), z.object({ config: z.enum(['sla_seconds']) }).strict()]);
export type Threshold = z.infer<typeof threshold>;

const target = z
  .object({
    /** Off target when the value is below this. */
    min: threshold.optional(),
    /** Off target when the value is above this. */
    max: threshold.optional(),
    /** The limits themselves are off target too: "healthy above 12 %" is `{ "min": 0.12, "exclusive": true }`. */
    exclusive: z.boolean().default(false),
    /** Where the target comes from, e.g. "3-minute service target". */
    note: z.string().optional(),
  })
  .strict()
  .refine((t) => t.min !== undefined || t.max !== undefined, 'a target needs "min" or "max"');

const figure = z
  .object({
    column: identifier,
    label: z.string().min(1),
    format: numericFormat,
    target: target.optional(),
  })
  .strict();

const figureGroup = z
  .object({
    query: relativeFile('.sql'),
    items: z.array(figure).min(1),
  })
  .strict();

const tableColumn = z
  .object({
    column: identifier,
    label: z.string().min(1),
    format: valueFormat,
    /** Adds the change against the previous week beside the column. */
    compare: z.boolean().default(false),
    target: target.optional(),
  })
  .strict()
  .refine((c) => isNumericFormat(c.format) || (!c.compare && !c.target), 'only numeric columns can have "compare" or a "target"');

const table = z
  .object({
    id: slug,
    title: z.string().min(1),
    query: relativeFile('.sql'),
    /** Columns that identify a row across weeks, used to find last week's value. */
    key: z.array(identifier).min(1),
    columns: z.array(tableColumn).min(1),
    /** A boolean column of the query: rows where it is true are highlighted. */
    highlight: z.object({ column: identifier, label: z.string().min(1) }).strict().optional(),
    /** On any column of the query, shown or not. Last week's rows are looked up before the cut, so a row's change never depends on it. */
    sort: z.object({ column: identifier, descending: z.boolean().default(true) }).strict().optional(),
    limit: z.number().int().positive().optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const names = new Set(t.columns.map((c) => c.column));
    for (const key of t.key) if (!names.has(key)) ctx.addIssue({ code: 'custom', path: ['key'], message: `key column "${key}" is not among the columns` });
  });

const chart = z
  .object({
    id: slug,
    title: z.string().min(1),
    /** A Vega-Lite JSON spec under reports/charts/; its data is supplied from the query. */
    spec: relativeFile('.vl.json'),
    query: relativeFile('.sql'),
    /** `both` runs the query for this and the previous week and tags rows with `week` and `period`. */
    weeks: z.enum(['current', 'both']).default('current'),
  })
  .strict();

const rawSheet = z
  .object({
    sheet: sheetName,
    query: relativeFile('.sql'),
  })
  .strict();

export const reportDefinitionSchema = z
  .object({
    id: slug,
    title: z.string().min(1),
    sheet: sheetName,
    /** Position in the workbook and on the page. */
    order: z.number().int(),
    description: z.string().default(''),
    /** Tables the report reads; checked before any query runs. */
    requires: z.array(identifier).min(1),
    /** When a required table is missing: false stops the run, true shows the section as unavailable. */
    optional: z.boolean().default(false),
    /** Figures in groups; each group's query returns at most one row for the week, each figure is one of its columns. */
    figures: z.array(figureGroup).default([]),
    tables: z.array(table).default([]),
    charts: z.array(chart).default([]),
    raw: z.array(rawSheet).default([]),
  })
  .strict();

export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;
export type FigureDefinition = z.infer<typeof figure>;
export type FigureGroupDefinition = z.infer<typeof figureGroup>;
export type TableDefinition = z.infer<typeof table>;
export type TableColumnDefinition = z.infer<typeof tableColumn>;
export type ChartDefinition = z.infer<typeof chart>;
export type RawSheetDefinition = z.infer<typeof rawSheet>;
export type TargetDefinition = z.infer<typeof target>;
