// Cadenya JSON → validated wire shapes → the common model; deliveries, read by the
// thousand, go to the model in one step. Reading fails as 'malformed' only where a page
// cannot work (not an object, `items` not a list, an item without an id); unknown enum
// values are kept as they came and shown, never rejected.

import type { Container } from '../../model/container';
import type { Delivery, Outcome } from '../../model/delivery';
import { eventTypeOf, timeOf } from '../../model/delivery';
import { malformed } from '../failures';
import { responseFigures } from '../noResponse';
import type { JsonRecord } from '../validate';
import { isRecord, optCount, optNumber, optRecord, optString, optStringMap, optText } from '../validate';
import type { RelatedRecord } from '../types';
import type { WireAgent, WireList, WireMetadata, WireObjective, WireWorkspace } from './types';

// ---------------------------------------------------------------- reading

/** `{ items?: [...], pagination?: { nextCursor?, total? } }`; `items` may be absent (an empty list). */
export function readList<T>(body: unknown, readItem: (item: unknown) => T, what: string): WireList<T> {
  if (!isRecord(body)) {
    throw malformed('cadenya', `expected a JSON object listing ${what}`);
  }
  const items = body['items'] ?? [];
  if (!Array.isArray(items)) {
    throw malformed('cadenya', `"items" of ${what} is not a list`);
  }
  const pagination = optRecord(body, 'pagination') ?? {};
  return {
    items: items.map(readItem),
    nextCursor: optText(pagination, 'nextCursor'),
    total: optNumber(pagination, 'total'),
  };
}

function readMetadata(item: unknown, what: string): { record: JsonRecord; metadata: WireMetadata } {
  const record = isRecord(item) ? item : undefined;
  const metadata = record && optRecord(record, 'metadata');
  const id = metadata && optText(metadata, 'id');
  if (!record || !metadata || id === undefined) {
    throw malformed('cadenya', `${what} without metadata.id`);
  }
  return {
    record,
    metadata: {
      id,
      accountId: optString(metadata, 'accountId'),
      createdAt: optText(metadata, 'createdAt'),
      name: optText(metadata, 'name'),
      profileId: optString(metadata, 'profileId'),
      workspaceId: optText(metadata, 'workspaceId'),
      externalId: optText(metadata, 'externalId'),
      labels: optStringMap(metadata, 'labels'),
    },
  };
}

export function readWorkspace(item: unknown): WireWorkspace {
  const { record, metadata } = readMetadata(item, 'a workspace');
  const spec = optRecord(record, 'spec') ?? {};
  return { metadata, spec: { description: optText(spec, 'description') }, status: optText(record, 'status'), raw: item };
}

export function readAgent(item: unknown): WireAgent {
  const { record, metadata } = readMetadata(item, 'an agent');
  const spec = optRecord(record, 'spec') ?? {};
  return {
    metadata,
    spec: {
      description: optText(spec, 'description'),
      webhookEventsUrl: optText(spec, 'webhookEventsUrl'),
      status: optText(spec, 'status'),
    },
    state: optText(record, 'state'),
    raw: item,
  };
}

export function readObjective(body: unknown): WireObjective {
  const { record, metadata } = readMetadata(body, 'an objective');
  return {
    metadata,
    agentId: optText(record, 'agentId'),
    state: optText(record, 'state'),
    stateMessage: optText(record, 'stateMessage'),
    firstUserMessage: optText(record, 'firstUserMessage'),
    raw: body,
  };
}

// ---------------------------------------------------------------- mapping

/** `PREFIX_PUBLISHED` → 'published'; the zero value `…_UNSPECIFIED` means no status. */
export function enumStatus(value: string | undefined, prefixes: readonly string[]): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const prefix = prefixes.find((candidate) => value.startsWith(candidate));
  const rest = (prefix ? value.slice(prefix.length) : value).toLowerCase();
  return rest === '' || rest === 'unspecified' ? undefined : rest;
}

export function workspaceToContainer(workspace: WireWorkspace): Container {
  return {
    provider: 'cadenya',
    kind: 'workspace',
    id: workspace.metadata.id,
    name: workspace.metadata.name ?? workspace.metadata.id,
    description: workspace.spec.description,
    status: enumStatus(workspace.status, ['STATUS_']),
    raw: workspace.raw,
  };
}

/** Accepts both agent status shapes; the newer top-level `state` wins when both are present. */
export function agentToContainer(agent: WireAgent, workspaceId: string): Container {
  return {
    provider: 'cadenya',
    kind: 'agent',
    id: agent.metadata.id,
    workspaceId: agent.metadata.workspaceId ?? workspaceId,
    name: agent.metadata.name ?? agent.metadata.id,
    description: agent.spec.description,
    status: enumStatus(agent.state, ['STATE_']) ?? enumStatus(agent.spec.status, ['AGENT_STATUS_']),
    raw: agent.raw,
  };
}

const OUTCOMES: Readonly<Record<string, Outcome>> = {
  WEBHOOK_DELIVERY_STATUS_COMPLETED: 'succeeded',
  WEBHOOK_DELIVERY_STATUS_FAILED: 'failed',
  WEBHOOK_DELIVERY_STATUS_PENDING: 'pending',
  WEBHOOK_DELIVERY_STATUS_DISABLED: 'disabled',
};

/**
 * A webhook delivery, read and mapped in one pass: this runs for every delivery of every
 * page, so no wire object is built in between. Only an item without `metadata.id` fails.
 * `responseContentLength` is int64 sent as text, read as a number when it is one.
 */
export function readDelivery(item: unknown, agentId: string, workspaceId: string): Delivery {
  const record = isRecord(item) ? item : undefined;
  const metadata = record && optRecord(record, 'metadata');
  const id = metadata && optText(metadata, 'id');
  if (!record || !metadata || id === undefined) {
    throw malformed('cadenya', 'a webhook delivery without metadata.id');
  }
  const data = optRecord(record, 'data') ?? {};
  const status = optText(data, 'status');
  const lastAttemptAt = optText(data, 'lastAttemptAt');
  const createdAt = optText(metadata, 'createdAt') ?? lastAttemptAt ?? '';
  const objectiveId = optText(data, 'objectiveId');
  return {
    provider: 'cadenya',
    id,
    containerId: optText(data, 'agentId') ?? agentId,
    workspaceId: optText(metadata, 'workspaceId') ?? workspaceId,
    createdAt,
    time: timeOf(createdAt),
    outcome: (status !== undefined && Object.hasOwn(OUTCOMES, status) && OUTCOMES[status]) || 'unknown',
    rawStatus: status,
    ...responseFigures(optNumber(data, 'httpStatusCode'), optNumber(data, 'latencyMs')),
    attemptCount: optNumber(data, 'attemptCount'),
    lastAttemptAt,
    targetUrl: optText(data, 'webhookUrl'),
    webhookId: optText(data, 'webhookId'),
    eventType: eventTypeOf(optText(data, 'eventType')),
    errorMessage: optText(data, 'errorMessage'),
    responseHeaders: optStringMap(data, 'responseHeaders'),
    responseSize: optCount(data, 'responseContentLength'),
    related: objectiveId === undefined ? undefined : { kind: 'objective', id: objectiveId },
    labels: optStringMap(metadata, 'labels'),
    raw: item,
  };
}

export function objectiveToRelated(objective: WireObjective): RelatedRecord {
  return {
    kind: 'objective',
    id: objective.metadata.id,
    title: objective.firstUserMessage,
    status: enumStatus(objective.state, ['STATE_']),
    raw: objective.raw,
  };
}
