// What each provider makes of the API's records, over real HTTP: every field of the common
// model, nulls and absent fields wherever the docs allow them, unknown event types and
// statuses kept and shown, both Cadenya agent status shapes, containers and related records.

import assert from 'node:assert/strict';
import type { Container } from '../../src/model/container';
import type { Delivery, Outcome } from '../../src/model/delivery';
import { DeliveryFeed } from '../../src/model/feed';
import { buildViewModel } from '../../src/detail/viewModel';
import { ProviderError } from '../../src/model/errors';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { CadenyaDeliveryProvider, DeliveryProvider, HandingerDeliveryProvider } from '../../src/providers';
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { CadenyaDelivery, HandingerExecution, SampleServer } from '../sample-server/server';

let server: SampleServer;
let handinger: HandingerDeliveryProvider;
let cadenya: CadenyaDeliveryProvider;

before(async () => {
  server = await startSampleServer();
  handinger = createHandingerProvider({ baseUrl: server.url, apiKey: server.handingerKey });
  cadenya = createCadenyaProvider({ baseUrl: server.url, apiKey: server.cadenyaKey });
});

after(async () => {
  await server.close();
});

const worker = (id: string): Container => ({ provider: 'handinger', kind: 'worker', id, name: id, raw: {} });
const agent = (id: string): Container => ({
  provider: 'cadenya',
  kind: 'agent',
  id,
  workspaceId: SAMPLE_IDS.workspaceOfAgent[id],
  name: id,
  raw: {},
});

async function loadAll(provider: DeliveryProvider, container: Container): Promise<readonly Delivery[]> {
  const list = new DeliveryFeed('mapping', (continuation, _filters, signal) => provider.listDeliveries(container, { continuation }, signal));
  while (list.hasMore) {
    await list.loadMore();
  }
  return list.items;
}

function byId(items: readonly Delivery[], id: string): Delivery {
  const found = items.find((item) => item.id === id);
  assert.ok(found, `delivery ${id} not listed`);
  return found;
}

describe('handinger: executions as deliveries', () => {
  function expected(execution: HandingerExecution, workerId: string): Delivery {
    const outcome: Outcome = execution.requestStatus === 'success' ? 'succeeded' : 'failed';
    return {
      provider: 'handinger',
      id: execution.id,
      containerId: workerId,
      createdAt: execution.createdAt,
      time: Date.parse(execution.createdAt),
      outcome,
      rawStatus: execution.requestStatus,
      // No response (status 0 or null): no status, and a duration of 0 was not measured.
      httpStatus: execution.responseStatus ? execution.responseStatus : undefined,
      latencyMs: !execution.responseStatus && execution.durationMs === 0 ? undefined : execution.durationMs,
      targetUrl: execution.url,
      errorMessage: execution.errorMessage ?? undefined,
      related: execution.taskId === null ? undefined : { kind: 'task', id: execution.taskId, title: execution.taskTitle ?? undefined },
      raw: execution,
    };
  }

  it('maps every field of every execution, nulls included', async () => {
    const records = server.dataset.executions.get(SAMPLE_IDS.smallWorker) ?? [];
    assert.ok(records.some((record) => record.responseStatus === 0), 'dataset has a delivery without a response (status 0)');
    assert.ok(records.some((record) => record.taskId === null), 'dataset has a null taskId');
    const items = await loadAll(handinger, worker(SAMPLE_IDS.smallWorker));
    assert.equal(items.length, records.length);
    records.forEach((record, index) => assert.deepEqual(items[index], expected(record, SAMPLE_IDS.smallWorker)));
  });

  it('reads an execution with every nullable field null', async () => {
    const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { responseStatus: null, errorMessage: null, taskId: null, taskTitle: null });
    const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
    assert.equal(delivery.httpStatus, undefined);
    assert.equal(delivery.related, undefined);
    assert.equal(delivery.outcome, 'failed');
  });

  it('keeps an unknown request status as "unknown" with the raw value', async () => {
    const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { requestStatus: 'queued' } as unknown as Partial<HandingerExecution>);
    const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
    assert.equal(delivery.outcome, 'unknown');
    assert.equal(delivery.rawStatus, 'queued');
  });

  it('reads a status named like an Object property (toString, __proto__) as "unknown"', async () => {
    for (const requestStatus of ['toString', 'constructor', '__proto__']) {
      const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { requestStatus } as unknown as Partial<HandingerExecution>);
      const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
      assert.equal(delivery.outcome, 'unknown', requestStatus);
    }
  });

  it('reads a field of the wrong type as absent instead of failing the page', async () => {
    const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { durationMs: 'fast', responseStatus: '200' } as unknown as Partial<HandingerExecution>);
    const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
    assert.equal(delivery.latencyMs, undefined);
    assert.equal(delivery.httpStatus, undefined);
    assert.equal(delivery.id, added.id);
  });

  it('keeps hostile text verbatim for the UI to escape', async () => {
    const records = server.dataset.executions.get(SAMPLE_IDS.hostileWorker) ?? [];
    const items = await loadAll(handinger, worker(SAMPLE_IDS.hostileWorker));
    assert.deepEqual(
      items.map((item) => [item.errorMessage, item.targetUrl]),
      records.map((record) => [record.errorMessage ?? undefined, record.url]),
    );
  });
});

describe('handinger: workers and tasks', () => {
  it('checks a worker by id and describes it', async () => {
    const record = server.dataset.workers.find((candidate) => candidate.id === SAMPLE_IDS.busyWorker);
    const container = await handinger.getWorker(SAMPLE_IDS.busyWorker);
    assert.deepEqual(
      { provider: container.provider, kind: container.kind, id: container.id, name: container.name, status: container.status, url: container.dashboardUrl },
      { provider: 'handinger', kind: 'worker', id: SAMPLE_IDS.busyWorker, name: SAMPLE_IDS.busyWorker, status: record?.status, url: record?.url },
    );
  });

  it('reports a worker the server does not know as not found', async () => {
    await assert.rejects(handinger.getWorker('wrk_never_existed'), (error: unknown) => error instanceof ProviderError && error.kind === 'notFound');
  });

  it('checks each added worker by a request, in order, one failure not hiding the others', async () => {
    const ids = [SAMPLE_IDS.busyWorker, 'wrk_never_existed', 'wrk_fault-403', SAMPLE_IDS.emptyWorker];
    const checks = await handinger.listContainers(ids);
    assert.deepEqual(
      checks.map((check) => (check.ok ? `${check.id}: ok` : `${check.id}: ${check.error.kind}`)),
      [`${ids[0]}: ok`, `${ids[1]}: notFound`, `${ids[2]}: forbidden`, `${ids[3]}: ok`],
    );
  });

  it('finds the task behind an execution with its title, status and dashboard link', async () => {
    const items = await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker));
    const withTask = items.find((item) => item.related !== undefined);
    assert.ok(withTask?.related);
    const task = server.dataset.tasks.get(withTask.related.id);
    const related = await handinger.getRelated(withTask);
    assert.deepEqual(
      related && { kind: related.kind, id: related.id, title: related.title, status: related.status, url: related.url },
      { kind: 'task', id: task?.id, title: task?.title, status: task?.status, url: task?.url },
    );
  });

  it('has no related record for an execution without a task', async () => {
    const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { taskId: null });
    const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
    assert.equal(await handinger.getRelated(delivery), undefined);
  });
});

describe('cadenya: webhook deliveries', () => {
  const OUTCOMES: Record<string, Outcome> = {
    WEBHOOK_DELIVERY_STATUS_COMPLETED: 'succeeded',
    WEBHOOK_DELIVERY_STATUS_FAILED: 'failed',
    WEBHOOK_DELIVERY_STATUS_PENDING: 'pending',
    WEBHOOK_DELIVERY_STATUS_DISABLED: 'disabled',
  };

  function check(delivery: Delivery, record: CadenyaDelivery): void {
    const { data, metadata } = record;
    const contentLength = data.responseContentLength;
    assert.deepEqual(
      {
        ...delivery,
        eventType: delivery.eventType?.raw,
      },
      {
        provider: 'cadenya',
        id: metadata.id,
        containerId: data.agentId,
        workspaceId: metadata.workspaceId,
        createdAt: metadata.createdAt,
        time: Date.parse(metadata.createdAt),
        outcome: OUTCOMES[data.status] ?? 'unknown',
        rawStatus: data.status,
        httpStatus: data.httpStatusCode ? data.httpStatusCode : undefined,
        latencyMs: !data.httpStatusCode && data.latencyMs === 0 ? undefined : data.latencyMs,
        attemptCount: data.attemptCount,
        lastAttemptAt: data.lastAttemptAt,
        targetUrl: data.webhookUrl,
        webhookId: data.webhookId,
        eventType: data.eventType,
        errorMessage: data.errorMessage,
        responseHeaders: data.responseHeaders,
        responseSize: contentLength === undefined ? undefined : Number(contentLength),
        related: data.objectiveId === '' ? undefined : { kind: 'objective', id: data.objectiveId },
        labels: metadata.labels,
        raw: record,
      },
    );
  }

  it('maps every field of every delivery, absent fields staying absent', async () => {
    const records = server.dataset.deliveries.get(SAMPLE_IDS.busyAgent) ?? [];
    assert.ok(records.some((record) => record.data.httpStatusCode === 0), 'dataset has deliveries without a response (status 0)');
    const items = await loadAll(cadenya, agent(SAMPLE_IDS.busyAgent));
    assert.equal(items.length, records.length);
    records.forEach((record, index) => check(items[index]!, record));
  });

  it('turns the response size Cadenya sends as text into a number', async () => {
    const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { responseContentLength: '1048576' });
    assert.equal(byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id).responseSize, 1_048_576);
  });

  it('drops a response size that is not a number', async () => {
    const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { responseContentLength: 'n/a' });
    const delivery = byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id);
    assert.equal(delivery.responseSize, undefined);
  });

  it('shows event types the docs do not list with a readable label', async () => {
    const items = await loadAll(cadenya, agent(SAMPLE_IDS.busyAgent));
    const raws = new Set(items.map((item) => item.eventType?.raw));
    assert.ok(raws.has('OBJECTIVE_EVENT_TYPE_BUDGET_EXCEEDED'), 'dataset has an undocumented event type');
    const budget = items.find((item) => item.eventType?.raw === 'OBJECTIVE_EVENT_TYPE_BUDGET_EXCEEDED');
    assert.equal(budget?.eventType?.label, 'Budget exceeded');

    const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { eventType: 'OBJECTIVE_EVENT_TYPE_TELEPORTED' });
    const delivery = byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id);
    assert.deepEqual(delivery.eventType, { raw: 'OBJECTIVE_EVENT_TYPE_TELEPORTED', label: 'Teleported' });
  });

  it('keeps an unknown delivery status as "unknown" with the raw value', async () => {
    const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, {
      status: 'WEBHOOK_DELIVERY_STATUS_RETRYING',
    } as unknown as Partial<CadenyaDelivery['data']>);
    const delivery = byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id);
    assert.equal(delivery.outcome, 'unknown');
    assert.equal(delivery.rawStatus, 'WEBHOOK_DELIVERY_STATUS_RETRYING');
  });

  it('reads a status named like an Object property (toString, __proto__) as "unknown"', async () => {
    for (const status of ['toString', 'constructor', '__proto__']) {
      const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { status } as unknown as Partial<CadenyaDelivery['data']>);
      const delivery = byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id);
      assert.equal(delivery.outcome, 'unknown', status);
    }
  });

  it('keeps hostile text verbatim for the UI to escape', async () => {
    const records = server.dataset.deliveries.get(SAMPLE_IDS.hostileAgent) ?? [];
    const items = await loadAll(cadenya, agent(SAMPLE_IDS.hostileAgent));
    assert.equal(items.length, records.length);
    records.forEach((record, index) => check(items[index]!, record));
  });

  it('finds the objective behind a delivery, its first message as the title', async () => {
    const page = await cadenya.listDeliveries(agent(SAMPLE_IDS.busyAgent), { limit: 10 });
    const delivery = page.items.find((item) => item.related);
    assert.ok(delivery?.related);
    const objective = server.dataset.objectives.get(delivery.related.id);
    const related = await cadenya.getRelated(delivery);
    assert.deepEqual(
      related && { kind: related.kind, id: related.id, title: related.title, status: related.status },
      { kind: 'objective', id: objective?.metadata.id, title: objective?.firstUserMessage, status: objective?.state.replace('STATE_', '').toLowerCase() },
    );
  });
});

describe('cadenya: workspaces and agents', () => {
  it('lists every workspace with its name and status, without a total', async () => {
    const page = await cadenya.listWorkspaces();
    assert.deepEqual(
      page.items.map((item) => [item.kind, item.id, item.name, item.status]),
      server.dataset.workspaces.map((workspace) => [
        'workspace',
        workspace.metadata.id,
        workspace.metadata.name,
        workspace.status?.replace('STATUS_', '').toLowerCase(),
      ]),
    );
    assert.equal(page.continuation, undefined);
  });

  it('reads agent status from the newer top-level state and from the older spec.status alike', async () => {
    const agents = server.dataset.agents;
    assert.ok(agents.some((item) => item.state) && agents.some((item) => item.spec.status), 'dataset has both shapes');
    for (const workspace of server.dataset.workspaces) {
      const page = await cadenya.listAgents(workspace.metadata.id);
      const expected = agents
        .filter((item) => item.metadata.workspaceId === workspace.metadata.id)
        .map((item) => [item.metadata.id, item.metadata.name, (item.state ?? item.spec.status ?? '').replace(/^(STATE_|AGENT_STATUS_)/, '').toLowerCase()]);
      assert.deepEqual(
        page.items.map((item) => [item.id, item.name, item.status]),
        expected,
      );
      assert.ok(page.items.every((item) => item.kind === 'agent' && item.workspaceId === workspace.metadata.id));
    }
  });

  it('reports a workspace the server does not know as not found', async () => {
    await assert.rejects(cadenya.listAgents('ws_never_existed'), (error: unknown) => error instanceof ProviderError && error.kind === 'notFound');
  });

  it('refuses to list deliveries of something that is not an agent', async () => {
    const workspace: Container = { provider: 'cadenya', kind: 'workspace', id: SAMPLE_IDS.busyWorkspace, name: 'w', raw: {} };
    await assert.rejects(cadenya.listDeliveries(workspace, {}), (error: unknown) => error instanceof ProviderError && error.kind === 'notFound');
  });
});

describe('no response is not 0', () => {
  /** The detail panel's fields by id, as a person reads them. */
  function panelFields(delivery: Delivery): Map<string, string> {
    const model = buildViewModel(delivery, { now: Date.now(), locale: 'en-US', timeZone: 'UTC' });
    return new Map(model.sections.flatMap((section) => section.fields.map((field) => [field.id, field.value] as const)));
  }

  it('reads the Handinger reference example (responseStatus 0, durationMs 0) as no response, latency not measured', async () => {
    // The values of the example in the reference's executions page, as sent.
    const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { durationMs: 0, errorMessage: 'errorMessage', requestStatus: 'error', responseStatus: 0 });
    const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
    assert.equal(delivery.httpStatus, undefined);
    assert.equal(delivery.latencyMs, undefined);
    const fields = panelFields(delivery);
    assert.equal(fields.get('httpStatus'), 'No response');
    assert.equal(fields.has('latency'), false, 'no latency shown rather than "0 ms"');
  });

  it('keeps a 0 ms duration of an execution that did get a response', async () => {
    const added = server.addHandingerExecution(SAMPLE_IDS.tinyWorker, { durationMs: 0, responseStatus: 204 });
    const delivery = byId(await loadAll(handinger, worker(SAMPLE_IDS.tinyWorker)), added.id);
    assert.equal(delivery.httpStatus, 204);
    assert.equal(delivery.latencyMs, 0);
  });

  it('reads the Cadenya reference example (httpStatusCode 0, latencyMs 0) as no response, latency not measured', async () => {
    const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, {
      status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
      attemptCount: 3,
      httpStatusCode: 0,
      latencyMs: 0,
      errorMessage: 'dial tcp 10.0.0.12:443: connect: connection refused',
    });
    const delivery = byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id);
    assert.equal(delivery.httpStatus, undefined);
    assert.equal(delivery.latencyMs, undefined);
    assert.equal(delivery.outcome, 'failed');
    const fields = panelFields(delivery);
    assert.equal(fields.get('httpStatus'), 'No response');
    assert.equal(fields.has('latency'), false);
  });

  it('reads a pending Cadenya delivery without attempts as no response and no latency', async () => {
    const added = server.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.tinyAgent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING' });
    assert.equal(added.data.httpStatusCode, 0, 'the server sends the 0s');
    const delivery = byId(await loadAll(cadenya, agent(SAMPLE_IDS.tinyAgent)), added.metadata.id);
    assert.equal(delivery.httpStatus, undefined);
    assert.equal(delivery.latencyMs, undefined);
  });
});
