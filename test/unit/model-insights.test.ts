// Insights over loaded deliveries: the statistics (src/model/insights.ts) and what the page is
// told to draw from them (src/insights/viewModel.ts), both pure and checked here in Node.
import assert from 'node:assert/strict';
import type { Delivery, Outcome } from '../../src/model/delivery';
import {
  chooseBucketWidth,
  computeInsights,
  nearestRank,
  newestFirst,
  statusClassOf,
  type Insights,
  type Tally,
} from '../../src/model/insights';
import { buildInsightsView, nextLoadTarget, type InsightsSource } from '../../src/insights/viewModel';
import { NO_FILTER } from '../../src/model/filter';
import { parseFromInsights } from '../../src/insights/protocol';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-23T12:00:00Z');

let sequence = 0;

function delivery(fields: Partial<Delivery> & { time?: number; outcome?: Outcome } = {}): Delivery {
  sequence++;
  const time = fields.time ?? T0;
  return {
    provider: 'handinger',
    id: fields.id ?? `d${String(sequence).padStart(6, '0')}`,
    containerId: 'wrk',
    createdAt: time > 0 ? new Date(time).toISOString() : '',
    time,
    outcome: fields.outcome ?? 'succeeded',
    raw: {},
    ...fields,
  };
}

/** A deterministic pseudo-random sequence, so the big cases are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function sum(tallies: readonly Tally[], key: 'total' | 'failed' | 'succeeded' | 'other'): number {
  return tallies.reduce((total, tally) => total + tally[key], 0);
}

/** Every time bucket is contiguous with the next, and none holds a delivery outside it. */
function assertTimelineConsistent(insights: Insights, deliveries: readonly Delivery[]): void {
  const { buckets, bucketMs } = insights.timeline;
  const byId = new Map(deliveries.map((d) => [d.id, d]));
  buckets.forEach((bucket, index) => {
    assert.equal(bucket.end - bucket.start, bucketMs);
    if (index > 0) {
      assert.equal(bucket.start, buckets[index - 1]!.end, 'buckets are contiguous');
    }
    assert.equal(bucket.ids.length, bucket.total);
    assert.equal(bucket.failed + bucket.succeeded + bucket.other, bucket.total);
    for (const id of bucket.ids) {
      const time = byId.get(id)!.time;
      assert.ok(time >= bucket.start && time < bucket.end, `${id} lies in its bucket`);
    }
  });
}

describe('Insights: outcome counts and success rate', () => {
  it('is all zeros and undefined for no deliveries', () => {
    const insights = computeInsights([]);
    assert.equal(insights.total, 0);
    assert.deepEqual(insights.counts, { succeeded: 0, failed: 0, pending: 0, disabled: 0, unknown: 0 });
    assert.equal(insights.successRate, undefined);
    assert.deepEqual(insights.failedIds, []);
    assert.deepEqual(insights.latency, { count: 0, p50: undefined, p95: undefined, max: undefined, slowIds: [], maxIds: [] });
    assert.deepEqual(insights.statusCodes, []);
    assert.deepEqual(insights.statusClasses, []);
    assert.deepEqual(insights.timeline.buckets, []);
    assert.equal(insights.timeline.undated.total, 0);
  });

  it('counts each outcome, and leaves pending, disabled and unknown out of the success rate', () => {
    const deliveries = [
      ...Array.from({ length: 3 }, () => delivery({ outcome: 'succeeded' })),
      delivery({ outcome: 'failed' }),
      delivery({ outcome: 'pending' }),
      delivery({ outcome: 'pending' }),
      delivery({ outcome: 'disabled' }),
      delivery({ outcome: 'unknown' }),
    ];
    const insights = computeInsights(deliveries);
    assert.deepEqual(insights.counts, { succeeded: 3, failed: 1, pending: 2, disabled: 1, unknown: 1 });
    assert.equal(insights.total, 8);
    assert.equal(insights.successRate, 0.75);
  });

  it('has no success rate when no delivery has finished', () => {
    const insights = computeInsights([delivery({ outcome: 'pending' }), delivery({ outcome: 'unknown' })]);
    assert.equal(insights.successRate, undefined);
  });

  it('gives 0 when all failed, and lists every failure newest first', () => {
    const deliveries = [0, 1, 2, 3].map((index) => delivery({ outcome: 'failed', time: T0 + index * MINUTE, httpStatus: 500 }));
    const insights = computeInsights(deliveries);
    assert.equal(insights.successRate, 0);
    assert.deepEqual(insights.failedIds, [...deliveries].reverse().map((d) => d.id));
    assert.equal(sum(insights.timeline.buckets, 'failed'), 4);
    assert.equal(sum(insights.timeline.buckets, 'succeeded'), 0);
    assert.deepEqual(
      insights.statusCodes.map((bucket) => [bucket.code, bucket.total, bucket.failed]),
      [[500, 4, 4]],
    );
  });

  it('describes a single delivery completely', () => {
    const only = delivery({ outcome: 'succeeded', httpStatus: 204, latencyMs: 87, time: T0 + 30_000 });
    const insights = computeInsights([only]);
    assert.equal(insights.successRate, 1);
    assert.deepEqual([insights.latency.p50, insights.latency.p95, insights.latency.max], [87, 87, 87]);
    assert.deepEqual(insights.latency.slowIds, [only.id]);
    assert.equal(insights.timeline.bucketMs, MINUTE);
    assert.deepEqual(
      insights.timeline.buckets.map((b) => [b.start, b.total, b.ids]),
      [[T0, 1, [only.id]]],
    );
    assert.deepEqual(
      insights.statusClasses.map((b) => [b.statusClass, b.total]),
      [['2xx', 1]],
    );
  });
});

describe('Insights: latency percentiles', () => {
  it('uses the nearest rank', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    assert.equal(nearestRank(hundred, 50), 50);
    assert.equal(nearestRank(hundred, 95), 95);
    assert.equal(nearestRank(hundred, 100), 100);
    assert.equal(nearestRank([10, 20], 50), 10);
    assert.equal(nearestRank([10, 20], 95), 20);
    assert.equal(nearestRank([7], 50), 7);
    assert.equal(nearestRank([], 50), undefined);
  });

  it('counts only deliveries that reported a usable latency', () => {
    const deliveries = [
      delivery({ latencyMs: 300 }),
      delivery({ latencyMs: 100 }),
      delivery({ latencyMs: 200 }),
      delivery({}),
      delivery({ latencyMs: Number.NaN }),
      delivery({ latencyMs: -5 }),
      delivery({ latencyMs: Number.POSITIVE_INFINITY }),
    ];
    const { latency } = computeInsights(deliveries);
    assert.equal(latency.count, 3);
    assert.deepEqual([latency.p50, latency.p95, latency.max], [200, 300, 300]);
  });

  it('has no figures when no delivery reported a latency', () => {
    const { latency } = computeInsights([delivery({}), delivery({ outcome: 'failed' })]);
    assert.deepEqual(latency, { count: 0, p50: undefined, p95: undefined, max: undefined, slowIds: [], maxIds: [] });
  });

  it('lists the deliveries at or above p95 slowest first, and those at the maximum', () => {
    const deliveries = Array.from({ length: 40 }, (_, index) => delivery({ latencyMs: (index + 1) * 10, time: T0 + index * 1000 }));
    deliveries.push(delivery({ id: 'tie', latencyMs: 400, time: T0 - 1000 }));
    const { latency } = computeInsights(deliveries);
    // 41 values: rank ceil(0.95 × 41) = 39 → 390.
    assert.equal(latency.p95, 390);
    assert.equal(latency.max, 400);
    const latencies = latency.slowIds.map((id) => (id === 'tie' ? 400 : deliveries.find((d) => d.id === id)!.latencyMs));
    assert.deepEqual(latencies, [400, 400, 390]);
    assert.deepEqual(new Set(latency.maxIds), new Set(['tie', deliveries[39]!.id]));
  });
});

describe('Insights: HTTP status distribution', () => {
  it('groups per code (ascending, no response last) and per class', () => {
    const codes = [200, 200, 201, 302, 404, 500, 503, 503, undefined, undefined, 99, 700, Number.NaN];
    const deliveries = codes.map((httpStatus) => delivery({ httpStatus, outcome: httpStatus !== undefined && httpStatus < 300 ? 'succeeded' : 'failed' }));
    const insights = computeInsights(deliveries);
    assert.deepEqual(
      insights.statusCodes.map((bucket) => [bucket.code, bucket.statusClass, bucket.total]),
      [
        [99, 'other', 1],
        [200, '2xx', 2],
        [201, '2xx', 1],
        [302, '3xx', 1],
        [404, '4xx', 1],
        [500, '5xx', 1],
        [503, '5xx', 2],
        [700, 'other', 1],
        [undefined, 'none', 3],
      ],
    );
    assert.deepEqual(
      insights.statusClasses.map((bucket) => [bucket.statusClass, bucket.total]),
      [
        ['2xx', 3],
        ['3xx', 1],
        ['4xx', 1],
        ['5xx', 3],
        ['other', 2],
        ['none', 3],
      ],
    );
    assert.equal(sum(insights.statusCodes, 'total'), deliveries.length, 'every delivery in exactly one code bucket');
    const ids = insights.statusCodes.flatMap((bucket) => bucket.ids);
    assert.equal(new Set(ids).size, deliveries.length);
  });

  it('classifies codes by their hundreds', () => {
    assert.equal(statusClassOf(299), '2xx');
    assert.equal(statusClassOf(300), '3xx');
    assert.equal(statusClassOf(499), '4xx');
    assert.equal(statusClassOf(599), '5xx');
    assert.equal(statusClassOf(600), 'other');
    assert.equal(statusClassOf(undefined), 'none');
  });
});

describe('Insights: failures over time', () => {
  it('chooses the narrowest width that keeps the buckets within the limit', () => {
    assert.deepEqual(chooseBucketWidth(0), { ms: MINUTE, unit: 'minute' });
    assert.deepEqual(chooseBucketWidth(30 * MINUTE), { ms: MINUTE, unit: 'minute' });
    assert.deepEqual(chooseBucketWidth(2 * HOUR), { ms: 5 * MINUTE, unit: 'minute' });
    assert.deepEqual(chooseBucketWidth(8 * HOUR), { ms: 15 * MINUTE, unit: 'minute' });
    assert.deepEqual(chooseBucketWidth(DAY), { ms: HOUR, unit: 'hour' });
    assert.deepEqual(chooseBucketWidth(7 * DAY), { ms: 6 * HOUR, unit: 'hour' });
    assert.deepEqual(chooseBucketWidth(30 * DAY), { ms: DAY, unit: 'day' });
    assert.deepEqual(chooseBucketWidth(365 * DAY), { ms: 14 * DAY, unit: 'week' });
    assert.deepEqual(chooseBucketWidth(2 * HOUR, 200), { ms: MINUTE, unit: 'minute' });
  });

  it('splits each bucket into failed, succeeded and other, oldest bucket first, empty ones kept', () => {
    const deliveries = [
      delivery({ time: T0 + 10 * MINUTE + 5_000, outcome: 'failed' }),
      delivery({ time: T0 + 10 * MINUTE + 1_000, outcome: 'succeeded' }),
      delivery({ time: T0 + 3 * MINUTE, outcome: 'pending' }),
      delivery({ time: T0, outcome: 'succeeded' }),
    ];
    const insights = computeInsights(deliveries);
    const { buckets } = insights.timeline;
    assert.equal(insights.timeline.bucketMs, MINUTE);
    assert.equal(buckets.length, 11);
    assert.equal(buckets[0]!.start, T0);
    assert.deepEqual(
      buckets.filter((b) => b.total > 0).map((b) => [(b.start - T0) / MINUTE, b.failed, b.succeeded, b.other]),
      [
        [0, 0, 1, 0],
        [3, 0, 0, 1],
        [10, 1, 1, 0],
      ],
    );
    assert.deepEqual(buckets[10]!.ids, [deliveries[0]!.id, deliveries[1]!.id], 'newest first within a bucket');
    assertTimelineConsistent(insights, deliveries);
  });

  it('counts deliveries without a time apart, outside every bucket', () => {
    const dated = [delivery({ time: T0 }), delivery({ time: T0 + HOUR, outcome: 'failed' })];
    const undated = [delivery({ time: 0, outcome: 'failed' }), delivery({ time: 0 }), delivery({ time: -5 }), delivery({ time: Number.NaN })];
    const insights = computeInsights([...undated, ...dated]);
    assert.equal(insights.timeline.undated.total, 4);
    assert.equal(insights.timeline.undated.failed, 1);
    assert.deepEqual(new Set(insights.timeline.undated.ids), new Set(undated.map((d) => d.id)));
    assert.equal(sum(insights.timeline.buckets, 'total'), 2);
    assert.equal(insights.timeline.buckets[0]!.start, T0, 'the axis starts at the oldest dated delivery, not at 1970');
    assert.equal(insights.total, 6, 'undated deliveries still count everywhere else');
  });

  it('has no buckets when no delivery has a time', () => {
    const insights = computeInsights([delivery({ time: 0 }), delivery({ time: 0, outcome: 'failed' })]);
    assert.deepEqual(insights.timeline.buckets, []);
    assert.equal(insights.timeline.undated.total, 2);
    assert.equal(insights.successRate, 0.5);
  });

  it('gives the same result whatever the input order', () => {
    const next = random(7);
    const deliveries = Array.from({ length: 300 }, (_, index) =>
      delivery({
        time: index % 37 === 0 ? 0 : T0 - Math.floor(next() * 3 * DAY),
        outcome: next() < 0.2 ? 'failed' : next() < 0.05 ? 'pending' : 'succeeded',
        httpStatus: next() < 0.1 ? undefined : next() < 0.8 ? 200 : 500,
        latencyMs: next() < 0.1 ? undefined : Math.round(next() * 2000),
      }),
    );
    const sorted = computeInsights(newestFirst(deliveries));
    assert.deepEqual(computeInsights(shuffled(deliveries, 1)), sorted);
    assert.deepEqual(computeInsights([...deliveries].reverse()), sorted);
    for (const bucket of sorted.timeline.buckets) {
      const times = bucket.ids.map((id) => deliveries.find((d) => d.id === id)!.time);
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'ids newest first');
    }
  });

  it('aligns buckets to local round times, and weeks to Mondays', () => {
    const offset = 2 * HOUR;
    const hourly = computeInsights([delivery({ time: T0 + 17 * MINUTE }), delivery({ time: T0 + 30 * HOUR })], { utcOffsetMs: offset });
    assert.equal(hourly.timeline.bucketMs, HOUR);
    for (const bucket of hourly.timeline.buckets) {
      assert.equal((bucket.start + offset) % HOUR, 0);
    }
    const daily = computeInsights([delivery({ time: T0 }), delivery({ time: T0 + 30 * DAY })], { utcOffsetMs: offset });
    assert.equal(daily.timeline.bucketMs, DAY);
    assert.equal((daily.timeline.buckets[0]!.start + offset) % DAY, 0, 'days start at local midnight');
    const weekly = computeInsights([delivery({ time: T0 }), delivery({ time: T0 + 200 * DAY })]);
    assert.equal(weekly.timeline.unit, 'week');
    assert.equal(new Date(weekly.timeline.buckets[0]!.start).getUTCDay(), 1, 'Monday');
  });

  it('stays within the bucket limit when one time is absurdly far away', () => {
    const deliveries = [delivery({ time: T0 }), delivery({ time: 8.64e15 }), delivery({ time: 1 })];
    const insights = computeInsights(deliveries);
    assert.ok(insights.timeline.buckets.length <= 48, `${insights.timeline.buckets.length} buckets`);
    assert.equal(sum(insights.timeline.buckets, 'total'), 3);
    assertTimelineConsistent(insights, deliveries);
  });
});

describe('Insights: 10,000 deliveries', () => {
  const next = random(42);
  const deliveries = Array.from({ length: 10_000 }, (_, index) => {
    const failed = next() < 0.07;
    return delivery({
      id: `big${index}`,
      time: index % 500 === 0 ? 0 : T0 - Math.floor(next() * 7 * DAY),
      outcome: failed ? 'failed' : next() < 0.02 ? 'pending' : 'succeeded',
      httpStatus: failed ? (next() < 0.5 ? 500 : undefined) : 200,
      latencyMs: next() < 0.05 ? undefined : Math.round(20 + next() * 800),
    });
  });

  it('computes everything quickly, with every delivery in exactly one bucket', () => {
    const started = performance.now();
    const insights = computeInsights(shuffled(deliveries, 3));
    const elapsed = performance.now() - started;
    // Quadratic work over 10,000 deliveries takes minutes; the bound leaves room for a loaded CI machine.
    assert.ok(elapsed < 5_000, `took ${elapsed.toFixed(0)} ms`);
    assert.equal(insights.total, 10_000);
    assert.equal(insights.timeline.undated.total, 20);
    assert.ok(insights.timeline.buckets.length <= 48);
    assert.equal(insights.timeline.bucketMs, 6 * HOUR);
    assert.equal(sum(insights.timeline.buckets, 'total') + insights.timeline.undated.total, 10_000);
    const inBuckets = insights.timeline.buckets.flatMap((bucket) => bucket.ids).concat(insights.timeline.undated.ids);
    assert.equal(new Set(inBuckets).size, 10_000);
    assertTimelineConsistent(insights, deliveries);
  });

  it('agrees with a plain computation of the rate and the percentiles', () => {
    const insights = computeInsights(deliveries);
    const succeeded = deliveries.filter((d) => d.outcome === 'succeeded').length;
    const failed = deliveries.filter((d) => d.outcome === 'failed').length;
    assert.equal(insights.successRate, succeeded / (succeeded + failed));
    assert.equal(insights.failedIds.length, failed);
    const latencies = deliveries.flatMap((d) => (d.latencyMs === undefined ? [] : [d.latencyMs])).sort((a, b) => a - b);
    assert.equal(insights.latency.count, latencies.length);
    assert.equal(insights.latency.p50, latencies[Math.ceil(0.5 * latencies.length) - 1]);
    assert.equal(insights.latency.p95, latencies[Math.ceil(0.95 * latencies.length) - 1]);
    assert.equal(insights.latency.max, latencies.at(-1));
    assert.equal(insights.statusCodes.find((bucket) => bucket.code === 500)!.total, deliveries.filter((d) => d.httpStatus === 500).length);
  });
});

// ---------------------------------------------------------------- the page's view model

function source(deliveries: readonly Delivery[], fields: Partial<InsightsSource> = {}): InsightsSource {
  return {
    id: 'handinger/worker/wrk_1',
    container: { provider: 'handinger', kind: 'worker', id: 'wrk_1', name: 'Order sync' },
    filter: NO_FILTER,
    deliveries,
    loaded: true,
    hasMore: false,
    ...fields,
  };
}

const VIEW = { revision: 3, locale: 'en-US', timeZone: 'UTC' } as const;

describe('Insights view model', () => {
  const deliveries = [
    delivery({ id: 'a', time: T0 + 2 * MINUTE, outcome: 'failed', httpStatus: 503, latencyMs: 1500 }),
    delivery({ id: 'b', time: T0 + MINUTE, outcome: 'succeeded', httpStatus: 200, latencyMs: 120 }),
    delivery({ id: 'c', time: T0, outcome: 'succeeded', httpStatus: 200, latencyMs: 80 }),
    delivery({ id: 'd', time: T0, outcome: 'succeeded', httpStatus: 200, latencyMs: 100 }),
    delivery({ id: 'e', time: 0, outcome: 'pending' }),
  ];

  it('names the node, what is loaded and the filters in the heading', () => {
    const { model } = buildInsightsView(
      source(deliveries, { hasMore: true, filter: { outcome: 'failed', text: 'timeout', eventType: 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED' } }),
      VIEW,
    );
    assert.equal(model.title, 'Insights: Order sync');
    assert.equal(model.heading.subtitle, 'Handinger worker · wrk_1');
    assert.equal(model.heading.loaded, '5 deliveries loaded · more on the server');
    assert.deepEqual(model.heading.notes, ['Server-side filter: Tool called', 'The tree’s filter (failed · “timeout”) is not applied here.']);
    assert.equal(model.loadMore?.label, 'Load up to 100');
    assert.equal(model.revision, 3);
  });

  it('offers no load button once everything is loaded', () => {
    const { model } = buildInsightsView(source(deliveries), VIEW);
    assert.equal(model.loadMore, undefined);
    assert.equal(model.heading.loaded, '5 deliveries loaded · all there are');
    assert.equal(nextLoadTarget(120), 250);
    assert.equal(nextLoadTarget(10_000), 20_000);
  });

  it('shows the rate and the latencies as big numbers, each clickable group pointing at its rows', () => {
    const { model } = buildInsightsView(source(deliveries), VIEW);
    const [rate, p50, p95, max] = model.figures;
    assert.equal(rate?.value, '75%');
    assert.equal(rate?.detail, '3 succeeded · 1 failed');
    assert.equal(rate?.note, '1 pending, disabled or unknown: not counted');
    assert.equal(rate?.tone, 'error');
    assert.equal(p50?.value, '100 ms');
    assert.equal(p95?.value, '1.5 sec');
    assert.equal(max?.value, '1.5 sec');
    const keys = (rows: readonly number[] | undefined): string[] => (rows ?? []).map((index) => model.rows[index]!.key);
    assert.deepEqual(keys(rate?.group?.rows), ['a']);
    assert.deepEqual(keys(max?.group?.rows), ['a']);
    assert.deepEqual(
      model.rows.map((row) => row.key),
      ['a', 'b', 'd', 'c', 'e'],
      'rows newest first (equal times by id, descending), undated last',
    );
  });

  it('labels time bars in the time zone given, and lists each bar’s deliveries', () => {
    const { model } = buildInsightsView(source(deliveries), VIEW);
    const bars = model.timeline.bars;
    assert.deepEqual(
      bars.map((bar) => [bar.axisLabel, bar.total, bar.failed]),
      [
        ['12:00 PM', 2, 0],
        ['12:01 PM', 1, 0],
        ['12:02 PM', 1, 1],
      ],
    );
    assert.equal(model.timeline.note, '1 minute per bar');
    assert.match(bars[2]!.description, /^Nov 23, 2026, 12:02\s*–\s*12:03\sPM: 1 failed, 0 succeeded, 0 other$/);
    assert.deepEqual(
      bars[0]!.rows.map((index) => model.rows[index]!.key),
      ['d', 'c'],
    );
    assert.equal(model.timeline.undated?.label, '1 delivery without a time (not in the chart)');
  });

  it('lists status codes with their reason, and classes with their share', () => {
    const { model } = buildInsightsView(source(deliveries), VIEW);
    assert.deepEqual(
      model.statuses.bars.map((bar) => [bar.key, bar.label, bar.countText]),
      [
        ['s:200', '200 OK', '3'],
        ['s:503', '503 Service Unavailable', '1'],
        ['s:none', 'No response', '1'],
      ],
    );
    assert.deepEqual(
      model.statuses.classes.map((chip) => [chip.label, chip.countText]),
      [
        ['2xx', '60%'],
        ['5xx', '20%'],
        ['No response', '20%'],
      ],
    );
  });

  it('shows hostile ids and titles as visible text, and keeps the raw id only to post back', () => {
    const hostile = delivery({ id: 'x\u202Egpj.exe', related: { kind: 'task', id: 't', title: '<img src=x onerror=alert(1)>\u0007' } });
    const { model } = buildInsightsView(source([hostile], { container: { provider: 'cadenya', kind: 'agent', id: 'a\u202E', name: 'Agent\u0000' } }), VIEW);
    const row = model.rows[0]!;
    assert.equal(row.key, 'x\u202Egpj.exe');
    assert.equal(row.id, 'x[U+202E]gpj.exe');
    assert.equal(row.event, '<img src=x onerror=alert(1)>[U+0007]');
    assert.equal(model.heading.name, 'Agent[U+0000]');
    assert.equal(model.heading.subtitle, 'Cadenya agent · a[U+202E]');
  });

  it('says so when nothing is loaded yet', () => {
    const { model } = buildInsightsView(source([], { loaded: false, hasMore: true }), VIEW);
    assert.equal(model.heading.loaded, 'Nothing loaded yet');
    assert.equal(model.figures[0]?.value, '—');
    assert.equal(model.figures[1]?.detail, 'No delivery reported a latency');
    assert.deepEqual(model.timeline.bars, []);
    assert.equal(model.timeline.emptyText, 'No deliveries loaded.');
    assert.equal(model.loadMore?.label, 'Load up to 100');
  });
});

describe('Insights page messages', () => {
  it('accepts the messages the page sends', () => {
    assert.deepEqual(parseFromInsights({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromInsights({ type: 'loadMore', count: 1e9 }), { type: 'loadMore' }, 'the page cannot choose how many');
    assert.deepEqual(parseFromInsights({ type: 'open', deliveryId: 'whe_1' }), { type: 'open', deliveryId: 'whe_1' });
    assert.deepEqual(parseFromInsights({ type: 'select' }), { type: 'select', selection: undefined });
    assert.deepEqual(parseFromInsights({ type: 'select', selection: 't:1' }), { type: 'select', selection: 't:1' });
    assert.deepEqual(parseFromInsights({ type: 'rendered', revision: 2, drawn: { timelineBars: 3, statusBars: 1, listedRows: 0 } }), {
      type: 'rendered',
      revision: 2,
      drawn: { timelineBars: 3, statusBars: 1, listedRows: 0 },
    });
  });

  it('drops anything malformed', () => {
    for (const message of [
      null,
      'ready',
      { type: 'eval' },
      { type: 'open', deliveryId: 42 },
      { type: 'select', selection: 7 },
      { type: 'select', selection: 'x'.repeat(201) },
      { type: 'rendered', revision: -1, drawn: { timelineBars: 0, statusBars: 0, listedRows: 0 } },
      { type: 'rendered', revision: 1, drawn: { timelineBars: 0.5, statusBars: 0, listedRows: 0 } },
      { type: 'rendered', revision: 1 },
    ]) {
      assert.equal(parseFromInsights(message), undefined, JSON.stringify(message));
    }
  });
});
