import type { Target } from './compare.js';
import type { CellValue, TableResult, TableRowResult } from './collect.js';
import type { ValueFormat } from './definition.js';
import { formatValue, unitSuffix } from './format.js';

/** One column as the workbook and the page both lay it out. */
export interface DisplayColumn {
  kind: 'value' | 'change' | 'flag';
  /** The query column it shows. */
  column: string;
  header: string;
  format: ValueFormat;
  target: Target | null;
}

/** A table's columns in display order: each value, its change beside it when compared, and the highlight flag last. */
export function displayColumns(table: TableResult, previousWeekLabel: string): DisplayColumn[] {
  const columns: DisplayColumn[] = [];
  for (const column of table.columns) {
    columns.push({ kind: 'value', column: column.column, header: column.label + unitSuffix(column.format), format: column.format, target: column.target });
    if (column.compare) columns.push({ kind: 'change', column: column.column, header: `Δ vs ${previousWeekLabel}`, format: 'percent', target: null });
  }
  if (table.highlight && !table.columns.some((c) => c.column === table.highlight!.column)) {
    columns.push({ kind: 'flag', column: table.highlight.column, header: table.highlight.label, format: 'flag', target: null });
  }
  return columns;
}

export function cellValue(row: TableRowResult, column: DisplayColumn): CellValue {
  if (column.kind === 'change') return row.changes[column.column] ?? null;
  if (column.kind === 'flag') return row.highlighted;
  return row.values[column.column] ?? null;
}

/** '≤ 3:00', '≥ 85.0 %', '> 12.0 %', '0.5 – 0.9' */
export function describeTarget(target: Target | null, format: ValueFormat): string {
  if (!target) return '';
  const min = target.min === null ? null : formatValue(target.min, format);
  const max = target.max === null ? null : formatValue(target.max, format);
  if (min !== null && max !== null) return `${min} – ${max}`;
  if (min !== null) return `${target.exclusive ? '>' : '≥'} ${min}`;
  return `${target.exclusive ? '<' : '≤'} ${max}`;
}

export function onTargetText(onTarget: boolean | null): string {
  return onTarget === null ? '' : onTarget ? 'on target' : 'off target';
}
