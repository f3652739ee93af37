// Handinger through the SDK with a fetch of ours: bodies capped like Cadenya's, and the request
// carries exactly our headers whatever HANDINGER_CUSTOM_HEADERS says. Real sockets: a small
// server of this test for what the sample server cannot send or record (an oversized body,
// the request headers), and the sample server for an ordinary page.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container } from '../../src/model/container';
import { ProviderError } from '../../src/model/errors';
import { createHandingerProvider } from '../../src/providers';
import { MAX_BODY_BYTES } from '../../src/providers/http';
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { SampleServer } from '../sample-server/server';

type Reply = (response: http.ServerResponse) => void;

interface Recorder {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders[];
  reply: Reply;
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const headers: http.IncomingHttpHeaders[] = [];
  const recorder = {
    url: '',
    headers,
    reply: ((response) => response.end('{}')) as Reply,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((request, response) => {
    headers.push(request.headers);
    request.resume();
    recorder.reply(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return recorder;
}

const worker = (id: string): Container => ({ provider: 'handinger', kind: 'worker', id, name: id, raw: {} });
const page = JSON.stringify({ logs: [], page: 1, pageCount: 1, totalCount: 0 });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `a ProviderError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('Handinger: a fetch of ours under the SDK', function () {
  this.timeout(30_000);
  let recorder: Recorder;
  let sample: SampleServer;
  const provider = (baseUrl: string, apiKey = 'hdg_test_key') => createHandingerProvider({ baseUrl, apiKey, timeoutMs: 10_000, maxRetries: 0 });

  before(async () => {
    recorder = await startRecorder();
    sample = await startSampleServer();
  });
  after(async () => {
    await recorder.close();
    await sample.close();
  });
  afterEach(() => {
    delete process.env.HANDINGER_CUSTOM_HEADERS;
    recorder.headers.length = 0;
  });

  it('refuses a body whose Content-Length is over the cap, before reading it', async function () {
    recorder.reply = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
      response.write('{"executions":[');
      // The body never comes: only the declared length can refuse it in time.
      setTimeout(() => response.destroy(), 5_000);
    };
    const error = await failure(provider(recorder.url).listDeliveries(worker('wrk_big'), {}));
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /larger than/);
  });

  it('refuses a streamed body once it passes the cap', async function () {
    recorder.reply = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = (): void => {
        while (sent <= MAX_BODY_BYTES + chunk.length) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', more);
            return;
          }
        }
        response.end();
      };
      response.write('{"executions":[');
      more();
    };
    const error = await failure(provider(recorder.url).listDeliveries(worker('wrk_stream'), {}));
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /larger than/);
  });

  it('sends exactly our headers, whatever HANDINGER_CUSTOM_HEADERS holds', async function () {
    recorder.reply = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(page);
    };
    process.env.HANDINGER_CUSTOM_HEADERS = 'Authorization: Bearer hdg_attacker\nX-Exfiltrate: yes\nHost: evil.example';
    await provider(recorder.url).listDeliveries(worker('wrk_headers'), {});
    const [sent] = recorder.headers;
    assert.ok(sent);
    assert.equal(sent['authorization'], 'Bearer hdg_test_key');
    assert.equal(sent['x-exfiltrate'], undefined);
    const ours = ['accept', 'authorization'];
    // What fetch itself adds on the wire (host, connection, encoding, user agent, fetch metadata).
    const transport = /^(?:host|connection|accept-encoding|accept-language|user-agent|sec-fetch-mode|content-length)$/;
    assert.deepEqual(
      Object.keys(sent).filter((name) => !transport.test(name)).sort(),
      ours,
      JSON.stringify(sent),
    );
  });

  it('still reads an ordinary page from the sample server', async function () {
    process.env.HANDINGER_CUSTOM_HEADERS = 'Authorization: Bearer hdg_attacker';
    const result = await provider(sample.url, sample.handingerKey).listDeliveries(worker(SAMPLE_IDS.smallWorker), {});
    assert.ok(result.items.length > 0);
  });
});
