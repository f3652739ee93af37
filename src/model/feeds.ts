// Every worker's and agent's feed, by a key that survives re-listing: the tree asks here for
// a node's feed, so a node made again (after Refresh re-lists) finds what was loaded. One
// change event for all feeds lets a view (panels, badge) listen once. No vscode here.
import type { Container } from './container';
import type { Delivery, ProviderId } from './delivery';
import { DEFAULT_ACCOUNT_ID } from './accounts';
import { DeliveryFeed, type FeedChange, type FeedLoader, type FeedOptions, type FeedSource } from './feed';

/**
 * `handinger/worker/<id>`, `cadenya/<workspace>/agent/<id>`, with `@<account>` after the
 * provider for an account other than the default: stable across refreshes, and two accounts'
 * workers with equal ids never share a feed.
 */
export function containerKey(container: Pick<Container, 'provider' | 'kind' | 'id' | 'workspaceId' | 'accountId'>): string {
  const account = container.accountId && container.accountId !== DEFAULT_ACCOUNT_ID ? `@${container.accountId}` : '';
  return `${container.provider}${account}/${container.workspaceId ? `${container.workspaceId}/` : ''}${container.kind}/${container.id}`;
}

/** The key of the worker or agent a delivery belongs to. */
export function deliveryContainerKey(delivery: Delivery): string {
  return containerKey({
    provider: delivery.provider,
    kind: delivery.provider === 'handinger' ? 'worker' : 'agent',
    id: delivery.containerId,
    workspaceId: delivery.provider === 'cadenya' ? delivery.workspaceId : undefined,
    accountId: delivery.accountId,
  });
}

export type FeedListener = (feed: DeliveryFeed, change: FeedChange) => void;

export class FeedRegistry {
  private readonly feeds = new Map<string, { feed: DeliveryFeed; container: Container }>();
  private readonly listeners = new Set<FeedListener>();

  constructor(
    /** Reads a page of a container's deliveries (the container is the latest one listed). */
    private readonly loaderFor: (container: () => Container) => FeedLoader | FeedSource,
    private readonly options: FeedOptions = {},
  ) {}

  /** The feed of a worker or agent, made on first use; its container is updated to this one. */
  feedFor(container: Container): DeliveryFeed {
    const key = containerKey(container);
    const entry = this.feeds.get(key);
    if (entry) {
      entry.container = container;
      return entry.feed;
    }
    const created: { feed: DeliveryFeed; container: Container } = {
      container,
      feed: new DeliveryFeed(key, this.loaderFor(() => created.container), this.options),
    };
    created.feed.onDidChange((change) => {
      for (const listener of [...this.listeners]) {
        listener(created.feed, change);
      }
    });
    this.feeds.set(key, created);
    return created.feed;
  }

  get(key: string): DeliveryFeed | undefined {
    return this.feeds.get(key)?.feed;
  }

  containerOf(feed: DeliveryFeed): Container | undefined {
    return this.feeds.get(feed.key)?.container;
  }

  all(): DeliveryFeed[] {
    return [...this.feeds.values()].map((entry) => entry.feed);
  }

  /** A new key or base URL: every feed of the account starts over (older reads are dropped). */
  resetAccount(provider: ProviderId, accountId: string = DEFAULT_ACCOUNT_ID): void {
    for (const { feed, container } of this.feeds.values()) {
      if (container.provider === provider && (container.accountId ?? DEFAULT_ACCOUNT_ID) === accountId) {
        feed.reset();
      }
    }
  }

  /** The loaded copy of a delivery, if its feed holds it. */
  find(delivery: Delivery): Delivery | undefined {
    return this.get(deliveryContainerKey(delivery))?.get(delivery.id);
  }

  /** A fresher copy of a delivery read elsewhere (the panel's Refresh) goes into its feed. */
  absorb(delivery: Delivery): void {
    this.get(deliveryContainerKey(delivery))?.absorb(delivery);
  }

  onDidChange(listener: FeedListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
