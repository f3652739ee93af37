// Generates the Cadenya half of the sample dataset: workspaces, agents, objectives with
// their event streams, and the webhook deliveries of those events.
//
// Deliveries are derived from objective events (Cadenya sends one webhook per event), so
// every delivery's objectiveId/objectiveEventId resolves through the objectives API.
// Delivery outcomes depend on time: the newest deliveries may still be PENDING, the busy
// agent's endpoint had an outage (failures cluster) and was auto-disabled for a while
// (DISABLED), and a few legacy rows have status UNSPECIFIED.

import {
  ASSISTANT_REPLIES,
  CADENYA_DISABLED_MESSAGE,
  CADENYA_NETWORK_ERRORS,
  CADENYA_STATUS_ERRORS,
  CADENYA_TRACEBACK,
  HOSTILE_HEADERS,
  HOSTILE_STRINGS,
  HOSTILE_TITLE,
  HOSTILE_URL,
  INVOICE_OBJECTIVES,
  LEDGER_OBJECTIVES,
  RELEASE_OBJECTIVES,
  RESEARCH_OBJECTIVES,
  SERVER_HEADERS,
  SUPPORT_OBJECTIVES,
  TOOL_NAMES,
  fillTemplate,
} from './corpus';
import { DAY, HOUR, MINUTE, SECOND, iso, ulid, ulidTime, workingHoursTime } from './random';
import type { Random } from './random';
import { LazyMap, deferFill } from './lazy';
import type {
  CadenyaAgent,
  CadenyaDelivery,
  CadenyaDeliveryData,
  CadenyaLabels,
  CadenyaObjective,
  CadenyaObjectiveEvent,
  CadenyaObjectiveState,
  CadenyaOperationMetadata,
  CadenyaWorkspace,
} from './types';

/** Fixed ids (independent of the seed) so tests and demos can name them. */
export const CADENYA_IDS = {
  account: 'acct_01K561TXVDQQ35QYR7CR8YTCK7',
  busyWorkspace: 'ws_01K5CK4WD3FTMJ8NCZ7VD70FBF',
  stagingWorkspace: 'ws_01K5KZ8PJMC9CBGR10KEAMB2CY',
  researchWorkspace: 'ws_01K5VKG0DJ9GTMKR8FBVKXM8HV',
  /** "Archive": the newest workspace id, so it is listed last (oldest first is the default). */
  archiveWorkspace: 'ws_01K67SKHBR43SG7HZK5W5KMK82',
  /** ~3,000 deliveries over 5 days; new `state` shape. */
  busyAgent: 'agent_01K63TW6ADAG424P8A225GYWJA',
  /** ~140 deliveries; old `spec.status` shape. */
  smallAgent: 'agent_01K6BE56NSCJT1VG6BHQM8MHF3',
  /** A dozen deliveries. */
  tinyAgent: 'agent_01K6MAHV01WY1052J8JKW7HNZZ',
  stagingAgent: 'agent_01K6TDABKX3JVSTF0PEFTXW6GD',
  /** Draft agent without webhook URL and without deliveries. */
  emptyAgent: 'agent_01K73BDM0K6YB5J95BJ8G03HJM',
  researchAgent: 'agent_01K7A6R92XE4SC2SEF0N9JN86M',
  /** Archived; its deliveries stopped days ago. */
  archivedAgent: 'agent_01K7H9MYDC6CADWTR8R42XXKKB',
  /** The only agent whose data contains markup, script URLs and control characters. */
  hostileAgent: 'agent_hostile_inputs',
  /**
   * "Ledger Archiver", alone in the Archive workspace: ~12,000 deliveries over 30 days, nights
   * quieter, newest ~2 minutes old; lean rows (no response headers or labels).
   */
  archiveAgent: 'agent_01K83G36R2AYJ8KAKK0MZ9GJ6S',
} as const;

const HUMAN_PROFILE = 'prof_01K7RYQTAZ5CKCH0DG6C4TNAG4';
const SERVICE_PROFILE = 'prof_01K812H9B4M6Z9Q8A5KQBKT45Z';

type Lifecycle = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

interface AgentPlan {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  /** Old API shape (`spec.status: AGENT_STATUS_*`) instead of top-level `state`. */
  legacyStatus: boolean;
  lifecycle: Lifecycle;
  deliveries: number;
  spanDays: number;
  /** Age of the newest event. */
  quietMs: number;
  webhookEventsUrl?: string;
  objectives: readonly string[];
  labels?: CadenyaLabels;
  /** Endpoint outage: deliveries fail, then the webhook is auto-disabled for a while. */
  outage?: { startBeforeNowMs: number; failingMs: number; disabledMs: number };
  /** Objectives start mostly in (UTC) working hours rather than uniformly. */
  dailyRhythm?: boolean;
  /** Deliveries without response headers or labels: keeps a large history cheap to generate. */
  lean?: boolean;
  /** History (objectives, events, deliveries) generated on first use of any of those maps. */
  deferHistory?: boolean;
}

const WORKSPACES: readonly CadenyaWorkspace[] = [
  {
    metadata: { id: CADENYA_IDS.busyWorkspace, accountId: CADENYA_IDS.account, name: 'Production', profileId: HUMAN_PROFILE, labels: { env: 'prod' } },
    spec: { description: 'Customer-facing agents' },
    status: 'STATUS_ENABLED',
  },
  {
    metadata: { id: CADENYA_IDS.stagingWorkspace, accountId: CADENYA_IDS.account, name: 'Staging', profileId: HUMAN_PROFILE, externalId: 'stg-eu-1' },
    spec: { description: 'Pre-release copies of the production agents' },
    status: 'STATUS_ENABLED',
  },
  {
    metadata: { id: CADENYA_IDS.researchWorkspace, accountId: CADENYA_IDS.account, name: 'Research Sandbox ✨', profileId: HUMAN_PROFILE },
    spec: {},
  },
  {
    metadata: { id: CADENYA_IDS.archiveWorkspace, accountId: CADENYA_IDS.account, name: 'Archive', profileId: HUMAN_PROFILE, labels: { retention: '30d' } },
    spec: { description: 'Back-office agents with a month of delivery history' },
    status: 'STATUS_ENABLED',
  },
];

const AGENT_PLANS: readonly AgentPlan[] = [
  {
    id: CADENYA_IDS.busyAgent,
    workspaceId: CADENYA_IDS.busyWorkspace,
    name: 'Support Triage',
    description: 'Reads new support tickets, looks up the order and drafts a reply.',
    legacyStatus: false,
    lifecycle: 'PUBLISHED',
    deliveries: 3_000,
    spanDays: 5,
    quietMs: 20 * SECOND,
    webhookEventsUrl: 'https://hooks.northwind-support.io/cadenya/events',
    objectives: SUPPORT_OBJECTIVES,
    labels: { team: 'support' },
    outage: { startBeforeNowMs: 30 * HOUR, failingMs: 35 * MINUTE, disabledMs: 12 * MINUTE },
  },
  {
    id: CADENYA_IDS.smallAgent,
    workspaceId: CADENYA_IDS.busyWorkspace,
    name: 'Invoice Reconciler',
    description: 'Matches incoming invoices with purchase orders.',
    legacyStatus: true,
    lifecycle: 'PUBLISHED',
    deliveries: 140,
    spanDays: 5,
    quietMs: 50 * MINUTE,
    webhookEventsUrl: 'https://finance.acme-shop.dev/api/cadenya/webhook',
    objectives: INVOICE_OBJECTIVES,
  },
  {
    id: CADENYA_IDS.tinyAgent,
    workspaceId: CADENYA_IDS.busyWorkspace,
    name: 'Release Notes Writer',
    description: 'Turns merged pull requests into release notes.',
    legacyStatus: false,
    lifecycle: 'PUBLISHED',
    deliveries: 12,
    spanDays: 3,
    quietMs: 6 * HOUR,
    webhookEventsUrl: 'https://ci.acme-shop.dev/hooks/cadenya',
    objectives: RELEASE_OBJECTIVES,
  },
  {
    id: CADENYA_IDS.stagingAgent,
    workspaceId: CADENYA_IDS.stagingWorkspace,
    name: 'Support Triage (staging)',
    description: 'Staging copy of Support Triage.',
    legacyStatus: true,
    lifecycle: 'DRAFT',
    deliveries: 60,
    spanDays: 2,
    quietMs: 2 * HOUR,
    webhookEventsUrl: 'https://staging-hooks.northwind-support.io/cadenya/events',
    objectives: SUPPORT_OBJECTIVES,
  },
  {
    id: CADENYA_IDS.emptyAgent,
    workspaceId: CADENYA_IDS.stagingWorkspace,
    name: 'Lead Enricher',
    description: 'Not wired up yet.',
    legacyStatus: false,
    lifecycle: 'DRAFT',
    deliveries: 0,
    spanDays: 0,
    quietMs: 0,
    objectives: INVOICE_OBJECTIVES,
  },
  {
    id: CADENYA_IDS.researchAgent,
    workspaceId: CADENYA_IDS.researchWorkspace,
    name: 'Paper Summarizer',
    description: 'Summarises papers for the Thursday reading group.',
    legacyStatus: true,
    lifecycle: 'PUBLISHED',
    deliveries: 35,
    spanDays: 4,
    quietMs: 9 * HOUR,
    webhookEventsUrl: 'https://research.acme-lab.org/cadenya',
    objectives: RESEARCH_OBJECTIVES,
  },
  {
    id: CADENYA_IDS.archivedAgent,
    workspaceId: CADENYA_IDS.researchWorkspace,
    name: 'Data Janitor',
    description: 'Retired: replaced by a scheduled job.',
    legacyStatus: false,
    lifecycle: 'ARCHIVED',
    deliveries: 9,
    spanDays: 2,
    quietMs: 3 * DAY,
    webhookEventsUrl: 'https://janitor.acme-lab.org/hooks',
    objectives: RESEARCH_OBJECTIVES,
  },
  {
    id: CADENYA_IDS.archiveAgent,
    workspaceId: CADENYA_IDS.archiveWorkspace,
    name: 'Ledger Archiver',
    description: 'Moves closed journal entries to cold storage and verifies the exports.',
    legacyStatus: false,
    lifecycle: 'PUBLISHED',
    deliveries: 12_000,
    spanDays: 30,
    quietMs: 2 * MINUTE,
    webhookEventsUrl: 'https://ledger.acme-shop.dev/webhooks/cadenya',
    objectives: LEDGER_OBJECTIVES,
    outage: { startBeforeNowMs: 12 * DAY + 5 * HOUR, failingMs: 50 * MINUTE, disabledMs: 20 * MINUTE },
    dailyRhythm: true,
    lean: true,
    deferHistory: true,
  },
];

export interface CadenyaData {
  workspaces: CadenyaWorkspace[];
  agents: CadenyaAgent[];
  objectives: Map<string, CadenyaObjective>;
  objectiveEvents: Map<string, CadenyaObjectiveEvent[]>;
  deliveries: Map<string, CadenyaDelivery[]>;
}

export function generateCadenya(random: Random, nowMs: number): CadenyaData {
  const objectives = new LazyMap<string, CadenyaObjective>();
  const objectiveEvents = new LazyMap<string, CadenyaObjectiveEvent[]>();
  const deliveries = new LazyMap<string, CadenyaDelivery[]>();
  const data: CadenyaData = { workspaces: structuredClone([...WORKSPACES]), agents: [], objectives, objectiveEvents, deliveries };
  const deferred: Array<() => void> = [];
  for (const plan of AGENT_PLANS) {
    data.agents.push(makeAgent(plan));
    const fill = (): void => {
      data.deliveries.set(plan.id, generateAgentHistory(plan, random.fork(`cadenya:${plan.id}`), nowMs, data));
    };
    if (plan.deferHistory) {
      deferred.push(fill);
    } else {
      fill();
    }
  }
  addHostileAgent(data, random.fork('cadenya:hostile'), nowMs);
  // Large histories (the 30-day archive) are made on first use of the maps they write to:
  // most servers never read them, and generating them would slow every server start.
  for (const fill of deferred) {
    deferFill([objectives, objectiveEvents, deliveries], fill);
  }
  return data;
}

function makeAgent(plan: AgentPlan): CadenyaAgent {
  const agent: CadenyaAgent = {
    metadata: {
      id: plan.id,
      accountId: CADENYA_IDS.account,
      createdAt: iso(plan.id === CADENYA_IDS.hostileAgent ? ulidTime(CADENYA_IDS.busyAgent) : ulidTime(plan.id)),
      name: plan.name,
      profileId: HUMAN_PROFILE,
      workspaceId: plan.workspaceId,
      ...(plan.labels && { labels: plan.labels }),
    },
    spec: {
      description: plan.description,
      ...(plan.webhookEventsUrl !== undefined && { webhookEventsUrl: plan.webhookEventsUrl }),
    },
  };
  if (plan.legacyStatus) {
    agent.spec.status = `AGENT_STATUS_${plan.lifecycle}`;
  } else {
    agent.state = `STATE_${plan.lifecycle}`;
    agent.info = { variationCount: plan.lifecycle === 'DRAFT' ? 1 : 3 };
  }
  return agent;
}

// ---------------------------------------------------------------- objectives and events

/** A plausible event stream for one objective, as OBJECTIVE_EVENT_TYPE_* suffixes. */
function eventSequence(random: Random): string[] {
  const events = ['USER_MESSAGE'];
  if (random.chance(0.5)) {
    events.push('MEMORY_READ');
  }
  const rounds = random.int(0, 4);
  for (let round = 0; round < rounds; round++) {
    if (random.chance(0.5)) {
      events.push('REASONING');
    }
    events.push('ASSISTANT_MESSAGE');
    const approved = random.chance(0.12) ? random.chance(0.8) : true;
    if (!approved) {
      events.push('TOOL_APPROVAL_REQUESTED', 'TOOL_DENIED');
    } else {
      if (random.chance(0.1)) {
        events.push('TOOL_APPROVAL_REQUESTED', 'TOOL_APPROVED');
      }
      events.push('TOOL_CALLED', random.chance(0.9) ? 'TOOL_RESULT' : 'TOOL_ERROR');
    }
    if (random.chance(0.04)) {
      events.push('CONTEXT_WINDOW_COMPACTED');
    }
    if (random.chance(0.04)) {
      events.push(random.pick(['SUB_AGENT_SPAWNED', 'SUB_AGENT_UPDATED', 'SUB_OBJECTIVE_CREATED']));
    }
    if (random.chance(0.02)) {
      events.push('NOTICE');
    }
  }
  // Values newer than the public docs (clients must show them as text) and legacy rows.
  if (random.chance(0.03)) {
    events.push('HANDOFF_REQUESTED');
  }
  if (random.chance(0.02)) {
    events.push('BUDGET_EXCEEDED');
  }
  if (random.chance(0.01)) {
    events.push('UNSPECIFIED');
  }
  const ending = random.weighted(ENDINGS);
  if (ending === 'FINALIZED') {
    events.push('ASSISTANT_MESSAGE');
  }
  events.push(ending);
  return events;
}

const ENDINGS = [['FINALIZED', 86], ['ERROR', 6], ['CANCELLED', 4], ['TIMED_OUT', 4]] as const;

const ENDING_STATES: Readonly<Record<string, CadenyaObjectiveState>> = {
  FINALIZED: 'STATE_FINALIZED',
  ERROR: 'STATE_FAILED',
  CANCELLED: 'STATE_CANCELLED',
  TIMED_OUT: 'STATE_TIMED_OUT',
};

const dataTags = new Map<string, string>();

/** `TOOL_APPROVAL_REQUESTED` → `toolApprovalRequested`, the tag of the event's data union. */
export function eventDataTag(suffix: string): string {
  let tag = dataTags.get(suffix);
  if (tag === undefined) {
    tag = suffix.toLowerCase().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    dataTags.set(suffix, tag);
  }
  return tag;
}

function eventPayload(suffix: string, firstUserMessage: string, toolCallId: string, random: Random): Record<string, unknown> {
  switch (suffix) {
    case 'USER_MESSAGE':
      return { content: firstUserMessage };
    case 'ASSISTANT_MESSAGE':
      return { content: random.pick(ASSISTANT_REPLIES) };
    case 'TOOL_RESULT':
      return { toolCallId, content: '{"ok":true}' };
    case 'TOOL_ERROR':
      return { toolCallId, message: `HTTP 502 from ${random.pick(TOOL_NAMES)}` };
    case 'TOOL_CALLED':
    case 'TOOL_APPROVAL_REQUESTED':
    case 'TOOL_APPROVED':
    case 'TOOL_DENIED':
      return { toolCallId };
    case 'ERROR':
      return { type: 'llm_provider_error', message: 'upstream model returned 529 overloaded' };
    default:
      return {};
  }
}

export function operationMetadata(id: string, atMs: number, workspaceId: string, extra?: Partial<CadenyaOperationMetadata>): CadenyaOperationMetadata {
  return { id, accountId: CADENYA_IDS.account, createdAt: iso(atMs), profileId: SERVICE_PROFILE, workspaceId, ...extra };
}

export function newToolCallId(random: Random): string {
  return `tc_${random.hex(16)}`;
}

/** An event of `objective`; TOOL_* events refer to `toolCallId` (a fresh one by default). */
export function makeObjectiveEvent(
  objective: CadenyaObjective,
  suffix: string,
  atMs: number,
  random: Random,
  toolCallId = suffix.startsWith('TOOL_') ? newToolCallId(random) : '',
): CadenyaObjectiveEvent {
  const tag = eventDataTag(suffix);
  return {
    metadata: operationMetadata(`evt_${ulid(atMs, random)}`, atMs, objective.metadata.workspaceId),
    data: { type: tag, [tag]: eventPayload(suffix, objective.firstUserMessage, toolCallId, random) },
    contextWindowId: `ctxw_${objective.metadata.id.slice('obj_'.length)}`,
  };
}

export function newObjective(agentId: string, workspaceId: string, firstUserMessage: string, atMs: number, random: Random): CadenyaObjective {
  return {
    metadata: operationMetadata(`obj_${ulid(atMs, random)}`, atMs, workspaceId, random.chance(0.15) ? { externalId: `zendesk-${random.int(10_000, 99_999)}` } : undefined),
    agentId,
    state: 'STATE_RUNNING',
    firstUserMessage,
    info: { totalEvents: 0, totalToolCalls: 0 },
  };
}

/** Registers an event on its objective and keeps the objective's counters in step. */
export function appendObjectiveEvent(data: Pick<CadenyaData, 'objectiveEvents'>, objective: CadenyaObjective, event: CadenyaObjectiveEvent): void {
  const events = data.objectiveEvents.get(objective.metadata.id) ?? [];
  events.push(event);
  data.objectiveEvents.set(objective.metadata.id, events);
  objective.info.totalEvents = events.length;
  if (event.data.type === 'toolCalled') {
    objective.info.totalToolCalls += 1;
  }
}

function generateAgentHistory(plan: AgentPlan, random: Random, nowMs: number, data: CadenyaData): CadenyaDelivery[] {
  const deliveries: CadenyaDelivery[] = [];
  const endMs = nowMs - plan.quietMs;
  const startMs = endMs - plan.spanDays * DAY;
  // The first objectives are placed on purpose: one ending at the window's end (so the
  // newest delivery is recent), and, for an agent with an outage, one in its failing and
  // one in its disabled phase (so those statuses exist whatever the seed).
  const pinnedStarts: Array<(length: number) => number> = [(length) => endMs - length];
  const windows = outageWindows(plan, nowMs);
  if (windows) {
    pinnedStarts.push(() => windows.failingStart + 2 * MINUTE, () => windows.failingEnd + MINUTE);
  }
  while (deliveries.length < plan.deliveries) {
    const sequence = eventSequence(random);
    const gaps = sequence.map((suffix) =>
      suffix === 'TOOL_APPROVED' || suffix === 'TOOL_DENIED' ? random.int(30 * SECOND, 20 * MINUTE) : Math.min(2 * MINUTE, Math.max(300, random.logNormal(4 * SECOND, 0.9))),
    );
    const length = gaps.reduce((sum, gap) => sum + gap, 0);
    const startedAt = pinnedStarts.shift()?.(length) ?? (plan.dailyRhythm ? workingHoursTime(random, startMs, endMs) : random.float(startMs, endMs));
    const objective = newObjective(plan.id, plan.workspaceId, fillTemplate(random.pick(plan.objectives), random), startedAt, random);
    data.objectives.set(objective.metadata.id, objective);
    let at = startedAt;
    let last = '';
    let toolCallId = '';
    // Objectives are never cut short to hit the target count exactly, so counts are approximate.
    for (let index = 0; index < sequence.length; index++) {
      at += index === 0 ? 0 : (gaps[index] ?? 0);
      const suffix = sequence[index] ?? 'UNSPECIFIED';
      if (at > nowMs - SECOND) {
        break;
      }
      // One tool call id from the approval request (or the call) to its result.
      if (suffix === 'TOOL_APPROVAL_REQUESTED' || (suffix === 'TOOL_CALLED' && last !== 'TOOL_APPROVED')) {
        toolCallId = newToolCallId(random);
      }
      last = suffix;
      const event = makeObjectiveEvent(objective, suffix, at, random, toolCallId);
      appendObjectiveEvent(data, objective, event);
      deliveries.push(makeDelivery(plan, windows, objective, event, at, suffix, random, nowMs));
    }
    objective.state = ENDING_STATES[last] ?? (last === 'TOOL_APPROVAL_REQUESTED' ? 'STATE_WAITING' : 'STATE_RUNNING');
    if (objective.state === 'STATE_FAILED') {
      objective.stateMessage = 'upstream model returned 529 overloaded';
    }
  }
  return deliveries.sort(byDeliveryIdDescending);
}

// ---------------------------------------------------------------- deliveries

const SUCCESS_ATTEMPTS = [[1, 90], [2, 7], [3, 2], [4, 0.7], [5, 0.3]] as const;
const SUCCESS_STATUSES = [[200, 60], [202, 20], [204, 15], [201, 5]] as const;
const FAILURE_KINDS = [['client', 30], ['server', 35], ['rate-limited', 10], ['network', 25]] as const;
const CLIENT_ERROR_STATUSES = [[400, 25], [401, 15], [403, 10], [404, 25], [410, 5], [413, 5], [422, 15]] as const;
const SERVER_ERROR_STATUSES = [[500, 40], [502, 25], [503, 25], [504, 10]] as const;

/** Delivery attempt n (0-based) happens this long after the delivery was created. */
const ATTEMPT_OFFSETS_MS = [0, 10 * SECOND, 70 * SECOND, 6 * MINUTE + 10 * SECOND, 36 * MINUTE + 10 * SECOND];
const MAX_ATTEMPTS = ATTEMPT_OFFSETS_MS.length;

/** Precomputed per agent: when its endpoint was failing and when the webhook was disabled. */
interface OutageWindows {
  failingStart: number;
  failingEnd: number;
  disabledEnd: number;
}

function outageWindows(plan: AgentPlan, nowMs: number): OutageWindows | undefined {
  if (!plan.outage) {
    return undefined;
  }
  const failingStart = nowMs - plan.outage.startBeforeNowMs;
  const failingEnd = failingStart + plan.outage.failingMs;
  return { failingStart, failingEnd, disabledEnd: failingEnd + plan.outage.disabledMs };
}

function makeDelivery(
  plan: AgentPlan,
  outage: OutageWindows | undefined,
  objective: CadenyaObjective,
  event: CadenyaObjectiveEvent,
  eventAt: number,
  suffix: string,
  random: Random,
  nowMs: number,
): CadenyaDelivery {
  const createdAt = eventAt + random.int(5, 250);
  const url = plan.webhookEventsUrl ?? 'https://example.invalid/unset';
  let outcome: DeliveryOutcome;
  if (outage && createdAt >= outage.failingEnd && createdAt < outage.disabledEnd) {
    outcome = { status: 'WEBHOOK_DELIVERY_STATUS_DISABLED', attemptCount: 0, errorMessage: CADENYA_DISABLED_MESSAGE };
  } else if (random.chance(0.004)) {
    outcome = { status: 'WEBHOOK_DELIVERY_STATUS_UNSPECIFIED', attemptCount: 0 };
  } else if (nowMs - createdAt < MINUTE && random.chance(0.7)) {
    outcome = { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 0 }; // still queued
  } else {
    const failing = outage !== undefined && createdAt >= outage.failingStart && createdAt < outage.failingEnd;
    const headers = plan.lean !== true;
    outcome = random.chance(failing ? 0.7 : 0.08) ? failedOutcome(random, createdAt, url, nowMs, headers) : completedOutcome(random, createdAt, nowMs, headers);
  }
  outcome = withZeros(outcome);
  const labels =
    plan.lean !== true && random.chance(0.25) ? random.pick<CadenyaLabels>([{ priority: 'high' }, { env: 'prod', team: 'support' }, { source: 'api' }]) : undefined;
  return {
    data: {
      agentId: plan.id,
      objectiveId: objective.metadata.id,
      objectiveEventId: event.metadata.id,
      webhookId: webhookIdFor(plan.id),
      webhookUrl: url,
      eventType: `OBJECTIVE_EVENT_TYPE_${suffix}`,
      ...outcome,
    },
    metadata: operationMetadata(`whd_${ulid(createdAt, random)}`, createdAt, plan.workspaceId, labels && { labels }),
  };
}

export type DeliveryOutcome = Omit<CadenyaDeliveryData, 'agentId' | 'objectiveId' | 'objectiveEventId' | 'webhookId' | 'webhookUrl' | 'eventType'>;

/**
 * The API reference's own examples send `httpStatusCode: 0` and `latencyMs: 0` rather than
 * leaving them out: 0 is what a delivery without a response (or without an attempt) carries.
 */
export function withZeros<T extends Partial<DeliveryOutcome>>(outcome: T): T & { httpStatusCode: number; latencyMs: number } {
  return { ...outcome, httpStatusCode: outcome.httpStatusCode ?? 0, latencyMs: outcome.latencyMs ?? 0 };
}

/** How many of `wanted` attempts have happened by now (retries follow ATTEMPT_OFFSETS_MS). */
function attemptsSoFar(createdAt: number, latencyMs: number, wanted: number, nowMs: number): number {
  let count = 0;
  while (count < wanted && createdAt + (ATTEMPT_OFFSETS_MS[count] ?? 0) + latencyMs < nowMs) {
    count++;
  }
  return count;
}

function lastAttemptTime(createdAt: number, attemptCount: number, latencyMs: number): number {
  return createdAt + (ATTEMPT_OFFSETS_MS[attemptCount - 1] ?? 0) + latencyMs;
}

function completedOutcome(random: Random, createdAt: number, nowMs: number, withHeaders = true): DeliveryOutcome {
  const latencyMs = latency(random);
  const attemptCount = attemptsSoFar(createdAt, latencyMs, random.weighted(SUCCESS_ATTEMPTS), nowMs);
  if (attemptCount === 0) {
    return { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 0 }; // first attempt still in flight
  }
  const httpStatusCode = random.weighted(SUCCESS_STATUSES);
  const lastAttempt = lastAttemptTime(createdAt, attemptCount, latencyMs);
  const length = httpStatusCode === 204 ? 0 : random.int(2, 512);
  return {
    status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED',
    attemptCount,
    lastAttemptAt: iso(lastAttempt),
    httpStatusCode,
    latencyMs,
    responseContentLength: String(length),
    ...(withHeaders && optionalHeaders(random, httpStatusCode, lastAttempt, length)),
  };
}

/**
 * A delivery whose attempts fail. Client errors are not retried; everything else is tried
 * MAX_ATTEMPTS times, so a recent one whose retries are still scheduled is PENDING.
 */
function failedOutcome(random: Random, createdAt: number, url: string, nowMs: number, withHeaders = true): DeliveryOutcome {
  const kind = random.weighted(FAILURE_KINDS);
  let response: { httpStatusCode?: number; responseContentLength?: string; responseHeaders?: Record<string, string> } = {};
  let latencyMs: number;
  let errorMessage: string;
  if (kind === 'network') {
    errorMessage = random.pick(CADENYA_NETWORK_ERRORS).replace('{url}', url);
    latencyMs = errorMessage.includes('deadline') ? 30_000 + random.int(0, 50) : random.int(1, 900);
  } else {
    const httpStatusCode =
      kind === 'client'
        ? random.weighted(CLIENT_ERROR_STATUSES)
        : kind === 'rate-limited'
          ? 429
          : random.weighted(SERVER_ERROR_STATUSES);
    latencyMs = httpStatusCode === 504 ? random.int(10_000, 29_000) : latency(random);
    const length = random.int(0, 4_096);
    errorMessage =
      httpStatusCode === 500 && random.chance(0.25) ? CADENYA_TRACEBACK : random.pick(CADENYA_STATUS_ERRORS).replace('{status}', String(httpStatusCode));
    response = { httpStatusCode, responseContentLength: String(length) };
    // Headers describe the last attempt, whose time is only known below.
    const headers = withHeaders ? optionalHeaders(random, httpStatusCode, 0, length) : {};
    if (headers.responseHeaders) {
      response.responseHeaders = headers.responseHeaders;
    }
  }
  const wanted = kind === 'client' ? 1 : MAX_ATTEMPTS;
  const attemptCount = attemptsSoFar(createdAt, latencyMs, wanted, nowMs);
  if (attemptCount === 0) {
    return { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 0 };
  }
  const lastAttempt = lastAttemptTime(createdAt, attemptCount, latencyMs);
  if (response.responseHeaders?.date !== undefined) {
    response.responseHeaders.date = new Date(lastAttempt).toUTCString();
  }
  return {
    status: attemptCount < wanted ? 'WEBHOOK_DELIVERY_STATUS_PENDING' : 'WEBHOOK_DELIVERY_STATUS_FAILED',
    attemptCount,
    lastAttemptAt: iso(lastAttempt),
    // A connection that failed before any answer has no measured latency: sent as 0, as the
    // reference's example does; a deadline that ran out is a measurement (the 30 s it waited).
    latencyMs: kind === 'network' && !errorMessage.includes('deadline') ? 0 : latencyMs,
    ...response,
    errorMessage: attemptCount < wanted ? `${errorMessage} (attempt ${attemptCount} of ${wanted}, retrying)` : errorMessage,
  };
}

/** Mostly 40–600 ms with a long tail. */
function latency(random: Random): number {
  return Math.round(Math.min(29_000, Math.max(15, random.logNormal(180, 0.8))));
}

/** Response headers as the endpoint sent them; absent for ~5% of responses. */
function optionalHeaders(random: Random, status: number, atMs: number, contentLength: number): { responseHeaders?: Record<string, string> } {
  if (random.chance(0.05)) {
    return {};
  }
  const headers: Record<string, string> = {};
  if (status !== 204) {
    headers['content-type'] = status === 502 ? 'text/html; charset=utf-8' : random.pick(['application/json', 'application/json; charset=utf-8', 'text/plain; charset=utf-8']);
  }
  headers['content-length'] = String(contentLength);
  headers.date = new Date(atMs).toUTCString();
  headers.server = random.pick(SERVER_HEADERS);
  if (random.chance(0.8)) {
    headers['x-request-id'] = `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
  }
  if (random.chance(0.15)) {
    const expires = new Date(atMs + 30 * MINUTE).toUTCString();
    headers['set-cookie'] = `__cf_bm=${random.chars(43, BASE64URL)}; path=/; expires=${expires}; domain=.northwind-support.io; HttpOnly; Secure; SameSite=None`;
  }
  if (random.chance(0.3) || status === 429) {
    headers['x-ratelimit-limit'] = '600';
    headers['x-ratelimit-remaining'] = status === 429 ? '0' : String(random.int(0, 600));
    headers['x-ratelimit-reset'] = String(Math.floor(atMs / 1000) + random.int(1, 60));
  }
  if (status === 429) {
    headers['retry-after'] = String(random.pick([1, 5, 30, 60]));
  }
  if (random.chance(0.2)) {
    headers['x-webhook-receipt'] = `v1,${random.chars(43, BASE64URL)}=`;
  }
  return { responseHeaders: headers };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function webhookIdFor(agentId: string): string {
  return `webhook_${agentId.slice(agentId.indexOf('_') + 1)}`;
}

export function byDeliveryIdDescending(a: CadenyaDelivery, b: CadenyaDelivery): number {
  return a.metadata.id < b.metadata.id ? 1 : a.metadata.id > b.metadata.id ? -1 : 0;
}

/** Default outcome of a delivery added while the server runs: delivered first time, 200. */
export function liveDeliveryOutcome(random: Random, createdAt: number): DeliveryOutcome {
  const latencyMs = latency(random);
  const lastAttempt = createdAt + latencyMs;
  return {
    status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED',
    attemptCount: 1,
    lastAttemptAt: iso(lastAttempt),
    httpStatusCode: 200,
    latencyMs,
    responseContentLength: '16',
    responseHeaders: { 'content-type': 'application/json', 'content-length': '16', date: new Date(lastAttempt).toUTCString(), server: 'nginx/1.25.3' },
  };
}

/** A handful of deliveries whose text fields, URL and headers are attack strings. */
function addHostileAgent(data: CadenyaData, random: Random, nowMs: number): void {
  const plan: AgentPlan = {
    id: CADENYA_IDS.hostileAgent,
    workspaceId: CADENYA_IDS.busyWorkspace,
    name: 'Hostile inputs <img src=x onerror=alert("agent")>',
    description: HOSTILE_STRINGS[0],
    legacyStatus: true,
    lifecycle: 'PUBLISHED',
    deliveries: HOSTILE_STRINGS.length,
    spanDays: 0,
    quietMs: HOUR,
    webhookEventsUrl: HOSTILE_URL,
    objectives: [HOSTILE_TITLE],
  };
  data.agents.push(makeAgent(plan));
  const objective = newObjective(plan.id, plan.workspaceId, HOSTILE_TITLE, nowMs - 3 * HOUR, random);
  objective.state = 'STATE_FAILED';
  objective.stateMessage = HOSTILE_STRINGS[2];
  data.objectives.set(objective.metadata.id, objective);
  const deliveries = HOSTILE_STRINGS.map((errorMessage, index): CadenyaDelivery => {
    const at = nowMs - 3 * HOUR + index * 9 * MINUTE;
    const event = makeObjectiveEvent(objective, index === 0 ? 'USER_MESSAGE' : 'TOOL_ERROR', at, random);
    appendObjectiveEvent(data, objective, event);
    const createdAt = at + 40;
    return {
      data: {
        agentId: plan.id,
        objectiveId: objective.metadata.id,
        objectiveEventId: event.metadata.id,
        webhookId: webhookIdFor(plan.id),
        webhookUrl: index % 2 === 0 ? HOSTILE_URL : 'https://hostile.example.test/hook?next=%22%3E%3Cscript%3E',
        status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
        attemptCount: 1,
        lastAttemptAt: iso(createdAt + 120),
        httpStatusCode: 500,
        latencyMs: 120,
        eventType: index === 0 ? 'OBJECTIVE_EVENT_TYPE_USER_MESSAGE' : 'OBJECTIVE_EVENT_TYPE_TOOL_ERROR',
        responseContentLength: '64',
        errorMessage,
        responseHeaders: { ...HOSTILE_HEADERS },
      },
      metadata: operationMetadata(`whd_${ulid(createdAt, random)}`, createdAt, plan.workspaceId, {
        externalId: '"><script>alert("externalId")</script>',
        labels: { note: '<b>bold</b>' },
      }),
    };
  });
  data.deliveries.set(plan.id, deliveries.sort(byDeliveryIdDescending));
}
