// The sidebar tree's data provider. The two provider roots live as long as the extension;
// nodes below them keep their loaded deliveries across refreshes, and one node can be
// refreshed alone.
import * as vscode from 'vscode';
import type { ProviderHub } from '../services/providerHub';
import type { ProviderId } from '../model/delivery';
import { isProviderError } from '../model/errors';
import type { TreeNode } from './node';
import type { TreeHost } from './host';
import { ChangeTiming } from './changeTiming';
import { CadenyaRootNode, HandingerRootNode, type ProviderRootNode } from './providerNodes';
import type { ContainerNode } from './containerNode';
import { DeliveryNode } from './deliveryNode';
import { affectsAccounts, affectsWorkers } from '../config/settings';
import { accountTitle, DEFAULT_ACCOUNT_ID, type AccountRef } from '../model/accounts';
import { account, accounts } from '../config/settings';
import { COMMANDS } from '../commands/ids';
import type { FeedRegistry } from '../model/feeds';
import type { DeliveryFeed } from '../model/feed';
import type { ProviderError } from '../model/errors';
import { messageText } from '../model/safeText';

/** globalState key: ids of the worker and agent nodes shown grouped by trigger. */
const GROUPED_KEY = 'webhookDeliveries.groupedNodes';
const MAX_GROUPED_REMEMBERED = 200;

/** One "your key was rejected" notification per provider per this many ms. */
const AUTH_NOTICE_INTERVAL_MS = 60_000;

export class DeliveriesTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeHost, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly handingerRoot: HandingerRootNode;
  readonly cadenyaRoot: CadenyaRootNode;
  private readonly disposables: vscode.Disposable[] = [];
  /** By `provider/account`. */
  private readonly lastAuthNotice = new Map<string, number>();
  /** Feeds live refresh watches (by key), and the last failure of each; LiveRefresh sets them. */
  readonly watched = new Set<string>();
  readonly liveErrors = new Map<string, ProviderError>();
  /** Nodes whose children are being fetched, and those to re-render when that ends. */
  private readonly fetching = new Map<TreeNode, number>();
  private readonly deferred = new Set<TreeNode>();
  /** Nodes to re-render at the end of this task, told to VS Code as one event (see refresh). */
  private readonly pending = new Set<TreeNode | undefined>();
  private flushing: ReturnType<typeof setTimeout> | undefined;
  /** Reveals waiting for the pending change to be told (see whenTold). */
  private readonly afterFlush: (() => void)[] = [];
  private readonly timing = new ChangeTiming(() => performance.now());

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
      hub.onDidChange(({ provider, accountId }) => {
        // A new key or base URL may mean another organisation: the account's feeds start over
        // (reads under way are dropped) and its workers, workspaces and agents are listed again.
        // Other accounts keep what they listed.
        feeds.resetAccount(provider, accountId);
        const root = this.root(provider);
        const lister = root.resetAccount(accountId);
        this.refresh(lister ?? root);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsWorkers(event)) {
          for (const lister of this.handingerRoot.accountRows()) {
            lister.reset();
          }
          this.handingerRoot.reset();
        }
        // Accounts added, renamed or removed: the provider rows show them anew. Each row is
        // refreshed as a node (never the whole tree), so a fetch of its children under way
        // is waited for instead of doubled.
        if (affectsAccounts(event) || affectsWorkers(event)) {
          this.refreshRoots();
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
          this.refresh(node);
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
    // VS Code asks for parents when revealing a row it does not know yet, often one a change
    // still waiting to be told has just placed: tell it first, as it was before the reveal.
    this.flushNow();
    return node.parent;
  }

  /** Tells VS Code now what refresh() would tell it at the end of this task. */
  flushNow(): void {
    if (this.flushing) {
      clearTimeout(this.flushing);
      this.flush();
    }
  }

  /**
   * Resolves once what is pending has been told: now, or, within 200 ms of the last change,
   * when VS Code takes it at once. A reveal waits for VS Code to have re-drawn what changed;
   * told sooner, VS Code would hold the change (and the reveal) 200 ms from then.
   */
  whenTold(): Promise<void> {
    if (!this.flushing) {
      return Promise.resolve();
    }
    if (this.timing.wait() === 0) {
      this.flushNow();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.afterFlush.push(resolve));
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

  /** Lists every account's workers and every Cadenya workspace's first page of agents, then returns all workers and agents. */
  async listAllContainers(): Promise<ContainerNode[]> {
    await Promise.all([this.handingerRoot.listAll(), this.cadenyaRoot.listAll()]);
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
    // Told at the end of this task, with every other node asked for meanwhile, as one event.
    // VS Code passes a tree's first change on at once but holds any other that follows within
    // 200 ms until 200 ms after it: a feed change and its read ending (two changes a
    // millisecond apart) re-drew a node 200 ms late, and a part and its Load more row too.
    // A change soon after the last one told waits until VS Code takes it at once (changeTiming).
    this.pending.add(node);
    this.flushing ??= setTimeout(() => this.flush(), this.timing.wait());
  }

  private flush(): void {
    this.flushing = undefined;
    const nodes = [...this.pending];
    this.pending.clear();
    try {
      this.tellNodes(nodes);
    } finally {
      for (const resolve of this.afterFlush.splice(0)) {
        resolve();
      }
    }
  }

  private tellNodes(nodes: readonly (TreeNode | undefined)[]): void {
    if (nodes.includes(undefined)) {
      this.tell(undefined);
      return;
    }
    const ready: TreeNode[] = [];
    for (const node of nodes as TreeNode[]) {
      if (this.fetching.has(node)) {
        this.deferred.add(node);
      } else {
        ready.push(node);
      }
    }
    if (ready.length > 0) {
      this.tell(ready.length === 1 ? ready[0] : ready);
    }
  }

  private tell(change: TreeNode | TreeNode[] | undefined): void {
    this.timing.told();
    this.changed.fire(change);
  }

  /**
   * Re-renders both provider rows and what is under them, each as a node: a fetch of a row's
   * children under way is waited for instead of doubled (which a refresh of the whole tree
   * cannot do, and VS Code then refuses the rows as already registered).
   */
  refreshRoots(): void {
    for (const root of [this.handingerRoot, this.cadenyaRoot]) {
      // Each row reads its key state first: its item says where the key comes from.
      void root.prepare().then(() => this.refresh(root));
      // An account row fetching its children now re-renders once that fetch ends.
      for (const row of root.accountRows()) {
        void row.prepare().then(() => this.refresh(row));
      }
    }
  }

  reportError(error: unknown, ref: AccountRef): void {
    if (!isProviderError(error) || error.kind !== 'unauthorized') {
      return;
    }
    const now = Date.now();
    const id = `${ref.provider}/${ref.accountId}`;
    if (now - (this.lastAuthNotice.get(id) ?? 0) < AUTH_NOTICE_INTERVAL_MS) {
      return;
    }
    this.lastAuthNotice.set(id, now);
    const setKey = vscode.l10n.t('Set API key');
    const name = accountTitle(ref.provider === 'handinger' ? 'Handinger' : 'Cadenya', { name: messageText(account(ref.provider, ref.accountId)?.name ?? ref.accountId, 60) }, accounts(ref.provider).length > 1);
    void vscode.window
      .showErrorMessage(vscode.l10n.t('{0} rejected the API key.', name), setKey)
      .then((choice) => (choice === setKey ? vscode.commands.executeCommand(COMMANDS.setApiKey, ref.accountId === DEFAULT_ACCOUNT_ID ? ref.provider : ref) : undefined));
  }

  dispose(): void {
    if (this.flushing) {
      clearTimeout(this.flushing);
    }
    for (const resolve of this.afterFlush.splice(0)) {
      resolve();
    }
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

/**
 * The view whose reveal first tells VS Code what the tree still has to tell it (changes are
 * told at the end of a task, or when VS Code takes them at once: see refresh and whenTold): a
 * row a change just placed is then known before VS Code is asked to show it. Everything else
 * is the view itself.
 */
export function revealingView(view: vscode.TreeView<TreeNode>, tree: DeliveriesTreeProvider): vscode.TreeView<TreeNode> {
  const reveal = (element: TreeNode, options?: Parameters<vscode.TreeView<TreeNode>['reveal']>[1]): Thenable<void> =>
    tree.whenTold().then(() => view.reveal(element, options));
  // The view VS Code gives is frozen: a new object over it, with a reveal of its own.
  return Object.create(view, { reveal: { value: reveal, enumerable: true } }) as vscode.TreeView<TreeNode>;
}
