import nunjucks from 'nunjucks';
import { LANDING_TABLES } from '../warehouse/init.js';
import type { EngineName, SqlValue } from '../warehouse/types.js';
import { sqlLiteral } from './literal.js';
import { offsetExpression, offsetTransitions } from './timezone.js';

/** Config values a model can read as `vars.<name>`. */
export type TemplateVars = Readonly<Record<string, SqlValue>>;

export interface RenderedSql {
  sql: string;
  /** Models this one reads, by `ref('name')`. */
  refs: string[];
  /** Landing tables this one reads, by `source('name')`. */
  sources: string[];
}

/** The untyped part of nunjucks' API that hands out a template's macros. */
interface ExportingTemplate {
  getExported(context: object, callback: (error: Error | null, exported: Record<string, unknown>) => void): void;
}

/**
 * Renders model SQL with nunjucks for one engine: `ref()` and `source()` name other tables (and
 * are recorded to derive the DAG), the macros of `models/macros/common.njk` and of the engine's
 * `models/macros/<engine>.njk` are global functions, `tz_offset_ms(ms)` is the configured zone's
 * UTC offset at an epoch-ms expression (see timezone.ts), `vars` holds config values, and the
 * `lit` filter turns a value into a SQL literal.
 */
export class SqlTemplates {
  private readonly env: nunjucks.Environment;
  private recording: { refs: Set<string>; sources: Set<string> } | null = null;

  private constructor(
    readonly engine: EngineName,
    modelsDir: string,
    private readonly vars: TemplateVars,
  ) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader(modelsDir, { noCache: true }), {
      autoescape: false,
      throwOnUndefined: true,
      trimBlocks: true,
      lstripBlocks: true,
    });
    this.env.addFilter('lit', (value: SqlValue) => sqlLiteral(engine, value));
    this.env.addFilter('lits', (values: readonly SqlValue[]) => values.map((value) => sqlLiteral(engine, value)).join(', '));
    const transitions = offsetTransitions(String(vars.timezone));
    this.env.addGlobal('tz_offset_ms', (ms: string) => offsetExpression(transitions, ms));
    this.env.addGlobal('ref', (name: string) => this.record('refs', name));
    this.env.addGlobal('source', (name: string) => {
      if (!(LANDING_TABLES as readonly string[]).includes(name)) throw new Error(`source('${name}') is not a landing table`);
      const table = this.record('sources', name);
      // On a cluster the landing table is Distributed: the shards scan it in parallel and the rest
      // of the model runs on the coordinator, so its joins and IN lists see every shard's rows.
      return engine === 'clickhouse' && vars.cluster ? `(SELECT * FROM ${table})` : table;
    });
  }

  static async create(engine: EngineName, modelsDir: string, vars: TemplateVars): Promise<SqlTemplates> {
    const templates = new SqlTemplates(engine, modelsDir, vars);
    const defined = new Map<string, string>();
    for (const file of ['macros/common.njk', `macros/${engine}.njk`]) {
      const macros = templates.env.getTemplate(file, true) as unknown as ExportingTemplate;
      const exported = await new Promise<Record<string, unknown>>((resolve, reject) =>
        macros.getExported({ vars }, (error, result) => (error ? reject(error) : resolve(result))),
      );
      for (const [name, macro] of Object.entries(exported)) {
        if (defined.has(name)) throw new Error(`models/${file}: macro ${name} is already defined in models/${defined.get(name)}`);
        defined.set(name, file);
        templates.env.addGlobal(name, macro);
      }
    }
    return templates;
  }

  /** Renders a template file (a path relative to the models folder) and the tables it refers to. */
  renderFile(path: string, context: object = {}): RenderedSql {
    return this.recorded(() => this.env.render(path, { vars: this.vars, ...context }), path);
  }

  /** Renders SQL text (not a file), e.g. a query that uses the macros. */
  renderString(source: string, context: object = {}): RenderedSql {
    return this.recorded(() => this.env.renderString(source, { vars: this.vars, ...context }), 'template');
  }

  private recorded(render: () => string, where: string): RenderedSql {
    this.recording = { refs: new Set(), sources: new Set() };
    try {
      const sql = render().trim().replace(/;\s*$/, '');
      return { sql, refs: [...this.recording.refs], sources: [...this.recording.sources] };
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    } finally {
      this.recording = null;
    }
  }

  private record(kind: 'refs' | 'sources', name: string): string {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${kind === 'refs' ? 'ref' : 'source'}(${JSON.stringify(name)}): not a table name`);
    this.recording?.[kind].add(name);
    return name;
  }
}
