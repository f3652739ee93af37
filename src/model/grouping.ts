// "Group by trigger": deliveries grouped under the Handinger task or Cadenya objective that
// caused them, with counts and the worst outcome. No HTTP and no VS Code here.
import type { Delivery, Outcome, RelatedRef } from './delivery';

/** Outcomes from worst to best: a group shows the first one any of its deliveries has. */
const SEVERITY: readonly Outcome[] = ['failed', 'unknown', 'pending', 'disabled', 'succeeded'];

export interface TriggerGroup {
  /** Stable across refreshes: `task:<id>`, `objective:<id>`, or `none`. */
  readonly key: string;
  /** The trigger; undefined for the group of deliveries that name none. */
  readonly trigger?: RelatedRef;
  /** Newest first, in the order they were given. */
  readonly deliveries: readonly Delivery[];
  readonly counts: Readonly<Record<Outcome, number>>;
  readonly worst: Outcome;
  /** Epoch ms of the newest delivery (0 when none has a time). */
  readonly newest: number;
  /** Epoch ms of the oldest delivery that has a time (0 when none has). */
  readonly oldest: number;
}

export const NO_TRIGGER_KEY = 'none';

export function triggerKey(delivery: Delivery): string {
  return delivery.related ? `${delivery.related.kind}:${delivery.related.id}` : NO_TRIGGER_KEY;
}

export function worstOutcome(outcomes: Iterable<Outcome>): Outcome {
  let worst = SEVERITY.length - 1;
  for (const outcome of outcomes) {
    worst = Math.min(worst, SEVERITY.indexOf(outcome));
  }
  return SEVERITY[worst] ?? 'succeeded';
}

interface Building {
  key: string;
  trigger?: RelatedRef;
  deliveries: Delivery[];
  counts: Record<Outcome, number>;
  newest: number;
  oldest: number;
}

/**
 * Groups deliveries by trigger. Groups come in the order of their newest delivery, newest
 * first (the list is already newest first, so first seen is newest); the group of
 * deliveries without a trigger comes last. A trigger's title is the first one any of its
 * deliveries carries, since older records may predate a rename or lack it.
 */
export function groupByTrigger(deliveries: readonly Delivery[]): TriggerGroup[] {
  const groups = new Map<string, Building>();
  for (const delivery of deliveries) {
    const key = triggerKey(delivery);
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        trigger: delivery.related,
        deliveries: [],
        counts: { succeeded: 0, failed: 0, pending: 0, disabled: 0, unknown: 0 },
        newest: 0,
        oldest: 0,
      };
      groups.set(key, group);
    } else if (group.trigger && group.trigger.title === undefined && delivery.related?.title !== undefined) {
      group.trigger = delivery.related;
    }
    group.deliveries.push(delivery);
    group.counts[delivery.outcome]++;
    group.newest = Math.max(group.newest, delivery.time);
    if (delivery.time > 0 && (group.oldest === 0 || delivery.time < group.oldest)) {
      group.oldest = delivery.time;
    }
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if ((a.key === NO_TRIGGER_KEY) !== (b.key === NO_TRIGGER_KEY)) {
      return a.key === NO_TRIGGER_KEY ? 1 : -1;
    }
    return b.newest - a.newest;
  });
  return ordered.map((group) => ({
    ...group,
    worst: worstOutcome(Object.entries(group.counts).filter(([, n]) => n > 0).map(([outcome]) => outcome as Outcome)),
  }));
}
