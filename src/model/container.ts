// What deliveries belong to: a Handinger worker, or a Cadenya workspace and its agents.
// The tree shows these as parent nodes; only workers and agents hold deliveries.

import type { ProviderId } from './delivery';

export type ContainerKind = 'worker' | 'workspace' | 'agent';

export interface Container {
  readonly provider: ProviderId;
  readonly kind: ContainerKind;
  readonly id: string;
  /** The account it was listed with; absent for the default account. */
  readonly accountId?: string;
  /** Set on Cadenya agents: their deliveries are read through workspace-scoped paths. */
  readonly workspaceId?: string;
  /** Display name; Handinger workers have none, so their id is used. */
  readonly name: string;
  readonly description?: string;
  /** Normalised lower-case status, e.g. 'running', 'published', 'draft', 'archived'. */
  readonly status?: string;
  readonly dashboardUrl?: string;
  readonly raw: unknown;
}

/** One page of containers; `continuation` absent means the end. */
export interface ContainerPage {
  readonly items: readonly Container[];
  readonly continuation?: string;
}
