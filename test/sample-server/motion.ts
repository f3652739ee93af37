// Time in the sample server: deliveries that change after they were listed, as real ones do.
//
// - Changes now: `updateHandingerExecution` / `updateCadenyaDelivery` set fields of a
//   delivery in place (same id, same position), the way a pending delivery becomes failed.
// - Changes later: a script of steps `{ afterMs, set }`, each applied `afterMs` after the
//   delivery was added, by the server's clock (real time). Steps are applied lazily, before
//   any API or control request is answered (and by `applyDueChanges()`), so a test that
//   waits past a step and then reads sees it, and nothing runs in between.
// - Bursts: many deliveries at once, newest on top, mixed outcomes from a seeded stream.
//
// Cadenya's default script (`settleAfterMs`): a PENDING delivery with attemptCount 0 is tried
// at 1/3 and 2/3 of the time (502, still PENDING, attempts 1 and 2, lastAttemptAt moving) and
// settles at settleAfterMs: FAILED, HTTP 502 after three attempts, or with
// `settleOutcome: 'success'` COMPLETED 200 on the third attempt.
// Handinger has no pending state (each execution is one attempt, success or error), so its
// default script adds the retries as new executions of the same task: a 502 at half the
// time, the final attempt (502, or 200 with `settleOutcome: 'success'`) at settleAfterMs.

import { UnknownResourceError } from './data';
import type { CadenyaDeliveryFields } from './data';
import { iso } from './random';
import type { Random } from './random';
import type { CadenyaDelivery, CadenyaDeliveryData, HandingerExecution, SampleDataset } from './types';

export type SettleOutcome = 'success' | 'failure';

export interface ScriptStep<F> {
  /** Milliseconds after the delivery was added. */
  afterMs: number;
  set: F;
}

export type CadenyaDataFields = Partial<Omit<CadenyaDeliveryData, 'agentId'>>;
export type HandingerExecutionFields = Partial<Omit<HandingerExecution, 'id' | 'workerId'>>;

/** What the add operations accept besides the delivery's own fields. */
export interface MotionOptions<F> {
  /** Explicit steps, applied in `afterMs` order. */
  script?: ReadonlyArray<ScriptStep<F>>;
  /** The default script ending at this many ms (see the header comment). */
  settleAfterMs?: number;
  /** Final outcome of the default script; default 'failure' (HTTP 502 after three attempts). */
  settleOutcome?: SettleOutcome;
}

interface Scheduled {
  atMs: number;
  order: number;
  run: () => void;
}

/** Changes waiting for their time, applied in time order (then in the order scheduled). */
export class Timeline {
  private readonly pending: Scheduled[] = [];
  private counter = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  now(): number {
    return this.clock();
  }

  at(atMs: number, run: () => void): void {
    this.pending.push({ atMs, order: this.counter++, run });
    this.pending.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  }

  /** Applies every change whose time has come; returns how many. */
  applyDue(nowMs = this.clock()): number {
    let applied = 0;
    while (this.pending.length > 0 && (this.pending[0]?.atMs ?? Infinity) <= nowMs) {
      this.pending.shift()?.run();
      applied++;
    }
    return applied;
  }

  get size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending.length = 0;
  }
}

// ---------------------------------------------------------------- changes now

export function findExecution(dataset: SampleDataset, workerId: string, id: string): HandingerExecution {
  const execution = dataset.executions.get(workerId)?.find((candidate) => candidate.id === id);
  if (!execution) {
    throw new UnknownResourceError(`Unknown Handinger execution ${id} of worker ${workerId}`);
  }
  return execution;
}

export function findDelivery(dataset: SampleDataset, workspaceId: string, agentId: string, id: string): CadenyaDelivery {
  const delivery = dataset.deliveries.get(agentId)?.find((candidate) => candidate.metadata.id === id && candidate.metadata.workspaceId === workspaceId);
  if (!delivery) {
    throw new UnknownResourceError(`Unknown Cadenya delivery ${id} of agent ${agentId} in workspace ${workspaceId}`);
  }
  return delivery;
}

/** Sets fields of an execution in place; `null` removes nothing (Handinger's nullable fields take it as a value). */
export function updateExecution(execution: HandingerExecution, fields: HandingerExecutionFields): HandingerExecution {
  Object.assign(execution, fields);
  return execution;
}

/**
 * Sets fields of a delivery in place. When the attempt count grows and no `lastAttemptAt`
 * is given, the last attempt moves to now, as it does on the real service.
 */
export function updateDelivery(delivery: CadenyaDelivery, fields: CadenyaDataFields, nowMs: number): CadenyaDelivery {
  const attemptsGrew = typeof fields.attemptCount === 'number' && fields.attemptCount > delivery.data.attemptCount;
  Object.assign(delivery.data, fields);
  if (attemptsGrew && fields.lastAttemptAt === undefined) {
    delivery.data.lastAttemptAt = iso(nowMs);
  }
  return delivery;
}

// ---------------------------------------------------------------- default scripts

const BAD_GATEWAY = 'unexpected status code 502 from webhook endpoint';

export function cadenyaSettleScript(settleAfterMs: number, outcome: SettleOutcome, random: Random): Array<ScriptStep<CadenyaDataFields>> {
  const latency = (): number => random.int(40, 400);
  const retrying = (attempt: number): CadenyaDataFields => ({
    status: 'WEBHOOK_DELIVERY_STATUS_PENDING',
    attemptCount: attempt,
    httpStatusCode: 502,
    latencyMs: latency(),
    responseContentLength: '166',
    errorMessage: `${BAD_GATEWAY} (attempt ${attempt} of 3, retrying)`,
  });
  const final: CadenyaDataFields =
    outcome === 'success'
      ? { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', attemptCount: 3, httpStatusCode: 200, latencyMs: latency(), responseContentLength: '16', errorMessage: undefined }
      : { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', attemptCount: 3, httpStatusCode: 502, latencyMs: latency(), responseContentLength: '166', errorMessage: BAD_GATEWAY };
  return [
    { afterMs: Math.round(settleAfterMs / 3), set: retrying(1) },
    { afterMs: Math.round((2 * settleAfterMs) / 3), set: retrying(2) },
    { afterMs: settleAfterMs, set: final },
  ];
}

/** Retries of a Handinger task arrive as new executions; these are their fields. */
export function handingerSettleScript(settleAfterMs: number, outcome: SettleOutcome): Array<ScriptStep<HandingerExecutionFields>> {
  const badGateway: HandingerExecutionFields = {
    requestStatus: 'error',
    responseStatus: 502,
    errorMessage: 'Webhook endpoint responded with 502 Bad Gateway',
  };
  return [
    { afterMs: Math.round(settleAfterMs / 2), set: badGateway },
    {
      afterMs: settleAfterMs,
      set: outcome === 'success' ? { requestStatus: 'success', responseStatus: 200, errorMessage: null } : badGateway,
    },
  ];
}

// ---------------------------------------------------------------- bursts

export interface BurstOptions {
  /** How many deliveries, 1..2000. */
  count: number;
  /** When given, pending (Cadenya) and failed-with-502 (Handinger) deliveries of the burst settle after this long. */
  settleAfterMs?: number;
}

export const MAX_BURST = 2000;
/** Spacing of a burst's creation times: distinct ids, newest on top. */
const BURST_SPACING_MS = 20;

/** Creation times of a burst, oldest first: after the newest existing one, ending about now. */
export function burstTimes(count: number, nowMs: number, newestCreatedAt: string | undefined): number[] {
  const newestMs = newestCreatedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(newestCreatedAt);
  const start = Math.max(nowMs - (count - 1) * BURST_SPACING_MS, Number.isFinite(newestMs) ? newestMs + 1 : nowMs);
  return Array.from({ length: count }, (_, index) => start + index * BURST_SPACING_MS);
}

type HandingerBurstKind = 'success' | 'client' | 'badGateway' | 'server' | 'noResponse';
const HANDINGER_BURST: ReadonlyArray<readonly [HandingerBurstKind, number]> = [
  ['success', 80],
  ['client', 5],
  ['badGateway', 5],
  ['server', 4],
  ['noResponse', 6],
];

/** Fields of one execution of a burst (mixed outcomes: ~80% 200, the rest 4xx, 5xx or no response). */
export function handingerBurstFields(random: Random, createdAt: string): { fields: Partial<HandingerExecution>; retrying: boolean } {
  const kind = random.weighted(HANDINGER_BURST);
  switch (kind) {
    case 'success':
      return { fields: { createdAt, responseStatus: random.pick([200, 200, 200, 202, 204]) }, retrying: false };
    case 'client':
      return { fields: { createdAt, responseStatus: random.pick([400, 404, 422]) }, retrying: false };
    case 'badGateway':
      return { fields: { createdAt, responseStatus: 502 }, retrying: true };
    case 'server':
      return { fields: { createdAt, responseStatus: random.pick([500, 503]) }, retrying: false };
    case 'noResponse':
      return { fields: { createdAt, responseStatus: 0 }, retrying: false };
  }
}

type CadenyaBurstKind = 'completed' | 'failed' | 'noResponse' | 'pending';
const CADENYA_BURST: ReadonlyArray<readonly [CadenyaBurstKind, number]> = [
  ['completed', 75],
  ['failed', 10],
  ['noResponse', 5],
  ['pending', 10],
];

/** Fields of one delivery of a burst (~75% COMPLETED, ~15% FAILED, some without a response, ~10% PENDING). */
export function cadenyaBurstFields(random: Random, createdAt: string): { fields: CadenyaDeliveryFields; pending: boolean } {
  const kind = random.weighted(CADENYA_BURST);
  const metadata = { createdAt };
  switch (kind) {
    case 'completed':
      return { fields: { metadata }, pending: false };
    case 'failed': {
      const status = random.pick([500, 502, 503, 404]);
      return {
        fields: {
          metadata,
          status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
          attemptCount: status === 404 ? 1 : 3,
          httpStatusCode: status,
          errorMessage: `unexpected status code ${status} from webhook endpoint`,
        },
        pending: false,
      };
    }
    case 'noResponse':
      return {
        fields: {
          metadata,
          status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
          attemptCount: 3,
          httpStatusCode: 0,
          latencyMs: 0,
          errorMessage: 'Post "https://hooks.acme-support.dev/cadenya": dial tcp 10.0.0.12:443: connect: connection refused',
        },
        pending: false,
      };
    case 'pending':
      return { fields: { metadata, status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 0 }, pending: true };
  }
}

export type { CadenyaDeliveryFields };
