// Where keys may go and how requests end early, for both providers over real HTTP: the
// base URL policy (checked before any request), cancellation mid-request and during a
// retry wait, and the log lines a request leaves (never a key).

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import type { Container } from '../../src/model/container';
import { ProviderError } from '../../src/model/errors';
import { assertSafeBaseUrl, createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { DeliveryProvider, ProviderConfig, ProviderId } from '../../src/providers';
import { parseRetryAfter } from '../../src/providers/retry';
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { FaultRule, SampleServer } from '../sample-server/server';

let server: SampleServer;
const outputs: string[] = [];

interface Subject {
  readonly provider: ProviderId;
  readonly deliveriesPath: string;
  make(overrides?: Partial<ProviderConfig>): DeliveryProvider;
  container: Container;
}

function config(apiKey: string, overrides: Partial<ProviderConfig>): ProviderConfig {
  return { baseUrl: server.url, apiKey, timeoutMs: 5_000, maxRetries: 2, logger: (line) => outputs.push(line), ...overrides };
}

const subjects: Subject[] = [
  {
    provider: 'handinger',
    deliveriesPath: '/webhook/executions',
    make: (overrides = {}) => createHandingerProvider(config(server.handingerKey, overrides)),
    container: { provider: 'handinger', kind: 'worker', id: SAMPLE_IDS.tinyWorker, name: 'tiny', raw: {} },
  },
  {
    provider: 'cadenya',
    deliveriesPath: '/webhook_deliveries',
    make: (overrides = {}) => createCadenyaProvider(config(server.cadenyaKey, overrides)),
    container: { provider: 'cadenya', kind: 'agent', id: SAMPLE_IDS.tinyAgent, workspaceId: SAMPLE_IDS.busyWorkspace, name: 'tiny', raw: {} },
  },
];

/** A fetch that counts the calls it passes on to the real one (not a mock: requests still go out). */
function countingFetch(): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
    calls: () => calls,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    outputs.push(inspect(error, { depth: 8 }));
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${inspect(error)}`);
    return error;
  }
  return assert.fail('expected the call to fail');
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

describe('base URL policy', () => {
  it('accepts https anywhere and http only to loopback addresses', () => {
    for (const url of ['https://handinger.com', 'https://api.cadenya.com/', 'http://127.0.0.1:8080', 'http://127.10.0.3', 'http://[::1]:3000', 'http://localhost:1234/base']) {
      assert.doesNotThrow(() => assertSafeBaseUrl(url), url);
    }
  });

  it('refuses clear http to other hosts, other schemes, embedded credentials and non-URLs', () => {
    for (const url of [
      'http://example.com',
      'http://192.168.1.10',
      'http://localhost.evil.test',
      'http://127.0.0.1.nip.io',
      'http://[::2]',
      'ftp://127.0.0.1',
      'file:///etc/passwd',
      'https://user:secret@handinger.com',
      'handinger.com',
      '',
    ]) {
      assert.throws(
        () => assertSafeBaseUrl(url),
        (error: unknown) => error instanceof ProviderError && error.kind === 'invalidBaseUrl' && error.action === 'openSettings',
        url,
      );
    }
  });

  for (const subject of subjects) {
    it(`${subject.provider}: refuses http://example.com before any request, the key never sent`, async () => {
      const counter = countingFetch();
      const before = server.requestLog.length;
      const error = await rejection(subject.make({ baseUrl: 'http://example.com', fetch: counter.fetch }).listDeliveries(subject.container, {}));
      assert.equal(error.kind, 'invalidBaseUrl');
      assert.match(error.message, /http:\/\/example\.com/);
      assert.equal(counter.calls(), 0);
      assert.equal(server.requestLog.length, before);
    });

    it(`${subject.provider}: works over http to 127.0.0.1 (the sample server)`, async () => {
      const page = await subject.make().listDeliveries(subject.container, {});
      assert.ok(page.items.length > 0);
    });

    it(`${subject.provider}: lets https and http://[::1] through to the network`, async () => {
      const port = new URL(server.url).port;
      // The sample server speaks plain http on 127.0.0.1 only, so both fail, but at the network, not at the policy.
      for (const baseUrl of [`https://127.0.0.1:${port}`, `http://[::1]:${port}`]) {
        const counter = countingFetch();
        const error = await rejection(subject.make({ baseUrl, maxRetries: 0, fetch: counter.fetch }).listDeliveries(subject.container, {}));
        assert.equal(error.kind, 'network', `${baseUrl}: ${error.message}`);
        assert.equal(counter.calls(), 1);
      }
    });
  }
});

describe('redirects', () => {
  // The sample server has no redirect fault, so two throwaway loopback servers stand in: the
  // first redirects every request to the second, which records what reaches it.
  for (const subject of subjects) {
    it(`${subject.provider}: does not follow a redirect, so the key cannot travel along`, async () => {
      const reached: string[] = [];
      const target = createServer((req, res) => {
        reached.push(req.headers.authorization ?? '(none)');
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      const targetPort = (target.address() as AddressInfo).port;
      const redirector = createServer((req, res) => {
        res.writeHead(302, { location: `http://127.0.0.1:${targetPort}${req.url ?? '/'}` }).end();
      });
      await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
      try {
        const baseUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
        const error = await rejection(subject.make({ baseUrl }).listDeliveries(subject.container, {}));
        assert.equal(error.kind, 'invalidBaseUrl');
        assert.equal(error.status, 302);
        assert.deepEqual(reached, []);
      } finally {
        redirector.close();
        target.close();
      }
    });
  }
});

describe('cancellation', () => {
  for (const subject of subjects) {
    const inject = (rule: Omit<FaultRule, 'pathIncludes'>): void => server.injectFault({ ...rule, pathIncludes: subject.deliveriesPath });

    it(`${subject.provider}: ends a request that hangs as soon as the caller cancels`, async () => {
      inject({ kind: 'hang' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const error = await rejection(subject.make().listDeliveries(subject.container, {}, controller.signal));
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.action, 'none');
      assert.ok(Date.now() - started < 10_000, `cancelled after ${Date.now() - started} ms`);
    });

    it(`${subject.provider}: ends a slow request waiting for headers as soon as the caller cancels`, async () => {
      inject({ kind: 'slow', delayMs: 9_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      assert.equal((await rejection(subject.make().listDeliveries(subject.container, {}, controller.signal))).kind, 'cancelled');
      assert.ok(Date.now() - started < 6_000, `cancelled after ${Date.now() - started} ms`);
    });

    it(`${subject.provider}: stops waiting to retry when the caller cancels`, async () => {
      inject({ kind: '429', retryAfterSeconds: 9 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      assert.equal((await rejection(subject.make().listDeliveries(subject.container, {}, controller.signal))).kind, 'cancelled');
      assert.ok(Date.now() - started < 6_000, `cancelled after ${Date.now() - started} ms`);
    });

    it(`${subject.provider}: sends nothing when the signal is already cancelled`, async () => {
      const counter = countingFetch();
      const error = await rejection(subject.make({ fetch: counter.fetch }).listDeliveries(subject.container, {}, AbortSignal.abort()));
      assert.equal(error.kind, 'cancelled');
      assert.equal(counter.calls(), 0);
    });

    it(`${subject.provider}: tells a timeout from a cancel`, async () => {
      inject({ kind: 'hang' });
      const controller = new AbortController();
      const error = await rejection(subject.make({ timeoutMs: 200 }).listDeliveries(subject.container, {}, controller.signal));
      assert.equal(error.kind, 'timeout');
      assert.equal(controller.signal.aborted, false);
    });
  }
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3_000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 12:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});

describe('request log lines', () => {
  for (const subject of subjects) {
    it(`${subject.provider}: logs method, path, status and time for each request and each retry, never the key`, async () => {
      const lines: string[] = [];
      server.injectFault({ kind: '503', pathIncludes: subject.deliveriesPath });
      await subject.make({ logger: (line) => lines.push(line) }).listDeliveries(subject.container, {});
      outputs.push(...lines);
      assert.equal(lines.length, 3, lines.join('\n'));
      assert.match(lines[0] ?? '', new RegExp(`^\\[${subject.provider}\\] GET /.*${subject.deliveriesPath}.* → 503 \\(\\d+ ms\\)$`));
      assert.match(lines[1] ?? '', /server 503; retry 1 of 2 in \d+ ms/);
      assert.match(lines[2] ?? '', / → 200 /);
    });
  }

  it('leaves no key in any error or log line of this file', () => {
    assert.ok(outputs.length > 20);
    for (const secret of [server.handingerKey, server.cadenyaKey]) {
      assert.deepEqual(
        outputs.filter((output) => output.includes(secret)),
        [],
      );
    }
  });
});
