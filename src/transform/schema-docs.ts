import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a snake_case name');

/** Data tests, declared beside the models in `schema.yml` (the same vocabulary as dbt's generic tests). */
const columnTest = z.union([
  z.literal('unique'),
  z.literal('not_null'),
  z.object({ accepted_values: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  z.object({ relationships: z.object({ to: identifier, field: identifier }).strict() }).strict(),
  z.object({ range: z.object({ min: z.number().optional(), max: z.number().optional() }).strict() }).strict(),
]);

const modelTest = z.union([
  z.object({ unique_combination: z.array(identifier).min(2) }).strict(),
  z.object({ row_count: z.object({ min: z.number().int().optional(), max: z.number().int().optional() }).strict() }).strict(),
  z.object({ equal_row_count: identifier }).strict(),
  z.object({ expression: z.string().min(1) }).strict(),
]);

const columnDoc = z
  .object({
    name: identifier,
    description: z.string().min(1),
    tests: z.array(columnTest).default([]),
  })
  .strict();

const modelDoc = z
  .object({
    name: identifier,
    description: z.string().min(1),
    /**
     * Sort key of the ClickHouse MergeTree table (columns must not be Nullable). Sorting costs as
     * much as writing, so only small tables that readers filter by key declare one.
     */
    order_by: z.array(identifier).optional(),
    /**
     * `view` for a model whose only reader refers to it once (and that nothing outside the DAG
     * scans in bulk): the engine inlines the query into its reader instead of writing and reading
     * back a table. A view read several times is computed each time, so the default is `table`.
     */
    materialized: z.enum(['table', 'view']).default('table'),
    tests: z.array(modelTest).default([]),
    columns: z.array(columnDoc).min(1),
  })
  .strict();

const schemaFile = z.object({ models: z.array(modelDoc) }).strict();

export type ColumnTest = z.infer<typeof columnTest>;
export type ModelTest = z.infer<typeof modelTest>;
export type ColumnDoc = z.infer<typeof columnDoc>;
export type ModelDoc = z.infer<typeof modelDoc>;

/** Reads one `schema.yml`; errors name the file and the offending key. */
export function readSchemaFile(path: string): ModelDoc[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = schemaFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data.models;
}
