// The sample server's control API, for tests that run in another process (for example
// inside VS Code) and for demos. No authentication; loopback clients only.
//   POST   /__control/handinger/workers/{workerId}/executions          → 201 new execution
//   POST   /__control/cadenya/workspaces/{ws}/agents/{agentId}/deliveries → 201 new delivery
//   POST   /__control/faults      body: FaultRule                       → 201 queued rule
//   GET    /__control/faults                                            → queued rules
//   DELETE /__control/faults                                            → 204, queue cleared
//   GET    /__control/requests                                          → { requests: [...] }
//   DELETE /__control/requests                                          → 204, log cleared
//   GET    /__control/info        → { url, handingerKey, cadenyaKey, workerIds, workspaceIds, sampleIds }
// POST bodies must be sent as `content-type: application/json`: a web page cannot send
// that cross-origin without a CORS preflight, which this server never grants. Errors are
// `{ "error": "…" }`.

import type { IncomingMessage } from 'node:http';
import type { CadenyaDeliveryFields } from './data';
import { SAMPLE_IDS, UnknownResourceError } from './data';
import type { FaultQueue } from './faults';
import { parseFaultRule } from './faults';
import { BodyError, readJsonBody } from './http';
import type { ApiResponse, RequestLogEntry } from './http';
import type { CadenyaDelivery, HandingerExecution, SampleDataset } from './types';

export interface ControlContext {
  url: string;
  handingerKey: string;
  cadenyaKey: string;
  dataset: SampleDataset;
  faults: FaultQueue;
  requestLog: RequestLogEntry[];
  addHandingerExecution(workerId: string, fields: Partial<HandingerExecution>): HandingerExecution;
  addCadenyaDelivery(workspaceId: string, agentId: string, fields: CadenyaDeliveryFields): CadenyaDelivery;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function handleControl(req: IncomingMessage, segments: readonly string[], context: ControlContext): Promise<ApiResponse> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
    return failure(403, 'control endpoints accept loopback clients only');
  }
  const method = req.method ?? 'GET';
  if (method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return failure(415, 'send the body as content-type: application/json');
  }
  const [, area, ...rest] = segments;
  const route = `${method} ${[area, ...rest].map((segment, index) => (isIdPosition(area, index) ? ':id' : segment)).join('/')}`;
  try {
    switch (route) {
      case 'GET info':
        return {
          status: 200,
          body: {
            url: context.url,
            handingerKey: context.handingerKey,
            cadenyaKey: context.cadenyaKey,
            workerIds: context.dataset.workers.map((worker) => worker.id),
            workspaceIds: context.dataset.workspaces.map((workspace) => workspace.metadata.id),
            sampleIds: SAMPLE_IDS,
          },
        };
      case 'GET requests':
        return { status: 200, body: { requests: context.requestLog } };
      case 'DELETE requests':
        context.requestLog.length = 0;
        return { status: 204 };
      case 'GET faults':
        return { status: 200, body: { faults: context.faults.pending } };
      case 'DELETE faults':
        context.faults.clear();
        return { status: 204 };
      case 'POST faults': {
        const rule = parseFaultRule(await readJsonBody(req));
        if (typeof rule === 'string') {
          return failure(400, rule);
        }
        context.faults.add(rule);
        return { status: 201, body: rule };
      }
      case 'POST handinger/workers/:id/executions': {
        const fields = await readJsonBody(req);
        const problem = checkFields(fields, EXECUTION_FIELDS);
        if (problem) {
          return failure(400, problem);
        }
        return { status: 201, body: context.addHandingerExecution(rest[1] ?? '', fields as Partial<HandingerExecution>) };
      }
      case 'POST cadenya/workspaces/:id/agents/:id/deliveries': {
        const fields = await readJsonBody(req);
        const problem = checkFields(fields, DELIVERY_FIELDS);
        if (problem) {
          return failure(400, problem);
        }
        return { status: 201, body: context.addCadenyaDelivery(rest[1] ?? '', rest[3] ?? '', fields as CadenyaDeliveryFields) };
      }
      default:
        return failure(404, `no control route for ${method} /${segments.join('/')}`);
    }
  } catch (error) {
    if (error instanceof BodyError) {
      return failure(error.status, error.message);
    }
    if (error instanceof UnknownResourceError) {
      return failure(404, error.message);
    }
    throw error;
  }
}

/** Which segments after the area are ids (replaced by `:id` when matching routes). */
function isIdPosition(area: string | undefined, index: number): boolean {
  // index counts from the area itself: handinger/workers/:id/…, cadenya/workspaces/:id/agents/:id/…
  return (area === 'handinger' && index === 2) || (area === 'cadenya' && (index === 2 || index === 4));
}

function failure(status: number, message: string): ApiResponse {
  return { status, body: { error: message } };
}

// ---------------------------------------------------------------- body validation

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isDate: Check = (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isStringMap: Check = (value) => isObject(value) && Object.values(value).every(isString);
const orNull =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface FieldChecks {
  [field: string]: Check | FieldChecks;
}

const EXECUTION_FIELDS: FieldChecks = {
  id: isString,
  createdAt: isDate,
  durationMs: isNumber,
  errorMessage: orNull(isString),
  requestStatus: oneOf('success', 'error'),
  responseStatus: orNull(isNumber),
  taskId: orNull(isString),
  taskTitle: orNull(isString),
  url: isString,
};

const DELIVERY_FIELDS: FieldChecks = {
  objectiveId: isString,
  objectiveEventId: isString,
  webhookId: isString,
  webhookUrl: isString,
  status: (value) => typeof value === 'string' && value.startsWith('WEBHOOK_DELIVERY_STATUS_'),
  attemptCount: isNumber,
  lastAttemptAt: isDate,
  httpStatusCode: isNumber,
  latencyMs: isNumber,
  eventType: isString,
  responseContentLength: isString,
  errorMessage: isString,
  responseHeaders: isStringMap,
  metadata: {
    id: isString,
    accountId: isString,
    createdAt: isDate,
    profileId: isString,
    externalId: isString,
    labels: isStringMap,
  },
};

/** Undefined when `value` is an object whose fields all pass their checks; else the problem. */
function checkFields(value: unknown, checks: FieldChecks, where = 'body'): string | undefined {
  if (!isObject(value)) {
    return `${where} must be a JSON object`;
  }
  for (const [field, fieldValue] of Object.entries(value)) {
    const check = checks[field];
    if (check === undefined) {
      return `${where}.${field} is not a field that can be set`;
    }
    const problem = typeof check === 'function' ? (check(fieldValue) ? undefined : `${where}.${field} has the wrong type`) : checkFields(fieldValue, check, `${where}.${field}`);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}
