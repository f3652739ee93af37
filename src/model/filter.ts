// Per worker/agent filters. Outcome, status classes, text and the time range apply to what
// is loaded (views show `feed.visible()`); event type and objective id go to the server
// (Cadenya) and so change what is loaded, as does a time range that ends in the past (the
// feed then starts at the range's end instead of at the newest delivery).
import type { Delivery, Outcome } from './delivery';

export type OutcomeFilter = Exclude<Outcome, 'unknown' | 'disabled'> | 'all';

/** HTTP status classes, "no response" (no status, or 0), "retried" (more than one attempt), "slow". */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'none' | 'retried' | 'slow';

export const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'none', 'retried', 'slow'];

/** Status classes about the response; several of them widen the filter (any of them). */
const RESPONSE_CLASSES: ReadonlySet<StatusClass> = new Set(['2xx', '3xx', '4xx', '5xx', 'none']);

export const DEFAULT_SLOW_MS = 1_000;

export type RangePreset = '15m' | '1h' | '24h' | '7d';

export const RANGE_PRESETS: Readonly<Record<RangePreset, number>> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

/** A rolling preset ("the last hour", moving with the clock), or fixed bounds in epoch ms. */
export type TimeRange = { readonly preset: RangePreset } | { readonly from?: number; readonly to?: number };

export interface DeliveryFilter {
  readonly outcome: OutcomeFilter;
  readonly text?: string;
  readonly eventType?: string;
  readonly objectiveId?: string;
  /** Response classes (2xx…5xx, none) match any; 'retried' and 'slow' must each hold as well. */
  readonly classes?: readonly StatusClass[];
  /** Latency above which a delivery counts as slow; DEFAULT_SLOW_MS when absent. */
  readonly slowMs?: number;
  readonly range?: TimeRange;
}

export const NO_FILTER: DeliveryFilter = { outcome: 'all' };

export function isFiltered(filter: DeliveryFilter): boolean {
  return filter.outcome !== 'all' || Boolean(filter.text || filter.eventType || filter.objectiveId || filter.classes?.length || hasRange(filter.range));
}

export function hasRange(range: TimeRange | undefined): range is TimeRange {
  return range !== undefined && ('preset' in range || range.from !== undefined || range.to !== undefined);
}

/** The range's bounds now, in epoch ms (inclusive); a preset ends at no fixed time. */
export function rangeBounds(range: TimeRange | undefined, now: number): { from?: number; to?: number } {
  if (!range) {
    return {};
  }
  if ('preset' in range) {
    return { from: now - RANGE_PRESETS[range.preset] };
  }
  return { from: range.from, to: range.to };
}

/**
 * The time a range ends at when that is in the past: the feed starts there rather than at the
 * newest delivery. Undefined for presets and for ranges open at the top or ending later.
 */
export function rangeEndInPast(range: TimeRange | undefined, now: number): number | undefined {
  const to = rangeBounds(range, now).to;
  return to !== undefined && to < now ? to : undefined;
}

/** True when a change of filter needs a new request (server-side filters, or where the list starts). */
export function serverFiltersDiffer(a: DeliveryFilter, b: DeliveryFilter): boolean {
  return (
    (a.eventType ?? '') !== (b.eventType ?? '') ||
    (a.objectiveId ?? '') !== (b.objectiveId ?? '') ||
    fixedEnd(a.range) !== fixedEnd(b.range)
  );
}

function fixedEnd(range: TimeRange | undefined): number | undefined {
  return range && !('preset' in range) ? range.to : undefined;
}

/** The class of an HTTP status code: undefined is 'none'; a code outside 200–599 (0 included) is 'other'. */
export function httpStatusClass(code: number | undefined): '2xx' | '3xx' | '4xx' | '5xx' | 'other' | 'none' {
  if (code === undefined || !Number.isFinite(code)) {
    return 'none';
  }
  const hundreds = Math.floor(code / 100);
  return hundreds >= 2 && hundreds <= 5 ? (`${hundreds}xx` as '2xx' | '3xx' | '4xx' | '5xx') : 'other';
}

/** A delivery's response class for the filter: 0 is what the references send for "no response". */
export function statusClassOf(delivery: Delivery): '2xx' | '3xx' | '4xx' | '5xx' | 'none' | undefined {
  const status = delivery.httpStatus;
  if (status === undefined || status === 0) {
    return delivery.outcome === 'pending' || delivery.outcome === 'unknown' ? undefined : 'none';
  }
  const own = httpStatusClass(status);
  return own === 'other' ? undefined : own;
}

export function matchesClasses(delivery: Delivery, classes: readonly StatusClass[] | undefined, slowMs = DEFAULT_SLOW_MS): boolean {
  if (!classes || classes.length === 0) {
    return true;
  }
  const responses = classes.filter((value) => RESPONSE_CLASSES.has(value));
  if (responses.length > 0) {
    const own = statusClassOf(delivery);
    if (own === undefined || !responses.includes(own)) {
      return false;
    }
  }
  if (classes.includes('retried') && !((delivery.attemptCount ?? 1) > 1)) {
    return false;
  }
  if (classes.includes('slow') && !((delivery.latencyMs ?? 0) > slowMs)) {
    return false;
  }
  return true;
}

export function matchesFilter(delivery: Delivery, filter: DeliveryFilter, now = Date.now()): boolean {
  if (filter.outcome !== 'all' && delivery.outcome !== filter.outcome) {
    return false;
  }
  if (!matchesClasses(delivery, filter.classes, filter.slowMs)) {
    return false;
  }
  if (hasRange(filter.range)) {
    const { from, to } = rangeBounds(filter.range, now);
    // An undated delivery cannot be placed in a range.
    if (delivery.time <= 0 || (from !== undefined && delivery.time < from) || (to !== undefined && delivery.time > to)) {
      return false;
    }
  }
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    const haystack = [delivery.id, delivery.targetUrl, delivery.errorMessage, delivery.httpStatus?.toString()]
      .filter((value): value is string => Boolean(value))
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(text)) {
      return false;
    }
  }
  return true;
}

const PRESET_LABELS: Readonly<Record<RangePreset, string>> = {
  '15m': 'last 15 min',
  '1h': 'last hour',
  '24h': 'last 24 h',
  '7d': 'last 7 days',
};

export function presetLabel(preset: RangePreset): string {
  return PRESET_LABELS[preset];
}

/** "Nov 11, 14:00–14:15" in the user's time zone; the day is left out of the end when it is the same. */
export function describeRange(range: TimeRange, options: { locale?: string; timeZone?: string } = {}): string {
  if ('preset' in range) {
    return PRESET_LABELS[range.preset];
  }
  const day = new Intl.DateTimeFormat(options.locale, { month: 'short', day: 'numeric', timeZone: options.timeZone });
  const time = new Intl.DateTimeFormat(options.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: options.timeZone });
  const at = (ms: number): string => `${day.format(ms)}, ${time.format(ms)}`;
  const { from, to } = range;
  if (from !== undefined && to !== undefined) {
    return day.format(from) === day.format(to) ? `${at(from)}–${time.format(to)}` : `${at(from)} – ${at(to)}`;
  }
  if (from !== undefined) {
    return `since ${at(from)}`;
  }
  return to !== undefined ? `until ${at(to)}` : '';
}

export function describeClasses(classes: readonly StatusClass[] | undefined, slowMs = DEFAULT_SLOW_MS): string[] {
  return (classes ?? []).map((value) =>
    value === 'none' ? 'no response' : value === 'slow' ? `slow > ${slowMs >= 1000 ? `${slowMs / 1000} s` : `${slowMs} ms`}` : value,
  );
}

/** The parts of a filter, for a node description such as "failed · 5xx · “timeout” · last hour". */
export function describeFilter(filter: DeliveryFilter, eventLabel: (raw: string) => string, options: { locale?: string; timeZone?: string } = {}): string[] {
  const parts: string[] = [];
  if (filter.outcome !== 'all') {
    parts.push(filter.outcome);
  }
  parts.push(...describeClasses(filter.classes, filter.slowMs));
  if (filter.eventType) {
    parts.push(eventLabel(filter.eventType));
  }
  if (filter.objectiveId) {
    parts.push(filter.objectiveId);
  }
  if (filter.text) {
    parts.push(`“${filter.text}”`);
  }
  if (hasRange(filter.range)) {
    parts.push(describeRange(filter.range, options));
  }
  return parts;
}

/**
 * A local date-time typed by the user: "2026-11-11 14:00", "2026-11-11T14:00:30", "14:00"
 * (today), or an ISO string with a zone. Local means the time zone the clock runs in.
 */
export function parseDateTime(text: string, now: number): number | undefined {
  const value = text.trim();
  const timeOnly = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (timeOnly) {
    const date = new Date(now);
    const [hours, minutes, seconds] = [Number(timeOnly[1]), Number(timeOnly[2]), Number(timeOnly[3] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) {
      return undefined;
    }
    return new Date(date.getFullYear(), date.getMonth(), date.getDate(), hours, minutes, seconds).getTime();
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (local) {
    const [year, month, day, hours, minutes, seconds] = local.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    const date = new Date(year, month - 1, day, hours, minutes, seconds);
    // Rejects 2026-02-30 and 25:00 rather than rolling them over.
    if (date.getMonth() !== month - 1 || date.getDate() !== day || hours > 23 || minutes > 59 || seconds > 59) {
      return undefined;
    }
    return date.getTime();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}
