// Both providers against every fault the sample server injects, over real HTTP: each
// failure ends as one ProviderError kind with the right action, 429 and 5xx are retried
// within bounds, and neither API key shows up in any error or log line on the way.

import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { Container } from '../../src/model/container';
import type { ErrorKind } from '../../src/model/errors';
import { ProviderError } from '../../src/model/errors';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { DeliveryProvider, ProviderConfig, ProviderId } from '../../src/providers';
import { CREATOR_ONLY_MESSAGE, SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { FaultRule, SampleServer } from '../sample-server/server';

let server: SampleServer;
/** Every log line, error message, stack and inspected error of this file, checked for keys at the end. */
const outputs: string[] = [];
const WRONG_KEY = 'hdg_live_wrong_key_5d1f0c';

function remember(error: unknown): void {
  outputs.push(inspect(error, { depth: 8 }));
  if (error instanceof Error) {
    outputs.push(error.message, error.stack ?? '');
  }
}

async function failure(promise: Promise<unknown>, kind: ErrorKind): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    remember(error);
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${inspect(error)}`);
    assert.equal(error.kind, kind, `kind of "${error.message}"`);
    return error;
  }
  return assert.fail(`expected a '${kind}' error, but the call succeeded`);
}

interface Subject {
  readonly provider: ProviderId;
  /** Path fragment of the deliveries request every fault below is aimed at. */
  readonly deliveriesPath: string;
  key(): string;
  make(overrides?: Partial<ProviderConfig>): DeliveryProvider;
  container(id?: string): Container;
}

function config(apiKey: string, overrides: Partial<ProviderConfig>): ProviderConfig {
  return { baseUrl: server.url, apiKey, timeoutMs: 2_000, maxRetries: 2, logger: (line) => outputs.push(line), ...overrides };
}

const subjects: Subject[] = [
  {
    provider: 'handinger',
    deliveriesPath: '/webhook/executions',
    key: () => server.handingerKey,
    make: (overrides = {}) => createHandingerProvider(config(server.handingerKey, overrides)),
    container: (id = SAMPLE_IDS.smallWorker) => ({ provider: 'handinger', kind: 'worker', id, name: id, raw: {} }),
  },
  {
    provider: 'cadenya',
    deliveriesPath: '/webhook_deliveries',
    key: () => server.cadenyaKey,
    make: (overrides = {}) => createCadenyaProvider(config(server.cadenyaKey, overrides)),
    container: (id = SAMPLE_IDS.smallAgent) => ({
      provider: 'cadenya',
      kind: 'agent',
      id,
      workspaceId: SAMPLE_IDS.busyWorkspace,
      name: id,
      raw: {},
    }),
  },
];

/** Requests the server received for `path` while `run` ran. */
async function countRequests<T>(path: string, run: () => Promise<T>): Promise<{ result: T; requests: number; ms: number }> {
  const before = server.requestLog.filter((entry) => entry.path.includes(path)).length;
  const started = Date.now();
  const result = await run();
  const requests = server.requestLog.filter((entry) => entry.path.includes(path)).length - before;
  return { result, requests, ms: Date.now() - started };
}

before(async () => {
  server = await startSampleServer();
});

afterEach(() => {
  server.clearFaults();
});

after(async () => {
  await server.close();
});

for (const subject of subjects) {
  const list = (overrides?: Partial<ProviderConfig>, container = subject.container()): Promise<unknown> =>
    subject.make(overrides).listDeliveries(container, { limit: 20 });
  const inject = (rule: Omit<FaultRule, 'pathIncludes'>): void =>
    server.injectFault({ ...rule, pathIncludes: subject.deliveriesPath });

  describe(`${subject.provider}: refused and missing resources`, () => {
    it('reports 401 as unauthorized, asking for a key, with the server reason', async () => {
      inject({ kind: '401' });
      const error = await failure(list(), 'unauthorized');
      assert.equal(error.action, 'setKey');
      assert.equal(error.status, 401);
      assert.equal(error.provider, subject.provider);
      assert.match(error.message, /Invalid API key/);
    });

    it('reports a key the server does not know as unauthorized, without retrying', async () => {
      const provider = subject.provider === 'handinger' ? createHandingerProvider(config(WRONG_KEY, {})) : createCadenyaProvider(config(WRONG_KEY, {}));
      const { requests } = await countRequests(subject.deliveriesPath, () =>
        failure(provider.listDeliveries(subject.container(), {}), 'unauthorized'),
      );
      assert.equal(requests, 1);
    });

    it('reports an empty key as unauthorized before sending anything', async () => {
      const provider = subject.provider === 'handinger' ? createHandingerProvider(config('  ', {})) : createCadenyaProvider(config('', {}));
      const { requests } = await countRequests('', () => failure(provider.listDeliveries(subject.container(), {}), 'unauthorized'));
      assert.equal(requests, 0);
    });

    it('reports 403 as forbidden', async () => {
      inject({ kind: '403' });
      const error = await failure(list(), 'forbidden');
      assert.equal(error.status, 403);
      // Handinger documents a 403 on a worker's history as "valid key, not your worker".
      assert.equal(error.action, subject.provider === 'handinger' ? 'removeWorker' : 'setKey');
    });

    it('reports 404 as not found, asking to check the id', async () => {
      inject({ kind: '404' });
      const error = await failure(list(), 'notFound');
      assert.equal(error.action, 'checkId');
    });

    it('reports a container the server does not have as not found', async () => {
      await failure(list({}, subject.container(`${subject.provider === 'handinger' ? 'wrk' : 'agent'}_does_not_exist`)), 'notFound');
    });

    it('maps faults selected by the id in the path the same way', async () => {
      const prefix = subject.provider === 'handinger' ? 'wrk' : 'agent';
      await failure(list({}, subject.container(`${prefix}_fault-401`)), 'unauthorized');
      await failure(list({}, subject.container(`${prefix}_fault-403`)), 'forbidden');
      await failure(list({}, subject.container(`${prefix}_fault-404`)), 'notFound');
    });

    it('refuses a dot-only id before sending it, so the path cannot climb', async () => {
      const { requests } = await countRequests('', () => failure(list({}, subject.container('..')), 'notFound'));
      assert.equal(requests, 0);
    });
  });

  describe(`${subject.provider}: rate limits`, () => {
    it('waits for Retry-After after a 429 and then succeeds', async () => {
      inject({ kind: '429', retryAfterSeconds: 1 });
      const { requests, ms } = await countRequests(subject.deliveriesPath, () => list());
      assert.equal(requests, 2);
      assert.ok(ms >= 900, `retried after ${ms} ms`);
    });

    it('gives up after the allowed retries with rateLimited and the wait', async () => {
      inject({ kind: '429', retryAfterSeconds: 1, times: 5 });
      const { result: error, requests } = await countRequests(subject.deliveriesPath, () => failure(list({ maxRetries: 1 }), 'rateLimited'));
      assert.equal(requests, 2);
      assert.equal(error.retryAfterMs, 1_000);
      assert.equal(error.action, 'waitAndRetry');
      assert.equal(error.status, 429);
    });

    it('honours a Retry-After sent as an HTTP date: waits for a short one, reports a long one', async () => {
      inject({ kind: '429', retryAfterSeconds: 1, retryAfterDate: true });
      const waited = await countRequests(subject.deliveriesPath, () => list());
      assert.equal(waited.requests, 2);
      assert.ok(waited.ms >= 900, `retried after ${waited.ms} ms`);
      inject({ kind: '429', retryAfterSeconds: 120, retryAfterDate: true });
      const { result: error, requests } = await countRequests(subject.deliveriesPath, () => failure(list(), 'rateLimited'));
      assert.equal(requests, 1);
      // The date has one-second resolution, rounded up by the server; the clock moved meanwhile.
      assert.ok(error.retryAfterMs !== undefined && error.retryAfterMs > 118_000 && error.retryAfterMs <= 121_000, `retryAfterMs ${error.retryAfterMs}`);
    });

    it('does not sleep through a long Retry-After: fails at once and says how long to wait', async () => {
      inject({ kind: '429', retryAfterSeconds: 120 });
      const { result: error, requests, ms } = await countRequests(subject.deliveriesPath, () => failure(list(), 'rateLimited'));
      assert.equal(requests, 1);
      // Sleeping through it would take 120 s.
      assert.ok(ms < 10_000, `took ${ms} ms`);
      assert.equal(error.retryAfterMs, 120_000);
      assert.match(error.message, /120 s/);
    });
  });

  describe(`${subject.provider}: server errors`, () => {
    for (const kind of ['500', '503'] as const) {
      it(`retries a ${kind} and then succeeds`, async () => {
        inject({ kind, times: 2 });
        const { requests } = await countRequests(subject.deliveriesPath, () => list());
        assert.equal(requests, 3);
      });

      it(`reports a persistent ${kind} as a server error after the allowed retries`, async () => {
        inject({ kind, times: 10 });
        const { result: error, requests } = await countRequests(subject.deliveriesPath, () => failure(list(), 'server'));
        assert.equal(requests, 3);
        assert.equal(error.status, Number(kind));
        assert.equal(error.action, 'retry');
      });
    }
  });

  describe(`${subject.provider}: slow and silent servers`, () => {
    it('waits for a slow answer that comes within the timeout', async () => {
      inject({ kind: 'slow', delayMs: 300 });
      const { ms } = await countRequests(subject.deliveriesPath, () => list({ timeoutMs: 2_000 }));
      assert.ok(ms >= 280, `answered after ${ms} ms`);
    });

    it('gives up on a server that never finishes its answer with a timeout, without retrying', async () => {
      inject({ kind: 'hang', times: 5 });
      const { result: error, requests, ms } = await countRequests(subject.deliveriesPath, () => failure(list({ timeoutMs: 300 }), 'timeout'));
      assert.equal(requests, 1);
      // A hang never ends; the bound only has to tell the timeout from it.
      assert.ok(ms < 10_000, `gave up after ${ms} ms`);
      assert.equal(error.action, 'retry');
    });

    it('times out a slow answer that comes too late', async () => {
      inject({ kind: 'slow', delayMs: 1_500 });
      await failure(list({ timeoutMs: 300 }), 'timeout');
    });
  });

  describe(`${subject.provider}: bodies that are not what was asked for`, () => {
    it('reports truncated JSON as malformed, not as a parse exception', async () => {
      inject({ kind: 'malformed' });
      const { result: error, requests } = await countRequests(subject.deliveriesPath, () => failure(list(), 'malformed'));
      assert.equal(requests, 1);
      assert.equal(error.action, 'retry');
    });

    it('reports a proxy HTML error page as malformed (retried like the 502 it came with)', async () => {
      inject({ kind: 'html', times: 10 });
      const { result: error, requests } = await countRequests(subject.deliveriesPath, () => failure(list(), 'malformed'));
      assert.equal(requests, 3);
      assert.equal(error.status, 502);
      assert.doesNotMatch(error.message, /<html|nginx/i);
    });

    it('recovers when the HTML page was a passing hiccup', async () => {
      inject({ kind: 'html' });
      await list();
    });

    it('reports valid JSON of the wrong shape as malformed', async () => {
      inject({ kind: 'wrong-shape' });
      await failure(list(), 'malformed');
    });
  });

  describe(`${subject.provider}: dropped connections`, () => {
    it('retries a reset connection and then succeeds', async () => {
      inject({ kind: 'reset' });
      const { requests } = await countRequests(subject.deliveriesPath, () => list());
      assert.equal(requests, 2);
    });

    it('reports a connection reset every time as a network error', async () => {
      inject({ kind: 'reset', times: 10 });
      const error = await failure(list(), 'network');
      assert.equal(error.action, 'retry');
    });

    it('reports a port nobody listens on as a network error', async () => {
      await failure(list({ baseUrl: 'http://127.0.0.1:9', maxRetries: 0 }), 'network');
    });
  });
}

describe('key secrecy across failures', () => {
  it('keeps a key out of the message and the log even when the server echoes it back', async () => {
    // The sample Cadenya server names the missing workspace in its 404, so a "workspace id"
    // equal to the key makes the server echo the key.
    const lines: string[] = [];
    const echoing = createCadenyaProvider(config(server.cadenyaKey, { logger: (line) => lines.push(line) }));
    const error = await failure(echoing.listAgents(server.cadenyaKey), 'notFound');
    assert.match(error.message, /\[redacted\]/);
    assert.ok(lines.length > 0);
    assert.ok(lines.every((line) => !line.includes(server.cadenyaKey)), lines.join('\n'));
    outputs.push(...lines);
  });

  it('never shows either key, or a wrong one, in any error, stack or log line above', () => {
    assert.ok(outputs.length > 100, `only ${outputs.length} outputs were collected`);
    for (const secret of [server.handingerKey, server.cadenyaKey, WRONG_KEY]) {
      const leaks = outputs.filter((output) => output.includes(secret));
      assert.deepEqual(leaks, [], `key ${secret.slice(0, 8)}… leaked`);
    }
  });
});

describe('handinger: a worker only its creator may read', () => {
  it('is forbidden with Remove worker as the action and the API\u2019s message kept', async () => {
    const provider = createHandingerProvider(config(server.handingerKey, {}));
    const container: Container = { provider: 'handinger', kind: 'worker', id: SAMPLE_IDS.othersWorker, name: SAMPLE_IDS.othersWorker, raw: {} };
    assert.equal((await provider.getWorker(SAMPLE_IDS.othersWorker)).id, SAMPLE_IDS.othersWorker, 'the worker itself can be read');
    const error = await failure(provider.listDeliveries(container, {}), 'forbidden');
    assert.equal(error.action, 'removeWorker');
    assert.equal(error.status, 403);
    assert.equal(error.detail, CREATOR_ONLY_MESSAGE);
  });
});
