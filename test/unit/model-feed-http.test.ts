// The feed over real HTTP against the sample server, changing as a real API does while the
// feed reads it: interleaved operations, a pending delivery that fails between two polls,
// a burst larger than one refresh reads, a filter or key change during a load.

import assert from 'node:assert/strict';
import type { Container } from '../../src/model/container';
import { DeliveryFeed, type FeedLoader } from '../../src/model/feed';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import { SAMPLE_IDS, startSampleServer, type SampleServer } from '../sample-server/server';

let server: SampleServer;

before(async () => {
  server = await startSampleServer();
});

after(async () => {
  await server.close();
});

const AGENT = SAMPLE_IDS.smallAgent;
const WORKSPACE = SAMPLE_IDS.workspaceOfAgent[AGENT]!;

function agentFeed(): { feed: DeliveryFeed; requests: () => number } {
  const provider = createCadenyaProvider({ baseUrl: server.url, apiKey: server.cadenyaKey });
  const container: Container = { provider: 'cadenya', kind: 'agent', id: AGENT, workspaceId: WORKSPACE, name: 'agent', raw: {} };
  let count = 0;
  const loader: FeedLoader = (continuation, filters, signal) => {
    count++;
    return provider.listDeliveries(container, { continuation, filters, limit: 50 }, signal);
  };
  return { feed: new DeliveryFeed('agent', loader), requests: () => count };
}

function workerFeed(apiKey = server.handingerKey): DeliveryFeed {
  const provider = createHandingerProvider({ baseUrl: server.url, apiKey });
  const container: Container = { provider: 'handinger', kind: 'worker', id: SAMPLE_IDS.busyWorker, name: 'worker', raw: {} };
  return new DeliveryFeed('worker', (continuation, _filters, signal) => provider.listDeliveries(container, { continuation }, signal));
}

function serverIds(): string[] {
  // The server lists them newest first, as it stores them.
  return (server.dataset.deliveries.get(AGENT) ?? []).map((delivery) => delivery.metadata.id);
}

describe('Feed over the sample server', function () {
  this.timeout(30_000);

  it('two loads at once read two pages once each, in order', async () => {
    const { feed, requests } = agentFeed();
    await feed.loadFirst();
    const before = requests();
    await Promise.all([feed.loadAtLeast(100), feed.loadAtLeast(150)]);
    assert.equal(requests() - before, 2);
    assert.deepEqual(feed.items.map((d) => d.id), serverIds().slice(0, 150));
  });

  it('a refresh during Load more waits for it; new deliveries go on top, nothing is lost', async () => {
    const { feed } = agentFeed();
    await feed.loadFirst();
    const loading = feed.loadMore();
    const added = server.addCadenyaDelivery(WORKSPACE, AGENT, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
    const [more, refresh] = await Promise.all([loading, feed.refresh()]);
    assert.equal(more.status, 'done');
    assert.equal(refresh.added, 1);
    assert.equal(feed.items[0]?.id, added.metadata.id);
    assert.deepEqual(feed.items.map((d) => d.id), serverIds().slice(0, feed.items.length));
  });

  it('a pending delivery that fails between two polls is updated in place and counted once', async () => {
    const { feed } = agentFeed();
    const pending = server.addCadenyaDelivery(WORKSPACE, AGENT, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 1 });
    await feed.loadAtLeast(120);
    assert.equal(feed.get(pending.metadata.id)?.outcome, 'pending');
    // Enough arrive that it is on the second page by the next poll.
    server.addCadenyaBurst(WORKSPACE, AGENT, { count: 60 });
    server.updateCadenyaDelivery(WORKSPACE, AGENT, pending.metadata.id, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 502, attemptCount: 3 });
    const failures: string[] = [];
    feed.onDidChange((change) => failures.push(...change.newFailures.map((d) => d.id)));
    await feed.refresh();
    const settled = feed.get(pending.metadata.id);
    assert.equal(settled?.outcome, 'failed');
    assert.equal(settled?.httpStatus, 502);
    assert.equal(settled?.attemptCount, 3);
    assert.ok(failures.includes(pending.metadata.id));
    const counted = failures.length;
    await feed.refresh();
    assert.equal(failures.length, counted, 'not counted again');
    assert.deepEqual(feed.items.map((d) => d.id), serverIds().slice(0, feed.items.length), 'in the server order, no gap');
  });

  it('a burst larger than one refresh reads leaves a gap that reads in, and nothing is replaced', async () => {
    const { feed } = agentFeed();
    await feed.loadAtLeast(100);
    const loaded = feed.items.map((d) => d.id);
    server.addCadenyaBurst(WORKSPACE, AGENT, { count: 450 });
    await feed.refresh();
    assert.equal(feed.gaps.length, 1);
    assert.deepEqual(feed.items.slice(-loaded.length).map((d) => d.id), loaded);
    while (feed.gaps.length > 0) {
      assert.equal((await feed.fillGap()).status, 'done');
    }
    assert.deepEqual(feed.items.map((d) => d.id), serverIds().slice(0, 550));
  });

  it('a live poll during Load the Last N waits its turn and adds only what arrived', async () => {
    const feed = workerFeed();
    const load = feed.loadAtLeast(300);
    server.addHandingerExecution(SAMPLE_IDS.busyWorker, {});
    const poll = feed.refresh();
    const [loaded, polled] = await Promise.all([load, poll]);
    assert.equal(loaded.status, 'done');
    assert.equal(polled.status, 'done');
    const ids = feed.items.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'no duplicate');
    assert.ok(ids.length >= 300);
  });

  it('a filter change during a load drops the page read for the old filter', async () => {
    const { feed } = agentFeed();
    const running = feed.loadFirst();
    feed.setFilter({ outcome: 'all', eventType: 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED' });
    assert.equal((await running).status, 'stale');
    await feed.loadFirst();
    assert.ok(feed.items.length > 0);
    assert.ok(feed.items.every((d) => d.eventType?.raw === 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED'));
  });
});
