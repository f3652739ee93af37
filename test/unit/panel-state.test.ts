// What survives a window reload, and what the extension accepts from the page.
import * as assert from 'node:assert/strict';
import type { Delivery } from '../../src/model/delivery';
import { deliveryRef, readDelivery, readPanelState } from '../../src/detail/state';
import { parseFromWebview } from '../../src/detail/protocol';

const delivery: Delivery = {
  provider: 'handinger',
  id: 'whe_1',
  containerId: 'wrk_1',
  createdAt: '2026-11-23T10:02:11.000Z',
  time: Date.parse('2026-11-23T10:02:11.000Z'),
  outcome: 'failed',
  rawStatus: 'error',
  httpStatus: 500,
  latencyMs: 120,
  targetUrl: 'https://example.com/webhooks/handinger',
  eventType: { raw: 'task.completed', label: 'Task completed' },
  errorMessage: 'boom',
  responseHeaders: { server: 'nginx' },
  related: { kind: 'task', id: 'tsk_1', title: 'Sync order' },
  labels: { env: 'prod' },
  raw: { id: 'whe_1', nested: [1, 2, { a: null }] },
};

describe('Panel state after a reload', function () {
  it('saves ids only: never headers, error text, labels, the record or the model', function () {
    const saved = JSON.stringify({ version: 2, ref: deliveryRef(delivery), following: true });
    for (const secret of ['boom', 'nginx', 'prod', 'nested', 'Sync order', 'https://example.com']) {
      assert.ok(!saved.includes(secret), `${secret} is not saved`);
    }
    assert.deepEqual(JSON.parse(saved), {
      version: 2,
      ref: { provider: 'handinger', id: 'whe_1', containerId: 'wrk_1', createdAt: '2026-11-23T10:02:11.000Z', related: { kind: 'task', id: 'tsk_1' } },
      following: true,
    });
  });

  it('reads back a saved state as a delivery known by its ids, to be read again', function () {
    const state = readPanelState(JSON.parse(JSON.stringify({ version: 2, ref: deliveryRef(delivery), following: true })));
    assert.ok(state);
    assert.equal(state.following, true);
    assert.deepEqual(
      { ...state.delivery },
      { provider: 'handinger', id: 'whe_1', containerId: 'wrk_1', workspaceId: undefined, createdAt: delivery.createdAt, time: delivery.time, outcome: 'unknown', related: { kind: 'task', id: 'tsk_1' }, raw: undefined },
    );
  });

  it('gives up all but the ids of a version 1 state, which held the whole delivery', function () {
    const state = readPanelState(JSON.parse(JSON.stringify({ version: 1, delivery, related: { kind: 'task', id: 'tsk_1', url: 'https://x.test/t' }, following: true, model: { any: 'thing' } })));
    assert.ok(state);
    assert.equal(state.delivery.id, 'whe_1');
    assert.equal(state.delivery.errorMessage, undefined);
    assert.equal(state.delivery.responseHeaders, undefined);
    assert.equal(state.delivery.raw, undefined);
  });

  it('refuses states without a usable delivery', function () {
    for (const saved of [
      undefined,
      null,
      'text',
      [],
      {},
      { version: 2, delivery },
      { version: 1 },
      { version: 1, delivery: { ...delivery, provider: 'github' } },
      { version: 1, delivery: { ...delivery, id: '' } },
      { version: 1, delivery: { ...delivery, outcome: 'exploded' } },
    ]) {
      assert.equal(readPanelState(saved), undefined, JSON.stringify(saved));
    }
  });

  it('drops fields of the wrong type instead of trusting them', function () {
    const read = readDelivery({
      ...delivery,
      httpStatus: '500',
      latencyMs: Number.NaN,
      targetUrl: 42,
      responseHeaders: { server: 'nginx', bad: 1 },
      eventType: { raw: 'x' },
      related: { kind: 'evil', id: 'x' },
      labels: 'nope',
    });
    assert.ok(read);
    assert.equal(read.httpStatus, undefined);
    assert.equal(read.latencyMs, undefined);
    assert.equal(read.targetUrl, undefined);
    assert.deepEqual(read.responseHeaders, { server: 'nginx' });
    assert.equal(read.eventType, undefined);
    assert.equal(read.related, undefined);
    assert.equal(read.labels, undefined);
    assert.equal(read.time, Date.parse('2026-11-23T10:02:11.000Z'));
  });

  it('defaults `following` to false', function () {
    assert.equal(readPanelState({ version: 1, delivery })?.following, false);
    assert.equal(readPanelState({ version: 2, ref: deliveryRef(delivery) })?.following, false);
  });
});

describe('Messages from the page', function () {
  it('accepts each message of the protocol', function () {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'rendered', deliveryId: 'x' }), { type: 'rendered', deliveryId: 'x' });
    assert.deepEqual(parseFromWebview({ type: 'copy', what: 'json' }), { type: 'copy', what: 'json' });
    assert.deepEqual(parseFromWebview({ type: 'copy', what: 'url' }), { type: 'copy', what: 'url' });
    assert.deepEqual(parseFromWebview({ type: 'copy', what: 'relatedUrl' }), { type: 'copy', what: 'relatedUrl' });
    assert.deepEqual(parseFromWebview({ type: 'openJson' }), { type: 'openJson' });
    assert.deepEqual(parseFromWebview({ type: 'openLink', url: 'https://a.test' }), { type: 'openLink', url: 'https://a.test' });
    assert.deepEqual(parseFromWebview({ type: 'refresh', extra: 1 }), { type: 'refresh' });
    assert.deepEqual(parseFromWebview({ type: 'searchHandler' }), { type: 'searchHandler' });
  });

  it('ignores anything else', function () {
    for (const message of [
      undefined,
      null,
      'ready',
      {},
      { type: 'eval', code: 'x' },
      { type: 'copy', what: 'secrets' },
      { type: 'copy' },
      { type: 'openLink' },
      { type: 'openLink', url: 42 },
      { type: 'rendered' },
      { type: '__proto__' },
    ]) {
      assert.equal(parseFromWebview(message), undefined, JSON.stringify(message));
    }
  });
});
