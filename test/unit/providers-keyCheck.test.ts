// Checking a new Handinger key, over real HTTP against the sample server: only documented
// answers decide (200 and 403 accept, 401 rejects); a 404 or no worker at all leaves the key
// unchecked, to be checked on first use.

import assert from 'node:assert/strict';
import { createHandingerProvider } from '../../src/providers';
import { checkHandingerKey } from '../../src/providers/keyCheck';
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { SampleServer } from '../sample-server/server';

let server: SampleServer;

before(async () => {
  server = await startSampleServer();
});

after(async () => {
  await server.close();
});

afterEach(() => {
  server.clearFaults();
});

const provider = (apiKey = server.handingerKey) => createHandingerProvider({ baseUrl: server.url, apiKey, maxRetries: 0 });

/** Requests since the mark, so each test sees only its own. */
let mark = 0;

function workerRequests(): string[] {
  return server.requestLog.slice(mark).filter((entry) => entry.path.startsWith('/api/workers/')).map((entry) => entry.path);
}

describe('handinger: checking a new key', () => {
  beforeEach(() => {
    mark = server.requestLog.length;
  });

  it('accepts a key that can read a worker the user added', async () => {
    assert.deepEqual(await checkHandingerKey(provider(), [SAMPLE_IDS.smallWorker]), { result: 'accepted' });
    assert.deepEqual(workerRequests(), [`/api/workers/${SAMPLE_IDS.smallWorker}`]);
  });

  it('accepts a key the API answers 403 for: documented as a valid key without access to that worker', async () => {
    assert.deepEqual(await checkHandingerKey(provider(), ['wrk_fault-403']), { result: 'accepted' });
  });

  it('rejects a key the API answers 401 for', async () => {
    const check = await checkHandingerKey(provider('hdg_live_wrong'), [SAMPLE_IDS.smallWorker]);
    assert.equal(check.result, 'failed');
    assert.equal(check.result === 'failed' ? check.error.kind : undefined, 'unauthorized');
  });

  it('leaves the key unchecked, without any request, when the user has added no worker', async () => {
    assert.deepEqual(await checkHandingerKey(provider(), []), { result: 'unchecked' });
    assert.deepEqual(workerRequests(), []);
  });

  it('takes a 404 as proving nothing: tries the next worker, and never a made-up id', async () => {
    assert.deepEqual(await checkHandingerKey(provider(), ['wrk_gone_1', SAMPLE_IDS.tinyWorker]), { result: 'accepted' });
    assert.deepEqual(workerRequests(), ['/api/workers/wrk_gone_1', `/api/workers/${SAMPLE_IDS.tinyWorker}`]);
    mark = server.requestLog.length;
    assert.deepEqual(await checkHandingerKey(provider(), ['wrk_gone_1', 'wrk_gone_2', 'wrk_gone_3', 'wrk_gone_4']), { result: 'unchecked' });
    assert.equal(workerRequests().length, 3, 'a bounded number of tries');
  });

  it('reports a failure that says nothing about the key (5xx) so the user can decide', async () => {
    server.injectFault({ kind: '503' });
    const check = await checkHandingerKey(provider(), [SAMPLE_IDS.smallWorker]);
    assert.equal(check.result === 'failed' ? check.error.kind : check.result, 'server');
  });
});
