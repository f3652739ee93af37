// Handinger JSON → the common model. The SDK hands back whatever the server sent (a string
// for a non-JSON content type), so every shape is checked here; a page without its list or
// counts, or an execution without an id, is 'malformed'.

import type { Container } from '../../model/container';
import type { Delivery, Outcome } from '../../model/delivery';
import { timeOf } from '../../model/delivery';
import { malformed } from '../failures';
import { responseFigures } from '../noResponse';
import type { RelatedRecord } from '../types';
import type { JsonRecord } from '../validate';
import { isRecord, optNumber, optRecord, optText } from '../validate';

export interface ExecutionList {
  readonly logs: readonly JsonRecord[];
  readonly page: number;
  readonly pageCount: number;
  readonly totalCount: number;
}

function expectObject(body: unknown, what: string): JsonRecord {
  if (!isRecord(body)) {
    throw malformed('handinger', typeof body === 'string' ? `expected JSON for ${what}, got text` : `expected a JSON object for ${what}`);
  }
  return body;
}

export function readExecutionList(body: unknown): ExecutionList {
  const record = expectObject(body, 'webhook executions');
  const logs = record['logs'];
  const page = optNumber(record, 'page');
  const pageCount = optNumber(record, 'pageCount');
  const totalCount = optNumber(record, 'totalCount');
  if (!Array.isArray(logs) || page === undefined || pageCount === undefined || totalCount === undefined) {
    throw malformed('handinger', 'webhook executions without logs, page, pageCount and totalCount');
  }
  const valid = logs.every((log) => isRecord(log) && optText(log, 'id') !== undefined);
  if (!valid) {
    throw malformed('handinger', 'a webhook execution without an id');
  }
  return { logs: logs as JsonRecord[], page, pageCount, totalCount };
}

const OUTCOMES: Readonly<Record<string, Outcome>> = { success: 'succeeded', error: 'failed' };

/** One execution; `id` was checked by readExecutionList. */
export function executionToDelivery(log: JsonRecord, workerId: string): Delivery {
  const createdAt = optText(log, 'createdAt') ?? '';
  const status = optText(log, 'requestStatus');
  const taskId = optText(log, 'taskId');
  return {
    provider: 'handinger',
    id: optText(log, 'id') ?? '',
    containerId: optText(log, 'workerId') ?? workerId,
    createdAt,
    time: timeOf(createdAt),
    outcome: (status !== undefined && Object.hasOwn(OUTCOMES, status) && OUTCOMES[status]) || 'unknown',
    rawStatus: status,
    ...responseFigures(optNumber(log, 'responseStatus'), optNumber(log, 'durationMs')),
    targetUrl: optText(log, 'url'),
    errorMessage: optText(log, 'errorMessage'),
    related: taskId === undefined ? undefined : { kind: 'task', id: taskId, title: optText(log, 'taskTitle') },
    raw: log,
  };
}

/** `GET /api/workers/{id}`: no title field exists, so the id is the name. */
export function workerToContainer(body: unknown): Container {
  const worker = expectObject(body, 'a worker');
  const id = optText(worker, 'id');
  if (id === undefined) {
    throw malformed('handinger', 'a worker without an id');
  }
  return {
    provider: 'handinger',
    kind: 'worker',
    id,
    name: id,
    status: optText(worker, 'status')?.toLowerCase(),
    dashboardUrl: optText(worker, 'url'),
    raw: body,
  };
}

/** `GET /api/tasks/{id}` → `{ task: {...} }`. */
export function taskToRelated(body: unknown, requestedId: string): RelatedRecord {
  const task = optRecord(expectObject(body, 'a task'), 'task');
  if (task === undefined) {
    throw malformed('handinger', 'a task response without "task"');
  }
  return {
    kind: 'task',
    id: optText(task, 'id') ?? requestedId,
    title: optText(task, 'title'),
    status: optText(task, 'status')?.toLowerCase(),
    url: optText(task, 'url'),
    raw: body,
  };
}
