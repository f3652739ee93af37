// Route handlers for the Handinger API subset the extension uses (see
// /work/shared/api/handinger.md):
//   GET /api/workers/{workerId}
//   GET /api/workers/{workerId}/webhook
//   GET /api/workers/{workerId}/webhook/executions?page=N   (50 per page, newest first)
//   GET /api/tasks/{taskId}
// Another user's worker (SAMPLE_IDS.othersWorker) can be read, but its webhook and
// executions answer 403 `{ "error": CREATOR_ONLY_MESSAGE }`, as the reference documents.
// Auth is `Authorization: Bearer <key>`; errors are `{ "error": "…" }`.
//
// Paging: `page` is 1-based (absent → 1; not an integer ≥ 1 → 400). A page past the end
// has empty `logs` and the real `pageCount`. `pageCount` is ceil(totalCount / 50), so a
// worker without executions reports `pageCount: 0` (and `page: 1`), which is what a server
// computing the count naively returns and what clients must tolerate.

import { faultKindOfKey, isFaultId } from './faults';
import { errorResponse } from './http';
import type { ApiRequest, ApiResponse } from './http';
import { CREATOR_ONLY_MESSAGE, CREATOR_ONLY_WORKERS, HANDINGER_IDS } from './handinger-data';
import type { HandingerExecution, HandingerWebhook, HandingerWorker, SampleDataset } from './types';

export const EXECUTIONS_PAGE_SIZE = 50;

export interface HandingerContext {
  dataset: SampleDataset;
  apiKey: string;
}

export function handleHandinger(request: ApiRequest, context: HandingerContext): ApiResponse {
  const denied = authenticate(request.token, context.apiKey);
  if (denied) {
    return denied;
  }
  const route = matchRoute(request.segments);
  if (!route) {
    return errorResponse('handinger', 404, 'Not found');
  }
  if (request.method !== 'GET') {
    return { ...errorResponse('handinger', 405, `Method ${request.method} not allowed`), headers: { allow: 'GET' } };
  }
  switch (route.name) {
    case 'worker':
    case 'webhook':
    case 'executions': {
      const worker = findWorker(context.dataset, route.id);
      if (!worker) {
        return errorResponse('handinger', 404, 'Worker not found');
      }
      if (route.name === 'worker') {
        return { status: 200, body: worker.worker };
      }
      if (CREATOR_ONLY_WORKERS.has(route.id)) {
        // Documented: only the worker's creator may read its webhook and execution history.
        return errorResponse('handinger', 403, CREATOR_ONLY_MESSAGE);
      }
      if (route.name === 'webhook') {
        return { status: 200, body: worker.webhook };
      }
      return listExecutions(worker.executions, request.query);
    }
    case 'task': {
      const task = context.dataset.tasks.get(route.id);
      if (!task) {
        return errorResponse('handinger', 404, 'Task not found');
      }
      return { status: 200, body: { task, turns: [] } };
    }
  }
}

function authenticate(token: string | undefined, apiKey: string): ApiResponse | undefined {
  if (token === undefined) {
    return errorResponse('handinger', 401, 'Missing API key. Send "Authorization: Bearer <key>".');
  }
  if (token !== apiKey && faultKindOfKey(token) === undefined) {
    return errorResponse('handinger', 401, 'Invalid API key');
  }
  return undefined;
}

type Route = { name: 'worker' | 'webhook' | 'executions' | 'task'; id: string };

function matchRoute(segments: readonly string[]): Route | undefined {
  const [api, collection, id, ...rest] = segments;
  if (api !== 'api' || id === undefined || id === '') {
    return undefined;
  }
  const tail = rest.join('/');
  if (collection === 'workers') {
    if (tail === '') {
      return { name: 'worker', id };
    }
    if (tail === 'webhook') {
      return { name: 'webhook', id };
    }
    if (tail === 'webhook/executions') {
      return { name: 'executions', id };
    }
  }
  if (collection === 'tasks' && tail === '') {
    return { name: 'task', id };
  }
  return undefined;
}

interface WorkerRecord {
  worker: HandingerWorker;
  webhook: HandingerWebhook;
  executions: readonly HandingerExecution[];
}

/**
 * A worker of the dataset, or, for a fault id such as `wrk_fault-slow`, a stand-in that
 * serves the small worker's data under that id (so a slow fault still ends in real data).
 */
function findWorker(dataset: SampleDataset, id: string): WorkerRecord | undefined {
  const worker = dataset.workers.find((candidate) => candidate.id === id);
  if (worker) {
    return { worker, webhook: dataset.webhooks.get(id) ?? { token: null, url: null }, executions: dataset.executions.get(id) ?? [] };
  }
  const template = isFaultId(id) ? findWorker(dataset, HANDINGER_IDS.smallWorker) : undefined;
  if (!template) {
    return undefined;
  }
  return {
    worker: { ...template.worker, id, url: `https://handinger.com/workers/${encodeURIComponent(id)}` },
    webhook: template.webhook,
    executions: template.executions.map((execution) => ({ ...execution, workerId: id })),
  };
}

function listExecutions(executions: readonly HandingerExecution[], query: URLSearchParams): ApiResponse {
  const text = query.get('page');
  const page = text === null ? 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(page) || page < 1) {
    return errorResponse('handinger', 400, 'Invalid "page": expected an integer >= 1');
  }
  const start = (page - 1) * EXECUTIONS_PAGE_SIZE;
  return {
    status: 200,
    body: {
      logs: executions.slice(start, start + EXECUTIONS_PAGE_SIZE),
      page,
      pageCount: Math.ceil(executions.length / EXECUTIONS_PAGE_SIZE),
      totalCount: executions.length,
    },
  };
}
