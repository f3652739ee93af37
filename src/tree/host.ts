// What nodes need from the tree around them, kept as an interface so nodes stay small.
import type { ProviderHub } from '../services/providerHub';
import type { AccountRef } from '../model/accounts';
import type { TreeNode } from './node';
import type { FeedRegistry } from '../model/feeds';
import type { DeliveryFeed } from '../model/feed';
import type { ProviderError } from '../model/errors';

export interface TreeHost {
  readonly hub: ProviderHub;
  /** Every worker's and agent's deliveries: nodes are views of these. */
  readonly feeds: FeedRegistry;
  /** Whether live refresh watches a feed, and its last failure. */
  isLive(feed: DeliveryFeed): boolean;
  liveError(feed: DeliveryFeed): ProviderError | undefined;
  /** Re-renders one node (its item and children), or everything. */
  refresh(node?: TreeNode): void;
  /** A node is rendering its children now: what changed before is in them. */
  rendering(node: TreeNode): void;
  /** Surfaces an error that needs the user (a rejected key) as a notification with its action. */
  reportError(error: unknown, account: AccountRef): void;
  /** Whether a worker or agent (by node id) is shown grouped by trigger; kept across sessions. */
  isGrouped(nodeId: string): boolean;
  setGrouped(nodeId: string, grouped: boolean): void;
}
