// Route health (src/health/model.ts): loaded deliveries grouped by the route line of a file
// their target URL maps to, with counts, p95, last time, most common error and failure rate.
import assert from 'node:assert/strict';
import type { Delivery, Outcome } from '../../src/model/delivery';
import { failingAbove, filterTextOf, routeHealth, RECENT_COUNT, type FeedInput } from '../../src/health/model';

const T0 = Date.parse('2026-11-23T12:00:00Z');
let sequence = 0;

function delivery(fields: Partial<Delivery> & { outcome?: Outcome } = {}): Delivery {
  sequence++;
  const time = fields.time ?? T0 - sequence * 1000;
  return {
    provider: 'handinger',
    id: `d${String(sequence).padStart(6, '0')}`,
    containerId: 'wrk',
    createdAt: new Date(time).toISOString(),
    time,
    outcome: 'succeeded',
    raw: {},
    ...fields,
  };
}

function feed(deliveries: Delivery[], key = 'handinger/worker/wrk', name = 'Order sync'): FeedInput {
  return { key, provider: 'handinger', name, deliveries };
}

const EXPRESS = [
  "import express from 'express';",
  'export const crm = express.Router();',
  "crm.post('/handinger/webhook', (req, res) => {",
  '  res.sendStatus(202);',
  '});',
  "crm.post('/orders/:id/events', (req, res) => res.sendStatus(204));",
].join('\n');

describe('Route health model', function () {
  it('counts the deliveries of a route line: failed of total, p95, last time, most common error, failure rate', function () {
    const url = 'https://crm.example.com/api/handinger/webhook';
    const deliveries = [
      delivery({ targetUrl: url, outcome: 'failed', errorMessage: 'Webhook endpoint responded with 500', latencyMs: 900, time: T0 }),
      delivery({ targetUrl: url, outcome: 'failed', errorMessage: 'timeout of 30000ms exceeded', latencyMs: 30_000, time: T0 - 1000 }),
      delivery({ targetUrl: url, outcome: 'failed', errorMessage: 'Webhook endpoint responded with 500', latencyMs: 800, time: T0 - 2000 }),
      delivery({ targetUrl: url, outcome: 'pending', latencyMs: 50, time: T0 - 3000 }),
      ...Array.from({ length: 16 }, (_, index) => delivery({ targetUrl: url, latencyMs: 100 + index, time: T0 - 4000 - index })),
      delivery({ targetUrl: 'https://crm.example.com/somewhere/else', outcome: 'failed' }),
    ];
    const [health, ...rest] = routeHealth('services/crm/routes/handinger.js', EXPRESS, [feed(deliveries)]);
    assert.deepEqual(rest, []);
    assert.ok(health);
    assert.equal(health.line, 2);
    assert.equal(EXPRESS.split('\n')[2]!.slice(health.start, health.end), '/handinger/webhook');
    assert.deepEqual(
      { total: health.total, failed: health.failed, succeeded: health.succeeded, p95: health.p95Ms, last: health.lastTime, name: health.name },
      { total: 20, failed: 3, succeeded: 16, p95: 900, last: T0, name: 'Order sync' },
    );
    assert.equal(health.failureRate, 3 / 19, 'pending ones have no verdict');
    assert.deepEqual(health.commonError, { message: 'Webhook endpoint responded with 500', count: 2 });
    assert.equal(health.recent.length, RECENT_COUNT);
    assert.deepEqual(health.recent.map((d) => d.id), deliveries.slice(0, RECENT_COUNT).map((d) => d.id), 'the newest, newest first');
    assert.deepEqual(health.paths, ['/api/handinger/webhook']);
    assert.equal(health.filterText, '/api/handinger/webhook');
  });

  it('keeps each worker or agent apart and maps a template route’s ids to its line', function () {
    const a = [delivery({ targetUrl: 'https://x.test/orders/8812/events' }), delivery({ targetUrl: 'https://x.test/orders/8813/events', outcome: 'failed' })];
    const b = [delivery({ provider: 'cadenya', targetUrl: 'https://y.test/api/handinger/webhook' })];
    const result = routeHealth('routes.js', EXPRESS, [
      feed(a, 'handinger/worker/a', 'Alpha'),
      { key: 'cadenya/ws/agent/b', provider: 'cadenya', name: 'Beta', deliveries: b },
    ]);
    assert.deepEqual(
      result.map((h) => `${h.line} ${h.name} ${h.failed}/${h.total} ${h.filterText}`),
      ['2 Beta 0/1 /api/handinger/webhook', '5 Alpha 1/2 /orders/'],
    );
  });

  it('finds a Next.js route file by its folders', function () {
    const text = 'export async function POST(request: Request) {\n  return new Response(null);\n}';
    const [health] = routeHealth('app/api/cadenya/webhook/route.ts', text, [feed([delivery({ targetUrl: 'https://f.test/api/cadenya/webhook' })])]);
    assert.equal(health?.line, 0);
    assert.equal(text.slice(health.start, health.end), 'POST');
  });

  it('maps nothing from deliveries without a usable target URL, or a file past the size limit', function () {
    const deliveries = [delivery({ targetUrl: 'javascript:alert(1)' }), delivery({ targetUrl: undefined }), delivery({ targetUrl: 'not a url' })];
    assert.deepEqual(routeHealth('routes.js', EXPRESS, [feed(deliveries)]), []);
    const big = EXPRESS + '\n' + ' '.repeat(1024 * 1024);
    assert.deepEqual(routeHealth('routes.js', big, [feed([delivery({ targetUrl: 'https://a.test/api/handinger/webhook' })])]), []);
  });

  it('reports no failure rate while nothing has a verdict, and compares it with a threshold in percent', function () {
    const [pending] = routeHealth('r.js', EXPRESS, [feed([delivery({ targetUrl: 'https://a.test/api/handinger/webhook', outcome: 'pending' })])]);
    assert.equal(pending?.failureRate, undefined);
    assert.equal(failingAbove({ failureRate: undefined }, 1), false);
    assert.equal(failingAbove({ failureRate: 0.2 }, 20), true);
    assert.equal(failingAbove({ failureRate: 0.19 }, 20), false);
  });

  it('gives the tree a text filter: the shared path, else the shared leading segments, else the commonest path', function () {
    assert.equal(filterTextOf([]), '');
    assert.equal(filterTextOf(['/a/b']), '/a/b');
    assert.equal(filterTextOf(['/hooks/catch/1/x', '/hooks/catch/2/y']), '/hooks/catch/');
    assert.equal(filterTextOf(['/v1/hooks/handinger', '/webhooks/handinger']), '/v1/hooks/handinger');
  });
});
