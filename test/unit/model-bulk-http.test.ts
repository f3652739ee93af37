// Bulk reads over real HTTP against the sample server's 30-day archives (12,000 deliveries
// each), with a little added latency so that requests overlap as they would over a network:
// Load the Last 2,000 reads Handinger's numbered pages four at a time and Cadenya's cursor at
// the largest page size the server accepts, with no duplicate and no gap, even when new
// executions arrive during the read; a 429 halves the pages in flight. Requests and how many
// were in flight at once are counted in the server's own log. No wall-clock figures here:
// those are the bench's.

import assert from 'node:assert/strict';
import type { Container } from '../../src/model/container';
import { DeliveryFeed, type FeedSource } from '../../src/model/feed';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { DeliveryProvider } from '../../src/providers/types';
import { SAMPLE_IDS, startSampleServer, type RequestLogEntry, type SampleServer } from '../sample-server/server';

const WORKER = SAMPLE_IDS.archiveWorker;
const AGENT = SAMPLE_IDS.archiveAgent;
const WORKSPACE = SAMPLE_IDS.workspaceOfAgent[AGENT]!;
const LATENCY_MS = 20;

let server: SampleServer;

beforeEach(async function () {
  this.timeout(30_000);
  server = await startSampleServer({ latencyMs: LATENCY_MS });
});

afterEach(async () => {
  await server.close();
});

function source(provider: DeliveryProvider, container: Container, limit?: number): FeedSource {
  return {
    read: (continuation, filters, signal) => provider.listDeliveries(container, { continuation, filters, limit }, signal),
    seek: (request, signal) => provider.seek(container, request, signal),
    readMany: (continuation, wanted, filters, signal) => provider.readMany(container, { continuation, filters, wanted, limit }, signal),
  };
}

const workerContainer: Container = { provider: 'handinger', kind: 'worker', id: WORKER, name: 'Ledger archive', raw: {} };
const agentContainer: Container = { provider: 'cadenya', kind: 'agent', id: AGENT, workspaceId: WORKSPACE, name: 'Ledger Archiver', raw: {} };

function workerFeed(wrap: (source: FeedSource) => FeedSource = (plain) => plain): DeliveryFeed {
  const provider = createHandingerProvider({ baseUrl: server.url, apiKey: server.handingerKey });
  return new DeliveryFeed('worker', wrap(source(provider, workerContainer)));
}

function executionIds(): string[] {
  return (server.dataset.executions.get(WORKER) ?? []).map((execution) => execution.id);
}

function deliveryIds(target: SampleServer): string[] {
  return (target.dataset.deliveries.get(AGENT) ?? []).map((delivery) => delivery.metadata.id);
}

/** Requests to `path` made while `run` ran, from the server's own log. */
async function counted<T>(path: string, run: () => Promise<T>): Promise<{ result: T; requests: RequestLogEntry[] }> {
  const before = server.requestLog.length;
  const result = await run();
  return { result, requests: server.requestLog.slice(before).filter((entry) => entry.path.includes(path)) };
}

/** The loaded list is one unbroken stretch of the server's list, in its order, each id once. */
function assertStretchOf(loaded: readonly string[], served: readonly string[]): void {
  assert.equal(new Set(loaded).size, loaded.length, 'no delivery is loaded twice');
  const start = served.indexOf(loaded[0]!);
  assert.ok(start >= 0, 'the first loaded delivery is on the server');
  assert.deepEqual(loaded, served.slice(start, start + loaded.length), 'no gap and no reordering');
}

describe('Bulk reads over the sample server', function () {
  this.timeout(60_000);

  it('Handinger: Load the Last 2,000 reads 40 pages with at most 4 in flight, and equals the newest 2,000', async () => {
    const feed = workerFeed();
    const { result, requests } = await counted('/webhook/executions', () => feed.loadAtLeast(2_000));
    assert.equal(result.status, 'done');
    assert.equal(requests.length, 40, 'one request a page, none read twice');
    assert.ok(requests.every((entry) => (entry.inFlight ?? 0) <= 4));
    assert.equal(server.maxInFlight, 4, 'four pages at once');
    assert.deepEqual(
      feed.items.map((delivery) => delivery.id),
      executionIds().slice(0, 2_000),
    );
  });

  it('Handinger: executions arriving between and during the page reads cause neither duplicates nor gaps', async () => {
    let batches = 0;
    const feed = workerFeed((plain) => ({
      ...plain,
      readMany: async (continuation, wanted, filters, signal) => {
        batches++;
        // Between batches: a burst on top; during a batch: one more after some of its pages were answered.
        server.addHandingerBurst(WORKER, { count: 1 + (batches % 7) * 9 });
        const during = setTimeout(() => server.addHandingerExecution(WORKER), LATENCY_MS / 2 + (batches % 3) * 4);
        try {
          // Four pages a batch (one round), so arrivals fall between many batches.
          return await plain.readMany!(continuation, Math.min(wanted, 200), filters, signal);
        } finally {
          clearTimeout(during);
        }
      },
    }));
    const result = await feed.loadAtLeast(2_000);
    assert.equal(result.status, 'done');
    assert.ok(batches >= 10);
    assert.ok(feed.items.length >= 2_000);
    assertStretchOf(
      feed.items.map((delivery) => delivery.id),
      executionIds(),
    );
  });

  it('Handinger: after the first page was shown (an expand), the rest is read in bulk from where it stopped', async () => {
    const feed = workerFeed();
    await feed.loadFirst();
    server.addHandingerBurst(WORKER, { count: 30 });
    const { requests } = await counted('/webhook/executions', () => feed.loadAtLeast(2_000));
    assert.ok(requests.length <= 41, `${requests.length} requests`);
    assertStretchOf(
      feed.items.map((delivery) => delivery.id),
      executionIds(),
    );
  });

  it('Handinger: a 429 halves the pages in flight and waits its Retry-After before asking again', async () => {
    server.injectFault({ kind: '429', times: 1, pathIncludes: '/webhook/executions', retryAfterSeconds: 1 });
    const feed = workerFeed();
    const { result, requests } = await counted('/webhook/executions', () => feed.loadAtLeast(2_000));
    assert.equal(result.status, 'done');
    const limited = requests.findIndex((entry) => entry.status === 429);
    assert.ok(limited >= 0, 'the server answered 429 once');
    const after = requests.filter((entry) => entry.at >= requests[limited]!.at + 900);
    assert.ok(after.length > 0 && requests.length - after.length <= 4, 'nothing new is asked for during the Retry-After');
    // Until it recovers (16 answered requests), at most 2 are in flight.
    const halved = after.slice(0, 16);
    assert.ok(halved.every((entry) => (entry.inFlight ?? 0) <= 2), halved.map((entry) => entry.inFlight).join(','));
    assert.equal(requests.length, 41, 'the refused page was asked again, nothing else twice');
    assert.deepEqual(
      feed.items.map((delivery) => delivery.id),
      executionIds().slice(0, 2_000),
    );
  });

  it('Cadenya: Load the Last 2,000 uses pages of 500 (4 requests) while a plain expand keeps the configured size', async () => {
    const provider = createCadenyaProvider({ baseUrl: server.url, apiKey: server.cadenyaKey });
    const feed = new DeliveryFeed('agent', source(provider, agentContainer, 50));
    const first = await counted('/webhook_deliveries', () => feed.loadFirst());
    assert.deepEqual(
      first.requests.map((entry) => new URLSearchParams(entry.query).get('limit')),
      ['50'],
    );
    const { requests } = await counted('/webhook_deliveries', () => feed.loadAtLeast(2_000));
    assert.deepEqual(
      requests.map((entry) => new URLSearchParams(entry.query).get('limit')),
      ['500', '500', '500', '450'],
    );
    assert.deepEqual(
      feed.items.map((delivery) => delivery.id),
      deliveryIds(server).slice(0, feed.items.length),
    );
    assert.ok(feed.items.length >= 2_000);
  });

  it('Cadenya: a server that gives at most 200 a page teaches the bulk size, never above what it gives', async () => {
    const capped = await startSampleServer({ cadenyaPageCap: 200 });
    try {
      const provider = createCadenyaProvider({ baseUrl: capped.url, apiKey: capped.cadenyaKey });
      const feed = new DeliveryFeed('agent', source(provider, agentContainer, 50));
      const before = capped.requestLog.length;
      await feed.loadAtLeast(2_000);
      const limits = capped.requestLog
        .slice(before)
        .filter((entry) => entry.path.includes('/webhook_deliveries'))
        .map((entry) => Number(new URLSearchParams(entry.query).get('limit')));
      assert.deepEqual(limits, [500, ...new Array<number>(9).fill(200)]);
      assert.deepEqual(
        feed.items.map((delivery) => delivery.id),
        deliveryIds(capped).slice(0, 2_000),
      );
    } finally {
      await capped.close();
    }
  });
});

describe('The sample server’s added latency', function () {
  this.timeout(30_000);

  it('is set by PUT /__control/latency and read back by GET', async () => {
    const put = await fetch(`${server.url}/__control/latency`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 35 }) });
    assert.equal(put.status, 200);
    assert.equal(server.latencyMs, 35);
    assert.deepEqual(await (await fetch(`${server.url}/__control/latency`)).json(), { ms: 35 });
    const bad = await fetch(`${server.url}/__control/latency`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: -1 }) });
    assert.equal(bad.status, 400);
  });
});
