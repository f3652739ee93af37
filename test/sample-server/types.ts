// Wire shapes served by the sample API server: each type is exactly the JSON the server
// sends, so tests can compare responses with the dataset directly.
//
// Handinger shapes follow the official SDK (@ramensoft/handinger 0.14.0: Worker, Webhook,
// WebhookExecution, Task). Cadenya shapes follow /work/shared/api/cadenya.md and the
// official TypeScript SDK: optional fields are left out of the object, not set to null,
// as a proto3 JSON encoder does.

// ---------------------------------------------------------------- Handinger

export type HandingerWorkerStatus = 'running' | 'completed' | 'pending';

/** `GET /api/workers/{id}`: the SDK's `Worker` (snake_case fields are the API's own). */
export interface HandingerWorker {
  id: string;
  created_at: number | null; // unix seconds
  error: null;
  files: HandingerFile[];
  incomplete_details: null;
  messages: unknown[];
  metadata: Record<string, unknown>;
  object: 'worker';
  output: HandingerOutputMessage[];
  output_text: string;
  running: boolean;
  sources: Array<{ id: string; title: string | null; type: 'url'; url: string }>;
  status: HandingerWorkerStatus;
  structured_output: Record<string, unknown> | null;
  /** Dashboard link. */
  url: string;
  usage?: { durationMs?: number };
}

export interface HandingerFile {
  filename: string | null;
  mediaType: string;
  url: string;
  size?: number;
}

export interface HandingerOutputMessage {
  id: string;
  content: Array<{ text: string; type: 'output_text' }>;
  role: 'assistant';
  status: 'completed';
  type: 'message';
}

/** `GET /api/workers/{id}/webhook`: both null when no webhook is configured. */
export interface HandingerWebhook {
  token: string | null;
  url: string | null;
}

/** One entry of `logs` in `GET /api/workers/{id}/webhook/executions`. */
export interface HandingerExecution {
  id: string;
  createdAt: string;
  durationMs: number;
  errorMessage: string | null;
  requestStatus: 'success' | 'error';
  responseStatus: number | null;
  taskId: string | null;
  taskTitle: string | null;
  url: string;
  workerId: string;
}

export type HandingerTaskStatus = 'pending' | 'running' | 'completed' | 'error' | 'aborted';

/** `task` in `GET /api/tasks/{taskId}`. */
export interface HandingerTask {
  id: string;
  completedAt: string | null;
  createdAt: string;
  createdByUserId: string | null;
  organizationId: string;
  status: HandingerTaskStatus;
  title: string;
  totals: { credits: number; durationMs: number; turnCount: number };
  triggeredBy: 'api' | 'email' | 'schedule' | 'ui';
  url: string;
  workerId: string;
}

// ---------------------------------------------------------------- Cadenya

export type CadenyaLabels = Record<string, string>;

export interface CadenyaWorkspace {
  metadata: {
    id: string;
    accountId: string;
    name: string;
    profileId: string;
    externalId?: string;
    labels?: CadenyaLabels;
  };
  spec: { description?: string };
  status?: 'STATUS_ENABLED' | 'STATUS_DISABLED' | 'STATUS_ARCHIVED';
}

export type CadenyaAgentLegacyStatus = 'AGENT_STATUS_DRAFT' | 'AGENT_STATUS_PUBLISHED' | 'AGENT_STATUS_ARCHIVED';
export type CadenyaAgentState = 'STATE_DRAFT' | 'STATE_PUBLISHED' | 'STATE_ARCHIVED';

/**
 * Older API versions report the lifecycle in `spec.status`, newer ones in a top-level
 * `state`; the dataset has agents of both kinds.
 */
export interface CadenyaAgent {
  metadata: {
    id: string;
    accountId: string;
    createdAt: string;
    name: string;
    profileId: string;
    workspaceId: string;
    externalId?: string;
    labels?: CadenyaLabels;
  };
  spec: { description?: string; webhookEventsUrl?: string; status?: CadenyaAgentLegacyStatus };
  state?: CadenyaAgentState;
  info?: { variationCount: number };
}

/** Cadenya's `OperationMetadata`, shared by objectives, their events and deliveries. */
export interface CadenyaOperationMetadata {
  id: string;
  accountId: string;
  createdAt: string;
  profileId: string;
  workspaceId: string;
  externalId?: string;
  labels?: CadenyaLabels;
}

export type CadenyaDeliveryMetadata = CadenyaOperationMetadata;

export type CadenyaObjectiveState =
  | 'STATE_PENDING'
  | 'STATE_RUNNING'
  | 'STATE_WAITING'
  | 'STATE_FAILED'
  | 'STATE_CANCELLED'
  | 'STATE_FINALIZED'
  | 'STATE_TIMED_OUT';

/**
 * `GET /v1/workspaces/{ws}/objectives/{id}`. Cadenya objectives have no title field: the
 * human-readable text is `firstUserMessage` (what a UI shows as the objective's title).
 */
export interface CadenyaObjective {
  metadata: CadenyaOperationMetadata;
  agentId: string;
  state: CadenyaObjectiveState;
  stateMessage?: string;
  firstUserMessage: string;
  parentObjectiveId?: string;
  info: { totalEvents: number; totalToolCalls: number };
}

/**
 * An item of `GET …/objectives/{id}/events`. `data` is a tagged union in the SDK:
 * `{ type: 'toolCalled', toolCalled: {...} }`; the tag is the camelCase form of the
 * `OBJECTIVE_EVENT_TYPE_*` name that deliveries carry in `eventType`.
 */
export interface CadenyaObjectiveEvent {
  metadata: CadenyaOperationMetadata;
  data: { type: string } & Record<string, unknown>;
  contextWindowId: string;
}

export type CadenyaDeliveryStatus =
  | 'WEBHOOK_DELIVERY_STATUS_UNSPECIFIED'
  | 'WEBHOOK_DELIVERY_STATUS_PENDING'
  | 'WEBHOOK_DELIVERY_STATUS_COMPLETED'
  | 'WEBHOOK_DELIVERY_STATUS_FAILED'
  | 'WEBHOOK_DELIVERY_STATUS_DISABLED';

/**
 * `data` of a webhook delivery. When no response was received (timeouts, connection
 * errors, pending or disabled deliveries) `httpStatusCode` is 0, as in the API reference's
 * examples, and `responseContentLength` and `responseHeaders` are absent; `latencyMs` is 0
 * when no attempt was made or the connection failed before any answer; `lastAttemptAt` is
 * absent when no attempt was made. (The server always sends both numbers; they stay
 * optional here because control-API callers may remove them.)
 */
export interface CadenyaDeliveryData {
  agentId: string;
  objectiveId: string;
  objectiveEventId: string;
  webhookId: string;
  webhookUrl: string;
  status: CadenyaDeliveryStatus;
  attemptCount: number;
  lastAttemptAt?: string;
  httpStatusCode?: number;
  latencyMs?: number;
  /** `OBJECTIVE_EVENT_TYPE_*`; includes values the public docs do not list. */
  eventType: string;
  /** int64 as text, as proto3 JSON encodes it. */
  responseContentLength?: string;
  errorMessage?: string;
  responseHeaders?: Record<string, string>;
}

export interface CadenyaDelivery {
  data: CadenyaDeliveryData;
  metadata: CadenyaDeliveryMetadata;
}

// ---------------------------------------------------------------- the whole dataset

/**
 * Everything a sample server serves. Lists are kept in the order the API returns them:
 * executions and deliveries newest first (by id, which is a time-ordered ULID), objective
 * events oldest first. Live additions mutate these collections in place.
 */
export interface SampleDataset {
  readonly seed: number;
  readonly now: Date;
  readonly workers: HandingerWorker[];
  /** By worker id. */
  readonly webhooks: Map<string, HandingerWebhook>;
  /** By worker id, newest first. */
  readonly executions: Map<string, HandingerExecution[]>;
  /** By task id. */
  readonly tasks: Map<string, HandingerTask>;
  readonly workspaces: CadenyaWorkspace[];
  readonly agents: CadenyaAgent[];
  /** By objective id. */
  readonly objectives: Map<string, CadenyaObjective>;
  /** By objective id, oldest first. */
  readonly objectiveEvents: Map<string, CadenyaObjectiveEvent[]>;
  /** By agent id, newest first. */
  readonly deliveries: Map<string, CadenyaDelivery[]>;
}
