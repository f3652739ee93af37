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
  const value = record[key];
  return typeof value === 'string' && !isBlank(value) ? value : undefined;
}

/** Empty or only whitespace. A printable ASCII first character settles it without trim(). */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first > 32 && first < 127) && text.trim() === '';
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
  if (typeof value === 'string' && (isDigits(value) || /^\s*\d+\s*$/.test(value))) {
    const parsed = Number(value);
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Only ASCII digits, at least one: the usual form of a count sent as text, checked without a regex. */
function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) {
      return false;
    }
  }
  return text.length > 0;
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
  // This runs for every delivery of every page, and usually every value is a string: the
  // parsed map is then the answer itself (nothing in the model writes to it).
  const names = Object.keys(value);
  if (names.every((name) => typeof value[name] === 'string')) {
    return value as Record<string, string>;
  }
  const result: Record<string, string> = {};
  for (const name of names) {
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
