// The sample server's control API, for tests that run in another process (for example
// inside VS Code) and for demos. No authentication; loopback clients only.
//   POST   /__control/handinger/workers/{workerId}/executions          → 201 new execution
//   POST   /__control/cadenya/workspaces/{ws}/agents/{agentId}/deliveries → 201 new delivery
//          Both POST bodies may add, besides the delivery's fields, `settleAfterMs` (number),
//          `settleOutcome` ('success' | 'failure') and `script` ([{ afterMs, set: {fields} }]):
//          the delivery then changes later, by real time (motion.ts).
//   PATCH  /__control/handinger/workers/{workerId}/executions/{id}     → 200 the execution, fields set now
//   PATCH  /__control/cadenya/workspaces/{ws}/agents/{agentId}/deliveries/{id} → 200 the delivery, data fields set now
//   POST   /__control/handinger/workers/{workerId}/bursts              body { count, settleAfterMs? }
//   POST   /__control/cadenya/workspaces/{ws}/agents/{agentId}/bursts  body { count, settleAfterMs? }
//          → 201 { count, ids (newest first), failed, pending, noResponse }
//   POST   /__control/faults      body: FaultRule                       → 201 queued rule
//   GET    /__control/faults                                            → queued rules
//   DELETE /__control/faults                                            → 204, queue cleared
//   GET    /__control/requests                                          → { requests: [...] }
//   DELETE /__control/requests                                          → 204, log cleared
//   GET    /__control/latency                                           → { ms }: added to every API request
//   PUT    /__control/latency     body { ms }                           → 200 { ms }, from the next request on
//   GET    /__control/info        → { url, handingerKey, cadenyaKey, workerIds, workspaceIds, sampleIds }
// POST and PATCH bodies must be sent as `content-type: application/json`: a web page cannot send
// that cross-origin without a CORS preflight, which this server never grants. Errors are
// `{ "error": "…" }`.

import type { IncomingMessage } from 'node:http';
import type { CadenyaDeliveryFields } from './data';
import { SAMPLE_IDS, UnknownResourceError } from './data';
import type { FaultQueue } from './faults';
import { parseFaultRule } from './faults';
import { BodyError, readJsonBody } from './http';
import type { ApiResponse, RequestLogEntry } from './http';
import type { BurstOptions, CadenyaDataFields, HandingerExecutionFields, MotionOptions } from './motion';
import type { CadenyaDelivery, HandingerExecution, SampleDataset } from './types';

export interface ControlContext {
  url: string;
  handingerKey: string;
  cadenyaKey: string;
  dataset: SampleDataset;
  faults: FaultQueue;
  requestLog: RequestLogEntry[];
  addHandingerExecution(workerId: string, fields: Partial<HandingerExecution>, motion?: MotionOptions<HandingerExecutionFields>): HandingerExecution;
  addCadenyaDelivery(workspaceId: string, agentId: string, fields: CadenyaDeliveryFields, motion?: MotionOptions<CadenyaDataFields>): CadenyaDelivery;
  updateHandingerExecution(workerId: string, executionId: string, fields: HandingerExecutionFields): HandingerExecution;
  updateCadenyaDelivery(workspaceId: string, agentId: string, deliveryId: string, fields: CadenyaDataFields): CadenyaDelivery;
  addHandingerBurst(workerId: string, options: BurstOptions): HandingerExecution[];
  addCadenyaBurst(workspaceId: string, agentId: string, options: BurstOptions): CadenyaDelivery[];
  readonly latency: { get(): number; set(ms: number): void };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function handleControl(req: IncomingMessage, segments: readonly string[], context: ControlContext): Promise<ApiResponse> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
    return failure(403, 'control endpoints accept loopback clients only');
  }
  const method = req.method ?? 'GET';
  if ((method === 'POST' || method === 'PATCH' || method === 'PUT') && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
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
      case 'GET latency':
        return { status: 200, body: { ms: context.latency.get() } };
      case 'PUT latency': {
        const body = await readJsonBody(req);
        const ms = isObject(body) ? body['ms'] : undefined;
        if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 60_000) {
          return failure(400, 'body.ms must be an integer between 0 and 60000');
        }
        context.latency.set(ms);
        return { status: 200, body: { ms } };
      }
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
        const parsed = splitMotion(await readJsonBody(req), EXECUTION_FIELDS);
        if (typeof parsed === 'string') {
          return failure(400, parsed);
        }
        const motion = parsed.motion as MotionOptions<HandingerExecutionFields>;
        return { status: 201, body: context.addHandingerExecution(rest[1] ?? '', parsed.fields, motion) };
      }
      case 'POST cadenya/workspaces/:id/agents/:id/deliveries': {
        const parsed = splitMotion(await readJsonBody(req), DELIVERY_FIELDS);
        if (typeof parsed === 'string') {
          return failure(400, parsed);
        }
        const motion = parsed.motion as MotionOptions<CadenyaDataFields>;
        return { status: 201, body: context.addCadenyaDelivery(rest[1] ?? '', rest[3] ?? '', parsed.fields, motion) };
      }
      case 'PATCH handinger/workers/:id/executions/:id': {
        const fields = await readJsonBody(req);
        const problem = checkFields(fields, EXECUTION_UPDATE_FIELDS);
        if (problem) {
          return failure(400, problem);
        }
        return { status: 200, body: context.updateHandingerExecution(rest[1] ?? '', rest[3] ?? '', fields as HandingerExecutionFields) };
      }
      case 'PATCH cadenya/workspaces/:id/agents/:id/deliveries/:id': {
        const fields = await readJsonBody(req);
        const problem = checkFields(fields, DELIVERY_UPDATE_FIELDS);
        if (problem) {
          return failure(400, problem);
        }
        return { status: 200, body: context.updateCadenyaDelivery(rest[1] ?? '', rest[3] ?? '', rest[5] ?? '', fields as CadenyaDataFields) };
      }
      case 'POST handinger/workers/:id/bursts':
      case 'POST cadenya/workspaces/:id/agents/:id/bursts': {
        const options = await readJsonBody(req);
        const problem = checkFields(options, BURST_FIELDS);
        if (problem || !isObject(options) || !isNumber(options['count'])) {
          return failure(400, problem ?? 'body.count is required');
        }
        const burst = options as unknown as BurstOptions;
        if (!Number.isInteger(burst.count) || burst.count < 1 || burst.count > 2000) {
          return failure(400, 'body.count must be an integer between 1 and 2000');
        }
        if (area === 'handinger') {
          const added = context.addHandingerBurst(rest[1] ?? '', burst);
          return { status: 201, body: burstSummary(added.map((execution) => ({ id: execution.id, failed: execution.requestStatus === 'error', pending: false, noResponse: execution.responseStatus === 0 }))) };
        }
        const added = context.addCadenyaBurst(rest[1] ?? '', rest[3] ?? '', burst);
        return {
          status: 201,
          body: burstSummary(
            added.map((delivery) => ({
              id: delivery.metadata.id,
              failed: delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_FAILED',
              pending: delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_PENDING',
              noResponse: delivery.data.httpStatusCode === 0 && delivery.data.status === 'WEBHOOK_DELIVERY_STATUS_FAILED',
            })),
          ),
        };
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
  // index counts from the area itself: handinger/workers/:id/executions/:id,
  // cadenya/workspaces/:id/agents/:id/deliveries/:id
  return (area === 'handinger' && (index === 2 || index === 4)) || (area === 'cadenya' && (index === 2 || index === 4 || index === 6));
}

function burstSummary(added: ReadonlyArray<{ id: string; failed: boolean; pending: boolean; noResponse: boolean }>): unknown {
  return {
    count: added.length,
    ids: added.map((item) => item.id),
    failed: added.filter((item) => item.failed).length,
    pending: added.filter((item) => item.pending).length,
    noResponse: added.filter((item) => item.noResponse).length,
  };
}

const MOTION_KEYS = ['settleAfterMs', 'settleOutcome', 'script'] as const;

/** Splits a POST body into the delivery's fields and its motion options, checking both. */
function splitMotion(body: unknown, checks: FieldChecks): { fields: Record<string, unknown>; motion: Record<string, unknown> } | string {
  if (!isObject(body)) {
    return 'body must be a JSON object';
  }
  const fields: Record<string, unknown> = {};
  const motion: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    ((MOTION_KEYS as readonly string[]).includes(key) ? motion : fields)[key] = value;
  }
  const problem = checkFields(fields, checks);
  if (problem) {
    return problem;
  }
  if (motion['settleAfterMs'] !== undefined && !(isNumber(motion['settleAfterMs']) && (motion['settleAfterMs'] as number) >= 0)) {
    return 'body.settleAfterMs must be a non-negative number';
  }
  if (motion['settleOutcome'] !== undefined && !oneOf('success', 'failure')(motion['settleOutcome'])) {
    return 'body.settleOutcome must be "success" or "failure"';
  }
  const script = motion['script'];
  if (script !== undefined) {
    if (!Array.isArray(script)) {
      return 'body.script must be an array of { afterMs, set }';
    }
    const updates = checks === EXECUTION_FIELDS ? EXECUTION_UPDATE_FIELDS : DELIVERY_UPDATE_FIELDS;
    for (const [index, step] of script.entries()) {
      if (!isObject(step) || !isNumber(step['afterMs']) || (step['afterMs'] as number) < 0) {
        return `body.script[${index}] must be { afterMs: number >= 0, set: {…} }`;
      }
      const stepProblem = checkFields(step['set'], updates, `body.script[${index}].set`);
      if (stepProblem) {
        return stepProblem;
      }
    }
  }
  return { fields, motion };
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

/** What PATCH (and a script step) may set: the fields that change as a delivery settles. */
const EXECUTION_UPDATE_FIELDS: FieldChecks = Object.fromEntries(Object.entries(EXECUTION_FIELDS).filter(([field]) => field !== 'id'));
const DELIVERY_UPDATE_FIELDS: FieldChecks = Object.fromEntries(Object.entries(DELIVERY_FIELDS).filter(([field]) => field !== 'metadata'));
const BURST_FIELDS: FieldChecks = { count: isNumber, settleAfterMs: (value) => isNumber(value) && (value as number) >= 0 };

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
