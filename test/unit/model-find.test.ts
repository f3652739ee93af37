// Finding deliveries, the parts without HTTP: filters by status class and time range, dates
// typed by the user, saved filters read from a hand-edited settings file, ULID times in ids,
// and the binary search over numbered pages while deliveries keep arriving.

import assert from 'node:assert/strict';
import type { Delivery, DeliveryPage } from '../../src/model/delivery';
import {
  describeFilter,
  isFiltered,
  matchesFilter,
  parseDateTime,
  rangeEndInPast,
  serverFiltersDiffer,
  statusClassOf,
  type DeliveryFilter,
} from '../../src/model/filter';
import { appliedFilter, readSavedFilters, toStoredFilter, withSaved, withoutSaved } from '../../src/model/savedFilters';
import { ulidTime } from '../../src/model/seek';
import { Random, ulid } from '../sample-server/random';
import { readOnIsCheaper, seekByPageNumber } from '../../src/providers/handinger/seek';
import { looksLikeId, providerOfId } from '../../src/find/ids';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const MINUTE = 60_000;

function delivery(fields: Partial<Delivery> = {}): Delivery {
  return { provider: 'handinger', id: 'whe_x', containerId: 'w', createdAt: '', time: NOW - MINUTE, outcome: 'succeeded', httpStatus: 200, raw: {}, ...fields };
}

describe('Find: status classes', () => {
  it('puts 0 and a missing status of a finished delivery in "no response", and a pending one in none', () => {
    assert.equal(statusClassOf(delivery({ httpStatus: 0, outcome: 'failed' })), 'none');
    assert.equal(statusClassOf(delivery({ httpStatus: undefined, outcome: 'failed' })), 'none');
    assert.equal(statusClassOf(delivery({ httpStatus: undefined, outcome: 'pending' })), undefined);
    assert.equal(statusClassOf(delivery({ httpStatus: 302 })), '3xx');
    assert.equal(statusClassOf(delivery({ httpStatus: 422 })), '4xx');
    assert.equal(statusClassOf(delivery({ httpStatus: 503 })), '5xx');
  });

  it('matches any response class, and retried and slow on top of it, combined with outcome and text', () => {
    const filter: DeliveryFilter = { outcome: 'failed', classes: ['4xx', '5xx', 'retried'], text: 'timeout' };
    const base = { outcome: 'failed' as const, attemptCount: 3, errorMessage: 'upstream timeout' };
    assert.equal(matchesFilter(delivery({ ...base, httpStatus: 504 }), filter, NOW), true);
    assert.equal(matchesFilter(delivery({ ...base, httpStatus: 404 }), filter, NOW), true);
    assert.equal(matchesFilter(delivery({ ...base, httpStatus: 0 }), filter, NOW), false, 'no response is not 4xx or 5xx');
    assert.equal(matchesFilter(delivery({ ...base, httpStatus: 504, attemptCount: 1 }), filter, NOW), false, 'not retried');
    assert.equal(matchesFilter(delivery({ ...base, httpStatus: 504, errorMessage: 'refused' }), filter, NOW), false, 'text');
    assert.equal(matchesFilter(delivery({ ...base, httpStatus: 504, outcome: 'succeeded' }), filter, NOW), false, 'outcome');
    const slow: DeliveryFilter = { outcome: 'all', classes: ['slow'], slowMs: 2_000 };
    assert.equal(matchesFilter(delivery({ latencyMs: 2_001 }), slow, NOW), true);
    assert.equal(matchesFilter(delivery({ latencyMs: 2_000 }), slow, NOW), false);
    assert.equal(matchesFilter(delivery({ latencyMs: undefined }), slow, NOW), false);
    assert.deepEqual(describeFilter({ outcome: 'failed', classes: ['5xx', 'none', 'slow'], slowMs: 1500 }, (raw) => raw), ['failed', '5xx', 'no response', 'slow > 1.5 s']);
  });
});

describe('Find: time ranges', () => {
  it('a preset rolls with the clock and never restarts the list; a fixed end in the past does', () => {
    const hour: DeliveryFilter = { outcome: 'all', range: { preset: '1h' } };
    assert.equal(matchesFilter(delivery({ time: NOW - 59 * MINUTE }), hour, NOW), true);
    assert.equal(matchesFilter(delivery({ time: NOW - 61 * MINUTE }), hour, NOW), false);
    assert.equal(matchesFilter(delivery({ time: NOW - 59 * MINUTE }), hour, NOW + 2 * MINUTE), false, 'two minutes later it has left the last hour');
    assert.equal(matchesFilter(delivery({ time: 0 }), hour, NOW), false, 'an undated delivery is in no range');
    assert.equal(rangeEndInPast(hour.range, NOW), undefined);
    assert.equal(serverFiltersDiffer({ outcome: 'all' }, hour), false);
    const past: DeliveryFilter = { outcome: 'all', range: { from: NOW - 21 * 24 * 60 * MINUTE, to: NOW - 21 * 24 * 60 * MINUTE + 15 * MINUTE } };
    assert.equal(rangeEndInPast(past.range, NOW), past.range && 'to' in past.range ? past.range.to : -1);
    assert.equal(serverFiltersDiffer({ outcome: 'all' }, past), true);
    assert.equal(isFiltered(past), true);
  });

  it('names the range in the user’s time zone, the day once when it is the same', () => {
    const from = Date.UTC(2026, 10, 11, 13, 0);
    const to = Date.UTC(2026, 10, 11, 13, 15);
    assert.deepEqual(describeFilter({ outcome: 'all', range: { from, to } }, (raw) => raw, { locale: 'en-US', timeZone: 'Europe/Madrid' }), ['Nov 11, 14:00–14:15']);
    assert.deepEqual(describeFilter({ outcome: 'all', range: { preset: '15m' } }, (raw) => raw), ['last 15 min']);
  });

  it('reads dates as typed, in local time, and refuses impossible ones', () => {
    const now = new Date(2026, 11, 2, 16, 30).getTime();
    assert.equal(parseDateTime('2026-11-11 14:00', now), new Date(2026, 10, 11, 14, 0).getTime());
    assert.equal(parseDateTime('2026-11-11T14:00:30', now), new Date(2026, 10, 11, 14, 0, 30).getTime());
    assert.equal(parseDateTime('09:15', now), new Date(2026, 11, 2, 9, 15).getTime());
    assert.equal(parseDateTime('2026-11-11T14:00:00Z', now), Date.UTC(2026, 10, 11, 14, 0));
    for (const bad of ['2026-02-30 10:00', '25:00', '2026-11-11 14:60', 'yesterday', '']) {
      assert.equal(parseDateTime(bad, now), undefined, bad);
    }
  });
});

describe('Find: saved filters from a hand-edited settings file', () => {
  it('keeps what it can read, drops the rest, and never throws', () => {
    const saved = readSavedFilters([
      { name: 'Failures this morning', outcome: 'failed', classes: ['5xx', 'nonsense'], range: { from: '2026-12-02T06:00:00Z', to: '2026-12-02T12:00:00Z' } },
      { name: 'failures THIS morning', outcome: 'succeeded' },
      { name: '   ' },
      { name: 'Odd', outcome: 'exploded', slowMs: -5, range: { preset: '3y' }, text: 42 },
      'not an object',
      null,
    ]);
    assert.deepEqual(
      saved.map((entry) => entry.name),
      ['Failures this morning', 'Odd'],
    );
    assert.deepEqual(saved[0]!.filter, { outcome: 'failed', classes: ['5xx'], range: { from: Date.UTC(2026, 11, 2, 6), to: Date.UTC(2026, 11, 2, 12) } });
    assert.deepEqual(saved[1]!.filter, { outcome: 'all' });
    assert.deepEqual(readSavedFilters({ name: 'not a list' }), []);
  });

  it('round-trips a filter, replaces one of the same name, and applies without the event type on Handinger', () => {
    const filter: DeliveryFilter = { outcome: 'failed', text: 'timeout', eventType: 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED', classes: ['retried'], range: { preset: '24h' }, objectiveId: 'obj_1' };
    const stored = toStoredFilter(' Retried timeouts ', filter);
    assert.equal(stored.name, 'Retried timeouts');
    assert.equal('objectiveId' in stored, false, 'objective ids belong to one agent');
    const entries = withSaved([{ name: 'retried TIMEOUTS', outcome: 'all' }, { name: 'Other' }], stored);
    assert.deepEqual(entries.map((entry) => (entry as { name: string }).name), ['Other', 'Retried timeouts']);
    const [, again] = readSavedFilters(entries);
    assert.deepEqual(again!.filter, { outcome: 'failed', text: 'timeout', eventType: 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED', classes: ['retried'], range: { preset: '24h' } });
    const onHandinger = appliedFilter(again!, { outcome: 'all' }, false);
    assert.equal(onHandinger.filter.eventType, undefined);
    assert.deepEqual(onHandinger.dropped, ['eventType']);
    const onAgent = appliedFilter(again!, { outcome: 'all', objectiveId: 'obj_9' }, true);
    assert.equal(onAgent.filter.objectiveId, 'obj_9', 'the agent keeps its own objective');
    assert.deepEqual(withoutSaved(entries, 'retried timeouts'), [{ name: 'Other' }]);
  });
});

describe('Find: ids', () => {
  it('reads the creation time from a ULID after a prefix, and nothing from other ids', () => {
    // A ULID minted at a known time, as the sample server mints them.
    const time = Date.UTC(2026, 10, 11, 14, 7, 3, 250);
    const minted = ulid(time, new Random(7));
    assert.equal(ulidTime(`whe_${minted}`), time);
    assert.equal(ulidTime(`whd_${minted.toLowerCase()}`), time);
    assert.equal(ulidTime(minted), time);
    assert.equal(ulidTime('whe_short'), undefined);
    assert.equal(ulidTime('wrk_vk81XUHKHG-qr4'), undefined);
    assert.equal(ulidTime(`whe_${'Z'.repeat(26)}`), undefined, 'starts above 7: not a ULID');
    assert.equal(providerOfId(`whe_${minted}`), 'handinger');
    assert.equal(providerOfId(`whd_${minted}`), 'cadenya');
    assert.equal(looksLikeId(`whd_${minted}`), true);
    assert.equal(looksLikeId('timeout 502'), false);
  });
});

describe('Find: binary search over numbered pages', () => {
  /** A newest-first list one minute apart, read at an offset as it stood at a total (as paging.ts does). */
  function server(count: number, pageSize = 50): { items: Delivery[]; reads: number[]; arriveDuring?: (read: number) => number } & { readAt: (offset: number, total: number | undefined) => Promise<DeliveryPage> } {
    const state = {
      items: Array.from({ length: count }, (_, index) => delivery({ id: `d${count - index}`, time: NOW - index * MINUTE })),
      reads: [] as number[],
      arriveDuring: undefined as ((read: number) => number) | undefined,
      readAt(offset: number, total: number | undefined): Promise<DeliveryPage> {
        const arriving = state.arriveDuring?.(state.reads.length) ?? 0;
        for (let i = 0; i < arriving; i++) {
          const top = state.items[0]!;
          state.items.unshift(delivery({ id: `n${state.items.length}`, time: top.time + 1 }));
        }
        const shift = total === undefined ? 0 : state.items.length - total;
        const start = offset + shift;
        const end = (Math.floor(start / pageSize) + 1) * pageSize;
        state.reads.push(start);
        return Promise.resolve({ items: state.items.slice(start, end), continuation: end < state.items.length ? String(end) : undefined, totalCount: state.items.length });
      },
    };
    return state;
  }

  const position = (offset: number, total: number | undefined): string => `${offset}@${total ?? '-'}`;

  for (const [label, pagesBack] of [['the newest page', 0], ['page 2', 1.5], ['page 150', 149.2], ['the last page', 239.9]] as const) {
    it(`finds ${label} of 240 in at most log2(pages) + 3 reads`, async () => {
      const store = server(12_000);
      const wanted = store.items[Math.floor(pagesBack * 50)]!;
      const result = await seekByPageNumber(store.readAt, position, { before: wanted.time });
      assert.ok(result.page.items.some((item) => item.id === wanted.id), `the page holds ${wanted.id}`);
      assert.ok(result.requests <= Math.log2(240) + 3, `${result.requests} reads`);
      assert.equal(result.passed, Math.floor((pagesBack * 50) / 50) * 50);
    });
  }

  it('reads on to a delivery when that takes no more pages than the search would read', () => {
    // 1,350 executions are 27 pages: the search reads about log2(27) + 1 = 6 of them.
    assert.equal(readOnIsCheaper(160, 1_350), true, '4 pages on');
    assert.equal(readOnIsCheaper(300, 1_350), true, '6 pages on');
    assert.equal(readOnIsCheaper(301, 1_350), false, '7 pages on');
    // 12,000 are 240 pages: about 9.
    assert.equal(readOnIsCheaper(450, 12_000), true);
    assert.equal(readOnIsCheaper(7_400, 12_000), false, 'page 150 is sought');
    // One page or no total: the search reads one page, so only the next page is read on to.
    assert.equal(readOnIsCheaper(50, 40), true);
    assert.equal(readOnIsCheaper(51, undefined), false);
  });

  it('is not fooled by deliveries arriving between its reads', async () => {
    const store = server(12_000);
    const wanted = store.items[7_431]!;
    store.arriveDuring = (read) => (read % 2 === 1 ? 37 : 0);
    const result = await seekByPageNumber(store.readAt, position, { before: wanted.time });
    assert.ok(result.page.items.some((item) => item.id === wanted.id), 'the page holds it despite the arrivals');
    const index = store.items.findIndex((item) => item.id === wanted.id);
    assert.ok(result.passed <= index && index < result.passed + result.page.items.length, `passed ${result.passed}, index ${index}`);
  });

  it('answers with the oldest page when every delivery is newer than the time asked for', async () => {
    const store = server(120);
    const result = await seekByPageNumber(store.readAt, position, { before: NOW - 10_000 * MINUTE });
    assert.equal(result.page.continuation, undefined);
    assert.equal(result.page.items.at(-1)!.id, 'd1');
  });
});
