import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { readSchemaFile } from '../../src/transform/schema-docs.js';

describe('docs/metrics.md', () => {
  it('lists every mart with exactly the columns its schema.yml documents', () => {
    const documented = Object.fromEntries(
      readSchemaFile(projectPath('models', 'marts', 'schema.yml')).map((model) => [model.name, model.columns.map((column) => column.name).join(', ')]),
    );
    const listed = Object.fromEntries(
      readFileSync(projectPath('docs', 'metrics.md'), 'utf8')
        .split('\n')
        .map((line) => /^\| `(mart_[a-z_]+)` \| [^|]+ \| ([^|]+) \|$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => [match[1], match[2].trim()]),
    );
    expect(listed).toEqual(documented);
  });
});
