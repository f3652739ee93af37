// Reading back what a detail page saved with setState, after a window reload. The state
// holds ids only (headers and error text must not reach disk), went through the page (which
// displays hostile data), and is checked field by field like any other untrusted JSON: a
// wrong field is dropped, a state without a usable delivery is refused.
import type { Delivery, EventType, Outcome, ProviderId, RelatedRef } from '../model/delivery';
import { timeOf } from '../model/delivery';
import type { DeliveryRef, RelatedSummary } from './protocol';

type Json = Record<string, unknown>;

const PROVIDERS: readonly string[] = ['handinger', 'cadenya'] satisfies ProviderId[];
const OUTCOMES: readonly string[] = ['succeeded', 'failed', 'pending', 'disabled', 'unknown'] satisfies Outcome[];
const RELATED_KINDS: readonly string[] = ['task', 'objective'];

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(record: Json, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function num(record: Json, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringMap(record: Json, key: string): Record<string, string> | undefined {
  const value = record[key];
  if (!isJson(value)) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function eventType(value: unknown): EventType | undefined {
  if (!isJson(value)) {
    return undefined;
  }
  const raw = str(value, 'raw');
  const label = str(value, 'label');
  return raw !== undefined && label !== undefined ? { raw, label } : undefined;
}

function relatedRef(value: unknown): RelatedRef | undefined {
  if (!isJson(value)) {
    return undefined;
  }
  const kind = str(value, 'kind');
  const id = str(value, 'id');
  if (kind === undefined || !RELATED_KINDS.includes(kind) || id === undefined) {
    return undefined;
  }
  return { kind: kind as RelatedRef['kind'], id, title: str(value, 'title') };
}

/** A Delivery rebuilt from JSON, or undefined without provider, id and outcome. */
export function readDelivery(value: unknown): Delivery | undefined {
  if (!isJson(value)) {
    return undefined;
  }
  const provider = str(value, 'provider');
  const id = str(value, 'id');
  const outcome = str(value, 'outcome');
  if (provider === undefined || !PROVIDERS.includes(provider) || !id || outcome === undefined || !OUTCOMES.includes(outcome)) {
    return undefined;
  }
  const createdAt = str(value, 'createdAt') ?? '';
  return {
    provider: provider as ProviderId,
    id,
    containerId: str(value, 'containerId') ?? '',
    workspaceId: str(value, 'workspaceId'),
    createdAt,
    time: timeOf(createdAt),
    outcome: outcome as Outcome,
    rawStatus: str(value, 'rawStatus'),
    httpStatus: num(value, 'httpStatus'),
    latencyMs: num(value, 'latencyMs'),
    attemptCount: num(value, 'attemptCount'),
    lastAttemptAt: str(value, 'lastAttemptAt'),
    targetUrl: str(value, 'targetUrl'),
    webhookId: str(value, 'webhookId'),
    eventType: eventType(value['eventType']),
    errorMessage: str(value, 'errorMessage'),
    responseHeaders: stringMap(value, 'responseHeaders'),
    responseSize: num(value, 'responseSize'),
    related: relatedRef(value['related']),
    labels: stringMap(value, 'labels'),
    raw: value['raw'],
  };
}

export function readRelatedSummary(value: unknown): RelatedSummary | undefined {
  const ref = relatedRef(value);
  if (!ref || !isJson(value)) {
    return undefined;
  }
  return { ...ref, status: str(value, 'status'), url: str(value, 'url') };
}

/** The ids a panel saves: enough to find the delivery again, nothing it said. */
export function deliveryRef(delivery: Delivery): DeliveryRef {
  return {
    provider: delivery.provider,
    id: delivery.id,
    containerId: delivery.containerId,
    workspaceId: delivery.workspaceId,
    createdAt: delivery.createdAt,
    related: delivery.related && { kind: delivery.related.kind, id: delivery.related.id },
  };
}

/** A delivery known by its ids only, shown until the API answers ("unknown" outcome). */
function fromRef(value: unknown): Delivery | undefined {
  if (!isJson(value)) {
    return undefined;
  }
  const provider = str(value, 'provider');
  const id = str(value, 'id');
  const containerId = str(value, 'containerId');
  if (provider === undefined || !PROVIDERS.includes(provider) || !id || !containerId) {
    return undefined;
  }
  const createdAt = str(value, 'createdAt') ?? '';
  const related = relatedRef(value['related']);
  return {
    provider: provider as ProviderId,
    id,
    containerId,
    workspaceId: str(value, 'workspaceId'),
    createdAt,
    time: timeOf(createdAt),
    outcome: 'unknown',
    related: related && { kind: related.kind, id: related.id },
    raw: undefined,
  };
}

/**
 * The saved state of a detail page as a delivery known by its ids, or undefined when it
 * names none. A version 1 state (which held the whole delivery) gives up all but the ids.
 */
export function readPanelState(value: unknown): { readonly delivery: Delivery; readonly following: boolean } | undefined {
  if (!isJson(value) || (value['version'] !== 1 && value['version'] !== 2)) {
    return undefined;
  }
  const delivery = value['version'] === 2 ? fromRef(value['ref']) : readDelivery(value['delivery']) && fromRef(value['delivery']);
  return delivery && { delivery, following: value['following'] === true };
}
