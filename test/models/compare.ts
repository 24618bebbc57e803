import { expect } from 'vitest';
import type { Row, Warehouse } from '../../src/warehouse/types.js';

const RELATIVE = 1e-9;

function sortKey(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(8));
  if (Array.isArray(value)) return value.map(sortKey);
  return value;
}

/** A table's rows in a canonical order (floats rounded only for ordering, never for comparing). */
export async function tableRows(warehouse: Warehouse, table: string): Promise<Row[]> {
  const rows = await warehouse.query(`SELECT * FROM ${table}`);
  return rows
    .map((row) => ({ row, key: JSON.stringify(Object.values(row).map(sortKey)) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.row);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    return Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => close(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && close(a[key], b[key]));
  }
  return a === b;
}

/** Asserts two engines produced the same table: same columns, same rows, floats within 1e-9 relative. */
export function expectSameRows(table: string, expected: Row[], actual: Row[], engine: string): void {
  expect(actual.length, `${table} on ${engine}: row count`).toBe(expected.length);
  if (expected.length === 0) return;
  expect(Object.keys(actual[0]), `${table} on ${engine}: columns`).toEqual(Object.keys(expected[0]));
  for (let i = 0; i < expected.length; i++) {
    for (const column of Object.keys(expected[i])) {
      const want = expected[i][column];
      const got = actual[i][column];
      if (!close(want, got)) {
        expect.fail(`${table} on ${engine}, row ${i}, ${column}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}\nrow: ${JSON.stringify(actual[i])}\nexpected row: ${JSON.stringify(expected[i])}`);
      }
    }
  }
}
