// The sidebar tree's data provider. The two provider roots live as long as the extension;
// nodes below them keep their loaded deliveries across refreshes, and one node can be
// refreshed alone.
import * as vscode from 'vscode';
import type { ProviderHub } from '../services/providerHub';
import type { ProviderId } from '../model/delivery';
import { isProviderError } from '../model/errors';
import type { TreeNode } from './node';
import type { TreeHost } from './host';
import { CadenyaRootNode, HandingerRootNode, WorkspaceNode, type ProviderRootNode } from './providerNodes';
import type { ContainerNode } from './containerNode';
import { DeliveryNode } from './deliveryNode';
import { affectsWorkers } from '../config/settings';
import { COMMANDS } from '../commands/ids';
import type { FeedRegistry } from '../model/feeds';
import type { DeliveryFeed } from '../model/feed';
import type { ProviderError } from '../model/errors';

/** globalState key: ids of the worker and agent nodes shown grouped by trigger. */
const GROUPED_KEY = 'webhookDeliveries.groupedNodes';
const MAX_GROUPED_REMEMBERED = 200;

/** One "your key was rejected" notification per provider per this many ms. */
const AUTH_NOTICE_INTERVAL_MS = 60_000;

export class DeliveriesTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeHost, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly handingerRoot: HandingerRootNode;
  readonly cadenyaRoot: CadenyaRootNode;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lastAuthNotice = new Map<ProviderId, number>();
  /** Feeds live refresh watches (by key), and the last failure of each; LiveRefresh sets them. */
  readonly watched = new Set<string>();
  readonly liveErrors = new Map<string, ProviderError>();
  /** Nodes whose children are being fetched, and those to re-render when that ends. */
  private readonly fetching = new Map<TreeNode, number>();
  private readonly deferred = new Set<TreeNode>();

  constructor(
    readonly hub: ProviderHub,
    readonly feeds: FeedRegistry,
    /** Where view choices (grouping) are kept; the extension passes its globalState. */
    private readonly memento?: vscode.Memento,
  ) {
    this.handingerRoot = new HandingerRootNode(this);
    this.cadenyaRoot = new CadenyaRootNode(this);
    const feedSubscription = feeds.onDidChange((feed, change) => this.containerOf(feed)?.feedChanged(change));
    this.disposables.push(
      this.changed,
      { dispose: () => feedSubscription.dispose() },
      hub.onDidChange((provider) => {
        // A new key or base URL may mean another account: its feeds start over (reads under
        // way are dropped) and its workers, workspaces and agents are listed again.
        feeds.resetProvider(provider);
        const root = this.root(provider);
        root.resetAll();
        this.refresh(root);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsWorkers(event)) {
          this.handingerRoot.reset();
          this.refresh(this.handingerRoot);
        }
      }),
    );
  }

  root(provider: ProviderId): ProviderRootNode {
    return provider === 'handinger' ? this.handingerRoot : this.cadenyaRoot;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      return Promise.all([this.handingerRoot.prepare(), this.cadenyaRoot.prepare()]);
    }
    this.fetching.set(node, (this.fetching.get(node) ?? 0) + 1);
    try {
      return await node.getChildren();
    } finally {
      const left = (this.fetching.get(node) ?? 1) - 1;
      if (left > 0) {
        this.fetching.set(node, left);
      } else {
        this.fetching.delete(node);
        if (this.deferred.delete(node)) {
          // After VS Code has registered what this fetch returned.
          setTimeout(() => this.changed.fire(node), 0);
        }
      }
    }
  }

  /** Builds a delivery's tooltip when it is hovered, so listing thousands stays cheap. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip === undefined && node instanceof DeliveryNode) {
      item.tooltip = node.tooltip();
    }
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The node showing a feed, when one is listed. */
  containerOf(feed: DeliveryFeed): ContainerNode | undefined {
    return this.containers().find((node) => node.id === feed.key);
  }

  isLive(feed: DeliveryFeed): boolean {
    return this.watched.has(feed.key);
  }

  liveError(feed: DeliveryFeed): ProviderError | undefined {
    return this.liveErrors.get(feed.key);
  }

  /** Every worker and agent node listed so far. */
  containers(): ContainerNode[] {
    return [...this.handingerRoot.containers(), ...this.cadenyaRoot.containers()];
  }

  /** Lists the roots and every Cadenya workspace's first page of agents, then returns all workers and agents. */
  async listAllContainers(): Promise<ContainerNode[]> {
    await this.handingerRoot.getChildren();
    const workspaces = await this.cadenyaRoot.getChildren();
    await Promise.all(workspaces.filter((n) => n instanceof WorkspaceNode).map((n) => n.getChildren()));
    return this.containers();
  }

  isGrouped(nodeId: string): boolean {
    return this.memento?.get<string[]>(GROUPED_KEY, []).includes(nodeId) ?? false;
  }

  setGrouped(nodeId: string, grouped: boolean): void {
    const current = this.memento?.get<string[]>(GROUPED_KEY, []) ?? [];
    const next = current.filter((id) => id !== nodeId);
    if (grouped) {
      // Bounded: the oldest choices go first.
      next.push(nodeId);
    }
    void this.memento?.update(GROUPED_KEY, next.slice(-MAX_GROUPED_REMEMBERED));
  }

  rendering(node: TreeNode): void {
    this.deferred.delete(node);
  }

  /**
   * Re-renders a node (or everything). A node whose children VS Code is fetching right now
   * is re-rendered once that fetch ends: a second fetch of the same children while the first
   * is pending makes VS Code register the same rows twice ("already registered").
   */
  refresh(node?: TreeNode): void {
    if (node && this.fetching.has(node)) {
      this.deferred.add(node);
      return;
    }
    this.changed.fire(node);
  }

  reportError(error: unknown, provider: ProviderId): void {
    if (!isProviderError(error) || error.kind !== 'unauthorized') {
      return;
    }
    const now = Date.now();
    if (now - (this.lastAuthNotice.get(provider) ?? 0) < AUTH_NOTICE_INTERVAL_MS) {
      return;
    }
    this.lastAuthNotice.set(provider, now);
    const setKey = vscode.l10n.t('Set API key');
    const name = provider === 'handinger' ? 'Handinger' : 'Cadenya';
    void vscode.window
      .showErrorMessage(vscode.l10n.t('{0} rejected the API key.', name), setKey)
      .then((choice) => (choice === setKey ? vscode.commands.executeCommand(COMMANDS.setApiKey, provider) : undefined));
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
