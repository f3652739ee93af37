// A Handinger worker or a Cadenya agent: the node that holds deliveries. Expanding it loads
// the newest page; "Load more" appends the next one for this node only; a failed load
// shows an error node under what was already loaded, which stays.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { DeliveryNode } from './deliveryNode';
import { ErrorNode, LoadMoreNode, MessageNode } from './messageNodes';
import { DeliveryList } from '../model/deliveryList';
import type { Container } from '../model/container';
import type { Delivery, DeliveryPage } from '../model/delivery';
import { eventTypeLabel } from '../model/delivery';
import { ProviderError } from '../model/errors';
import { describeFilter, isFiltered, matchesFilter, NO_FILTER, serverFiltersDiffer, type DeliveryFilter } from './filter';
import type { TreeHost } from './host';
import { cadenyaPageSize } from '../config/settings';
import { oneLine } from './format';
import { groupByTrigger, triggerKey, type TriggerGroup } from '../model/grouping';
import { GroupNode, type GroupParent } from './groupNode';
import { treeText } from '../model/safeText';

export class ContainerNode extends TreeNode implements GroupParent {
  readonly id: string;
  private list: DeliveryList;
  private filterState: DeliveryFilter = NO_FILTER;
  private loadError: unknown;
  private refreshError: unknown;
  private loadingMore = false;
  private readonly nodes = new Map<string, DeliveryNode>();
  private groupsState = false;
  private readonly groupNodes = new Map<string, GroupNode>();
  /** Live refresh is on for this node. */
  live = false;
  /** Set when live refresh last failed; shown in the description until it succeeds. */
  liveError: ProviderError | undefined;

  constructor(
    parent: TreeNode,
    public container: Container,
    private readonly host: TreeHost,
    /** Set when checking a worker id failed; its deliveries are not loaded then. */
    public checkError?: unknown,
  ) {
    super(parent);
    this.id = `${container.provider}/${container.workspaceId ? `${container.workspaceId}/` : ''}${container.kind}/${container.id}`;
    this.list = this.newList();
    this.groupsState = host.isGrouped(this.id);
  }

  get filter(): DeliveryFilter {
    return this.filterState;
  }

  /** Deliveries are shown under the task or objective that caused them. */
  get grouped(): boolean {
    return this.groupsState;
  }

  setGrouped(grouped: boolean): void {
    if (grouped !== this.groupsState) {
      this.groupsState = grouped;
      this.host.setGrouped(this.id, grouped);
      this.groupNodes.clear();
      this.host.refresh(this);
    }
  }

  get provider(): Container['provider'] {
    return this.container.provider;
  }

  /** Loaded deliveries, newest first (before the outcome and text filters). */
  get deliveries(): readonly Delivery[] {
    return this.list.items;
  }

  get hasMore(): boolean {
    return this.list.hasMore;
  }

  get loaded(): boolean {
    return this.list.loaded;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(oneLine(this.container.name, 120), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const failing = this.checkError !== undefined;
    item.iconPath = failing
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(this.container.kind === 'worker' ? 'server-process' : 'hubot');
    const parts: string[] = [];
    if (this.container.status) {
      parts.push(treeText(this.container.status, 40));
    }
    parts.push(...describeFilter(this.filterState, eventTypeLabel));
    if (this.live) {
      parts.push(this.liveError ? vscode.l10n.t('live paused: {0}', this.liveError.kind) : vscode.l10n.t('live'));
    }
    item.description = parts.join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${this.container.name}\n`);
    tooltip.appendText(`${this.container.kind === 'worker' ? vscode.l10n.t('Worker') : vscode.l10n.t('Agent')}: ${this.container.id}`);
    if (this.container.description) {
      tooltip.appendText(`\n\n${this.container.description}`);
    }
    item.tooltip = tooltip;
    const context = [`container`, this.container.kind, this.provider];
    if (this.live) {
      context.push('live');
    }
    if (isFiltered(this.filterState)) {
      context.push('filtered');
    }
    if (this.groupsState) {
      context.push('grouped');
    }
    item.contextValue = context.join('.');
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (this.checkError !== undefined) {
      return [new ErrorNode(this, this.checkError, this.provider, () => this.host.refresh(this.parent))];
    }
    if (!this.list.loaded && this.loadError === undefined) {
      await this.run(() => this.list.loadMore());
    }
    return this.render();
  }

  /** Loads the next page (from "Load more"); resolves when the tree shows it. */
  async loadMore(): Promise<void> {
    await this.loadAtLeast(this.list.items.length + 1);
  }

  /**
   * Loads page after page until at least `count` deliveries are loaded, the list ends, or
   * `signal` aborts ("load the last N" before insights or an export). `progress` hears the
   * number loaded after each page. A failure keeps what was loaded and shows an error node.
   * Resolves to the number of deliveries loaded.
   */
  async loadAtLeast(count: number, signal?: AbortSignal, progress?: (loaded: number) => void): Promise<number> {
    if (this.loadingMore) {
      return this.list.items.length;
    }
    this.loadingMore = true;
    this.loadError = undefined;
    this.host.refresh(this);
    try {
      await this.run(async () => {
        while (this.list.items.length < count && this.list.hasMore && !signal?.aborted) {
          const added = await this.list.loadMore(signal);
          progress?.(this.list.items.length);
          if (added.length === 0) {
            break;
          }
        }
      });
    } finally {
      this.loadingMore = false;
      this.host.refresh(this);
    }
    return this.list.items.length;
  }

  /** Puts deliveries that arrived since the last load on top; returns them. Throws on failure. */
  async loadNewest(): Promise<readonly Delivery[]> {
    if (!this.list.loaded) {
      // Nothing shown yet: the first page is the newest.
      await this.list.loadMore();
      this.host.refresh(this);
      return [];
    }
    const fresh = await this.list.refreshNewest();
    this.refreshError = undefined;
    this.liveError = undefined;
    if (fresh.length > 0) {
      this.host.refresh(this);
    }
    return fresh;
  }

  /** A manual refresh: new deliveries on top, or an error node above what is loaded. */
  async refreshNewest(): Promise<void> {
    try {
      await this.loadNewest();
    } catch (error) {
      this.refreshError = error;
      this.host.reportError(error, this.provider);
    }
    this.host.refresh(this);
  }

  setFilter(filter: DeliveryFilter): void {
    const reload = serverFiltersDiffer(this.filterState, filter);
    this.filterState = filter;
    if (reload) {
      this.list = this.newList();
      this.nodes.clear();
      this.groupNodes.clear();
      this.loadError = undefined;
      this.refreshError = undefined;
    }
    this.host.refresh(this);
  }

  /** Retries whatever failed last. */
  retry(): void {
    if (this.refreshError !== undefined) {
      void this.refreshNewest();
    } else if (this.list.loaded) {
      void this.loadMore();
    } else {
      this.loadError = undefined;
      this.host.refresh(this);
    }
  }

  /** Forgets loaded deliveries (after a key change, for instance). */
  reset(): void {
    this.list = this.newList();
    this.nodes.clear();
    this.groupNodes.clear();
    this.loadError = undefined;
    this.refreshError = undefined;
    this.liveError = undefined;
  }

  /** The node of a delivery where the tree shows it: under this node, or under its group. */
  nodeFor(delivery: Delivery): DeliveryNode {
    let node = this.nodes.get(delivery.id);
    const parent = this.groupsState ? this.groupNode(triggerKey(delivery)) : this;
    if (!node || node.delivery !== delivery || node.parent !== parent) {
      const wasNew = node?.isNewFailure ?? false;
      node = new DeliveryNode(parent, delivery);
      node.isNewFailure = wasNew;
      this.nodes.set(delivery.id, node);
    }
    return node;
  }

  /** The loaded deliveries the filter lets through, newest first: what the tree shows. */
  visibleDeliveries(): Delivery[] {
    return this.list.items.filter((d) => matchesFilter(d, this.filterState));
  }

  /** The delivery nodes the tree shows now (after filters). */
  visibleNodes(): DeliveryNode[] {
    return this.visibleDeliveries().map((d) => this.nodeFor(d));
  }

  groupChildren(group: GroupNode): TreeNode[] {
    return group.group.deliveries.map((delivery) => this.nodeFor(delivery));
  }

  /** The loaded deliveries that pass the filter, grouped by trigger. */
  triggerGroups(): TriggerGroup[] {
    return groupByTrigger(this.visibleDeliveries());
  }

  /** The group node for a trigger key, made on first use (live refresh may ask before a render). */
  private groupNode(key: string, group?: TriggerGroup): GroupNode {
    let node = this.groupNodes.get(key);
    if (!node) {
      node = new GroupNode(this, key, group ?? { key, deliveries: [], counts: { succeeded: 0, failed: 0, pending: 0, disabled: 0, unknown: 0 }, worst: 'succeeded', newest: 0 });
      this.groupNodes.set(key, node);
    } else if (group) {
      node.group = group;
    }
    return node;
  }

  private render(): TreeNode[] {
    const children: TreeNode[] = [];
    if (this.refreshError !== undefined) {
      children.push(new ErrorNode(this, this.refreshError, this.provider, () => this.retry(), 'refresh-error'));
    }
    let visible: TreeNode[];
    if (this.groupsState) {
      const groups = this.triggerGroups();
      visible = groups.map((group) => this.groupNode(group.key, group));
      for (const node of visible as GroupNode[]) {
        node.only = groups.length === 1;
      }
    } else {
      visible = this.visibleNodes();
    }
    children.push(...visible);
    if (visible.length === 0 && this.loadError === undefined && this.list.loaded) {
      const filtered = isFiltered(this.filterState);
      const message = !filtered
        ? vscode.l10n.t('No deliveries yet')
        : this.list.hasMore
          ? vscode.l10n.t('No loaded delivery matches the filter')
          : vscode.l10n.t('No delivery matches the filter');
      children.push(new MessageNode(this, `${this.id}/empty`, message, filtered ? 'filter' : 'inbox'));
    }
    if (this.loadError !== undefined) {
      children.push(new ErrorNode(this, this.loadError, this.provider, () => this.retry()));
    } else if (this.list.hasMore && this.list.loaded) {
      children.push(new LoadMoreNode(this, this.list.remaining, this.loadingMore));
    }
    return children;
  }

  private async run(load: () => Promise<unknown>): Promise<void> {
    try {
      await load();
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'cancelled') {
        return; // The user stopped it; what was loaded stays, and nothing failed.
      }
      this.loadError = error;
      this.host.reportError(error, this.provider);
    }
  }

  private newList(): DeliveryList {
    return new DeliveryList((continuation, signal) => this.fetchPage(continuation, signal));
  }

  private async fetchPage(continuation: string | undefined, signal: AbortSignal | undefined): Promise<DeliveryPage> {
    const connected = this.provider === 'handinger' ? await this.host.hub.handinger() : await this.host.hub.cadenya();
    if (!connected) {
      throw new ProviderError('unauthorized', { provider: this.provider, message: 'No API key is set.' });
    }
    const filters = { eventType: this.filterState.eventType, objectiveId: this.filterState.objectiveId };
    return connected.provider.listDeliveries(
      this.container,
      { continuation, filters, limit: this.provider === 'cadenya' ? cadenyaPageSize() : undefined },
      signal,
    );
  }
}
