// Per worker/agent filters. Outcome and text apply to what is loaded; event type and
// objective id go to the server (Cadenya) and so change what is loaded.
import type { Delivery, Outcome } from './delivery';

export type OutcomeFilter = Exclude<Outcome, 'unknown' | 'disabled'> | 'all';

export interface DeliveryFilter {
  readonly outcome: OutcomeFilter;
  readonly text?: string;
  readonly eventType?: string;
  readonly objectiveId?: string;
}

export const NO_FILTER: DeliveryFilter = { outcome: 'all' };

export function isFiltered(filter: DeliveryFilter): boolean {
  return filter.outcome !== 'all' || Boolean(filter.text || filter.eventType || filter.objectiveId);
}

/** True when a change of filter needs a new request (server-side filters changed). */
export function serverFiltersDiffer(a: DeliveryFilter, b: DeliveryFilter): boolean {
  return (a.eventType ?? '') !== (b.eventType ?? '') || (a.objectiveId ?? '') !== (b.objectiveId ?? '');
}

export function matchesFilter(delivery: Delivery, filter: DeliveryFilter): boolean {
  if (filter.outcome !== 'all' && delivery.outcome !== filter.outcome) {
    return false;
  }
  const text = filter.text?.trim().toLowerCase();
  if (text) {
    const haystack = [delivery.id, delivery.targetUrl, delivery.errorMessage, delivery.httpStatus?.toString()]
      .filter((value): value is string => Boolean(value))
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(text)) {
      return false;
    }
  }
  return true;
}

/** The parts of a filter, for a node description such as "failed · “timeout”". */
export function describeFilter(filter: DeliveryFilter, eventLabel: (raw: string) => string): string[] {
  const parts: string[] = [];
  if (filter.outcome !== 'all') {
    parts.push(filter.outcome);
  }
  if (filter.eventType) {
    parts.push(eventLabel(filter.eventType));
  }
  if (filter.objectiveId) {
    parts.push(filter.objectiveId);
  }
  if (filter.text) {
    parts.push(`“${filter.text}”`);
  }
  return parts;
}
