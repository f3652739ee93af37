// Named filters kept in user settings (so Settings Sync carries them), applied to any worker
// or agent. The settings file is user-editable text: every entry is read defensively and one
// that cannot be read is skipped, never thrown. No vscode here.
import {
  RANGE_PRESETS,
  STATUS_CLASSES,
  type DeliveryFilter,
  type OutcomeFilter,
  type RangePreset,
  type StatusClass,
  type TimeRange,
} from './filter';

/** One entry as stored in `webhookDeliveries.savedFilters`. */
export interface StoredFilter {
  name: string;
  outcome?: OutcomeFilter;
  text?: string;
  eventType?: string;
  classes?: StatusClass[];
  slowMs?: number;
  /** A preset name, or fixed bounds as ISO date-times. */
  range?: { preset: RangePreset } | { from?: string; to?: string };
}

export interface SavedFilter {
  readonly name: string;
  /** Without the objective id, which belongs to one agent's objectives. */
  readonly filter: DeliveryFilter;
}

const OUTCOMES: readonly OutcomeFilter[] = ['all', 'failed', 'succeeded', 'pending'];
const MAX_NAME = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function readRange(value: unknown): TimeRange | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  if (typeof value['preset'] === 'string') {
    return Object.hasOwn(RANGE_PRESETS, value['preset']) ? { preset: value['preset'] as RangePreset } : undefined;
  }
  const from = isoTime(value['from']);
  const to = isoTime(value['to']);
  if (from === undefined && to === undefined) {
    return undefined;
  }
  return from !== undefined && to !== undefined && from > to ? undefined : { from, to };
}

/** Reads one stored entry; undefined when it has no usable name. Unknown parts are dropped. */
export function readSavedFilter(value: unknown): SavedFilter | undefined {
  if (!isRecord(value) || typeof value['name'] !== 'string' || !value['name'].trim()) {
    return undefined;
  }
  const outcome = OUTCOMES.includes(value['outcome'] as OutcomeFilter) ? (value['outcome'] as OutcomeFilter) : 'all';
  const classes = Array.isArray(value['classes']) ? value['classes'].filter((item): item is StatusClass => STATUS_CLASSES.includes(item as StatusClass)) : [];
  const slowMs = typeof value['slowMs'] === 'number' && Number.isFinite(value['slowMs']) && value['slowMs'] > 0 ? Math.round(value['slowMs']) : undefined;
  const text = typeof value['text'] === 'string' && value['text'].trim() ? value['text'].trim() : undefined;
  const eventType = typeof value['eventType'] === 'string' && value['eventType'].trim() ? value['eventType'].trim() : undefined;
  const range = readRange(value['range']);
  const filter: DeliveryFilter = {
    outcome,
    ...(text ? { text } : {}),
    ...(eventType ? { eventType } : {}),
    ...(classes.length > 0 ? { classes: [...new Set(classes)] } : {}),
    ...(slowMs !== undefined ? { slowMs } : {}),
    ...(range ? { range } : {}),
  };
  return { name: value['name'].trim().slice(0, MAX_NAME), filter };
}

/** Every readable entry of the setting, the first of each name (names compare without case). */
export function readSavedFilters(value: unknown): SavedFilter[] {
  const result: SavedFilter[] = [];
  const seen = new Set<string>();
  for (const entry of Array.isArray(value) ? value : []) {
    const saved = readSavedFilter(entry);
    if (saved && !seen.has(saved.name.toLowerCase())) {
      seen.add(saved.name.toLowerCase());
      result.push(saved);
    }
  }
  return result;
}

/** The entry to store for a filter under a name (objective ids are not kept). */
export function toStoredFilter(name: string, filter: DeliveryFilter): StoredFilter {
  const stored: StoredFilter = { name: name.trim().slice(0, MAX_NAME) };
  if (filter.outcome !== 'all') {
    stored.outcome = filter.outcome;
  }
  if (filter.text) {
    stored.text = filter.text;
  }
  if (filter.eventType) {
    stored.eventType = filter.eventType;
  }
  if (filter.classes?.length) {
    stored.classes = [...filter.classes];
  }
  if (filter.slowMs !== undefined) {
    stored.slowMs = filter.slowMs;
  }
  const range = filter.range;
  if (range) {
    stored.range =
      'preset' in range
        ? { preset: range.preset }
        : {
            ...(range.from !== undefined ? { from: new Date(range.from).toISOString() } : {}),
            ...(range.to !== undefined ? { to: new Date(range.to).toISOString() } : {}),
          };
  }
  return stored;
}

/** A saved filter's entries after saving `stored`: it replaces an entry of the same name (any case). */
export function withSaved(current: unknown, stored: StoredFilter): unknown[] {
  const entries: unknown[] = Array.isArray(current) ? (current as unknown[]) : [];
  const name = stored.name.toLowerCase();
  const kept = entries.filter((entry) => !(isRecord(entry) && typeof entry['name'] === 'string' && entry['name'].trim().toLowerCase() === name));
  return [...kept, stored];
}

export function withoutSaved(current: unknown, name: string): unknown[] {
  const entries: unknown[] = Array.isArray(current) ? (current as unknown[]) : [];
  const lower = name.trim().toLowerCase();
  return entries.filter((entry) => !(isRecord(entry) && typeof entry['name'] === 'string' && entry['name'].trim().toLowerCase() === lower));
}

/**
 * The filter a saved one gives a worker or agent: the node's objective id stays (it is the
 * node's own), and an event type is dropped where the provider cannot filter by it.
 */
export function appliedFilter(saved: SavedFilter, current: DeliveryFilter, eventTypes: boolean): { filter: DeliveryFilter; dropped: string[] } {
  const dropped: string[] = [];
  const { eventType, ...rest } = saved.filter;
  if (eventType && !eventTypes) {
    dropped.push('eventType');
  }
  return {
    filter: { ...rest, ...(eventType && eventTypes ? { eventType } : {}), ...(current.objectiveId ? { objectiveId: current.objectiveId } : {}) },
    dropped,
  };
}
