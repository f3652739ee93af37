// Generates the Handinger half of the sample dataset: workers, their webhook settings,
// the tasks that triggered deliveries, and the webhook execution history.
//
// The history is modelled rather than sampled field by field: tasks finish at times that
// follow a working-day rhythm, each finished task is delivered once, and failed attempts
// (5xx, network errors) are retried in quick bursts against the same URL. The busy worker
// also has a 40-minute outage during which most deliveries fail, so failures cluster as
// they do in real logs.

import {
  AUDIT_TASK_TITLES,
  HANDINGER_NETWORK_ERRORS,
  HANDINGER_RESPONSE_BODIES,
  HANDINGER_STACK_TRACE,
  HOSTILE_STRINGS,
  HOSTILE_TITLE,
  HOSTILE_URL,
  LEAD_TASK_TITLES,
  LEDGER_TASK_TITLES,
  ORDER_TASK_TITLES,
  REASON_PHRASES,
  fillTemplate,
} from './corpus';
import { DAY, HOUR, MINUTE, SECOND, iso, ulid, workingHoursTime } from './random';
import type { Random } from './random';
import { LazyMap, deferFill } from './lazy';
import type {
  HandingerExecution,
  HandingerTask,
  HandingerWebhook,
  HandingerWorker,
  HandingerWorkerStatus,
} from './types';

/** Fixed ids (independent of the seed) so tests and demos can name them. */
export const HANDINGER_IDS = {
  /** ~2,600 executions over 7 days (52+ pages). */
  busyWorker: 't_org_81KQVYYX_w_01K8AF9R17M8AGYHCBEAPDSQPS',
  /** ~180 executions. */
  smallWorker: 'wrk_vk81XUHKHG-qr4',
  /** 3 executions. */
  tinyWorker: 'wrk_43JB9QX7mT-p2',
  /** Webhook configured, no executions yet. */
  emptyWorker: 'wrk_Ye6Hd0aNqT-1cW',
  /** No webhook configured (token and url null), no executions. */
  noWebhookWorker: 't_org_81KQVYYX_w_01K8H3SYFYKB18K6XYF4BA7RDC',
  /** The only worker whose data contains markup, script URLs and control characters. */
  hostileWorker: 'wrk_hostile_inputs',
  /**
   * Made by another user of the organisation: the worker itself can be read, its webhook and
   * execution history answer 403 with CREATOR_ONLY_MESSAGE (only the creator may read them).
   */
  othersWorker: 'wrk_Qp5Lm2TzR8-k9',
  /**
   * ~12,000 executions over 30 days (240 pages), nights quieter, newest ~2 minutes old: for
   * time-range searches over numbered pages. Listed last among the workers.
   */
  archiveWorker: 'wrk_archive-30d',
} as const;

/** The 403 `error` for another user's worker history (the reference's own wording). */
export const CREATOR_ONLY_MESSAGE = 'Only the worker creator can read execution history.';
/** Workers whose webhook and executions only their creator may read (not the key's user). */
export const CREATOR_ONLY_WORKERS: ReadonlySet<string> = new Set([HANDINGER_IDS.othersWorker]);

export const HANDINGER_ORGANIZATION_ID = 'org_81KQVYYX';
const USER_ID = 'usr_2Hq7cXmRk1Zt';
const DASHBOARD = 'https://handinger.com';
/** Hosts that do not resolve: every delivery to them fails with ENOTFOUND. */
const DEAD_HOSTS = new Set(['hooks.example.dev']);
/** Delay before retry n (1-based) of a failed delivery. */
const RETRY_BACKOFF_MS = [5 * SECOND, 30 * SECOND, 2 * MINUTE];

interface WorkerPlan {
  id: string;
  status: HandingerWorkerStatus;
  executions: number;
  spanDays: number;
  /** How long before `now` the most recent delivery happened. */
  quietMs: number;
  webhookUrl: string | null;
  /** Endpoints seen over the history, weighted (old URLs, a test endpoint, …). */
  targets: ReadonlyArray<readonly [string, number]>;
  titles: readonly string[];
  outputText: string;
  /** Window of [start, end) offsets before `now` in which the endpoint was failing. */
  outage?: { startBeforeNowMs: number; durationMs: number };
}

const WORKER_PLANS: readonly WorkerPlan[] = [
  {
    id: HANDINGER_IDS.busyWorker,
    status: 'running',
    executions: 2_600,
    spanDays: 7,
    quietMs: 40 * SECOND,
    webhookUrl: 'https://api.acme-shop.dev/webhooks/handinger',
    targets: [
      ['https://api.acme-shop.dev/webhooks/handinger', 80],
      ['https://api.acme-shop.dev/v1/hooks/handinger?env=prod', 12],
      ['https://staging.acme-shop.dev/webhooks/handinger', 5],
      ['https://hooks.example.dev/handinger-test', 0.5],
    ],
    titles: ORDER_TASK_TITLES,
    outputText: 'Order #48213 synced to NetSuite (3 line items, total 149.90 EUR).',
    outage: { startBeforeNowMs: 2 * DAY + 3 * HOUR, durationMs: 40 * MINUTE },
  },
  {
    id: HANDINGER_IDS.smallWorker,
    status: 'completed',
    executions: 180,
    spanDays: 7,
    quietMs: 25 * MINUTE,
    webhookUrl: 'https://crm.northwind.io/api/handinger/webhook',
    targets: [
      ['https://crm.northwind.io/api/handinger/webhook', 95],
      ['https://hooks.zapier.com/hooks/catch/1234567/abcde9/', 5],
    ],
    titles: LEAD_TASK_TITLES,
    outputText: 'Globex: 1,200 employees, HQ Springfield. Decision maker: Hank Scorpio (CEO).',
  },
  {
    id: HANDINGER_IDS.tinyWorker,
    status: 'pending',
    executions: 3,
    spanDays: 2,
    quietMs: 3 * HOUR,
    webhookUrl: 'https://ops.acme-shop.dev/hooks/seo-audit',
    targets: [['https://ops.acme-shop.dev/hooks/seo-audit', 1]],
    titles: AUDIT_TASK_TITLES,
    outputText: '',
  },
  {
    id: HANDINGER_IDS.emptyWorker,
    status: 'completed',
    executions: 0,
    spanDays: 0,
    quietMs: 0,
    webhookUrl: 'https://api.acme-shop.dev/webhooks/handinger-empty',
    targets: [],
    titles: AUDIT_TASK_TITLES,
    outputText: 'No tasks have completed since the webhook was configured.',
  },
  {
    id: HANDINGER_IDS.noWebhookWorker,
    status: 'completed',
    executions: 0,
    spanDays: 0,
    quietMs: 0,
    webhookUrl: null,
    targets: [],
    titles: LEAD_TASK_TITLES,
    outputText: 'Weekly digest sent by email.',
  },
  {
    id: HANDINGER_IDS.othersWorker,
    status: 'running',
    executions: 12,
    spanDays: 1,
    quietMs: 10 * MINUTE,
    webhookUrl: 'https://billing.northwind.io/hooks/handinger',
    targets: [['https://billing.northwind.io/hooks/handinger', 1]],
    titles: LEAD_TASK_TITLES,
    outputText: 'Invoice batch reconciled.',
  },
];

/**
 * The 30-day archive worker. Same model as the others (retry bursts, the same outcome mix,
 * `responseStatus: 0` for no response), generated after the hostile worker from its own
 * random stream so that it neither moves nor reshuffles the other workers.
 */
const ARCHIVE_PLAN: WorkerPlan = {
  id: HANDINGER_IDS.archiveWorker,
  status: 'running',
  executions: 12_000,
  spanDays: 30,
  quietMs: 2 * MINUTE,
  webhookUrl: 'https://ledger.acme-shop.dev/webhooks/handinger',
  targets: [
    ['https://ledger.acme-shop.dev/webhooks/handinger', 90],
    ['https://ledger.acme-shop.dev/v0/hooks/handinger', 8],
    ['https://hooks.example.dev/handinger-ledger', 0.3],
  ],
  titles: LEDGER_TASK_TITLES,
  outputText: 'Posted 214 journal entries to the general ledger (period 2026-11).',
  outage: { startBeforeNowMs: 11 * DAY + 9 * HOUR, durationMs: 55 * MINUTE },
};

export interface HandingerData {
  workers: HandingerWorker[];
  webhooks: Map<string, HandingerWebhook>;
  executions: Map<string, HandingerExecution[]>;
  tasks: Map<string, HandingerTask>;
}

export function generateHandinger(random: Random, nowMs: number): HandingerData {
  const executions = new LazyMap<string, HandingerExecution[]>();
  const tasks = new LazyMap<string, HandingerTask>();
  const data: HandingerData = { workers: [], webhooks: new Map(), executions, tasks };
  for (const plan of WORKER_PLANS) {
    addWorker(data, plan, random, nowMs);
  }
  addHostileWorker(data, random.fork('handinger:hostile'), nowMs);
  // The archive's history (and its tasks) is made on first use of either map: most servers
  // never read it, and it would double the time every server start spends generating.
  const fill = addWorker(data, ARCHIVE_PLAN, random, nowMs, true);
  deferFill([executions, tasks], fill);
  return data;
}

/** Adds the worker and its webhook; returns the step that adds its history (run it now unless `defer`). */
function addWorker(data: HandingerData, plan: WorkerPlan, random: Random, nowMs: number, defer = false): () => void {
  const stream = random.fork(`handinger:${plan.id}`);
  data.workers.push(makeWorker(plan.id, plan.status, plan.outputText, stream, nowMs));
  data.webhooks.set(plan.id, plan.webhookUrl === null ? { token: null, url: null } : { token: webhookToken(stream), url: plan.webhookUrl });
  const fill = (): void => {
    data.executions.set(plan.id, generateHistory(plan, stream, nowMs, data.tasks));
  };
  if (!defer) {
    fill();
  }
  return fill;
}

function makeWorker(id: string, status: HandingerWorkerStatus, outputText: string, random: Random, nowMs: number): HandingerWorker {
  return {
    id,
    created_at: Math.floor((nowMs - random.int(10, 90) * DAY) / 1000),
    error: null,
    files: [],
    incomplete_details: null,
    messages: [],
    metadata: {},
    object: 'worker',
    output: outputText
      ? [{ id: `msg_${random.hex(24)}`, content: [{ text: outputText, type: 'output_text' }], role: 'assistant', status: 'completed', type: 'message' }]
      : [],
    output_text: outputText,
    running: status === 'running',
    sources: [],
    status,
    structured_output: null,
    url: `${DASHBOARD}/workers/${encodeURIComponent(id)}`,
    usage: { durationMs: random.int(4_000, 240_000) },
  };
}

function webhookToken(random: Random): string {
  return `hdg_wh_${random.hex(32)}`;
}

function generateHistory(plan: WorkerPlan, random: Random, nowMs: number, tasks: Map<string, HandingerTask>): HandingerExecution[] {
  const executions: HandingerExecution[] = [];
  const endMs = nowMs - plan.quietMs;
  const startMs = endMs - plan.spanDays * DAY;
  const outage = plan.outage && { start: nowMs - plan.outage.startBeforeNowMs, end: nowMs - plan.outage.startBeforeNowMs + plan.outage.durationMs };
  // The first task is pinned to the end of the window so that "quietMs" really is the age
  // of the newest delivery.
  let pinnedLatest = true;
  while (executions.length < plan.executions) {
    const finishedAt = pinnedLatest ? endMs - 5 * SECOND : workingHoursTime(random, startMs, endMs);
    pinnedLatest = false;
    const task = random.chance(0.02) ? null : newTask(plan.id, fillTemplate(random.pick(plan.titles), random), finishedAt, random);
    if (task) {
      tasks.set(task.id, task);
    }
    const url = random.weighted(plan.targets);
    let at = finishedAt + random.int(20, 900);
    for (let attempt = 1; ; attempt++) {
      const failing = outage !== undefined && at >= outage.start && at < outage.end;
      const outcome = drawOutcome(random, url, failing);
      executions.push({
        id: `whe_${ulid(at, random)}`,
        createdAt: iso(at),
        durationMs: outcome.durationMs,
        errorMessage: outcome.errorMessage,
        requestStatus: outcome.errorMessage === null ? 'success' : 'error',
        responseStatus: outcome.responseStatus,
        taskId: task?.id ?? null,
        taskTitle: task?.title ?? null,
        url,
        workerId: plan.id,
      });
      const backoff = RETRY_BACKOFF_MS[attempt - 1];
      if (!outcome.retryable || backoff === undefined || !random.chance(0.8)) {
        break;
      }
      at += outcome.durationMs + backoff * random.float(0.8, 1.2);
      if (at > nowMs - SECOND) {
        break;
      }
    }
  }
  executions.sort(byIdDescending);
  return executions.slice(0, plan.executions);
}

const NORMAL_OUTCOMES = [['success', 82], ['client', 10], ['server', 6], ['network', 2]] as const;
const OUTAGE_OUTCOMES = [['success', 20], ['server', 60], ['network', 20]] as const;
const SUCCESS_STATUSES = [[200, 70], [201, 8], [202, 15], [204, 7]] as const;
const CLIENT_ERROR_STATUSES = [[400, 25], [401, 10], [404, 25], [409, 15], [410, 5], [422, 20]] as const;
const SERVER_ERROR_STATUSES = [[500, 40], [502, 25], [503, 25], [504, 10]] as const;
const TRIGGERS = [['api', 60], ['schedule', 20], ['email', 10], ['ui', 10]] as const;
const TASK_STATUSES = [['completed', 90], ['error', 7], ['aborted', 3]] as const;

interface Outcome {
  responseStatus: number | null;
  errorMessage: string | null;
  durationMs: number;
  retryable: boolean;
}

/**
 * Per attempt: ~82% 2xx, ~10% 4xx, ~6% 5xx, ~2% network errors (retries and the dead test
 * host bring the share of `responseStatus: 0`, no response, to ~3%); mostly 5xx/network in
 * an outage. The API reference's example sends 0 for no response; the SDK's type also
 * allows null, which the hostile worker sends.
 */
function drawOutcome(random: Random, url: string, failing: boolean): Outcome {
  const host = url.split('/')[2] ?? '';
  if (DEAD_HOSTS.has(host)) {
    random.int(3, 60); // keeps the stream (and so the rest of the dataset) as it was
    return { responseStatus: 0, errorMessage: `getaddrinfo ENOTFOUND ${host}`, durationMs: 0, retryable: true };
  }
  const kind = random.weighted(failing ? OUTAGE_OUTCOMES : NORMAL_OUTCOMES);
  switch (kind) {
    case 'success': {
      const status = random.weighted(SUCCESS_STATUSES);
      return { responseStatus: status, errorMessage: null, durationMs: responseDuration(random), retryable: false };
    }
    case 'client': {
      const status = random.weighted(CLIENT_ERROR_STATUSES);
      const body = random.chance(0.4) ? `: ${random.pick(HANDINGER_RESPONSE_BODIES)}` : '';
      return { responseStatus: status, errorMessage: `${statusLine(status)}${body}`, durationMs: responseDuration(random), retryable: false };
    }
    case 'server': {
      const status = random.weighted(SERVER_ERROR_STATUSES);
      const message = status === 500 && random.chance(0.3) ? HANDINGER_STACK_TRACE : statusLine(status);
      const durationMs = status === 504 ? random.int(10_000, 29_500) : responseDuration(random);
      return { responseStatus: status, errorMessage: message, durationMs, retryable: true };
    }
    case 'network': {
      const message = random.pick(HANDINGER_NETWORK_ERRORS);
      return { responseStatus: 0, errorMessage: message, durationMs: networkErrorDuration(random, message), retryable: true };
    }
  }
}

function statusLine(status: number): string {
  return `Webhook endpoint responded with ${status} ${REASON_PHRASES[status] ?? ''}`.trimEnd();
}

/** Mostly 40–400 ms with a long tail towards the 30 s timeout. */
function responseDuration(random: Random): number {
  if (random.chance(0.02)) {
    return random.int(1_500, 29_000);
  }
  return Math.round(Math.min(29_000, Math.max(12, random.logNormal(130, 0.7))));
}

/**
 * A timeout is a measurement (the 30 s waited); a connection that failed before any answer
 * reports 0, as the API reference's example does for `durationMs` with `responseStatus: 0`.
 */
function networkErrorDuration(random: Random, message: string): number {
  if (message.startsWith('timeout')) {
    return 30_000 + random.int(0, 40);
  }
  random.int(message.includes('ECONNREFUSED') ? 2 : 40, message.includes('ECONNREFUSED') ? 45 : 8_000); // keeps the stream as it was
  return 0;
}

export function newTask(workerId: string, title: string, finishedAtMs: number, random: Random): HandingerTask {
  const runtimeMs = Math.round(Math.min(15 * MINUTE, Math.max(3 * SECOND, random.logNormal(45 * SECOND, 0.8))));
  const createdAt = finishedAtMs - runtimeMs;
  const triggeredBy = random.weighted(TRIGGERS);
  const id = `tsk_${ulid(createdAt, random)}`;
  return {
    id,
    completedAt: iso(finishedAtMs),
    createdAt: iso(createdAt),
    createdByUserId: triggeredBy === 'ui' ? USER_ID : null,
    organizationId: HANDINGER_ORGANIZATION_ID,
    status: random.weighted(TASK_STATUSES),
    title,
    totals: { credits: Math.round(runtimeMs / 12) / 100, durationMs: runtimeMs, turnCount: random.int(1, 6) },
    triggeredBy,
    url: `${DASHBOARD}/workers/${encodeURIComponent(workerId)}/tasks/${id}`,
    workerId,
  };
}

export function pickTaskTitle(workerId: string, random: Random): string {
  const plan = [...WORKER_PLANS, ARCHIVE_PLAN].find((candidate) => candidate.id === workerId);
  return fillTemplate(random.pick(plan?.titles ?? ORDER_TASK_TITLES), random);
}

/** A handful of deliveries whose every text field is an attack string. */
function addHostileWorker(data: HandingerData, random: Random, nowMs: number): void {
  const id = HANDINGER_IDS.hostileWorker;
  data.workers.push(makeWorker(id, 'completed', HOSTILE_STRINGS[1], random, nowMs));
  data.webhooks.set(id, { token: webhookToken(random), url: HOSTILE_URL });
  const task = newTask(id, HOSTILE_TITLE, nowMs - 2 * HOUR, random);
  data.tasks.set(task.id, task);
  const executions = HOSTILE_STRINGS.map((errorMessage, index): HandingerExecution => {
    const at = nowMs - 2 * HOUR + index * 7 * MINUTE;
    return {
      id: `whe_${ulid(at, random)}`,
      createdAt: iso(at),
      durationMs: random.int(30, 400),
      errorMessage,
      requestStatus: 'error',
      responseStatus: index % 3 === 2 ? null : 500,
      taskId: task.id,
      taskTitle: task.title,
      url: index % 2 === 0 ? HOSTILE_URL : 'https://hostile.example.test/webhook?q=%3Cscript%3E',
      workerId: id,
    };
  });
  const successAt = nowMs - HOUR;
  executions.push({
    id: `whe_${ulid(successAt, random)}`,
    createdAt: iso(successAt),
    durationMs: 88,
    errorMessage: null,
    requestStatus: 'success',
    responseStatus: 200,
    taskId: task.id,
    taskTitle: task.title,
    url: HOSTILE_URL,
    workerId: id,
  });
  data.executions.set(id, executions.sort(byIdDescending));
}

export function byIdDescending(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
