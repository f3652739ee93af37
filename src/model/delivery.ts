// The one delivery model both providers map into. Provider quirks (field names, enums,
// numbers sent as strings) end in the provider folders; everything above them reads this.
// No HTTP and no VS Code here.

export type ProviderId = 'handinger' | 'cadenya';

/** What happened to a delivery, reduced to what a user scans a list for. */
export type Outcome = 'succeeded' | 'failed' | 'pending' | 'disabled' | 'unknown';

export interface EventType {
  /** The value exactly as the API sent it, e.g. `OBJECTIVE_EVENT_TYPE_TOOL_CALLED`. */
  readonly raw: string;
  /** Readable English, e.g. "Tool called"; also produced for values this code has never seen. */
  readonly label: string;
}

export interface RelatedRef {
  readonly kind: 'task' | 'objective';
  readonly id: string;
  readonly title?: string;
}

export interface Delivery {
  readonly provider: ProviderId;
  readonly id: string;
  /** Handinger worker id or Cadenya agent id. */
  readonly containerId: string;
  readonly workspaceId?: string;
  /** The account it was read with; absent for the default account (set above the providers). */
  readonly accountId?: string;
  /** ISO date-time as sent by the API ('' when it sent none). */
  readonly createdAt: string;
  /** `createdAt` as epoch ms; 0 when absent or unparsable, so sorting never meets NaN. */
  readonly time: number;
  readonly outcome: Outcome;
  /** The provider's own status value, kept so an unknown one can still be shown. */
  readonly rawStatus?: string;
  readonly httpStatus?: number;
  readonly latencyMs?: number;
  readonly attemptCount?: number;
  readonly lastAttemptAt?: string;
  readonly targetUrl?: string;
  readonly webhookId?: string;
  readonly eventType?: EventType;
  readonly errorMessage?: string;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** Response body size in bytes (Cadenya sends it as a string; non-numeric values are dropped). */
  readonly responseSize?: number;
  readonly related?: RelatedRef;
  readonly labels?: Readonly<Record<string, string>>;
  /** The record exactly as received, for a "raw JSON" view. */
  readonly raw: unknown;
}

/**
 * One page of a container's deliveries. `continuation` is opaque to callers (a page
 * position for Handinger, a cursor for Cadenya); absent means the end was reached.
 */
export interface DeliveryPage {
  readonly items: readonly Delivery[];
  readonly continuation?: string;
  /** Total number of deliveries, when the API says. */
  readonly totalCount?: number;
}

/** One page of a bulk read, with the continuation that reads it again (undefined: the newest page). */
export interface PageRead {
  readonly requested: string | undefined;
  readonly page: DeliveryPage;
}

/** Epoch ms of an ISO date-time, 0 when missing or unparsable. */
export function timeOf(iso: string | undefined): number {
  if (!iso) {
    return 0;
  }
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

// Prefixes that carry no meaning for a reader: the proto enum prefix and the
// `objective_event.` namespace used in the payloads Cadenya sends to endpoints.
const EVENT_TYPE_PREFIXES = [/^OBJECTIVE_EVENT_TYPE_/i, /^objective_event\./i];

/**
 * A readable label for an event type value. Known and unknown values are treated the
 * same way (prefix dropped, separators to spaces, sentence case), so a value added to
 * the API later still reads well and never throws.
 */
export function eventTypeLabel(raw: string): string {
  const cached = LABELS.get(raw);
  if (cached !== undefined) {
    return cached;
  }
  const label = humanise(raw);
  // A handful of values repeat across thousands of deliveries; the cap bounds hostile input.
  if (LABELS.size < MAX_CACHED_LABELS) {
    LABELS.set(raw, label);
  }
  return label;
}

const LABELS = new Map<string, string>();
const MAX_CACHED_LABELS = 500;

function humanise(raw: string): string {
  let rest = raw.trim();
  for (const prefix of EVENT_TYPE_PREFIXES) {
    rest = rest.replace(prefix, '');
  }
  const words = rest
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
  if (words.length === 0) {
    return raw.trim().length > 0 ? raw.trim() : 'Unknown event';
  }
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The `eventType` field of a Delivery for a raw value, or undefined when there is none. */
export function eventTypeOf(raw: string | undefined): EventType | undefined {
  return raw === undefined || raw === '' ? undefined : { raw, label: eventTypeLabel(raw) };
}
