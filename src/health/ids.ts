// The commands route health's lenses and hover links run, and what a lens hands them.
export const HEALTH_COMMANDS = {
  /** Lens: the worker or agent in the tree, filtered to the route's deliveries (a Given RouteRef). */
  showRouteDeliveries: 'webhookDeliveries.showRouteDeliveries',
  /** Lens: the same filter, then its insights (a Given RouteRef). */
  showRouteInsights: 'webhookDeliveries.showRouteInsights',
  /** Hover link: `[feedKey, deliveryId]` as JSON; opens only a delivery a feed holds. */
  openRouteDelivery: 'webhookDeliveries.openRouteDelivery',
} as const;

/** What a lens hands its command: which worker or agent, and the text filter of the route. */
export interface RouteRef {
  readonly key: string;
  readonly filterText: string;
}

export function isRouteRef(value: unknown): value is RouteRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    typeof (value as { filterText?: unknown }).filterText === 'string'
  );
}
