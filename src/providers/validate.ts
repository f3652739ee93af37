// Tiny type guards for reading untrusted JSON. Structure a page cannot work without
// (the list, an item's id) is checked by the callers and fails as 'malformed'; a single
// field of the wrong type reads as absent, so one odd value never sinks a whole page.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optString(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** A string that is present and not empty. */
export function optText(record: JsonRecord, key: string): string | undefined {
  const value = optString(record, key);
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function optNumber(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A count sent as a number or as decimal text (int64 fields travel as strings in JSON). */
export function optCount(record: JsonRecord, key: string): number | undefined {
  const value = record[key];
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    const parsed = Number(value);
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function optRecord(record: JsonRecord, key: string): JsonRecord | undefined {
  const value = record[key];
  return isRecord(value) ? value : undefined;
}

/** A string→string map; entries whose value is not a string are dropped. */
export function optStringMap(record: JsonRecord, key: string): Record<string, string> | undefined {
  const value = optRecord(record, key);
  if (value === undefined) {
    return undefined;
  }
  // A plain loop: this runs for every delivery of every page. defineProperty keeps a
  // `__proto__` key an own property, as Object.fromEntries did.
  const result: Record<string, string> = {};
  for (const name of Object.keys(value)) {
    const item = value[name];
    if (typeof item === 'string') {
      if (name === '__proto__') {
        Object.defineProperty(result, name, { value: item, enumerable: true, writable: true, configurable: true });
      } else {
        result[name] = item;
      }
    }
  }
  return result;
}

/** Parses JSON text without throwing; the caller decides what "not JSON" means. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
