// Statistics over a worker's or agent's loaded deliveries, for the insights view: outcome
// counts, success rate, latency percentiles, HTTP status distribution and outcomes over
// time. Pure (no HTTP, no VS Code). Every group of deliveries (a time bucket, a status code)
// carries the ids it holds, newest first, so a click on its bar can list them.
import type { Delivery, Outcome } from './delivery';
import { httpStatusClass } from './filter';

export const OUTCOMES: readonly Outcome[] = ['succeeded', 'failed', 'pending', 'disabled', 'unknown'];

export type OutcomeCounts = Readonly<Record<Outcome, number>>;

/** Some deliveries, split the way the charts stack them. */
export interface Tally {
  readonly total: number;
  readonly failed: number;
  readonly succeeded: number;
  /** Pending, disabled and unknown: nothing to say yet about success. */
  readonly other: number;
  /** Newest first. */
  readonly ids: readonly string[];
}

/** `other` is a code outside 200–599; `none` is a delivery without an HTTP response. */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'other' | 'none';

export const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'other', 'none'];

export interface StatusCodeBucket extends Tally {
  /** Undefined for the deliveries that got no response. */
  readonly code: number | undefined;
  readonly statusClass: StatusClass;
}

export interface StatusClassBucket extends Tally {
  readonly statusClass: StatusClass;
}

export interface TimeBucket extends Tally {
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, exclusive. */
  readonly end: number;
}

export type BucketUnit = 'minute' | 'hour' | 'day' | 'week';

export interface Timeline {
  /** Width of every bucket in ms. */
  readonly bucketMs: number;
  /** The unit `bucketMs` is a whole number of: what a label of a bucket should show. */
  readonly unit: BucketUnit;
  /** Oldest first, contiguous (empty buckets included), so the axis is linear. */
  readonly buckets: readonly TimeBucket[];
  /** Deliveries without a usable time (time 0, as the model stores a missing one). */
  readonly undated: Tally;
}

export interface LatencyStats {
  /** How many deliveries reported a latency: the percentiles are over these only. */
  readonly count: number;
  /** Nearest-rank percentiles, in ms; undefined when no delivery reported a latency. */
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly max: number | undefined;
  /** Deliveries at or above p95, slowest first. */
  readonly slowIds: readonly string[];
  /** Deliveries whose latency is the maximum. */
  readonly maxIds: readonly string[];
}

export interface Insights {
  readonly total: number;
  readonly counts: OutcomeCounts;
  /**
   * succeeded / (succeeded + failed), from 0 to 1. Pending, disabled and unknown
   * deliveries are left out (they have no verdict yet); undefined when none has one.
   */
  readonly successRate: number | undefined;
  /** The failed deliveries, newest first. */
  readonly failedIds: readonly string[];
  readonly latency: LatencyStats;
  /** By code ascending; the "no response" bucket last. Empty codes are left out. */
  readonly statusCodes: readonly StatusCodeBucket[];
  /** In STATUS_CLASSES order; empty classes are left out. */
  readonly statusClasses: readonly StatusClassBucket[];
  readonly timeline: Timeline;
}

export interface InsightsOptions {
  /** At most this many time buckets (the width grows until they fit). Default 48. */
  readonly maxBuckets?: number;
  /**
   * Added to epoch ms before aligning buckets, so that hours and days start at local
   * midnight: `-new Date().getTimezoneOffset() * 60_000`. Default 0 (UTC).
   */
  readonly utcOffsetMs?: number;
}

export const DEFAULT_MAX_BUCKETS = 48;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Bucket widths tried in order; past the last, whole weeks. */
const WIDTHS: ReadonlyArray<readonly [number, BucketUnit]> = [
  [MINUTE, 'minute'],
  [5 * MINUTE, 'minute'],
  [15 * MINUTE, 'minute'],
  [30 * MINUTE, 'minute'],
  [HOUR, 'hour'],
  [3 * HOUR, 'hour'],
  [6 * HOUR, 'hour'],
  [12 * HOUR, 'hour'],
  [DAY, 'day'],
  [WEEK, 'week'],
];

/** A delivery time the timeline can place: 0 (missing), negative and non-finite are not. */
export function isDated(time: number): boolean {
  return Number.isFinite(time) && time > 0;
}

/** Newest first; undated ones last; equal times by id, so the order never depends on the input's. */
export function newestFirst(deliveries: readonly Delivery[]): Delivery[] {
  const key = (delivery: Delivery): number => (isDated(delivery.time) ? delivery.time : Number.NEGATIVE_INFINITY);
  return [...deliveries].sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A status code's class (one definition, shared with the filter's status classes). */
export const statusClassOf: (code: number | undefined) => StatusClass = httpStatusClass;

/** Nearest-rank percentile of values sorted ascending (p in 0–100); undefined when empty. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) {
    return undefined;
  }
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * The narrowest width from WIDTHS (then whole weeks) that covers `spanMs` in at most
 * `maxBuckets` buckets, counting the partial buckets at both ends.
 */
export function chooseBucketWidth(spanMs: number, maxBuckets: number = DEFAULT_MAX_BUCKETS): { ms: number; unit: BucketUnit } {
  const limit = Math.max(2, Math.floor(maxBuckets));
  for (const [ms, unit] of WIDTHS) {
    if (Math.floor(spanMs / ms) + 2 <= limit) {
      return { ms, unit };
    }
  }
  const weeks = Math.max(1, Math.ceil(spanMs / WEEK / (limit - 2)));
  return { ms: weeks * WEEK, unit: 'week' };
}

/** The start of the bucket holding `time`: weeks start on Monday, the rest at local round times. */
function bucketStart(time: number, width: number, unit: BucketUnit, offset: number): number {
  // Epoch day 0 was a Thursday; Monday the 5th is where weeks line up.
  const origin = (unit === 'week' ? 4 * DAY : 0) - offset;
  return origin + Math.floor((time - origin) / width) * width;
}

class TallyBuilder {
  total = 0;
  failed = 0;
  succeeded = 0;
  other = 0;
  readonly ids: string[] = [];

  add(delivery: Delivery): void {
    this.total++;
    if (delivery.outcome === 'failed') {
      this.failed++;
    } else if (delivery.outcome === 'succeeded') {
      this.succeeded++;
    } else {
      this.other++;
    }
    this.ids.push(delivery.id);
  }

  build(): Tally {
    return { total: this.total, failed: this.failed, succeeded: this.succeeded, other: this.other, ids: this.ids };
  }
}

function latencyStats(sorted: readonly Delivery[]): LatencyStats {
  const timed = sorted.filter((d) => d.latencyMs !== undefined && Number.isFinite(d.latencyMs) && d.latencyMs >= 0);
  const values = Float64Array.from(timed, (d) => d.latencyMs ?? 0).sort();
  const p50 = nearestRank(values, 50);
  const p95 = nearestRank(values, 95);
  const max = values.length > 0 ? values[values.length - 1] : undefined;
  const slowest = timed.filter((d) => p95 !== undefined && (d.latencyMs ?? 0) >= p95);
  // Slowest first; equal latencies keep their newest-first order (the sort is stable).
  slowest.sort((a, b) => (b.latencyMs ?? 0) - (a.latencyMs ?? 0));
  return {
    count: values.length,
    p50,
    p95,
    max,
    slowIds: slowest.map((d) => d.id),
    maxIds: slowest.filter((d) => d.latencyMs === max).map((d) => d.id),
  };
}

function timeline(sorted: readonly Delivery[], options: InsightsOptions): Timeline {
  const undated = new TallyBuilder();
  let oldest = Number.POSITIVE_INFINITY;
  let newest = Number.NEGATIVE_INFINITY;
  for (const delivery of sorted) {
    if (isDated(delivery.time)) {
      oldest = Math.min(oldest, delivery.time);
      newest = Math.max(newest, delivery.time);
    } else {
      undated.add(delivery);
    }
  }
  if (oldest > newest) {
    return { bucketMs: MINUTE, unit: 'minute', buckets: [], undated: undated.build() };
  }
  const offset = options.utcOffsetMs ?? 0;
  const { ms, unit } = chooseBucketWidth(newest - oldest, options.maxBuckets ?? DEFAULT_MAX_BUCKETS);
  const first = bucketStart(oldest, ms, unit, offset);
  const count = Math.floor((bucketStart(newest, ms, unit, offset) - first) / ms) + 1;
  const builders = Array.from({ length: count }, () => new TallyBuilder());
  for (const delivery of sorted) {
    if (isDated(delivery.time)) {
      builders[Math.floor((delivery.time - first) / ms)]?.add(delivery);
    }
  }
  const buckets = builders.map((builder, index) => ({ ...builder.build(), start: first + index * ms, end: first + (index + 1) * ms }));
  return { bucketMs: ms, unit, buckets, undated: undated.build() };
}

function statusBuckets(sorted: readonly Delivery[]): { codes: StatusCodeBucket[]; classes: StatusClassBucket[] } {
  const byCode = new Map<number | undefined, TallyBuilder>();
  const byClass = new Map<StatusClass, TallyBuilder>();
  for (const delivery of sorted) {
    const code = delivery.httpStatus !== undefined && Number.isFinite(delivery.httpStatus) ? delivery.httpStatus : undefined;
    const statusClass = statusClassOf(code);
    let forCode = byCode.get(code);
    if (!forCode) {
      forCode = new TallyBuilder();
      byCode.set(code, forCode);
    }
    forCode.add(delivery);
    let forClass = byClass.get(statusClass);
    if (!forClass) {
      forClass = new TallyBuilder();
      byClass.set(statusClass, forClass);
    }
    forClass.add(delivery);
  }
  const codes = [...byCode.entries()]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : a - b))
    .map(([code, builder]) => ({ ...builder.build(), code, statusClass: statusClassOf(code) }));
  const classes = STATUS_CLASSES.flatMap((statusClass) => {
    const builder = byClass.get(statusClass);
    return builder ? [{ ...builder.build(), statusClass }] : [];
  });
  return { codes, classes };
}

export function computeInsights(deliveries: readonly Delivery[], options: InsightsOptions = {}): Insights {
  const sorted = newestFirst(deliveries);
  const counts: Record<Outcome, number> = { succeeded: 0, failed: 0, pending: 0, disabled: 0, unknown: 0 };
  for (const delivery of sorted) {
    // An outcome outside the model (from a restored state, say) counts as unknown.
    counts[OUTCOMES.includes(delivery.outcome) ? delivery.outcome : 'unknown']++;
  }
  const decided = counts.succeeded + counts.failed;
  const statuses = statusBuckets(sorted);
  return {
    total: sorted.length,
    counts,
    successRate: decided > 0 ? counts.succeeded / decided : undefined,
    failedIds: sorted.filter((delivery) => delivery.outcome === 'failed').map((delivery) => delivery.id),
    latency: latencyStats(sorted),
    statusCodes: statuses.codes,
    statusClasses: statuses.classes,
    timeline: timeline(sorted, options),
  };
}
