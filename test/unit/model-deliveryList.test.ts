// DeliveryList on its own, fed by in-memory page loaders (it does no I/O; the provider
// suites run it over real HTTP): order, de-duplication, serialised loads, live refresh.

import assert from 'node:assert/strict';
import type { Delivery, DeliveryPage } from '../../src/model/delivery';
import type { PageLoader } from '../../src/model/deliveryList';
import { DeliveryList } from '../../src/model/deliveryList';

function delivery(id: string): Delivery {
  return { provider: 'cadenya', id, containerId: 'agent', createdAt: '', time: 0, outcome: 'succeeded', raw: { id } };
}

/** A newest-first feed paged by offset, like a cursor API; `feed.unshift` adds new ones on top. */
function offsetLoader(feed: string[], pageSize: number, calls: { count: number; active: number; maxActive: number }): PageLoader {
  return async (continuation) => {
    calls.count++;
    calls.active++;
    calls.maxActive = Math.max(calls.maxActive, calls.active);
    await new Promise((resolve) => setTimeout(resolve, 2));
    calls.active--;
    const start = continuation === undefined ? 0 : Number(continuation);
    const end = start + pageSize;
    return {
      items: feed.slice(start, end).map(delivery),
      continuation: end < feed.length ? String(end) : undefined,
      totalCount: feed.length,
    };
  };
}

function ids(list: DeliveryList): string[] {
  return list.items.map((item) => item.id);
}

function newCalls(): { count: number; active: number; maxActive: number } {
  return { count: 0, active: 0, maxActive: 0 };
}

const feedOf = (count: number): string[] => Array.from({ length: count }, (_, index) => `d${String(count - index).padStart(4, '0')}`);

describe('DeliveryList: loading pages', () => {
  it('appends pages in order until the end, then reports no more', async () => {
    const feed = feedOf(25);
    const list = new DeliveryList(offsetLoader(feed, 10, newCalls()));
    assert.equal(list.hasMore, true);
    assert.equal(list.loaded, false);
    assert.equal((await list.loadMore()).length, 10);
    assert.equal(list.remaining, 15);
    await list.loadMore();
    await list.loadMore();
    assert.deepEqual(ids(list), feed);
    assert.equal(list.hasMore, false);
    assert.equal(list.remaining, 0);
    assert.deepEqual(await list.loadMore(), []);
  });

  it('shows an empty container as loaded and finished after one call', async () => {
    const list = new DeliveryList(offsetLoader([], 10, newCalls()));
    await list.loadMore();
    assert.equal(list.loaded, true);
    assert.equal(list.hasMore, false);
    assert.deepEqual(ids(list), []);
  });

  it('drops deliveries it already holds when pages overlap', async () => {
    const pages: DeliveryPage[] = [
      { items: ['a', 'b', 'c'].map(delivery), continuation: '1' },
      { items: ['c', 'd', 'd', 'e'].map(delivery), continuation: undefined },
    ];
    const list = new DeliveryList((continuation) => Promise.resolve(pages[continuation === undefined ? 0 : 1]!));
    await list.loadMore();
    assert.deepEqual((await list.loadMore()).map((item) => item.id), ['d', 'e']);
    assert.deepEqual(ids(list), ['a', 'b', 'c', 'd', 'e']);
  });

  it('reads on past a page that brings nothing new instead of returning an empty page', async () => {
    const pages: Record<string, DeliveryPage> = {
      first: { items: ['a', 'b'].map(delivery), continuation: 'dupes' },
      dupes: { items: ['a', 'b'].map(delivery), continuation: 'rest' },
      rest: { items: ['c'].map(delivery) },
    };
    const list = new DeliveryList((continuation) => Promise.resolve(pages[continuation ?? 'first']!));
    await list.loadMore();
    assert.deepEqual((await list.loadMore()).map((item) => item.id), ['c']);
    assert.equal(list.hasMore, false);
  });

  it('treats a server handing back the same continuation as the end, not a loop', async () => {
    let calls = 0;
    const list = new DeliveryList(() => {
      calls++;
      return Promise.resolve({ items: [delivery('same')], continuation: 'again' });
    });
    await list.loadMore();
    await list.loadMore();
    assert.equal(list.hasMore, false);
    assert.ok(calls <= 3, `${calls} calls`);
  });

  it('runs overlapping loadMore calls one after the other, each loading the next page', async () => {
    const calls = newCalls();
    const feed = feedOf(30);
    const list = new DeliveryList(offsetLoader(feed, 10, calls));
    const [first, second, third] = await Promise.all([list.loadMore(), list.loadMore(), list.loadMore()]);
    assert.equal(calls.maxActive, 1);
    assert.equal(calls.count, 3);
    assert.deepEqual([...first, ...second, ...third].map((item) => item.id), feed);
  });

  it('stays usable after a failed load: the next call loads the same page again', async () => {
    let fail = true;
    const feed = feedOf(20);
    const inner = offsetLoader(feed, 10, newCalls());
    const list = new DeliveryList(async (continuation, signal) => {
      if (continuation === '10' && fail) {
        fail = false;
        throw new Error('boom');
      }
      return inner(continuation, signal);
    });
    await list.loadMore();
    await assert.rejects(list.loadMore(), /boom/);
    await list.loadMore();
    assert.deepEqual(ids(list), feed);
  });

  it('forgets everything on reset, and a load still running then changes nothing', async () => {
    const feed = feedOf(20);
    const list = new DeliveryList(offsetLoader(feed, 10, newCalls()));
    const running = list.loadMore();
    list.reset();
    assert.deepEqual(await running, []);
    assert.deepEqual(ids(list), []);
    assert.equal(list.loaded, false);
    await list.loadMore();
    assert.deepEqual(ids(list), feed.slice(0, 10));
  });
});

describe('DeliveryList: live refresh', () => {
  it('puts deliveries that arrived since the last load on top, newest first', async () => {
    const feed = feedOf(25);
    const list = new DeliveryList(offsetLoader(feed, 10, newCalls()));
    await list.loadMore();
    feed.unshift('new2', 'new1');
    const added = await list.refreshNewest();
    assert.deepEqual(added.map((item) => item.id), ['new2', 'new1']);
    assert.deepEqual(ids(list).slice(0, 3), ['new2', 'new1', 'd0025']);
    assert.deepEqual(await list.refreshNewest(), []);
  });

  it('bridges more than one page of new deliveries without a gap', async () => {
    const feed = feedOf(25);
    const list = new DeliveryList(offsetLoader(feed, 10, newCalls()));
    await list.loadMore();
    const arrivals = Array.from({ length: 23 }, (_, index) => `n${String(23 - index).padStart(2, '0')}`);
    feed.unshift(...arrivals);
    assert.equal((await list.refreshNewest()).length, 23);
    while (list.hasMore) {
      await list.loadMore();
    }
    assert.deepEqual(ids(list), feed);
  });

  it('starts over from the newest pages when too many arrived to bridge, keeping no hole', async () => {
    const feed = feedOf(25);
    const list = new DeliveryList(offsetLoader(feed, 10, newCalls()), { maxRefreshPages: 2 });
    await list.loadMore();
    feed.unshift(...Array.from({ length: 40 }, (_, index) => `m${String(40 - index).padStart(2, '0')}`));
    await list.refreshNewest();
    assert.deepEqual(ids(list), feed.slice(0, 20));
    while (list.hasMore) {
      await list.loadMore();
    }
    assert.deepEqual(ids(list), feed);
  });

  it('loads the first page when nothing was loaded yet', async () => {
    const feed = feedOf(5);
    const list = new DeliveryList(offsetLoader(feed, 10, newCalls()));
    assert.equal((await list.refreshNewest()).length, 5);
    assert.deepEqual(ids(list), feed);
  });

  it('never runs a refresh and a load at the same time', async () => {
    const calls = newCalls();
    const feed = feedOf(40);
    const list = new DeliveryList(offsetLoader(feed, 10, calls));
    await list.loadMore();
    feed.unshift('fresh');
    await Promise.all([list.loadMore(), list.refreshNewest(), list.loadMore()]);
    assert.equal(calls.maxActive, 1);
    assert.equal(new Set(ids(list)).size, list.items.length);
    assert.equal(list.items[0]?.id, 'fresh');
  });
});
