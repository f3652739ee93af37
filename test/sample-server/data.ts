// The sample dataset: generation from a seed, the well-known ids tests refer to, and the
// two "something new just happened" operations (a Handinger execution, a Cadenya delivery)
// that the server exposes for live-update tests and demos.
//
// Generation is deterministic: the same seed and `now` give the same dataset. Only ids and
// times of live additions depend on the wall clock.

import {
  CADENYA_IDS,
  appendObjectiveEvent,
  generateCadenya,
  liveDeliveryOutcome,
  makeObjectiveEvent,
  newObjective,
  operationMetadata,
  webhookIdFor,
  withZeros,
} from './cadenya-data';
import { HANDINGER_IDS, generateHandinger, newTask, pickTaskTitle } from './handinger-data';
import { REASON_PHRASES } from './corpus';
import { Random, iso, ulid } from './random';
import type {
  CadenyaDelivery,
  CadenyaDeliveryData,
  CadenyaDeliveryMetadata,
  HandingerExecution,
  HandingerTask,
  SampleDataset,
} from './types';

export type {
  CadenyaAgent,
  CadenyaAgentLegacyStatus,
  CadenyaAgentState,
  CadenyaDelivery,
  CadenyaDeliveryData,
  CadenyaDeliveryMetadata,
  CadenyaDeliveryStatus,
  CadenyaLabels,
  CadenyaObjective,
  CadenyaObjectiveEvent,
  CadenyaObjectiveState,
  CadenyaOperationMetadata,
  CadenyaWorkspace,
  HandingerExecution,
  HandingerTask,
  HandingerTaskStatus,
  HandingerWebhook,
  HandingerWorker,
  HandingerWorkerStatus,
  SampleDataset,
} from './types';

/** Ids that exist whatever the seed. Counts in comments are approximate by design. */
export const SAMPLE_IDS = {
  ...HANDINGER_IDS,
  ...CADENYA_IDS,
  /** Workspace of the busy, small, tiny and hostile agents. */
  hostileWorkspace: CADENYA_IDS.busyWorkspace,
  /** Workspace of the empty agent. */
  emptyWorkspace: CADENYA_IDS.stagingWorkspace,
  workspaceOfAgent: {
    [CADENYA_IDS.busyAgent]: CADENYA_IDS.busyWorkspace,
    [CADENYA_IDS.smallAgent]: CADENYA_IDS.busyWorkspace,
    [CADENYA_IDS.tinyAgent]: CADENYA_IDS.busyWorkspace,
    [CADENYA_IDS.hostileAgent]: CADENYA_IDS.busyWorkspace,
    [CADENYA_IDS.stagingAgent]: CADENYA_IDS.stagingWorkspace,
    [CADENYA_IDS.emptyAgent]: CADENYA_IDS.stagingWorkspace,
    [CADENYA_IDS.researchAgent]: CADENYA_IDS.researchWorkspace,
    [CADENYA_IDS.archivedAgent]: CADENYA_IDS.researchWorkspace,
    [CADENYA_IDS.archiveAgent]: CADENYA_IDS.archiveWorkspace,
  } as Readonly<Record<string, string>>,
} as const;

export function generateDataset(seed: number, now: Date): SampleDataset {
  const random = new Random(seed);
  const nowMs = now.getTime();
  return {
    seed,
    now: new Date(nowMs),
    ...generateHandinger(random, nowMs),
    ...generateCadenya(random, nowMs),
  };
}

/** Thrown when a live addition names a worker or agent the dataset does not have. */
export class UnknownResourceError extends Error {}

/** Inserts into a list kept newest first by id (ULIDs sort by time). */
function insertNewestFirst<T>(list: T[], item: T, idOf: (value: T) => string): void {
  const id = idOf(item);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const current = list[middle];
    if (current !== undefined && idOf(current) > id) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  list.splice(low, 0, item);
}

/**
 * The time of a live addition: `requested` if it is a valid date, else now by the wall
 * clock but never before the newest existing item (so the new id sorts first).
 */
function liveTime(requested: unknown, clockMs: number, newestCreatedAt: string | undefined): number {
  const requestedMs = typeof requested === 'string' ? Date.parse(requested) : Number.NaN;
  if (Number.isFinite(requestedMs)) {
    return requestedMs;
  }
  const newestMs = newestCreatedAt === undefined ? Number.NaN : Date.parse(newestCreatedAt);
  return Number.isFinite(newestMs) ? Math.max(clockMs, newestMs + 1) : clockMs;
}

/**
 * Records a new webhook execution for a worker, as if a task just finished. Unless
 * overridden, it is a 200 delivered to the worker's webhook URL for a new task. Giving a
 * non-2xx `responseStatus` or an `errorMessage` makes it an error with a matching message.
 *
 * `fields` are copied verbatim, wrong types included (robustness tests rely on that); the
 * id and the position in the list come from `createdAt` when it is a valid date, else from
 * now.
 */
export function addHandingerExecution(
  dataset: SampleDataset,
  random: Random,
  clockMs: number,
  workerId: string,
  fields: Partial<HandingerExecution> = {},
): HandingerExecution {
  const list = dataset.executions.get(workerId);
  if (!list) {
    throw new UnknownResourceError(`Unknown Handinger worker: ${workerId}`);
  }
  const atMs = liveTime(fields.createdAt, clockMs, list[0]?.createdAt);
  let task: HandingerTask | undefined;
  if (fields.taskId === undefined) {
    task = newTask(workerId, pickTaskTitle(workerId, random), atMs - 500, random);
    dataset.tasks.set(task.id, task);
  } else if (fields.taskId !== null) {
    task = dataset.tasks.get(fields.taskId);
  }
  const responseStatus = fields.responseStatus === undefined ? 200 : fields.responseStatus;
  const failed = fields.errorMessage != null || responseStatus === null || responseStatus < 200 || responseStatus > 299;
  // 0 is no response (connection refused, as the API reference's example sends it: duration 0
  // too); null, which the SDK's type also allows, is a timeout here.
  const defaultError =
    responseStatus === null
      ? 'timeout of 30000ms exceeded'
      : responseStatus === 0
        ? 'connect ECONNREFUSED 10.0.0.12:443'
        : `Webhook endpoint responded with ${responseStatus} ${REASON_PHRASES[responseStatus] ?? ''}`.trimEnd();
  const execution: HandingerExecution = {
    id: `whe_${ulid(atMs, random)}`,
    createdAt: iso(atMs),
    durationMs: responseStatus === null ? 30_000 : responseStatus === 0 ? 0 : random.int(40, 400),
    errorMessage: failed ? defaultError : null,
    requestStatus: failed ? 'error' : 'success',
    responseStatus,
    taskId: task?.id ?? fields.taskId ?? null,
    taskTitle: task?.title ?? null,
    url: dataset.webhooks.get(workerId)?.url ?? 'https://api.acme-shop.dev/webhooks/handinger',
    workerId,
    ...fields,
  };
  insertNewestFirst(list, execution, (item) => item.id);
  return execution;
}

export type CadenyaDeliveryFields = Partial<CadenyaDeliveryData> & { metadata?: Partial<CadenyaDeliveryMetadata> };

/**
 * Records a new webhook delivery for an agent. Unless overridden it is a COMPLETED 200 for
 * a TOOL_CALLED event of a new running objective; the event (and objective) are added to
 * the dataset too, so the delivery's references resolve. With an existing `objectiveId`
 * the event is appended to that objective instead. As for executions, `fields` are copied
 * verbatim and `metadata.createdAt`, when a valid date, sets the id and position.
 */
export function addCadenyaDelivery(
  dataset: SampleDataset,
  random: Random,
  clockMs: number,
  workspaceId: string,
  agentId: string,
  fields: CadenyaDeliveryFields = {},
): CadenyaDelivery {
  const agent = dataset.agents.find((candidate) => candidate.metadata.id === agentId && candidate.metadata.workspaceId === workspaceId);
  const list = dataset.deliveries.get(agentId);
  if (!agent || !list) {
    throw new UnknownResourceError(`Unknown Cadenya agent ${agentId} in workspace ${workspaceId}`);
  }
  const { metadata: metadataFields, ...dataFields } = fields;
  const atMs = liveTime(metadataFields?.createdAt, clockMs, list[0]?.metadata.createdAt);
  const eventType = dataFields.eventType ?? 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED';
  let objectiveId = dataFields.objectiveId;
  let objectiveEventId = dataFields.objectiveEventId;
  if (objectiveEventId === undefined) {
    let objective = objectiveId === undefined ? undefined : dataset.objectives.get(objectiveId);
    if (!objective && objectiveId === undefined) {
      objective = newObjective(agentId, workspaceId, pickObjectiveMessage(random), atMs - 2_000, random);
      dataset.objectives.set(objective.metadata.id, objective);
    }
    if (objective) {
      const event = makeObjectiveEvent(objective, String(eventType).replace(/^OBJECTIVE_EVENT_TYPE_/, ''), atMs - 50, random);
      appendObjectiveEvent(dataset, objective, event);
      objectiveId = objective.metadata.id;
      objectiveEventId = event.metadata.id;
    }
  }
  const delivery: CadenyaDelivery = {
    data: {
      agentId,
      objectiveId: objectiveId ?? '',
      objectiveEventId: objectiveEventId ?? `evt_${ulid(atMs - 50, random)}`,
      webhookId: webhookIdFor(agentId),
      webhookUrl: agent.spec.webhookEventsUrl ?? 'https://example.invalid/unset',
      eventType,
      ...withZeros({ ...defaultOutcome(dataFields.status, random, atMs), ...dataFields }),
    },
    metadata: { ...operationMetadata(`whd_${ulid(atMs, random)}`, atMs, workspaceId), ...metadataFields },
  };
  insertNewestFirst(list, delivery, (item) => item.metadata.id);
  return delivery;
}

function defaultOutcome(status: CadenyaDeliveryData['status'] | undefined, random: Random, atMs: number): Omit<CadenyaDeliveryData, 'agentId' | 'objectiveId' | 'objectiveEventId' | 'webhookId' | 'webhookUrl' | 'eventType'> {
  switch (status) {
    case undefined:
    case 'WEBHOOK_DELIVERY_STATUS_COMPLETED':
      return liveDeliveryOutcome(random, atMs);
    case 'WEBHOOK_DELIVERY_STATUS_FAILED': {
      const latencyMs = random.int(40, 400);
      return {
        status,
        attemptCount: 1,
        lastAttemptAt: iso(atMs + latencyMs),
        httpStatusCode: 500,
        latencyMs,
        responseContentLength: '21',
        errorMessage: 'unexpected status code 500 from webhook endpoint',
      };
    }
    default:
      return { status, attemptCount: 0 };
  }
}

function pickObjectiveMessage(random: Random): string {
  return `Triage ticket #${random.int(10_000, 99_999)}: live demo objective`;
}
