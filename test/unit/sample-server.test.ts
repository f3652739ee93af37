// Tests of the sample API server (test/sample-server/) over real HTTP: authentication,
// paging, lookups and errors of both APIs, dataset properties, determinism, live
// additions, the control API, every fault kind through every selection mechanism, and the
// command-line entry point. Runs in a few seconds: delays and hangs are kept short.

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Handinger } from '@ramensoft/handinger';
import { encodeCursor } from '../sample-server/cadenya';
import { ulidTime } from '../sample-server/random';
import { CREATOR_ONLY_MESSAGE, DEFAULT_SEED, FAULT_KINDS, SAMPLE_IDS, generateDataset, keyFingerprint, startSampleServer } from '../sample-server/server';
import type {
  CadenyaAgent,
  CadenyaDelivery,
  CadenyaObjective,
  CadenyaObjectiveEvent,
  CadenyaWorkspace,
  FaultKind,
  HandingerExecution,
  HandingerTask,
  HandingerWebhook,
  HandingerWorker,
  SampleDataset,
  SampleServer,
} from '../sample-server/server';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const SLOW_MS = 120;
const HANG_ABORT_MS = 200;
/** Markers of the hostile corpus: markup, script URLs, VS Code command links, bidi overrides, ANSI escapes. */
const HOSTILE = new RegExp(['<script', 'onerror', 'onload', 'javascript:', 'command:', '\u202e', '\u001b\\['].join('|'), 'i');

interface ExecutionList {
  logs: HandingerExecution[];
  page: number;
  pageCount: number;
  totalCount: number;
}
interface CursorList<T> {
  items?: T[];
  pagination: { nextCursor?: string; total?: number };
}
interface HandingerError {
  error: string;
}
interface RpcStatus {
  code: number;
  message: string;
  details: unknown[];
}
interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

async function request<T>(url: string, init: RequestInit = {}): Promise<Reply<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: body as T };
}

/** Authorization header for a key; null sends none. */
function bearer(key: string | null): Record<string, string> {
  return key === null ? {} : { authorization: `Bearer ${key}` };
}

function assertHandingerError(reply: Reply<unknown>, status: number): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
  const body = reply.body as HandingerError;
  assert.equal(typeof body.error, 'string');
  assert.ok(body.error.length > 0);
}

function assertRpcStatus(reply: Reply<unknown>, status: number, code: number): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
  const body = reply.body as RpcStatus;
  assert.equal(body.code, code);
  assert.equal(typeof body.message, 'string');
  assert.deepEqual(body.details, []);
}

function ids(items: ReadonlyArray<{ id: string }>): string[] {
  return items.map((item) => item.id);
}

function metadataIds(items: ReadonlyArray<{ metadata: { id: string } }>): string[] {
  return items.map((item) => item.metadata.id);
}

function share(items: readonly HandingerExecution[], predicate: (execution: HandingerExecution) => boolean): number {
  return items.filter(predicate).length / items.length;
}

function deliveriesOf(dataset: SampleDataset, agentId: string): CadenyaDelivery[] {
  return dataset.deliveries.get(agentId) ?? [];
}

function executionsOf(dataset: SampleDataset, workerId: string): HandingerExecution[] {
  return dataset.executions.get(workerId) ?? [];
}

describe('sample API server', function () {
  let server: SampleServer;
  const handinger = <T>(route: string, key: string | null = server.handingerKey): Promise<Reply<T>> =>
    request<T>(`${server.url}${route}`, { headers: bearer(key) });
  const cadenya = <T>(route: string, key: string | null = server.cadenyaKey): Promise<Reply<T>> =>
    request<T>(`${server.url}${route}`, { headers: bearer(key) });
  const deliveriesPath = (workspaceId: string, agentId: string): string => `/v1/workspaces/${workspaceId}/agents/${agentId}/webhook_deliveries`;

  before(async function () {
    server = await startSampleServer({ now: NOW });
  });

  after(async function () {
    await server.close();
  });

  afterEach(function () {
    server.clearFaults();
  });

  describe('dataset', function () {
    it('is generated in well under a second', function () {
      // Best of two, so that one garbage collection on a busy machine does not fail the test.
      const timings = [DEFAULT_SEED + 1, DEFAULT_SEED + 2].map((seed) => {
        const started = performance.now();
        generateDataset(seed, NOW);
        return performance.now() - started;
      });
      const best = Math.min(...timings);
      assert.ok(best < 1_500, `generation took ${best.toFixed(0)} ms`);
    });

    it('is the same for the same seed and now, and different for another seed', function () {
      assert.deepEqual(generateDataset(7, NOW), generateDataset(7, NOW));
      const other = generateDataset(8, NOW);
      assert.notDeepEqual(ids(executionsOf(other, SAMPLE_IDS.busyWorker)), ids(executionsOf(server.dataset, SAMPLE_IDS.busyWorker)));
      // Well-known ids do not depend on the seed.
      assert.ok(other.workers.some((worker) => worker.id === SAMPLE_IDS.busyWorker));
      assert.ok(other.agents.some((agent) => agent.metadata.id === SAMPLE_IDS.busyAgent));
    });

    it('has the documented Handinger workers', function () {
      const count = (id: string): number => executionsOf(server.dataset, id).length;
      assert.ok(count(SAMPLE_IDS.busyWorker) >= 2_600, 'busy worker has 52+ pages');
      assert.ok(count(SAMPLE_IDS.smallWorker) >= 150 && count(SAMPLE_IDS.smallWorker) <= 200);
      assert.equal(count(SAMPLE_IDS.tinyWorker), 3);
      assert.equal(count(SAMPLE_IDS.emptyWorker), 0);
      assert.deepEqual(server.dataset.webhooks.get(SAMPLE_IDS.noWebhookWorker), { token: null, url: null });
      assert.ok(SAMPLE_IDS.busyWorker.startsWith('t_org_') && SAMPLE_IDS.smallWorker.startsWith('wrk_'));
      const busy = executionsOf(server.dataset, SAMPLE_IDS.busyWorker);
      const span = Date.parse(busy[0]?.createdAt ?? '') - Date.parse(busy[busy.length - 1]?.createdAt ?? '');
      assert.ok(span > 6 * 86_400_000 && span <= 7 * 86_400_000, 'about seven days of history');
    });

    it('mixes Handinger outcomes, durations and texts realistically', function () {
      const busy = executionsOf(server.dataset, SAMPLE_IDS.busyWorker);
      const status = (execution: HandingerExecution): number => execution.responseStatus ?? 0;
      assert.ok(busy.every((execution) => execution.responseStatus !== null), 'no response is sent as 0, as in the reference');
      for (const execution of busy) {
        const ok = status(execution) >= 200 && status(execution) < 300;
        assert.equal(execution.requestStatus, ok ? 'success' : 'error');
        assert.equal(execution.errorMessage === null, ok, execution.id);
      }
      const clientErrors = share(busy, (execution) => status(execution) >= 400 && status(execution) < 500);
      const serverErrors = share(busy, (execution) => status(execution) >= 500);
      const unreachable = share(busy, (execution) => execution.responseStatus === 0);
      assert.ok(clientErrors > 0.06 && clientErrors < 0.14, `4xx share ${clientErrors}`);
      assert.ok(serverErrors > 0.03 && serverErrors < 0.1, `5xx share ${serverErrors}`);
      assert.ok(unreachable > 0.015 && unreachable < 0.06, `no-response share ${unreachable}`);
      const refused = busy.filter((execution) => execution.responseStatus === 0 && !(execution.errorMessage ?? '').startsWith('timeout'));
      assert.ok(refused.length > 0 && refused.every((execution) => execution.durationMs === 0), 'no response, no measured duration: 0 as in the reference');
      const messages = busy.map((execution) => execution.errorMessage ?? '');
      for (const expected of ['timeout of 30000ms exceeded', 'getaddrinfo ENOTFOUND hooks.example.dev', 'connect ECONNREFUSED 10.0.0.12:443']) {
        assert.ok(messages.includes(expected), expected);
      }
      assert.ok(messages.some((message) => message.split('\n').length > 5), 'a multi-line stack trace');
      const durations = busy.map((execution) => execution.durationMs).sort((a, b) => a - b);
      const median = durations[Math.floor(durations.length / 2)] ?? 0;
      assert.ok(median >= 40 && median <= 400, `median ${median}`);
      assert.ok((durations[durations.length - 1] ?? 0) >= 29_000);
      const titles = busy.map((execution) => execution.taskTitle ?? '').join('\n');
      assert.match(titles, /\p{Extended_Pictographic}/u);
      assert.match(titles, /[\u3040-\u30ff\u4e00-\u9fff]/);
      assert.match(titles, /[\u0590-\u06ff]/);
      const perTask = new Map<string, number>();
      for (const execution of busy) {
        perTask.set(execution.taskId ?? '', (perTask.get(execution.taskId ?? '') ?? 0) + 1);
      }
      assert.ok([...perTask.values()].some((attempts) => attempts >= 3), 'retry bursts of one task');
      assert.ok(new Set(busy.map((execution) => execution.url)).size >= 3);
    });

    it('covers every Cadenya delivery status, optional field and undocumented event type', function () {
      const busy = deliveriesOf(server.dataset, SAMPLE_IDS.busyAgent);
      assert.ok(busy.length >= 2_900);
      const statuses = new Set(busy.map((delivery) => delivery.data.status));
      for (const status of ['UNSPECIFIED', 'PENDING', 'COMPLETED', 'FAILED', 'DISABLED']) {
        assert.ok(statuses.has(`WEBHOOK_DELIVERY_STATUS_${status}` as CadenyaDelivery['data']['status']), status);
      }
      const eventTypes = new Set(busy.map((delivery) => delivery.data.eventType));
      assert.ok(eventTypes.has('OBJECTIVE_EVENT_TYPE_HANDOFF_REQUESTED'));
      assert.ok(eventTypes.has('OBJECTIVE_EVENT_TYPE_BUDGET_EXCEEDED'));
      assert.ok(eventTypes.has('OBJECTIVE_EVENT_TYPE_TOOL_CALLED'));
      const attempts = new Set(busy.map((delivery) => delivery.data.attemptCount));
      assert.ok([1, 2, 5].every((count) => attempts.has(count)));
      const failed = busy.filter((delivery) => delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_FAILED');
      assert.ok(busy.every((delivery) => typeof delivery.data.httpStatusCode === 'number' && typeof delivery.data.latencyMs === 'number'), 'both always sent');
      assert.ok(failed.some((delivery) => delivery.data.httpStatusCode === 0), 'timeouts have status code 0, as in the reference');
      assert.ok(failed.some((delivery) => delivery.data.httpStatusCode === 0 && delivery.data.latencyMs === 0), 'refused connections have latency 0');
      const pending = busy.filter((delivery) => delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_PENDING' && delivery.data.attemptCount === 0);
      assert.ok(pending.length > 0 && pending.every((delivery) => delivery.data.httpStatusCode === 0 && delivery.data.latencyMs === 0));
      assert.ok(failed.every((delivery) => typeof delivery.data.errorMessage === 'string'));
      assert.ok(busy.some((delivery) => (delivery.data.errorMessage ?? '').includes('\n')));
      for (const delivery of busy) {
        const length = delivery.data.responseContentLength;
        assert.ok(length === undefined || /^\d+$/.test(length));
      }
      const headers = busy.map((delivery) => delivery.data.responseHeaders);
      assert.ok(headers.some((value) => value === undefined) && headers.some((value) => value?.['set-cookie'] !== undefined));
      assert.ok(busy.some((delivery) => delivery.data.httpStatusCode === 429 && delivery.data.responseHeaders?.['retry-after'] !== undefined));
      assert.ok(busy.some((delivery) => delivery.metadata.labels !== undefined));
    });

    it('has a 30-day archive worker and agent, newest first, each id encoding its creation time', function () {
      const dataset = generateDataset(DEFAULT_SEED, NOW);
      const histories = [
        { name: 'archive worker', times: executionsOf(dataset, SAMPLE_IDS.archiveWorker).map((execution) => [execution.id, execution.createdAt] as const) },
        {
          name: 'archive agent',
          times: deliveriesOf(dataset, SAMPLE_IDS.archiveAgent).map((delivery) => [delivery.metadata.id, delivery.metadata.createdAt] as const),
        },
      ];
      for (const { name, times } of histories) {
        assert.ok(times.length >= 10_000, `${name}: ${times.length}`);
        const newest = Date.parse(times[0]?.[1] ?? '');
        const oldest = Date.parse(times[times.length - 1]?.[1] ?? '');
        assert.ok(newest - oldest >= 29 * 86_400_000, `${name} spans 29+ days`);
        assert.ok(newest <= NOW.getTime() - 60_000 && newest >= NOW.getTime() - 5 * 60_000, `${name}: newest about 2 minutes old`);
        for (let i = 0; i < times.length; i++) {
          const [id, createdAt] = times[i] ?? ['', ''];
          assert.equal(ulidTime(id), Date.parse(createdAt), id);
          assert.ok(i === 0 || id < (times[i - 1]?.[0] ?? ''), `${name}: newest first at ${i}`);
        }
      }
      const executions = executionsOf(dataset, SAMPLE_IDS.archiveWorker);
      assert.ok(executions.some((execution) => execution.responseStatus === 0 && execution.requestStatus === 'error'), 'no response');
      assert.ok(executions.some((execution) => (execution.responseStatus ?? 0) >= 500) && executions.some((execution) => (execution.responseStatus ?? 0) >= 400));
      assert.ok(new Set(executions.map((execution) => execution.taskId)).size < executions.length, 'retries of a task');
      const byHour = new Array<number>(24).fill(0);
      for (const execution of executions) {
        byHour[new Date(execution.createdAt).getUTCHours()]! += 1;
      }
      assert.ok((byHour[3] ?? 0) * 2 < (byHour[14] ?? 0), `nights are quieter (${byHour.join(' ')})`);
      assert.equal(dataset.webhooks.get(SAMPLE_IDS.archiveWorker)?.url, 'https://ledger.acme-shop.dev/webhooks/handinger');
      const deliveries = deliveriesOf(dataset, SAMPLE_IDS.archiveAgent);
      const statuses = new Set(deliveries.map((delivery) => delivery.data.status));
      for (const status of ['COMPLETED', 'FAILED', 'DISABLED', 'UNSPECIFIED']) {
        assert.ok(statuses.has(`WEBHOOK_DELIVERY_STATUS_${status}` as CadenyaDelivery['data']['status']), status);
      }
      assert.ok(deliveries.some((delivery) => delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_FAILED' && delivery.data.httpStatusCode === 0), 'no response');
      assert.ok(deliveries.some((delivery) => delivery.data.attemptCount > 1), 'retried');
      assert.ok(deliveries.every((delivery) => delivery.metadata.workspaceId === SAMPLE_IDS.archiveWorkspace));
      assert.equal(SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.archiveAgent], SAMPLE_IDS.archiveWorkspace);
      const agent = dataset.agents.find((candidate) => candidate.metadata.id === SAMPLE_IDS.archiveAgent);
      assert.equal(agent?.metadata.name, 'Ledger Archiver');
      assert.equal(dataset.workspaces.find((workspace) => workspace.metadata.id === SAMPLE_IDS.archiveWorkspace)?.metadata.name, 'Archive');
    });

    it('generates the archive histories on first use, with the same contents as up front', function () {
      const untouched = generateDataset(DEFAULT_SEED, NOW);
      const direct = generateDataset(DEFAULT_SEED, NOW);
      // Reading another worker's history or a live addition's key does not need the archive…
      assert.ok((direct.executions.get(SAMPLE_IDS.busyWorker)?.length ?? 0) > 0);
      // …and asking for the archive, or iterating, or the size, does.
      assert.equal(direct.executions.get(SAMPLE_IDS.archiveWorker)?.length, executionsOf(untouched, SAMPLE_IDS.archiveWorker).length);
      assert.ok([...untouched.deliveries.keys()].includes(SAMPLE_IDS.archiveAgent));
      assert.equal(direct.objectives.size, untouched.objectives.size);
      // A lookup by an id the archive holds (known from another server with the same seed) fills.
      const fresh = generateDataset(DEFAULT_SEED, NOW);
      const delivery = deliveriesOf(direct, SAMPLE_IDS.archiveAgent)[100];
      assert.equal(fresh.objectives.get(delivery?.data.objectiveId ?? '')?.agentId, SAMPLE_IDS.archiveAgent);
      assert.equal(fresh.tasks.has(executionsOf(direct, SAMPLE_IDS.archiveWorker)[0]?.taskId ?? ''), true);
      assert.deepEqual(direct, untouched);
    });

    it('resolves every delivery to an objective event of the same workspace', function () {
      for (const [agentId, deliveries] of server.dataset.deliveries) {
        for (const delivery of deliveries) {
          const objective = server.dataset.objectives.get(delivery.data.objectiveId);
          assert.equal(objective?.metadata.workspaceId, delivery.metadata.workspaceId, agentId);
          const events = server.dataset.objectiveEvents.get(delivery.data.objectiveId) ?? [];
          assert.ok(events.some((event) => event.metadata.id === delivery.data.objectiveEventId), delivery.metadata.id);
        }
      }
    });

    it('keeps hostile strings in the hostile worker and agent only', function () {
      const dataset = server.dataset;
      for (const worker of dataset.workers) {
        const tasks = [...dataset.tasks.values()].filter((task) => task.workerId === worker.id);
        const text = JSON.stringify([worker, dataset.webhooks.get(worker.id), executionsOf(dataset, worker.id), tasks]);
        assert.equal(HOSTILE.test(text), worker.id === SAMPLE_IDS.hostileWorker, worker.id);
      }
      for (const agent of dataset.agents) {
        const objectives = [...dataset.objectives.values()].filter((objective) => objective.agentId === agent.metadata.id);
        const text = JSON.stringify([agent, deliveriesOf(dataset, agent.metadata.id), objectives]);
        assert.equal(HOSTILE.test(text), agent.metadata.id === SAMPLE_IDS.hostileAgent, agent.metadata.id);
      }
      const hostile = executionsOf(dataset, SAMPLE_IDS.hostileWorker);
      assert.ok(hostile.some((execution) => execution.url === 'javascript:alert(document.domain)'));
      assert.ok(hostile.some((execution) => execution.errorMessage === '<script>alert("xss")</script>'));
      assert.ok(hostile.some((execution) => /<script/.test(execution.taskTitle ?? '')));
      const hostileDeliveries = deliveriesOf(dataset, SAMPLE_IDS.hostileAgent);
      assert.ok(hostileDeliveries.some((delivery) => delivery.data.errorMessage === '<img src=x onerror=alert(1)>'));
      assert.ok(hostileDeliveries.some((delivery) => /<script/.test(Object.values(delivery.data.responseHeaders ?? {}).join())));
      assert.equal(SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.hostileAgent], SAMPLE_IDS.busyWorkspace);
    });

    it('serves identical responses from two servers with the same seed', async function () {
      const [first, second] = await Promise.all([startSampleServer({ now: NOW, seed: 99 }), startSampleServer({ now: NOW, seed: 99 })]);
      try {
        const cursorPage = `${deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent)}?limit=20`;
        const routes = [
          [`/api/workers/${SAMPLE_IDS.busyWorker}`, 'h'],
          [`/api/workers/${SAMPLE_IDS.busyWorker}/webhook`, 'h'],
          [`/api/workers/${SAMPLE_IDS.busyWorker}/webhook/executions?page=3`, 'h'],
          ['/v1/workspaces', 'c'],
          [`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents`, 'c'],
          [cursorPage, 'c'],
        ] as const;
        for (const [route, api] of routes) {
          const [a, b] = await Promise.all(
            [first, second].map((each) => request(`${each.url}${route}`, { headers: bearer(api === 'h' ? each.handingerKey : each.cadenyaKey) })),
          );
          assert.equal(a?.status, 200, route);
          assert.equal(a?.text, b?.text, route);
        }
        const page = await request<CursorList<CadenyaDelivery>>(`${first.url}${cursorPage}`, { headers: bearer(first.cadenyaKey) });
        const next = `${cursorPage}&cursor=${page.body.pagination.nextCursor ?? ''}`;
        const [a, b] = await Promise.all([first, second].map((each) => request(`${each.url}${next}`, { headers: bearer(each.cadenyaKey) })));
        assert.equal(a?.text, b?.text);
        const taskId = executionsOf(first.dataset, SAMPLE_IDS.busyWorker).find((execution) => execution.taskId)?.taskId ?? '';
        const [ta, tb] = await Promise.all([first, second].map((each) => request(`${each.url}/api/tasks/${taskId}`, { headers: bearer(each.handingerKey) })));
        assert.equal(ta?.status, 200);
        assert.equal(ta?.text, tb?.text);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });

  describe('authentication', function () {
    const handingerRoute = `/api/workers/${SAMPLE_IDS.busyWorker}/webhook/executions`;
    const cadenyaRoute = deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent);

    it('answers Handinger requests without a key with 401 { error }', async function () {
      assertHandingerError(await handinger(handingerRoute, null), 401);
    });

    it('answers Handinger requests with a wrong key, the Cadenya key or a non-Bearer scheme with 401', async function () {
      assertHandingerError(await handinger(handingerRoute, 'hdg_live_wrong'), 401);
      assertHandingerError(await handinger(handingerRoute, server.cadenyaKey), 401);
      const basic = await request(`${server.url}${handingerRoute}`, { headers: { authorization: `Basic ${server.handingerKey}` } });
      assertHandingerError(basic, 401);
    });

    it('answers Cadenya requests without or with a wrong key with 401 google.rpc Status code 16', async function () {
      assertRpcStatus(await cadenya(cadenyaRoute, null), 401, 16);
      assertRpcStatus(await cadenya(cadenyaRoute, 'cdy_wrong'), 401, 16);
      assertRpcStatus(await cadenya(cadenyaRoute, server.handingerKey), 401, 16);
      assertRpcStatus(await cadenya('/v1/workspaces', null), 401, 16);
    });

    it('accepts configured keys', async function () {
      const custom = await startSampleServer({ now: NOW, handingerKey: 'hdg_live_custom', cadenyaKey: 'cdy_custom' });
      try {
        assert.equal((await request(`${custom.url}${handingerRoute}`, { headers: bearer('hdg_live_custom') })).status, 200);
        assert.equal((await request(`${custom.url}/v1/workspaces`, { headers: bearer('cdy_custom') })).status, 200);
        assert.equal((await request(`${custom.url}/v1/workspaces`, { headers: bearer(server.cadenyaKey) })).status, 401);
      } finally {
        await custom.close();
      }
    });
  });

  describe('Handinger API', function () {
    const executionsRoute = (workerId: string, query = ''): string => `/api/workers/${workerId}/webhook/executions${query}`;

    it('returns a worker in the SDK Worker shape', async function () {
      const reply = await handinger<HandingerWorker>(`/api/workers/${SAMPLE_IDS.busyWorker}`);
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(reply.body.id, SAMPLE_IDS.busyWorker);
      assert.equal(reply.body.object, 'worker');
      assert.ok(['running', 'completed', 'pending'].includes(reply.body.status));
      assert.equal(reply.body.running, reply.body.status === 'running');
      assert.match(reply.body.url, /^https:\/\//);
      assert.ok(Array.isArray(reply.body.output) && Array.isArray(reply.body.files));
    });

    it('serves another user\u2019s worker but answers 403 with the API\u2019s message for its webhook and history', async function () {
      const worker = await handinger<HandingerWorker>(`/api/workers/${SAMPLE_IDS.othersWorker}`);
      assert.equal(worker.status, 200);
      assert.equal(worker.body.id, SAMPLE_IDS.othersWorker);
      for (const route of [executionsRoute(SAMPLE_IDS.othersWorker), `/api/workers/${SAMPLE_IDS.othersWorker}/webhook`]) {
        const reply = await handinger<HandingerError>(route);
        assertHandingerError(reply, 403);
        assert.deepEqual(reply.body, { error: CREATOR_ONLY_MESSAGE });
      }
      assert.ok(executionsOf(server.dataset, SAMPLE_IDS.othersWorker).length > 0, 'the history exists, it is only not readable');
    });

    it('returns 404 { error: "Worker not found" } for an unknown worker on every worker route', async function () {
      for (const route of ['/api/workers/wrk_missing', '/api/workers/wrk_missing/webhook', executionsRoute('wrk_missing')]) {
        const reply = await handinger<HandingerError>(route);
        assertHandingerError(reply, 404);
        assert.deepEqual(reply.body, { error: 'Worker not found' });
      }
    });

    it('returns the webhook settings, with nulls when none is configured', async function () {
      const configured = await handinger<HandingerWebhook>(`/api/workers/${SAMPLE_IDS.busyWorker}/webhook`);
      assert.equal(configured.status, 200);
      assert.match(configured.body.token ?? '', /^hdg_wh_[0-9a-f]{32}$/);
      assert.equal(configured.body.url, 'https://api.acme-shop.dev/webhooks/handinger');
      const none = await handinger<HandingerWebhook>(`/api/workers/${SAMPLE_IDS.noWebhookWorker}/webhook`);
      assert.deepEqual(none.body, { token: null, url: null });
    });

    it('pages executions 50 at a time with page, pageCount and totalCount', async function () {
      const expected = executionsOf(server.dataset, SAMPLE_IDS.busyWorker);
      const first = await handinger<ExecutionList>(executionsRoute(SAMPLE_IDS.busyWorker));
      assert.equal(first.status, 200);
      assert.equal(first.body.page, 1);
      assert.equal(first.body.totalCount, expected.length);
      assert.equal(first.body.pageCount, Math.ceil(expected.length / 50));
      assert.ok(first.body.pageCount >= 52);
      assert.deepEqual(first.body.logs, expected.slice(0, 50));
      const explicit = await handinger<ExecutionList>(executionsRoute(SAMPLE_IDS.busyWorker, '?page=1'));
      assert.equal(explicit.text, first.text);
    });

    it('walks every page newest first without duplicates or gaps', async function () {
      const expected = executionsOf(server.dataset, SAMPLE_IDS.busyWorker);
      const seen: HandingerExecution[] = [];
      let pageCount = 1;
      for (let page = 1; page <= pageCount; page++) {
        const reply = await handinger<ExecutionList>(executionsRoute(SAMPLE_IDS.busyWorker, `?page=${page}`));
        assert.equal(reply.body.page, page);
        assert.ok(reply.body.logs.length === 50 || page === reply.body.pageCount);
        pageCount = reply.body.pageCount;
        seen.push(...reply.body.logs);
      }
      assert.deepEqual(ids(seen), ids(expected));
      assert.equal(new Set(ids(seen)).size, seen.length);
      for (let i = 1; i < seen.length; i++) {
        assert.ok((seen[i - 1]?.createdAt ?? '') >= (seen[i]?.createdAt ?? ''), `newest first at ${i}`);
      }
    });

    it('returns empty logs with the real pageCount for a page past the end', async function () {
      const total = executionsOf(server.dataset, SAMPLE_IDS.smallWorker).length;
      const pageCount = Math.ceil(total / 50);
      const reply = await handinger<ExecutionList>(executionsRoute(SAMPLE_IDS.smallWorker, `?page=${pageCount + 5}`));
      assert.deepEqual(reply.body, { logs: [], page: pageCount + 5, pageCount, totalCount: total });
    });

    it('rejects an invalid page with 400 { error }', async function () {
      for (const page of ['0', '-1', 'abc', '1.5', '']) {
        assertHandingerError(await handinger(executionsRoute(SAMPLE_IDS.busyWorker, `?page=${page}`)), 400);
      }
    });

    it('reports pageCount 0 and totalCount 0 for a worker without executions', async function () {
      for (const workerId of [SAMPLE_IDS.emptyWorker, SAMPLE_IDS.noWebhookWorker]) {
        const reply = await handinger<ExecutionList>(executionsRoute(workerId));
        assert.deepEqual(reply.body, { logs: [], page: 1, pageCount: 0, totalCount: 0 });
      }
      const tiny = await handinger<ExecutionList>(executionsRoute(SAMPLE_IDS.tinyWorker));
      assert.equal(tiny.body.logs.length, 3);
      assert.equal(tiny.body.pageCount, 1);
    });

    it('returns a task as { task, turns } and 404 for an unknown task', async function () {
      const execution = executionsOf(server.dataset, SAMPLE_IDS.smallWorker).find((candidate) => candidate.taskId !== null);
      const reply = await handinger<{ task: HandingerTask; turns: unknown[] }>(`/api/tasks/${execution?.taskId ?? ''}`);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.task.id, execution?.taskId);
      assert.equal(reply.body.task.title, execution?.taskTitle);
      assert.equal(reply.body.task.workerId, SAMPLE_IDS.smallWorker);
      assert.deepEqual(reply.body.turns, []);
      assertHandingerError(await handinger('/api/tasks/tsk_missing'), 404);
    });

    it('answers unknown routes with 404 and other methods with 405, as { error }', async function () {
      assertHandingerError(await handinger('/api/nothing-here'), 404);
      assertHandingerError(await handinger(`/api/workers/${SAMPLE_IDS.busyWorker}/webhook/executions/extra`), 404);
      const put = await request(`${server.url}/api/workers/${SAMPLE_IDS.busyWorker}/webhook`, { method: 'PUT', headers: bearer(server.handingerKey) });
      assertHandingerError(put, 405);
      assertHandingerError(await handinger('/not-an-api'), 404);
    });

    it('is readable by the official Handinger SDK', async function () {
      const client = new Handinger({ apiKey: server.handingerKey, baseURL: server.url, maxRetries: 0 });
      const worker = await client.workers.retrieve(SAMPLE_IDS.busyWorker);
      assert.equal(worker.id, SAMPLE_IDS.busyWorker);
      const list = await client.workers.webhooks.listExecutions(SAMPLE_IDS.busyWorker, { page: 2 });
      assert.equal(list.page, 2);
      assert.equal(list.logs.length, 50);
      const webhook = await client.workers.webhooks.retrieve(SAMPLE_IDS.noWebhookWorker);
      assert.equal(webhook.url, null);
      const taskId = list.logs.find((execution) => execution.taskId !== null)?.taskId ?? '';
      assert.equal((await client.tasks.retrieve(taskId)).task.id, taskId);
      await assert.rejects(client.workers.retrieve('wrk_missing'), (error: unknown) => (error as { status?: number }).status === 404);
      const wrongKey = new Handinger({ apiKey: 'hdg_live_wrong', baseURL: server.url, maxRetries: 0 });
      await assert.rejects(wrongKey.workers.retrieve(SAMPLE_IDS.busyWorker), (error: unknown) => (error as { status?: number }).status === 401);
    });
  });

  describe('Cadenya API', function () {
    /** Follows nextCursor to the end, checking each page's size. */
    async function walk<T>(route: string, limit?: number): Promise<{ items: T[]; pages: number; totals: Set<number | undefined> }> {
      const items: T[] = [];
      const totals = new Set<number | undefined>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const query = new URLSearchParams(route.includes('?') ? route.slice(route.indexOf('?') + 1) : '');
        if (limit !== undefined) {
          query.set('limit', String(limit));
        }
        if (cursor) {
          query.set('cursor', cursor);
        }
        const reply = await cadenya<CursorList<T>>(`${route.split('?')[0] ?? ''}?${query.toString()}`);
        assert.equal(reply.status, 200, reply.text);
        const page = reply.body.items ?? [];
        assert.ok(page.length <= (limit ?? 50));
        assert.ok(page.length > 0 || pages === 0, 'no empty page after a nextCursor');
        items.push(...page);
        totals.add(reply.body.pagination.total);
        cursor = reply.body.pagination.nextCursor;
        pages++;
      } while (cursor);
      return { items, pages, totals };
    }

    it('lists workspaces without total, pages them by cursor, and sorts both ways', async function () {
      const all = await cadenya<CursorList<CadenyaWorkspace>>('/v1/workspaces');
      assert.equal(all.status, 200);
      assert.equal(all.body.items?.length, 4);
      assert.equal(all.body.items?.at(-1)?.metadata.name, 'Archive', 'the newest workspace comes last, oldest first');
      assert.deepEqual(all.body.pagination, { nextCursor: '' });
      const walked = await walk<CadenyaWorkspace>('/v1/workspaces', 1);
      assert.equal(walked.pages, 4);
      assert.deepEqual(metadataIds(walked.items), metadataIds(all.body.items ?? []));
      const descending = await cadenya<CursorList<CadenyaWorkspace>>('/v1/workspaces?sortOrder=desc');
      assert.deepEqual(metadataIds(descending.body.items ?? []), metadataIds(all.body.items ?? []).reverse());
      assertRpcStatus(await cadenya('/v1/workspaces?sortOrder=sideways'), 400, 3);
    });

    it('lists, filters and retrieves agents', async function () {
      const list = await cadenya<CursorList<CadenyaAgent>>(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents`);
      const listed = metadataIds(list.body.items ?? []);
      for (const agentId of [SAMPLE_IDS.busyAgent, SAMPLE_IDS.smallAgent, SAMPLE_IDS.tinyAgent, SAMPLE_IDS.hostileAgent]) {
        assert.ok(listed.includes(agentId), agentId);
      }
      assert.equal(list.body.pagination.total, listed.length);
      const filtered = await cadenya<CursorList<CadenyaAgent>>(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents?query=triage`);
      assert.deepEqual(metadataIds(filtered.body.items ?? []), [SAMPLE_IDS.busyAgent]);
      const one = await cadenya<CadenyaAgent>(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.busyAgent}`);
      assert.equal(one.body.metadata.name, 'Support Triage');
      assertRpcStatus(await cadenya(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.emptyAgent}`), 404, 5);
      assertRpcStatus(await cadenya(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/agent_missing`), 404, 5);
      assertRpcStatus(await cadenya('/v1/workspaces/ws_missing/agents'), 404, 5);
    });

    it('serves agents with the old spec.status shape and with the new state shape', async function () {
      const agents: CadenyaAgent[] = [];
      for (const workspaceId of [SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.stagingWorkspace, SAMPLE_IDS.researchWorkspace]) {
        agents.push(...((await cadenya<CursorList<CadenyaAgent>>(`/v1/workspaces/${workspaceId}/agents`)).body.items ?? []));
      }
      const legacy = agents.filter((agent) => agent.spec.status !== undefined && agent.state === undefined);
      const current = agents.filter((agent) => agent.state !== undefined && agent.spec.status === undefined);
      assert.equal(legacy.length + current.length, agents.length);
      assert.equal(legacy.length, current.length);
      assert.ok(legacy.every((agent) => /^AGENT_STATUS_/.test(agent.spec.status ?? '')));
      assert.ok(current.every((agent) => /^STATE_/.test(agent.state ?? '')));
    });

    it('pages the busy agent’s deliveries by cursor to the end, newest first, without duplicates or gaps', async function () {
      const expected = deliveriesOf(server.dataset, SAMPLE_IDS.busyAgent);
      const walked = await walk<CadenyaDelivery>(deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent));
      assert.equal(walked.pages, Math.ceil(expected.length / 50));
      assert.deepEqual(metadataIds(walked.items), metadataIds(expected));
      assert.deepEqual([...walked.totals], [undefined], 'no total on deliveries, as newer API versions send');
      const created = walked.items.map((delivery) => delivery.metadata.createdAt);
      assert.deepEqual(created, [...created].sort().reverse());
    });

    it('with a page cap, silently shortens pages that limit would make longer, with a cursor through the whole list', async function () {
      const capped = await startSampleServer({ now: NOW, cadenyaPageCap: 300 });
      try {
        const route = `${capped.url}${deliveriesPath(SAMPLE_IDS.archiveWorkspace, SAMPLE_IDS.archiveAgent)}`;
        const expected = metadataIds(deliveriesOf(capped.dataset, SAMPLE_IDS.archiveAgent));
        const seen: string[] = [];
        let cursor = '';
        let pages = 0;
        do {
          const reply = await request<CursorList<CadenyaDelivery>>(`${route}?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: bearer(capped.cadenyaKey) });
          assert.equal(reply.status, 200, reply.text);
          const page = reply.body.items ?? [];
          assert.ok(page.length <= 300, `page of ${page.length}`);
          assert.ok(page.length > 0, 'no empty page after a nextCursor');
          seen.push(...metadataIds(page));
          cursor = reply.body.pagination.nextCursor ?? '';
          pages++;
        } while (cursor);
        assert.deepEqual(seen, expected);
        assert.equal(pages, Math.ceil(expected.length / 300));
        const small = await request<CursorList<CadenyaDelivery>>(`${route}?limit=7`, { headers: bearer(capped.cadenyaKey) });
        assert.equal(small.body.items?.length, 7, 'a limit under the cap is honoured');
        assertRpcStatus(await request(`${route}?limit=1001`, { headers: bearer(capped.cadenyaKey) }), 400, 3);
        const workspaces = await request<CursorList<CadenyaWorkspace>>(`${capped.url}/v1/workspaces?limit=1000`, { headers: bearer(capped.cadenyaKey) });
        assert.equal(workspaces.status, 200, 'other lists keep their limits');
      } finally {
        await capped.close();
      }
      const uncapped = await cadenya<CursorList<CadenyaDelivery>>(`${deliveriesPath(SAMPLE_IDS.archiveWorkspace, SAMPLE_IDS.archiveAgent)}?limit=1000`);
      assert.equal(uncapped.body.items?.length, 1000, 'no cap by default');
      await assert.rejects(startSampleServer({ cadenyaPageCap: 0 }), RangeError);
    });

    it('continues after the id a cursor names, even if that id is gone', async function () {
      const all = deliveriesOf(server.dataset, SAMPLE_IDS.busyAgent);
      const route = deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent);
      const after = await cadenya<CursorList<CadenyaDelivery>>(`${route}?limit=3&cursor=${encodeCursor(all[10]?.metadata.id ?? '')}`);
      assert.deepEqual(metadataIds(after.body.items ?? []), metadataIds(all.slice(11, 14)));
      const missing = `${(all[10]?.metadata.id ?? '').slice(0, -1)}~`; // sorts just after deliveries[10]
      const fromMissing = await cadenya<CursorList<CadenyaDelivery>>(`${route}?limit=3&cursor=${encodeCursor(missing)}`);
      assert.deepEqual(metadataIds(fromMissing.body.items ?? []), metadataIds(all.slice(10, 13)));
      assert.match(encodeCursor(all[10]?.metadata.id ?? ''), /^[A-Za-z0-9_-]+$/);
    });

    it('honours limit, defaults it to 50 and rejects values outside 1..1000', async function () {
      const route = deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent);
      assert.equal((await cadenya<CursorList<CadenyaDelivery>>(route)).body.items?.length, 50);
      assert.equal((await cadenya<CursorList<CadenyaDelivery>>(`${route}?limit=7`)).body.items?.length, 7);
      assert.equal((await cadenya<CursorList<CadenyaDelivery>>(`${route}?limit=1000`)).body.items?.length, 1000);
      for (const limit of ['0', '1001', '-5', 'ten', '2.5']) {
        assertRpcStatus(await cadenya(`${route}?limit=${limit}`), 400, 3);
      }
      assertRpcStatus(await cadenya(`${route}?cursor=not-a-cursor!`), 400, 3);
      assertRpcStatus(await cadenya(`${route}?cursor=${Buffer.from('nope').toString('base64url')}`), 400, 3);
    });

    it('filters by eventType (including undocumented ones) and by objectiveId', async function () {
      const all = deliveriesOf(server.dataset, SAMPLE_IDS.busyAgent);
      const route = deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent);
      for (const eventType of ['OBJECTIVE_EVENT_TYPE_TOOL_CALLED', 'OBJECTIVE_EVENT_TYPE_HANDOFF_REQUESTED']) {
        const expected = all.filter((delivery) => delivery.data.eventType === eventType);
        const walked = await walk<CadenyaDelivery>(`${route}?eventType=${eventType}`, 100);
        assert.deepEqual(metadataIds(walked.items), metadataIds(expected));
        assert.deepEqual([...walked.totals], [undefined]);
      }
      const objectiveId = all[100]?.data.objectiveId ?? '';
      const byObjective = await cadenya<CursorList<CadenyaDelivery>>(`${route}?objectiveId=${objectiveId}`);
      const expected = all.filter((delivery) => delivery.data.objectiveId === objectiveId);
      assert.ok(expected.length > 0);
      assert.deepEqual(metadataIds(byObjective.body.items ?? []), metadataIds(expected));
      const none = await cadenya<CursorList<CadenyaDelivery>>(`${route}?eventType=OBJECTIVE_EVENT_TYPE_NEVER`);
      assert.deepEqual(none.body, { pagination: { nextCursor: '' } });
    });

    it('serves the older unscoped deliveries path like the scoped one', async function () {
      const scoped = await cadenya(`${deliveriesPath(SAMPLE_IDS.researchWorkspace, SAMPLE_IDS.researchAgent)}?limit=10`);
      const unscoped = await cadenya(`/v1/agents/${SAMPLE_IDS.researchAgent}/webhook_deliveries?limit=10`);
      assert.equal(unscoped.status, 200);
      assert.equal(unscoped.text, scoped.text);
      assertRpcStatus(await cadenya('/v1/agents/agent_missing/webhook_deliveries'), 404, 5);
    });

    it('omits items and sends an empty nextCursor and no total for an agent without deliveries', async function () {
      const reply = await cadenya<CursorList<CadenyaDelivery>>(deliveriesPath(SAMPLE_IDS.emptyWorkspace, SAMPLE_IDS.emptyAgent));
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, { pagination: { nextCursor: '' } });
    });

    it('ends every list with nextCursor "" rather than leaving it out', async function () {
      const route = deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent);
      const last = await cadenya<CursorList<CadenyaDelivery>>(`${route}?limit=1000`);
      assert.equal(last.body.pagination.nextCursor, '');
      assert.ok(!('total' in last.body.pagination));
      const agents = await cadenya<CursorList<CadenyaAgent>>(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents`);
      assert.equal(agents.body.pagination.nextCursor, '');
      assert.equal(typeof agents.body.pagination.total, 'number');
    });

    it('returns objectives and pages their events', async function () {
      const delivery = deliveriesOf(server.dataset, SAMPLE_IDS.busyAgent)[10];
      const objectiveRoute = `/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/objectives/${delivery?.data.objectiveId ?? ''}`;
      const objective = await cadenya<CadenyaObjective>(objectiveRoute);
      assert.equal(objective.status, 200);
      assert.equal(objective.body.metadata.id, delivery?.data.objectiveId);
      assert.equal(typeof objective.body.firstUserMessage, 'string');
      const events = await walk<CadenyaObjectiveEvent>(`${objectiveRoute}/events`, 2);
      assert.equal(events.items.length, objective.body.info.totalEvents);
      assert.ok(events.items.some((event) => event.metadata.id === delivery?.data.objectiveEventId));
      assert.deepEqual(metadataIds(events.items), metadataIds(events.items).sort());
      assertRpcStatus(await cadenya(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/objectives/obj_missing`), 404, 5);
      assertRpcStatus(await cadenya(`/v1/workspaces/${SAMPLE_IDS.stagingWorkspace}/objectives/${delivery?.data.objectiveId ?? ''}`), 404, 5);
    });

    it('answers unknown routes with 404 and other methods with 405, as google.rpc Status', async function () {
      assertRpcStatus(await cadenya('/v1/nothing'), 404, 5);
      assertRpcStatus(await cadenya(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.busyAgent}/webhook_deliveries/x`), 404, 5);
      const post = await request(`${server.url}/v1/workspaces`, { method: 'POST', headers: bearer(server.cadenyaKey) });
      assertRpcStatus(post, 405, 12);
    });
  });

  describe('live additions and control API', function () {
    let live: SampleServer;
    const control = (route: string, init: RequestInit = {}): Promise<Reply<unknown>> => request(`${live.url}/__control/${route}`, init);
    const postJson = (route: string, body: unknown): Promise<Reply<unknown>> =>
      control(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const firstPage = async (workerId: string): Promise<ExecutionList> =>
      (await request<ExecutionList>(`${live.url}/api/workers/${workerId}/webhook/executions`, { headers: bearer(live.handingerKey) })).body;
    const deliveries = async (query = ''): Promise<CursorList<CadenyaDelivery>> =>
      (await request<CursorList<CadenyaDelivery>>(`${live.url}${deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent)}${query}`, { headers: bearer(live.cadenyaKey) }))
        .body;

    beforeEach(async function () {
      live = await startSampleServer({ now: NOW });
    });

    afterEach(async function () {
      await live.close();
    });

    it('shows an execution added with addHandingerExecution on top of page 1', async function () {
      const before = await firstPage(SAMPLE_IDS.busyWorker);
      const added = live.addHandingerExecution(SAMPLE_IDS.busyWorker, { responseStatus: 503 });
      assert.equal(added.requestStatus, 'error');
      assert.match(added.errorMessage ?? '', /503/);
      const after = await firstPage(SAMPLE_IDS.busyWorker);
      assert.deepEqual(after.logs[0], added);
      assert.equal(after.totalCount, before.totalCount + 1);
      assert.deepEqual(ids(after.logs.slice(1)), ids(before.logs.slice(0, 49)));
      const task = await request<{ task: HandingerTask }>(`${live.url}/api/tasks/${added.taskId ?? ''}`, { headers: bearer(live.handingerKey) });
      assert.equal(task.body.task.title, added.taskTitle);
      assert.throws(() => live.addHandingerExecution('wrk_missing'), /Unknown Handinger worker/);
    });

    it('adds an execution through POST /__control/handinger/workers/{id}/executions', async function () {
      const reply = await postJson(`handinger/workers/${SAMPLE_IDS.emptyWorker}/executions`, { durationMs: 42, taskTitle: 'Démo 🚀' });
      assert.equal(reply.status, 201, reply.text);
      const added = reply.body as HandingerExecution;
      assert.equal(added.durationMs, 42);
      assert.equal(added.requestStatus, 'success');
      const page = await firstPage(SAMPLE_IDS.emptyWorker);
      assert.deepEqual(page.logs, [added]);
      assert.equal(page.pageCount, 1);
      assert.equal((await postJson('handinger/workers/wrk_missing/executions', {})).status, 404);
      assert.equal((await postJson(`handinger/workers/${SAMPLE_IDS.emptyWorker}/executions`, { durationMs: 'slow' })).status, 400);
      assert.equal((await postJson(`handinger/workers/${SAMPLE_IDS.emptyWorker}/executions`, { workerId: 'other' })).status, 400);
      const textPlain = await control(`handinger/workers/${SAMPLE_IDS.emptyWorker}/executions`, { method: 'POST', body: '{}' });
      assert.equal(textPlain.status, 415);
    });

    it('shows a delivery added with addCadenyaDelivery on top without shifting later cursor pages', async function () {
      const before = await deliveries('?limit=25');
      const secondBefore = await deliveries(`?limit=25&cursor=${before.pagination.nextCursor ?? ''}`);
      const added = live.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.busyAgent, {
        eventType: 'OBJECTIVE_EVENT_TYPE_FINALIZED',
        metadata: { labels: { source: 'test' } },
      });
      assert.equal(added.data.status, 'WEBHOOK_DELIVERY_STATUS_COMPLETED');
      const after = await deliveries('?limit=25');
      assert.deepEqual(after.items?.[0], added);
      assert.deepEqual(metadataIds(after.items?.slice(1) ?? []), metadataIds(before.items?.slice(0, 24) ?? []));
      const secondAfter = await deliveries(`?limit=25&cursor=${before.pagination.nextCursor ?? ''}`);
      assert.deepEqual(metadataIds(secondAfter.items ?? []), metadataIds(secondBefore.items ?? []));
      const objective = await request<CadenyaObjective>(`${live.url}/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/objectives/${added.data.objectiveId}`, {
        headers: bearer(live.cadenyaKey),
      });
      assert.equal(objective.status, 200);
      assert.throws(() => live.addCadenyaDelivery(SAMPLE_IDS.stagingWorkspace, SAMPLE_IDS.busyAgent), /Unknown Cadenya agent/);
    });

    it('adds a delivery through POST /__control/cadenya/workspaces/{ws}/agents/{agent}/deliveries', async function () {
      const reply = await postJson(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.busyAgent}/deliveries`, {
        status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
        errorMessage: 'boom',
      });
      assert.equal(reply.status, 201, reply.text);
      const added = reply.body as CadenyaDelivery;
      assert.equal(added.data.errorMessage, 'boom');
      assert.deepEqual((await deliveries('?limit=1')).items, [added]);
      assert.equal((await postJson(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/agent_missing/deliveries`, {})).status, 404);
      assert.equal((await postJson(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.busyAgent}/deliveries`, { metadata: { id: 3 } })).status, 400);
    });

    it('logs API requests (without credentials) for in-process and HTTP readers', async function () {
      await firstPage(SAMPLE_IDS.tinyWorker);
      await firstPage(SAMPLE_IDS.tinyWorker);
      await deliveries('?limit=2');
      const polls = live.requestLog.filter((entry) => entry.path.endsWith(`${SAMPLE_IDS.tinyWorker}/webhook/executions`));
      assert.equal(polls.length, 2);
      assert.ok(polls.every((entry) => entry.method === 'GET' && entry.status === 200 && entry.at > 0));
      // Which key came, as a fingerprint: tests of accounts tell keys apart without the log holding one.
      assert.ok(polls.every((entry) => entry.keyFingerprint === keyFingerprint(live.handingerKey)));
      assert.notEqual(keyFingerprint(live.handingerKey), keyFingerprint(live.cadenyaKey));
      assert.equal(live.requestLog.at(-1)?.query, 'limit=2');
      const over = await control('requests');
      assert.deepEqual((over.body as { requests: unknown[] }).requests, live.requestLog);
      assert.doesNotMatch(over.text, new RegExp(`${live.handingerKey}|${live.cadenyaKey}`));
      assert.equal((await control('requests', { method: 'DELETE' })).status, 204);
      assert.equal(live.requestLog.length, 0);
    });

    it('describes itself at GET /__control/info', async function () {
      const reply = await control('info');
      assert.equal(reply.status, 200);
      const info = reply.body as { url: string; handingerKey: string; cadenyaKey: string; workerIds: string[]; workspaceIds: string[] };
      assert.equal(info.url, live.url);
      assert.equal(info.handingerKey, live.handingerKey);
      assert.equal(info.cadenyaKey, live.cadenyaKey);
      assert.deepEqual(info.workerIds, live.dataset.workers.map((worker) => worker.id));
      assert.deepEqual(info.workspaceIds, live.dataset.workspaces.map((workspace) => workspace.metadata.id));
      assert.equal((await control('nothing')).status, 404);
    });
  });

  describe('time: deliveries that settle, change now, and arrive in bursts', function () {
    let live: SampleServer;
    const control = (route: string, method: string, body: unknown): Promise<Reply<unknown>> =>
      request(`${live.url}/__control/${route}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const executions = async (workerId: string): Promise<HandingerExecution[]> =>
      (await request<ExecutionList>(`${live.url}/api/workers/${workerId}/webhook/executions`, { headers: bearer(live.handingerKey) })).body.logs;
    const agentDeliveries = async (agentId: string, limit = 50): Promise<CadenyaDelivery[]> =>
      (
        await request<CursorList<CadenyaDelivery>>(`${live.url}${deliveriesPath(SAMPLE_IDS.busyWorkspace, agentId)}?limit=${limit}`, {
          headers: bearer(live.cadenyaKey),
        })
      ).body.items ?? [];
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    const served = async (agentId: string, id: string): Promise<CadenyaDelivery | undefined> =>
      (await agentDeliveries(agentId)).find((delivery) => delivery.metadata.id === id);

    beforeEach(async function () {
      live = await startSampleServer({ now: NOW });
    });

    afterEach(async function () {
      await live.close();
    });

    it('settles a pending Cadenya delivery: attempts grow, the last attempt moves, then FAILED 502 after three', async function () {
      // Steps at 1, 2 and 3 s after the addition; reads well inside each window, even on a busy machine.
      const addedAt = Date.now();
      const added = live.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING' }, { settleAfterMs: 3_000 });
      const first = await served(SAMPLE_IDS.tinyAgent, added.metadata.id);
      assert.equal(first?.data.status, 'WEBHOOK_DELIVERY_STATUS_PENDING');
      assert.equal(first?.data.attemptCount, 0);
      assert.equal(first?.data.httpStatusCode, 0);
      await sleep(addedAt + 1_300 - Date.now());
      const retrying = await served(SAMPLE_IDS.tinyAgent, added.metadata.id);
      assert.equal(retrying?.data.status, 'WEBHOOK_DELIVERY_STATUS_PENDING');
      assert.equal(retrying?.data.attemptCount, 1);
      assert.equal(retrying?.data.httpStatusCode, 502);
      const firstAttemptAt = retrying?.data.lastAttemptAt ?? '';
      assert.ok(firstAttemptAt !== '');
      await sleep(addedAt + 3_300 - Date.now());
      const settled = await served(SAMPLE_IDS.tinyAgent, added.metadata.id);
      assert.equal(settled?.data.status, 'WEBHOOK_DELIVERY_STATUS_FAILED');
      assert.equal(settled?.data.attemptCount, 3);
      assert.equal(settled?.data.httpStatusCode, 502);
      assert.ok((settled?.data.lastAttemptAt ?? '') > firstAttemptAt, 'the last attempt moved');
      assert.equal((await agentDeliveries(SAMPLE_IDS.tinyAgent))[0]?.metadata.id, added.metadata.id, 'same id, same place');
    });

    it('settles to COMPLETED with settleOutcome success, and follows an explicit script over the control API', async function () {
      const success = live.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING' }, { settleAfterMs: 30, settleOutcome: 'success' });
      const scripted = await control(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.tinyAgent}/deliveries`, 'POST', {
        status: 'WEBHOOK_DELIVERY_STATUS_PENDING',
        attemptCount: 0,
        script: [{ afterMs: 40, set: { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', attemptCount: 1, httpStatusCode: 0, latencyMs: 0, errorMessage: 'connection refused' } }],
      });
      assert.equal(scripted.status, 201, scripted.text);
      const scriptedId = (scripted.body as CadenyaDelivery).metadata.id;
      await sleep(80);
      assert.equal((await served(SAMPLE_IDS.tinyAgent, success.metadata.id))?.data.status, 'WEBHOOK_DELIVERY_STATUS_COMPLETED');
      const failed = await served(SAMPLE_IDS.tinyAgent, scriptedId);
      assert.equal(failed?.data.status, 'WEBHOOK_DELIVERY_STATUS_FAILED');
      assert.equal(failed?.data.errorMessage, 'connection refused');
      const bad = await control(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.tinyAgent}/deliveries`, 'POST', { script: [{ afterMs: 'soon', set: {} }] });
      assert.equal(bad.status, 400);
    });

    it('adds a Handinger task\u2019s retries as new executions, ending in the outcome asked for', async function () {
      const addedAt = Date.now();
      const added = live.addHandingerExecution(SAMPLE_IDS.tinyWorker, { responseStatus: 502 }, { settleAfterMs: 2_000, settleOutcome: 'success' });
      assert.equal((await executions(SAMPLE_IDS.tinyWorker)).length, 4, 'no retry before its time');
      await sleep(addedAt + 2_300 - Date.now());
      const logs = await executions(SAMPLE_IDS.tinyWorker);
      const attempts = logs.filter((execution) => execution.taskId === added.taskId);
      assert.equal(attempts.length, 3, 'the first attempt and two retries');
      assert.equal(attempts[0]?.requestStatus, 'success', 'the newest attempt is the last');
      assert.equal(attempts[1]?.responseStatus, 502);
    });

    it('changes a delivery now: PATCH and the server methods set fields in place', async function () {
      const pending = live.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING' });
      const patched = await control(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.tinyAgent}/deliveries/${pending.metadata.id}`, 'PATCH', {
        status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
        attemptCount: 3,
        httpStatusCode: 502,
        errorMessage: 'unexpected status code 502 from webhook endpoint',
      });
      assert.equal(patched.status, 200, patched.text);
      const served502 = await served(SAMPLE_IDS.tinyAgent, pending.metadata.id);
      assert.equal(served502?.data.status, 'WEBHOOK_DELIVERY_STATUS_FAILED');
      assert.equal(served502?.data.attemptCount, 3);
      assert.ok(served502?.data.lastAttemptAt !== undefined, 'a grown attempt count moves the last attempt');
      const execution = (await executions(SAMPLE_IDS.tinyWorker))[1];
      const executionRoute = `handinger/workers/${SAMPLE_IDS.tinyWorker}/executions/${execution?.id ?? ''}`;
      const changed = await control(executionRoute, 'PATCH', { requestStatus: 'error', responseStatus: 0, durationMs: 0, errorMessage: 'connect ECONNREFUSED' });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual((await executions(SAMPLE_IDS.tinyWorker))[1], { ...execution, requestStatus: 'error', responseStatus: 0, durationMs: 0, errorMessage: 'connect ECONNREFUSED' });
      live.updateHandingerExecution(SAMPLE_IDS.tinyWorker, execution?.id ?? '', { responseStatus: 200, requestStatus: 'success', errorMessage: null });
      assert.equal((await executions(SAMPLE_IDS.tinyWorker))[1]?.responseStatus, 200);
      live.updateCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, pending.metadata.id, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
      assert.equal((await served(SAMPLE_IDS.tinyAgent, pending.metadata.id))?.data.httpStatusCode, 200);
      assert.equal((await control(`${executionRoute}x`, 'PATCH', {})).status, 404);
      assert.equal((await control(executionRoute, 'PATCH', { id: 'whe_other' })).status, 400, 'the id cannot change');
      assert.equal((await control(executionRoute, 'PATCH', { responseStatus: 'none' })).status, 400);
      assert.throws(() => live.updateCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, 'whd_missing', {}), /Unknown Cadenya delivery/);
    });

    it('adds a burst of hundreds at once, newest on top, with failures and pending ones among them', async function () {
      const before = await agentDeliveries(SAMPLE_IDS.busyAgent, 1000);
      const reply = await control(`cadenya/workspaces/${SAMPLE_IDS.busyWorkspace}/agents/${SAMPLE_IDS.busyAgent}/bursts`, 'POST', { count: 300 });
      assert.equal(reply.status, 201, reply.text);
      const summary = reply.body as { count: number; ids: string[]; failed: number; pending: number; noResponse: number };
      assert.equal(summary.count, 300);
      assert.ok(summary.failed > 10 && summary.pending > 10 && summary.noResponse > 0, reply.text);
      const after = await agentDeliveries(SAMPLE_IDS.busyAgent, 1000);
      assert.deepEqual(metadataIds(after.slice(0, 300)), summary.ids);
      assert.deepEqual(metadataIds(after.slice(300, 400)), metadataIds(before.slice(0, 100)));
      const handingerBurst = live.addHandingerBurst(SAMPLE_IDS.smallWorker, { count: 120 });
      const logs = await executions(SAMPLE_IDS.smallWorker);
      assert.deepEqual(ids(logs), ids(handingerBurst.slice(0, 50)));
      assert.ok(handingerBurst.some((execution) => execution.requestStatus === 'error'));
      assert.ok(handingerBurst.some((execution) => execution.responseStatus === 0 && execution.durationMs === 0));
      assert.equal((await control(`handinger/workers/${SAMPLE_IDS.smallWorker}/bursts`, 'POST', { count: 0 })).status, 400);
      assert.equal((await control('handinger/workers/wrk_missing/bursts', 'POST', { count: 2 })).status, 404);
    });

    it('lets a burst\u2019s pending deliveries settle', async function () {
      const burst = live.addCadenyaBurst(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { count: 60, settleAfterMs: 40 });
      assert.ok(burst.some((delivery) => delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_PENDING'));
      await sleep(80);
      const listed = await agentDeliveries(SAMPLE_IDS.tinyAgent, 100);
      assert.ok(listed.slice(0, 60).every((delivery) => delivery.data.status !== 'WEBHOOK_DELIVERY_STATUS_PENDING'));
    });
  });

  describe('faults', function () {
    type Api = 'handinger' | 'cadenya';
    type Mechanism = 'id' | 'key' | 'query' | 'injectFault' | 'control';
    const MECHANISMS: readonly Mechanism[] = ['id', 'key', 'query', 'injectFault', 'control'];
    const normalRoute: Record<Api, string> = {
      handinger: `/api/workers/${SAMPLE_IDS.smallWorker}/webhook/executions`,
      cadenya: deliveriesPath(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.smallAgent),
    };
    const faultIdRoute = (api: Api, kind: FaultKind): string =>
      api === 'handinger' ? `/api/workers/wrk_fault-${kind}/webhook/executions` : deliveriesPath(SAMPLE_IDS.busyWorkspace, `agent_fault-${kind}`);
    const keyOf = (api: Api): string => (api === 'handinger' ? server.handingerKey : server.cadenyaKey);

    /** Sets the fault up through one mechanism and returns the request that should hit it. */
    async function arrange(mechanism: Mechanism, kind: FaultKind, api: Api): Promise<{ url: string; key: string }> {
      // __delayMs overrides the default 1.5 s of slow, whatever selected the fault.
      const delay = kind === 'slow' ? `__delayMs=${SLOW_MS}` : '';
      const withDelay = (route: string): string => (delay ? `${route}${route.includes('?') ? '&' : '?'}${delay}` : route);
      switch (mechanism) {
        case 'id':
          return { url: `${server.url}${withDelay(faultIdRoute(api, kind))}`, key: keyOf(api) };
        case 'key':
          return { url: `${server.url}${withDelay(normalRoute[api])}`, key: `fault-${kind}` };
        case 'query':
          return { url: `${server.url}${withDelay(`${normalRoute[api]}?__fault=${kind}`)}`, key: keyOf(api) };
        case 'injectFault':
          server.injectFault({ kind, delayMs: SLOW_MS, pathIncludes: normalRoute[api] });
          return { url: `${server.url}${normalRoute[api]}`, key: keyOf(api) };
        case 'control': {
          const reply = await request(`${server.url}/__control/faults`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ kind, delayMs: SLOW_MS }),
          });
          assert.equal(reply.status, 201, reply.text);
          return { url: `${server.url}${normalRoute[api]}`, key: keyOf(api) };
        }
      }
    }

    async function assertFault(kind: FaultKind, api: Api, url: string, key: string): Promise<void> {
      const headers = bearer(key);
      if (kind === 'hang') {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), HANG_ABORT_MS);
        try {
          await assert.rejects(async () => {
            const res = await fetch(url, { headers, signal: controller.signal });
            await res.text();
          }, /abort/i);
        } finally {
          clearTimeout(timer);
        }
        return;
      }
      if (kind === 'reset') {
        await assert.rejects(fetch(url, { headers }), TypeError);
        return;
      }
      const started = performance.now();
      const reply = await request<Record<string, unknown>>(url, { headers });
      const elapsed = performance.now() - started;
      switch (kind) {
        case '401':
        case '403':
        case '404':
        case '429':
        case '500':
        case '503': {
          const status = Number(kind);
          const grpc: Record<number, number> = { 401: 16, 403: 7, 404: 5, 429: 8, 500: 13, 503: 14 };
          if (api === 'handinger') {
            assertHandingerError(reply, status);
          } else {
            assertRpcStatus(reply, status, grpc[status] ?? -1);
          }
          assert.equal(reply.headers.get('retry-after'), kind === '429' ? '1' : null);
          return;
        }
        case 'slow':
          assert.equal(reply.status, 200, reply.text);
          assert.ok(elapsed >= SLOW_MS - 5, `answered after ${elapsed.toFixed(0)} ms`);
          assert.ok(Array.isArray(api === 'handinger' ? reply.body.logs : reply.body.items), 'a normal answer after the delay');
          return;
        case 'malformed':
          assert.equal(reply.status, 200);
          assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
          assert.throws(() => JSON.parse(reply.text) as unknown, SyntaxError);
          return;
        case 'html':
          assert.equal(reply.status, 502);
          assert.match(reply.headers.get('content-type') ?? '', /^text\/html/);
          assert.match(reply.text, /<html>[\s\S]*502 Bad Gateway/);
          return;
        case 'wrong-shape':
          assert.equal(reply.status, 200);
          assert.equal(reply.headers.get('content-type'), 'application/json; charset=utf-8');
          assert.equal(typeof (api === 'handinger' ? reply.body.logs : reply.body.items), 'string');
          return;
      }
    }

    MECHANISMS.forEach((mechanism, mechanismIndex) => {
      FAULT_KINDS.forEach((kind, kindIndex) => {
        // Alternate the APIs so each kind and each mechanism is exercised on both.
        const api: Api = (mechanismIndex + kindIndex) % 2 === 0 ? 'handinger' : 'cadenya';
        it(`${kind} via ${mechanism} (${api})`, async function () {
          const { url, key } = await arrange(mechanism, kind, api);
          await assertFault(kind, api, url, key);
          // Queued faults are used up; the same request now succeeds.
          if (mechanism === 'injectFault' || mechanism === 'control') {
            const again = await request(`${server.url}${normalRoute[api]}`, { headers: bearer(keyOf(api)) });
            assert.equal(again.status, 200, again.text);
          }
        });
      });
    });

    it('applies a queued rule to the next `times` matching requests only', async function () {
      server.injectFault({ kind: '503', times: 2, pathIncludes: '/webhook/executions' });
      const route = `/api/workers/${SAMPLE_IDS.tinyWorker}/webhook/executions`;
      assert.equal((await handinger(`/api/workers/${SAMPLE_IDS.tinyWorker}`)).status, 200, 'path does not match');
      assert.equal((await handinger(route)).status, 503);
      assert.equal((await handinger(route)).status, 503);
      assert.equal((await handinger(route)).status, 200);
    });

    it('applies a rule with `path` to that path only, not to the paths under it', async function () {
      const reply = await request(`${server.url}/__control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: '500', times: 2, path: '/v1/workspaces' }),
      });
      assert.equal(reply.status, 201, reply.text);
      assert.equal((await cadenya(`/v1/workspaces/${SAMPLE_IDS.busyWorkspace}/agents`)).status, 200, 'a path under it does not match');
      assert.equal((await cadenya('/v1/workspaces?page_size=10')).status, 500, 'the query aside, it matches');
      assert.equal((await cadenya('/v1/workspaces')).status, 500);
      assert.equal((await cadenya('/v1/workspaces')).status, 200, 'used up');
      const bad = await request(`${server.url}/__control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: '500', path: 7 }),
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /path must be a string/);
    });

    it('clears queued rules in process and over HTTP', async function () {
      server.injectFault({ kind: '500', times: 5 });
      server.clearFaults();
      assert.equal((await cadenya('/v1/workspaces')).status, 200);
      server.injectFault({ kind: '500', times: 5 });
      const cleared = await request(`${server.url}/__control/faults`, { method: 'DELETE' });
      assert.equal(cleared.status, 204);
      assert.equal((await cadenya('/v1/workspaces')).status, 200);
    });

    it('sends Retry-After as an HTTP date when the rule or __retryAfterDate asks', async function () {
      server.injectFault({ kind: '429', retryAfterSeconds: 30, retryAfterDate: true });
      const before = Date.now();
      const dated = (await cadenya('/v1/workspaces')).headers.get('retry-after') ?? '';
      assert.match(dated, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      const waitMs = Date.parse(dated) - before;
      assert.ok(waitMs >= 29_000 && waitMs <= 32_000, `wait ${waitMs}`);
      const handingerDated = (await handinger(`/api/workers/wrk_fault-503?__retryAfterDate=1`)).headers.get('retry-after') ?? '';
      assert.ok(Number.isFinite(Date.parse(handingerDated)), handingerDated);
      const reply = await request(`${server.url}/__control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: '429', retryAfterDate: 'yes' }),
      });
      assert.equal(reply.status, 400);
    });

    it('takes Retry-After from the rule or from __retryAfter', async function () {
      server.injectFault({ kind: '429', retryAfterSeconds: 7 });
      assert.equal((await cadenya('/v1/workspaces')).headers.get('retry-after'), '7');
      assert.equal((await cadenya('/v1/workspaces?__fault=429&__retryAfter=30')).headers.get('retry-after'), '30');
      assert.equal((await handinger(`/api/workers/wrk_fault-429?__retryAfter=2`)).headers.get('retry-after'), '2');
    });

    it('prefers a queued rule over the query flag, the key and the id', async function () {
      server.injectFault({ kind: '403' });
      assertHandingerError(await handinger('/api/workers/wrk_fault-500?__fault=404', 'fault-503'), 403);
      assertHandingerError(await handinger('/api/workers/wrk_fault-500?__fault=404', 'fault-503'), 404);
      assertHandingerError(await handinger('/api/workers/wrk_fault-500', 'fault-503'), 503);
      assertHandingerError(await handinger('/api/workers/wrk_fault-500'), 500);
    });

    it('rejects unknown fault kinds and invalid rules', async function () {
      assertHandingerError(await handinger(`/api/workers/${SAMPLE_IDS.busyWorker}?__fault=teapot`), 400);
      assertRpcStatus(await cadenya('/v1/workspaces?__fault=teapot'), 400, 3);
      assertHandingerError(await handinger(`/api/workers/${SAMPLE_IDS.busyWorker}`, 'fault-teapot'), 401);
      assert.throws(() => server.injectFault({ kind: 'teapot' as FaultKind }), TypeError);
      const bad = await request(`${server.url}/__control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"500","times":0}' });
      assert.equal(bad.status, 400);
      assert.equal((await request(`${server.url}/__control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })).status, 400);
    });

    it('never faults control endpoints', async function () {
      server.injectFault({ kind: 'reset' });
      assert.equal((await request(`${server.url}/__control/info?__fault=500`)).status, 200);
      const queued = await request<{ faults: unknown[] }>(`${server.url}/__control/faults`);
      assert.equal(queued.body.faults.length, 1, 'the rule is still queued');
    });

    it('keeps a hanging socket open until close() destroys it', async function () {
      const own = await startSampleServer({ now: NOW });
      const res = await fetch(`${own.url}/v1/workspaces?__fault=hang`, { headers: bearer(own.cadenyaKey) });
      assert.equal(res.status, 200);
      const body = res.text();
      await own.close();
      await assert.rejects(body);
    });
  });

  describe('command line', function () {
    it('prints the banner and a SAMPLE_SERVER_READY line, and exits cleanly on SIGTERM', async function () {
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'sample-server', 'main.js'), '--port', '0'], {
        env: { ...process.env, SAMPLE_SERVER_PORT: '1' }, // --port wins over the environment
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const ready = await new Promise<{ url: string; handingerKey: string; cadenyaKey: string; workerIds: string[] }>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const line = /^SAMPLE_SERVER_READY (.*)$/m.exec(output);
          if (line?.[1]) {
            resolve(JSON.parse(line[1]) as { url: string; handingerKey: string; cadenyaKey: string; workerIds: string[] });
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code ?? 'signal'} before ready: ${output}`)));
      });
      assert.match(output, /Sample API server listening on http:\/\/127\.0\.0\.1:\d+/);
      assert.ok(output.includes(`key ${ready.handingerKey}`) && output.includes(`key ${ready.cadenyaKey}`));
      assert.ok(ready.workerIds.includes(SAMPLE_IDS.busyWorker));
      const reply = await request<HandingerWorker>(`${ready.url}/api/workers/${SAMPLE_IDS.busyWorker}`, { headers: bearer(ready.handingerKey) });
      assert.equal(reply.status, 200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    });
  });
});
