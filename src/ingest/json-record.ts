import type { Emit } from './source.js';

export type JsonObject = Record<string, unknown>;

/** Parses one JSON record, or rejects it as malformed and returns null. */
export function parseJsonObject(text: string, line: number, emit: Emit): JsonObject | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    emit.reject(line, null, `malformed JSON (${(error as Error).message})`, text);
    return null;
  }
  if (!isObject(value)) {
    emit.reject(line, null, 'not a JSON object', text);
    return null;
  }
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string field (numbers are taken as their text), or null. */
export function stringField(object: unknown, key: string): string | null {
  if (!isObject(object)) return null;
  const value = object[key];
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function objectField(object: unknown, key: string): JsonObject | null {
  if (!isObject(object)) return null;
  const value = object[key];
  return isObject(value) ? value : null;
}

export function arrayField(object: unknown, key: string): unknown[] {
  if (!isObject(object)) return [];
  const value = object[key];
  return Array.isArray(value) ? value : [];
}
