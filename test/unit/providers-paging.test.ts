// Paging both providers over real HTTP through the feed (DeliveryFeed): to the end of thousands of
// deliveries, and with deliveries arriving between two loads (Handinger's page numbers
// shift then; Cadenya's cursors do not). What the user sees has no duplicate and no gap.

import assert from 'node:assert/strict';
import type { Container } from '../../src/model/container';
import type { DeliveryPage } from '../../src/model/delivery';
import { DeliveryFeed } from '../../src/model/feed';
import type { Delivery } from '../../src/model/delivery';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { DeliveryProvider, ProviderId } from '../../src/providers';
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { SampleServer } from '../sample-server/server';

let server: SampleServer;

interface Subject {
  readonly provider: ProviderId;
  readonly busy: string;
  readonly empty: string;
  make(): DeliveryProvider;
  container(id: string): Container;
  /** Ids the server holds for a container, newest first. */
  serverIds(id: string): string[];
  /** Adds the newest delivery on the server and returns its id. */
  arrive(id: string): string;
}

const subjects: Subject[] = [
  {
    provider: 'handinger',
    busy: SAMPLE_IDS.busyWorker,
    empty: SAMPLE_IDS.emptyWorker,
    make: () => createHandingerProvider({ baseUrl: server.url, apiKey: server.handingerKey }),
    container: (id) => ({ provider: 'handinger', kind: 'worker', id, name: id, raw: {} }),
    serverIds: (id) => (server.dataset.executions.get(id) ?? []).map((execution) => execution.id),
    arrive: (id) => server.addHandingerExecution(id).id,
  },
  {
    provider: 'cadenya',
    busy: SAMPLE_IDS.busyAgent,
    empty: SAMPLE_IDS.emptyAgent,
    make: () => createCadenyaProvider({ baseUrl: server.url, apiKey: server.cadenyaKey }),
    container: (id) => ({
      provider: 'cadenya',
      kind: 'agent',
      id,
      workspaceId: SAMPLE_IDS.workspaceOfAgent[id],
      name: id,
      raw: {},
    }),
    serverIds: (id) => (server.dataset.deliveries.get(id) ?? []).map((delivery) => delivery.metadata.id),
    arrive: (id) => server.addCadenyaDelivery(SAMPLE_IDS.workspaceOfAgent[id] ?? '', id).metadata.id,
  },
];

function listOf(subject: Subject, id: string): DeliveryFeed {
  const provider = subject.make();
  const container = subject.container(id);
  return new DeliveryFeed(id, (continuation, _filters, signal) => provider.listDeliveries(container, { continuation }, signal));
}

async function loadToEnd(list: DeliveryFeed): Promise<number> {
  let loads = 0;
  while (list.hasMore) {
    await list.loadMore();
    loads++;
  }
  return loads;
}

function assertNewestFirst(list: DeliveryFeed): void {
  for (let index = 1; index < list.items.length; index++) {
    const previous = list.items[index - 1]!;
    const current = list.items[index]!;
    assert.ok(previous.time >= current.time, `${previous.id} (${previous.createdAt}) before ${current.id} (${current.createdAt})`);
  }
}

// Each test gets a fresh server: the arrival tests change the dataset.
beforeEach(async () => {
  server = await startSampleServer();
});

afterEach(async () => {
  await server.close();
});

for (const subject of subjects) {
  describe(`${subject.provider}: loading to the end`, () => {
    it('loads every delivery of the busiest container exactly once, newest first', async () => {
      const expected = subject.serverIds(subject.busy);
      assert.ok(expected.length > 2_500, `dataset has ${expected.length}`);
      const list = listOf(subject, subject.busy);
      await loadToEnd(list);
      const ids = list.items.map((item) => item.id);
      assert.equal(ids.length, expected.length);
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual(ids, expected);
      assertNewestFirst(list);
      assert.equal(list.remaining, 0);
    });

    it('reports how many remain while pages are left, when the API gives a total', async () => {
      const list = listOf(subject, subject.busy);
      await list.loadMore();
      // Cadenya's deliveries list carries no `total` (newer API versions drop it): unknown, not 0.
      const expected = subject.provider === 'cadenya' ? undefined : subject.serverIds(subject.busy).length - list.items.length;
      assert.equal(list.remaining, expected);
    });

    it('shows an empty container as loaded, empty and finished after one request', async () => {
      const list = listOf(subject, subject.empty);
      assert.equal(await loadToEnd(list), 1);
      assert.equal(list.loaded, true);
      assert.deepEqual(list.items, []);
    });
  });

  describe(`${subject.provider}: deliveries arriving between two page loads`, () => {
    for (const arrivals of [1, 7, 120]) {
      it(`shows no duplicate and no gap when ${arrivals} arrive, and refreshNewest finds ${arrivals === 1 ? 'it' : 'them'}`, async () => {
        const list = listOf(subject, subject.busy);
        await list.loadMore();
        await list.loadMore();
        const added = Array.from({ length: arrivals }, () => subject.arrive(subject.busy));
        await list.loadMore();
        await loadToEnd(list);
        const expected = subject.serverIds(subject.busy);
        const ids = list.items.map((item) => item.id);
        assert.equal(new Set(ids).size, ids.length, 'duplicates');
        assert.deepEqual(ids, expected.slice(arrivals), 'everything but the new ones, in order');

        const fresh: Delivery[] = [];
        const listening = list.onDidChange((change) => fresh.push(...change.added));
        await list.refresh();
        listening.dispose();
        assert.deepEqual(fresh.map((item) => item.id), [...added].reverse());
        assert.deepEqual(list.items.map((item) => item.id), expected);
      });
    }

    it('keeps the next page from repeating what the previous one showed', async () => {
      const provider = subject.make();
      const container = subject.container(subject.busy);
      const before = subject.serverIds(subject.busy);
      const first: DeliveryPage = await provider.listDeliveries(container, { limit: 50 });
      subject.arrive(subject.busy);
      subject.arrive(subject.busy);
      const second = await provider.listDeliveries(container, { continuation: first.continuation, limit: 50 });
      const shown = new Set(first.items.map((item) => item.id));
      assert.ok(second.items.length > 0);
      assert.ok(second.items.every((item) => !shown.has(item.id)), 'the second page repeats the first');
      assert.equal(second.items[0]?.id, before[first.items.length]);
    });
  });
}

describe('handinger: continuation tokens', () => {
  it('rejects a continuation it did not make as malformed, without a request', async () => {
    const provider = createHandingerProvider({ baseUrl: server.url, apiKey: server.handingerKey });
    const before = server.requestLog.length;
    await assert.rejects(provider.listDeliveries(subjects[0]!.container(SAMPLE_IDS.busyWorker), { continuation: 'cursor_xyz' }), {
      kind: 'malformed',
    });
    assert.equal(server.requestLog.length, before);
  });
});

describe('cadenya: page size and filters the API applies', () => {
  const agent = (): Container => subjects[1]!.container(SAMPLE_IDS.busyAgent);
  const provider = (): DeliveryProvider => createCadenyaProvider({ baseUrl: server.url, apiKey: server.cadenyaKey });

  it('asks for the page size given, and reports no total when the API sends none', async () => {
    const page = await provider().listDeliveries(agent(), { limit: 7 });
    assert.equal(page.items.length, 7);
    assert.ok(page.continuation);
    assert.equal(page.totalCount, undefined);
  });

  it('filters by event type on the server', async () => {
    const eventType = 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED';
    const page = await provider().listDeliveries(agent(), { filters: { eventType }, limit: 100 });
    assert.ok(page.items.length > 0);
    assert.ok(page.items.every((item) => item.eventType?.raw === eventType));
    assert.ok(server.requestLog.some((entry) => entry.query.includes(`eventType=${eventType}`)));
  });

  it('filters by objective on the server', async () => {
    const sample = await provider().listDeliveries(agent(), { limit: 5 });
    const objectiveId = sample.items.find((item) => item.related)?.related?.id;
    assert.ok(objectiveId);
    const page = await provider().listDeliveries(agent(), { filters: { objectiveId } });
    assert.ok(page.items.length > 0);
    assert.ok(page.items.every((item) => item.related?.id === objectiveId));
  });

  it('says which filters it passes to the server, and Handinger that it has none', () => {
    assert.deepEqual([...provider().supportedFilters].sort(), ['eventType', 'objectiveId']);
    assert.deepEqual(createHandingerProvider({ baseUrl: server.url, apiKey: 'k' }).supportedFilters, []);
  });
});
