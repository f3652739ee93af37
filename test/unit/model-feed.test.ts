// The feed on its own, over an in-memory server paged by offset (newest first, as both APIs
// list): order, merging by id, one operation at a time, joins, generations, gaps, settling.
// The provider suites run the same feed over real HTTP against the sample server.

import assert from 'node:assert/strict';
import type { Delivery, DeliveryPage, Outcome } from '../../src/model/delivery';
import { DeliveryFeed, type FeedChange, type FeedLoader, type FeedOptions } from '../../src/model/feed';

interface Calls {
  count: number;
  active: number;
  maxActive: number;
  log: (string | undefined)[];
}

/** A newest-first list the tests change as a server would: arrivals on top, statuses moving. */
class Store {
  order: string[];
  readonly records = new Map<string, Delivery>();
  readonly calls: Calls = { count: 0, active: 0, maxActive: 0, log: [] };
  delayMs = 2;
  failNext: Error | undefined;

  constructor(count: number, private readonly pageSize = 10) {
    this.order = Array.from({ length: count }, (_, index) => `d${String(count - index).padStart(4, '0')}`);
    for (const id of this.order) {
      this.records.set(id, delivery(id));
    }
  }

  arrive(ids: string[], outcome: Outcome = 'succeeded'): void {
    for (const id of ids) {
      this.records.set(id, delivery(id, outcome));
    }
    this.order.unshift(...ids);
  }

  set(id: string, fields: Partial<Delivery>): void {
    this.records.set(id, { ...this.records.get(id)!, ...fields });
  }

  loader(): FeedLoader {
    return async (continuation, _filters, signal) => {
      this.calls.count++;
      this.calls.log.push(continuation);
      this.calls.active++;
      this.calls.maxActive = Math.max(this.calls.maxActive, this.calls.active);
      try {
        await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        if (signal.aborted) {
          throw new Error('aborted');
        }
        if (this.failNext) {
          const error = this.failNext;
          this.failNext = undefined;
          throw error;
        }
        const start = continuation === undefined ? 0 : Number(continuation);
        const end = start + this.pageSize;
        const page: DeliveryPage = {
          items: this.order.slice(start, end).map((id) => this.records.get(id)!),
          continuation: end < this.order.length ? String(end) : undefined,
          totalCount: this.order.length,
        };
        return page;
      } finally {
        this.calls.active--;
      }
    };
  }
}

function delivery(id: string, outcome: Outcome = 'succeeded'): Delivery {
  return { provider: 'cadenya', id, containerId: 'agent', createdAt: '', time: 0, outcome, raw: { id } };
}

function feedOver(store: Store, options: FeedOptions = {}): DeliveryFeed {
  return new DeliveryFeed('cadenya/ws/agent/agent', store.loader(), options);
}

function ids(feed: DeliveryFeed): string[] {
  return feed.items.map((item) => item.id);
}

function record(feed: DeliveryFeed): FeedChange[] {
  const changes: FeedChange[] = [];
  feed.onDidChange((change) => changes.push(change));
  return changes;
}

async function loadAll(feed: DeliveryFeed): Promise<void> {
  while (feed.hasMore) {
    const result = await feed.loadMore();
    assert.equal(result.status, 'done');
  }
}

describe('Feed: loading pages', () => {
  it('appends pages in order until the end, then reports no more', async () => {
    const store = new Store(25);
    const feed = feedOver(store);
    assert.equal(feed.hasMore, true);
    assert.equal(feed.loaded, false);
    assert.equal((await feed.loadFirst()).added, 10);
    assert.equal(feed.remaining, 15);
    await feed.loadMore();
    await feed.loadMore();
    assert.deepEqual(ids(feed), store.order);
    assert.equal(feed.hasMore, false);
    assert.equal(feed.remaining, 0);
    assert.equal((await feed.loadMore()).added, 0);
  });

  it('shows an empty container as loaded and finished after one request', async () => {
    const feed = feedOver(new Store(0));
    await feed.loadFirst();
    assert.equal(feed.loaded, true);
    assert.equal(feed.hasMore, false);
    assert.deepEqual(ids(feed), []);
  });

  it('drops deliveries it already holds when pages overlap', async () => {
    const pages: DeliveryPage[] = [
      { items: ['a', 'b', 'c'].map((id) => delivery(id)), continuation: '1' },
      { items: ['c', 'd', 'd', 'e'].map((id) => delivery(id)), continuation: undefined },
    ];
    const feed = new DeliveryFeed('k', (continuation) => Promise.resolve(pages[continuation === undefined ? 0 : 1]!));
    await feed.loadMore();
    assert.equal((await feed.loadMore()).added, 2);
    assert.deepEqual(ids(feed), ['a', 'b', 'c', 'd', 'e']);
  });

  it('reads on past a page that brings nothing new', async () => {
    const pages: Record<string, DeliveryPage> = {
      first: { items: ['a', 'b'].map((id) => delivery(id)), continuation: 'dupes' },
      dupes: { items: ['a', 'b'].map((id) => delivery(id)), continuation: 'rest' },
      rest: { items: [delivery('c')] },
    };
    const feed = new DeliveryFeed('k', (continuation) => Promise.resolve(pages[continuation ?? 'first']!));
    await feed.loadMore();
    assert.equal((await feed.loadMore()).added, 1);
    assert.equal(feed.hasMore, false);
  });

  it('treats a server handing back the same continuation as the end, not a loop', async () => {
    let calls = 0;
    const feed = new DeliveryFeed('k', () => {
      calls++;
      return Promise.resolve({ items: [delivery('same')], continuation: 'again' });
    });
    await feed.loadMore();
    await feed.loadMore();
    assert.equal(feed.hasMore, false);
    assert.ok(calls <= 3, `${calls} calls`);
  });

  it('keeps what was loaded after a failed page, says so, and reads the same page on retry', async () => {
    const store = new Store(20);
    const feed = feedOver(store);
    await feed.loadFirst();
    store.failNext = new Error('boom');
    const failed = await feed.loadMore();
    assert.equal(failed.status, 'failed');
    assert.equal(feed.error?.during, 'load');
    assert.deepEqual(ids(feed), store.order.slice(0, 10));
    await feed.loadMore();
    assert.equal(feed.error, undefined);
    assert.deepEqual(ids(feed), store.order);
  });
});

describe('Feed: one operation at a time', () => {
  it('joins a Load more asked for while an equal one is queued or running: one request, one page', async () => {
    const store = new Store(40);
    const feed = feedOver(store);
    await feed.loadFirst();
    const before = store.calls.count;
    const results = await Promise.all([feed.loadMore(), feed.loadMore(), feed.loadMore()]);
    assert.equal(store.calls.count - before, 1);
    assert.deepEqual(results.map((result) => result.added), [10, 10, 10]);
    assert.equal(feed.items.length, 20);
    await feed.loadMore();
    assert.equal(feed.items.length, 30, 'a later Load more reads the next page');
  });

  it('never runs a refresh and loads at the same time, and drops none of them', async () => {
    const store = new Store(40);
    const feed = feedOver(store);
    await feed.loadFirst();
    store.arrive(['fresh']);
    const [more, refresh, atLeast] = await Promise.all([feed.loadMore(), feed.refresh(), feed.loadAtLeast(35)]);
    assert.equal(store.calls.maxActive, 1);
    assert.equal(more.status, 'done');
    assert.equal(refresh.added, 1);
    assert.equal(atLeast.status, 'done');
    assert.equal(feed.items[0]?.id, 'fresh');
    assert.ok(feed.items.length >= 35);
    assert.equal(new Set(ids(feed)).size, feed.items.length, 'no duplicate');
  });

  it('runs Refresh asked for during Load more after it, and a live poll joins the refresh queued', async () => {
    const store = new Store(60);
    const feed = feedOver(store);
    await feed.loadFirst();
    const load = feed.loadAtLeast(50);
    store.arrive(['n2', 'n1']);
    const refresh = feed.refresh();
    const poll = feed.refresh();
    const [loaded, refreshed, polled] = await Promise.all([load, refresh, poll]);
    assert.equal(loaded.status, 'done');
    assert.equal(refreshed, polled, 'the poll joined the refresh');
    assert.equal(refreshed.added, 2);
    assert.deepEqual(ids(feed).slice(0, 3), ['n2', 'n1', 'd0060']);
    assert.equal(new Set(ids(feed)).size, feed.items.length);
  });

  it('cancels a load when its caller stops waiting; what was read stays', async () => {
    const store = new Store(100);
    const feed = feedOver(store);
    const controller = new AbortController();
    const progress: number[] = [];
    const running = feed.loadAtLeast(100, controller.signal, (count) => {
      progress.push(count);
      if (count >= 30) {
        controller.abort();
      }
    });
    const result = await running;
    assert.equal(result.status, 'cancelled');
    await feed.idle();
    assert.ok(feed.items.length >= 30 && feed.items.length < 100, `${feed.items.length} loaded`);
    assert.deepEqual(ids(feed), store.order.slice(0, feed.items.length));
  });

  it('drops what a load read for an older generation: a server filter changed meanwhile', async () => {
    const store = new Store(30);
    const feed = feedOver(store);
    const changes = record(feed);
    const running = feed.loadFirst();
    feed.setFilter({ outcome: 'all', eventType: 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED' });
    assert.equal((await running).status, 'stale');
    assert.deepEqual(ids(feed), []);
    assert.ok(changes.some((change) => change.reset));
    await feed.loadFirst();
    assert.deepEqual(ids(feed), store.order.slice(0, 10));
  });

  it('drops reads queued before a reset (a key change) instead of running them on the new key', async () => {
    const store = new Store(30);
    const feed = feedOver(store);
    await feed.loadFirst();
    const first = feed.loadAtLeast(25);
    const queued = feed.find('d0001', 1000);
    feed.reset();
    assert.equal((await first).status, 'stale');
    assert.ok(['stale', 'cancelled'].includes((await queued).status));
    assert.equal(feed.loaded, false);
  });
});

describe('Feed: refresh merges by id', () => {
  it('puts deliveries that arrived since the last load on top, newest first, once', async () => {
    const store = new Store(25);
    const feed = feedOver(store);
    await feed.loadFirst();
    const changes = record(feed);
    store.arrive(['new2', 'new1']);
    assert.equal((await feed.refresh()).added, 2);
    assert.deepEqual(changes.flatMap((change) => change.added.map((d) => d.id)), ['new2', 'new1']);
    assert.deepEqual(ids(feed).slice(0, 3), ['new2', 'new1', 'd0025']);
    assert.equal((await feed.refresh()).added, 0);
  });

  it('bridges several pages of new deliveries without a gap', async () => {
    const store = new Store(25);
    const feed = feedOver(store);
    await feed.loadFirst();
    store.arrive(Array.from({ length: 23 }, (_, index) => `n${String(23 - index).padStart(2, '0')}`));
    assert.equal((await feed.refresh()).added, 23);
    assert.equal(feed.gaps.length, 0);
    await loadAll(feed);
    assert.deepEqual(ids(feed), store.order);
  });

  it('keeps what was loaded when a burst is larger than one refresh reads, and marks the gap', async () => {
    const store = new Store(25);
    const feed = feedOver(store, { maxRefreshPages: 2 });
    await feed.loadAtLeast(20);
    const loadedBefore = ids(feed);
    store.arrive(Array.from({ length: 45 }, (_, index) => `m${String(45 - index).padStart(2, '0')}`));
    await feed.refresh();
    assert.deepEqual(ids(feed).slice(20), loadedBefore, 'nothing loaded was replaced');
    assert.equal(feed.gaps.length, 1);
    assert.equal(feed.gaps[0]?.beforeId, 'd0025');
    assert.equal(feed.gaps[0]?.count, 25, '45 arrived, 20 read');
    await feed.fillGap();
    assert.equal(feed.gaps.length, 0);
    assert.deepEqual(ids(feed), store.order.slice(0, 65));
    await loadAll(feed);
    assert.deepEqual(ids(feed), store.order);
  });

  it('does not throw away what is loaded when the newest page comes back empty', async () => {
    const store = new Store(25);
    const feed = feedOver(store);
    await feed.loadFirst();
    const saved = store.order;
    store.order = [];
    await feed.refresh();
    store.order = saved;
    assert.deepEqual(ids(feed), saved.slice(0, 10));
  });

  it('updates a known delivery in place and counts it as a new failure exactly once', async () => {
    const store = new Store(25);
    store.set('d0024', { outcome: 'pending', rawStatus: 'PENDING' });
    const feed = feedOver(store);
    await feed.loadFirst();
    const changes = record(feed);
    store.set('d0024', { outcome: 'failed', rawStatus: 'FAILED', httpStatus: 502, attemptCount: 3 });
    await feed.refresh();
    assert.equal(feed.items[1]?.id, 'd0024');
    assert.equal(feed.items[1]?.httpStatus, 502);
    assert.deepEqual(changes.flatMap((change) => change.updated.map((d) => d.id)), ['d0024']);
    assert.deepEqual(changes.flatMap((change) => change.newFailures.map((d) => d.id)), ['d0024']);
    assert.ok(feed.isNewFailure('d0024'));
    await feed.refresh();
    assert.equal(changes.flatMap((change) => change.newFailures).length, 1, 'counted once');
  });

  it('settles a pending delivery deeper than the newest page by re-reading the page that holds it', async () => {
    const store = new Store(60);
    store.set('d0025', { outcome: 'pending' }); // the 36th: page 4
    const feed = feedOver(store);
    await feed.loadAtLeast(50);
    store.arrive(['n1']);
    store.set('d0025', { outcome: 'failed', httpStatus: 502 });
    const before = store.calls.count;
    await feed.refresh();
    assert.equal(feed.get('d0025')?.outcome, 'failed');
    assert.ok(store.calls.count - before <= 1 + 3, `${store.calls.count - before} requests`);
  });

  it('re-reads at most maxSettlePages pages per refresh, newest first', async () => {
    const store = new Store(100);
    for (const id of ['d0085', 'd0065', 'd0045', 'd0025', 'd0005']) {
      store.set(id, { outcome: 'pending' });
    }
    const feed = feedOver(store, { maxSettlePages: 2 });
    await feed.loadAtLeast(100);
    for (const id of ['d0085', 'd0065', 'd0045', 'd0025', 'd0005']) {
      store.set(id, { outcome: 'succeeded', httpStatus: 200 });
    }
    const before = store.calls.count;
    await feed.refresh();
    assert.equal(store.calls.count - before, 1 + 2);
    assert.deepEqual(
      ['d0085', 'd0065', 'd0045', 'd0025', 'd0005'].map((id) => feed.get(id)?.outcome),
      ['succeeded', 'succeeded', 'pending', 'pending', 'pending'],
    );
    await feed.refresh();
    await feed.refresh();
    assert.ok(['d0045', 'd0025', 'd0005'].every((id) => feed.get(id)?.outcome === 'succeeded'));
  });

  it('counts failures arriving on top as new, and the badge set follows the filter', async () => {
    const store = new Store(25);
    const feed = feedOver(store);
    await feed.loadFirst();
    store.arrive(['f1'], 'failed');
    await feed.refresh();
    assert.deepEqual(feed.visibleNewFailures().map((d) => d.id), ['f1']);
    feed.setFilter({ outcome: 'succeeded' });
    assert.deepEqual(feed.visibleNewFailures(), [], 'a failure the filter hides is not counted');
    assert.equal(feed.acknowledge(feed.visibleNewFailures().map((d) => d.id)), 0);
    feed.setFilter({ outcome: 'all' });
    assert.equal(feed.acknowledge(feed.visibleNewFailures().map((d) => d.id)), 1);
    assert.equal(feed.newFailureIds.size, 0);
  });

  it('marks no failure as new when it is only read from older pages', async () => {
    const store = new Store(25);
    store.set('d0001', { outcome: 'failed' });
    const feed = feedOver(store);
    await loadAll(feed);
    assert.equal(feed.newFailureIds.size, 0);
  });
});

describe('Feed: finding a delivery', () => {
  it('reads older pages until the delivery appears, and a second search for it joins the first', async () => {
    const store = new Store(60);
    const feed = feedOver(store);
    const [a, b] = await Promise.all([feed.find('d0015', 1000), feed.find('d0015', 1000)]);
    assert.equal(a.delivery?.id, 'd0015');
    assert.equal(b.delivery?.id, 'd0015');
    assert.equal(store.calls.count, 5);
  });

  it('searches the gap too', async () => {
    const store = new Store(25);
    const feed = feedOver(store, { maxRefreshPages: 1 });
    await feed.loadFirst();
    store.arrive(Array.from({ length: 30 }, (_, index) => `m${String(30 - index).padStart(2, '0')}`));
    await feed.refresh();
    assert.equal(feed.gaps.length, 1);
    const found = await feed.find('m05', 1000);
    assert.equal(found.delivery?.id, 'm05');
    assert.deepEqual(ids(feed).slice(0, 40), store.order.slice(0, 40));
  });

  it('stops at the bound and says the delivery was not found', async () => {
    const store = new Store(100);
    const feed = feedOver(store);
    const result = await feed.find('d0001', 30);
    assert.equal(result.status, 'done');
    assert.equal(result.delivery, undefined);
    assert.equal(feed.items.length, 30);
  });
});

describe('Feed: the first page', () => {
  it('reads nothing more when the first page was read by a load queued before it', async () => {
    const store = new Store(100);
    const feed = feedOver(store);
    // Load the Last N asked first; the tree expands the node while it runs.
    const [loaded, first] = await Promise.all([feed.loadAtLeast(25), feed.loadFirst()]);
    assert.equal(loaded.status, 'done');
    assert.equal(first.added, 0);
    assert.equal(feed.items.length, 30, 'three pages, not four');
    assert.equal(store.calls.count, 3);
  });
});
