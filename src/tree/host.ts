// What nodes need from the tree around them, kept as an interface so nodes stay small.
import type { ProviderHub } from '../services/providerHub';
import type { ProviderId } from '../model/delivery';
import type { TreeNode } from './node';

export interface TreeHost {
  readonly hub: ProviderHub;
  /** Re-renders one node (its item and children), or everything. */
  refresh(node?: TreeNode): void;
  /** Surfaces an error that needs the user (a rejected key) as a notification with its action. */
  reportError(error: unknown, provider: ProviderId): void;
  /** Whether a worker or agent (by node id) is shown grouped by trigger; kept across sessions. */
  isGrouped(nodeId: string): boolean;
  setGrouped(nodeId: string, grouped: boolean): void;
}
