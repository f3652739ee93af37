// Finding deliveries over real HTTP against the sample server's 30-day archives (12,000
// deliveries each): a 15-minute window three weeks back, a delivery at page 150 by the time
// in its id, an id older than anything the server keeps, and a Cadenya server that gives
// fewer per page than asked. Requests are counted in the server's own log.

import assert from 'node:assert/strict';
import type { Container } from '../../src/model/container';
import { DeliveryFeed, type FeedSource } from '../../src/model/feed';
import { readOnIsCheaper } from '../../src/providers/handinger/seek';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { DeliveryProvider } from '../../src/providers/types';
import { SAMPLE_IDS, startSampleServer, type SampleServer } from '../sample-server/server';
import { Random, ulid } from '../sample-server/random';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let server: SampleServer;

before(async function () {
  this.timeout(30_000);
  server = await startSampleServer();
});

after(async () => {
  await server.close();
});

const WORKER = SAMPLE_IDS.archiveWorker;
const AGENT = SAMPLE_IDS.archiveAgent;
const WORKSPACE = SAMPLE_IDS.workspaceOfAgent[AGENT]!;

function source(provider: DeliveryProvider, container: Container, limit?: number): FeedSource {
  return {
    read: (continuation, filters, signal) => provider.listDeliveries(container, { continuation, filters, limit }, signal),
    seek: (request, signal) => provider.seek(container, request, signal),
    readBulk: (continuation, filters, signal) => provider.bulkPage(container, { continuation, filters }, signal),
    // As the extension's feed loader gives it (src/services/feedLoader.ts).
    readOnIsCheaper: container.provider === 'handinger' ? readOnIsCheaper : undefined,
  };
}

function workerFeed(now: () => number, id: string = WORKER): DeliveryFeed {
  const provider = createHandingerProvider({ baseUrl: server.url, apiKey: server.handingerKey });
  const container: Container = { provider: 'handinger', kind: 'worker', id, name: 'Ledger archive', raw: {} };
  return new DeliveryFeed('worker', source(provider, container), { now });
}

function agentFeed(target: SampleServer, now: () => number): DeliveryFeed {
  const provider = createCadenyaProvider({ baseUrl: target.url, apiKey: target.cadenyaKey });
  const container: Container = { provider: 'cadenya', kind: 'agent', id: AGENT, workspaceId: WORKSPACE, name: 'Ledger Archiver', raw: {} };
  return new DeliveryFeed('agent', source(provider, container, 50), { now });
}

/** Requests to `path` made while `run` ran, from the server's own log. */
async function counted<T>(target: SampleServer, path: string, run: () => Promise<T>): Promise<{ result: T; requests: { query: string }[] }> {
  const before = target.requestLog.length;
  const result = await run();
  return { result, requests: target.requestLog.slice(before).filter((entry) => entry.path.includes(path)) };
}

/** The server's executions, newest first, as { id, time }. */
function executions(): { id: string; time: number }[] {
  return (server.dataset.executions.get(WORKER) ?? []).map((execution) => ({ id: execution.id, time: Date.parse(execution.createdAt) }));
}

function deliveries(target: SampleServer): { id: string; time: number }[] {
  return (target.dataset.deliveries.get(AGENT) ?? []).map((delivery) => ({ id: delivery.metadata.id, time: Date.parse(delivery.metadata.createdAt) }));
}

/** A 15-minute window about three weeks back that holds deliveries: the minute of one, and the 15 after. */
function windowThreeWeeksBack(list: { time: number }[]): { from: number; to: number; inside: number } {
  const now = server.dataset.now.getTime();
  const anchor = list.find((item) => item.time <= now - 21 * DAY)!;
  const from = anchor.time - (anchor.time % MINUTE) - 5 * MINUTE;
  const to = from + 15 * MINUTE - 1;
  return { from, to, inside: list.filter((item) => item.time >= from && item.time <= to).length };
}

describe('Find over the sample server', function () {
  this.timeout(60_000);

  it('Handinger: a 15-minute window three weeks back in at most log2(pages) + 3 requests', async () => {
    const list = executions();
    assert.ok(list.length >= 10_000);
    const pages = Math.ceil(list.length / 50);
    const window = windowThreeWeeksBack(list);
    assert.ok(window.inside > 0);
    const feed = workerFeed(() => Date.now());
    feed.setFilter({ outcome: 'all', range: { from: window.from, to: window.to } });
    const { result, requests } = await counted(server, `/workers/${WORKER}/webhook/executions`, () => feed.loadFirst());
    assert.equal(result.status, 'done');
    assert.ok(requests.length <= Math.log2(pages) + 3, `${requests.length} requests for ${pages} pages`);
    // Load more until the range's start: every delivery of the window, newest first, and no further.
    while (feed.hasMore) {
      await feed.loadMore();
    }
    assert.equal(feed.reachedRangeStart, true, 'Load more stopped at the range’s start');
    const expected = list.filter((item) => item.time >= window.from && item.time <= window.to).map((item) => item.id);
    assert.deepEqual(feed.visible().map((item) => item.id), expected);
    assert.ok(feed.items.length < 200, `loaded ${feed.items.length}, not the three weeks above`);
  });

  it('Handinger: opens an execution at page 150 by the time in its id, with the skipped ones counted', async () => {
    const list = executions();
    const wanted = list[149 * 50 + 17]!;
    const feed = workerFeed(() => Date.now());
    await feed.loadFirst();
    const pages = Math.ceil(list.length / 50);
    const { result, requests } = await counted(server, `/workers/${WORKER}/webhook/executions`, () => feed.find(wanted.id, 2_000));
    assert.equal(result.delivery?.id, wanted.id);
    assert.equal(result.jumped, true);
    assert.ok(requests.length <= Math.log2(pages) + 3, `${requests.length} requests`);
    const gap = feed.gaps.find((candidate) => candidate.kind === 'skipped');
    assert.ok(gap, 'a row for what was skipped');
    assert.equal(gap.count, 149 * 50 - 50, 'everything between page 1 and page 150');
    assert.equal(feed.remaining, list.length - feed.items.length - gap.count);
    // Reading the skipped stretch fills it without duplicates, in order.
    const filled = await feed.fillGap(gap.beforeId);
    assert.equal(filled.status, 'done');
    const ids = feed.items.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.slice(0, 50 * 11), list.slice(0, 50 * 11).map((item) => item.id));
  });

  it('Handinger: a delivery just below what is loaded is read to, not sought', async () => {
    const list = executions();
    const wanted = list[70]!;
    const feed = workerFeed(() => Date.now());
    await feed.loadFirst();
    const { result, requests } = await counted(server, `/workers/${WORKER}/webhook/executions`, () => feed.find(wanted.id, 2_000));
    assert.equal(result.delivery?.id, wanted.id);
    assert.equal(requests.length, 1, 'the next page, not a binary search from page 1');
    assert.equal(feed.gaps.length, 0, 'nothing skipped');
  });

  it('Handinger: a delivery three pages down on a worker of 52 pages is read to, not sought', async () => {
    // The busy worker's retries come in quick runs, so its first page's rate puts one 90 below
    // at about 160: past the 100 read to anyway, but 4 pages on is still fewer than the 6 a
    // binary search from page 1 read (pages 1, 27, 14, 8, 5 and 3).
    const busy = SAMPLE_IDS.busyWorker;
    const list = (server.dataset.executions.get(busy) ?? []).map((execution) => execution.id);
    assert.equal(Math.ceil(list.length / 50), 52, 'the busy worker has 52 pages');
    const wanted = list[140]!;
    const feed = workerFeed(() => Date.now(), busy);
    await feed.loadFirst();
    const { result, requests } = await counted(server, `/workers/${busy}/webhook/executions`, () => feed.find(wanted, 2_000));
    assert.equal(result.delivery?.id, wanted);
    assert.deepEqual(
      requests.map((entry) => new URLSearchParams(entry.query).get('page')),
      ['2', '3'],
      'the next two pages, not a binary search from page 1',
    );
    assert.equal(feed.gaps.length, 0, 'nothing skipped');
  });

  it('Handinger: says when an id is older than anything the server keeps', async () => {
    const list = executions();
    const oldest = list.at(-1)!;
    const feed = workerFeed(() => Date.now());
    await feed.loadFirst();
    const ancient = `whe_${ulid(oldest.time - 40 * DAY, new Random(1))}`;
    const result = await feed.find(ancient, 2_000);
    assert.equal(result.delivery, undefined);
    assert.equal(result.olderThan, oldest.time);
  });

  it('Cadenya: walks at the largest page size it learns, and finds a window three weeks back', async () => {
    const capped = await startSampleServer({ cadenyaPageCap: 200 });
    try {
      const list = deliveries(capped);
      const window = windowThreeWeeksBack(list);
      const feed = agentFeed(capped, () => Date.now());
      feed.setFilter({ outcome: 'all', range: { from: window.from, to: window.to } });
      const passed = list.findIndex((item) => item.time <= window.to);
      const { result, requests } = await counted(capped, `/agents/${AGENT}/webhook_deliveries`, () => feed.loadFirst());
      assert.equal(result.status, 'done');
      const limits = requests.map((entry) => new URLSearchParams(entry.query).get('limit'));
      assert.equal(limits[0], '500', 'asks for 500 first');
      assert.ok(limits.slice(1).every((limit) => limit === '200'), `then what the server gives: ${limits.join(',')}`);
      assert.ok(requests.length <= Math.ceil(passed / 200) + 2, `${requests.length} requests to pass ${passed}`);
      while (feed.hasMore) {
        await feed.loadMore();
      }
      const expected = list.filter((item) => item.time >= window.from && item.time <= window.to).map((item) => item.id);
      assert.deepEqual(feed.visible().map((item) => item.id), expected);
    } finally {
      await capped.close();
    }
  });

  it('Cadenya: refreshing a range in the past settles its pending delivery and reads nothing newer', async () => {
    const list = deliveries(server);
    const window = windowThreeWeeksBack(list);
    const inside = list.find((item) => item.time >= window.from && item.time <= window.to)!;
    server.updateCadenyaDelivery(WORKSPACE, AGENT, inside.id, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING' });
    const feed = agentFeed(server, () => Date.now());
    feed.setFilter({ outcome: 'all', range: { from: window.from, to: window.to } });
    await feed.loadFirst();
    assert.equal(feed.get(inside.id)?.outcome, 'pending');
    server.updateCadenyaDelivery(WORKSPACE, AGENT, inside.id, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 502 });
    server.addCadenyaDelivery(WORKSPACE, AGENT, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 500 });
    const { result, requests } = await counted(server, `/agents/${AGENT}/webhook_deliveries`, () => feed.refresh());
    assert.equal(result.status, 'done');
    assert.equal(feed.get(inside.id)?.outcome, 'failed', 'settled in place');
    assert.deepEqual(feed.visibleNewFailures().map((item) => item.id), [inside.id], 'counted once as a new failure');
    assert.ok(requests.every((entry) => new URLSearchParams(entry.query).has('cursor')), 'the newest page was not read');
    assert.equal(feed.items[0]?.time !== undefined && feed.items.every((item) => item.time <= window.to + 60 * DAY), true);
  });

  it('Cadenya: opens a delivery thousands deep by its id, walking from what is loaded', async () => {
    const list = deliveries(server);
    const wanted = list[7_450]!;
    const feed = agentFeed(server, () => Date.now());
    await feed.loadFirst();
    const { result, requests } = await counted(server, `/agents/${AGENT}/webhook_deliveries`, () => feed.find(wanted.id, 2_000));
    assert.equal(result.delivery?.id, wanted.id);
    assert.ok(requests.length <= Math.ceil(7_450 / 500) + 3, `${requests.length} requests`);
    assert.ok(requests.every((entry) => new URLSearchParams(entry.query).get('limit') === '500' || new URLSearchParams(entry.query).get('limit') === '50'));
    const gap = feed.gaps.find((candidate) => candidate.kind === 'skipped');
    assert.ok(gap?.count !== undefined && gap.count > 6_000, `skipped ${gap?.count}`);
  });
});
