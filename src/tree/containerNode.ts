// A Handinger worker or a Cadenya agent: a view of its feed (src/model/feed.ts), which owns
// the deliveries. Expanding it asks the feed for the first page; "Load more" for the next;
// errors show as rows (a refresh error above the list, a load error below it), and what
// was loaded stays. The node keeps only how it shows them (grouped or not).
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { DeliveryNode } from './deliveryNode';
import { ErrorNode, GapNode, LoadMoreNode, MessageNode } from './messageNodes';
import type { Container } from '../model/container';
import type { Delivery } from '../model/delivery';
import { eventTypeLabel } from '../model/delivery';
import type { ProviderError } from '../model/errors';
import { describeFilter, isFiltered, type DeliveryFilter } from '../model/filter';
import type { DeliveryFeed, FeedChange, OperationResult } from '../model/feed';
import { containerKey } from '../model/feeds';
import { accountIdOf, type AccountRef } from '../model/accounts';
import type { TreeHost } from './host';
import { oneLine } from './format';
import { COMMANDS } from '../commands/ids';
import { treeText } from '../model/safeText';
import { groupByTrigger, triggerKey, type TriggerGroup } from '../model/grouping';
import { GroupNode, type GroupParent } from './groupNode';

export class ContainerNode extends TreeNode implements GroupParent {
  readonly id: string;
  private readonly nodes = new Map<string, DeliveryNode>();
  private groupsState = false;
  private readonly groupNodes = new Map<string, GroupNode>();
  /** shownState() when the children were last rendered. */
  private lastShown = '';
  private readonly feedRef: DeliveryFeed;

  constructor(
    parent: TreeNode,
    private containerState: Container,
    private readonly host: TreeHost,
    /** Set when checking a worker id failed; its deliveries are not loaded then. */
    public checkError?: unknown,
  ) {
    super(parent);
    this.id = containerKey(containerState);
    this.groupsState = host.isGrouped(this.id);
    this.feedRef = host.feeds.feedFor(containerState);
  }

  get container(): Container {
    return this.containerState;
  }

  /** A re-listing's copy of the container (same id, so the same feed, told the new copy). */
  set container(container: Container) {
    this.containerState = container;
    this.host.feeds.feedFor(container);
  }

  /** The one owner of this worker's or agent's deliveries (the registry keeps it by the node's id). */
  get feed(): DeliveryFeed {
    return this.feedRef;
  }

  get filter(): DeliveryFilter {
    return this.feed.filter;
  }

  /** Live refresh is on for this node. */
  get live(): boolean {
    return this.host.isLive(this.feed);
  }

  /** Set when live refresh last failed; shown in the description until it succeeds. */
  get liveError(): ProviderError | undefined {
    return this.host.liveError(this.feed);
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
    return this.containerState.provider;
  }

  /** The account the worker or agent belongs to. */
  get account(): AccountRef {
    return { provider: this.containerState.provider, accountId: accountIdOf(this.containerState) };
  }

  /** Loaded deliveries, newest first (before the outcome and text filters). */
  get deliveries(): readonly Delivery[] {
    return this.feed.items;
  }

  get hasMore(): boolean {
    return this.feed.hasMore;
  }

  get loaded(): boolean {
    return this.feed.loaded;
  }

  toTreeItem(): vscode.TreeItem {
    const container = this.containerState;
    const item = new vscode.TreeItem(oneLine(container.name, 120), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const failing = this.checkError !== undefined;
    item.iconPath = failing
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(container.kind === 'worker' ? 'server-process' : 'hubot');
    const parts: string[] = [];
    if (container.status) {
      parts.push(treeText(container.status, 40));
    }
    parts.push(...describeFilter(this.filter, eventTypeLabel).map((part) => oneLine(part, 60)));
    const live = this.live;
    if (live) {
      const error = this.liveError;
      parts.push(error ? vscode.l10n.t('live paused: {0}', error.kind) : vscode.l10n.t('live'));
    }
    item.description = parts.join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${container.name}\n`);
    tooltip.appendText(`${container.kind === 'worker' ? vscode.l10n.t('Worker') : vscode.l10n.t('Agent')}: ${container.id}`);
    if (container.description) {
      tooltip.appendText(`\n\n${container.description}`);
    }
    item.tooltip = tooltip;
    const context = [`container`, container.kind, this.provider];
    if (live) {
      context.push('live');
    }
    if (isFiltered(this.filter)) {
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
      return [new ErrorNode(this, this.checkError, this.account, () => this.host.refresh(this.parent))];
    }
    const feed = this.feed;
    if (!feed.loaded && feed.error === undefined) {
      await feed.loadFirst();
    }
    return this.render();
  }

  /** Loads the next page (from "Load more"); resolves when the feed holds it. */
  loadMore(): Promise<OperationResult> {
    return this.feed.loadMore();
  }

  /** New deliveries on top, pending ones settled; an error row above the list on failure. */
  async refreshNewest(): Promise<OperationResult> {
    const result = await this.feed.refresh();
    if (result.status === 'failed') {
      this.host.reportError(result.error, this.account);
    }
    return result;
  }

  setFilter(filter: DeliveryFilter): void {
    this.feed.setFilter(filter);
  }

  /** Retries whatever failed last. */
  retry(): void {
    const error = this.feed.error;
    if (error?.during === 'refresh') {
      void this.refreshNewest();
    } else {
      void this.feed.loadMore();
    }
  }

  /**
   * The feed changed: forget rows of deliveries that changed, then re-render, but only when
   * what the node shows changed. A re-render that changes nothing still makes VS Code replace
   * every row's command, and a row it does not redraw then keeps a command that is gone.
   */
  feedChanged(change: FeedChange): void {
    if (change.reset) {
      this.nodes.clear();
      this.groupNodes.clear();
    }
    for (const delivery of change.updated) {
      this.nodes.delete(delivery.id);
    }
    const shown = this.shownState();
    const data = change.reset || change.added.length > 0 || change.updated.length > 0 || change.removed.length > 0;
    if (data || shown !== this.lastShown) {
      this.host.refresh(this);
    }
  }

  /** What the rows show besides the deliveries themselves: rendering changes when it does. */
  private shownState(): string {
    const feed = this.feed;
    const error = feed.error;
    return [
      feed.loaded,
      feed.hasMore,
      feed.remaining,
      loadingOlder(feed) ? 'loading' : feed.busy === 'gap' ? 'gap' : '',
      error ? `${error.during}:${error.error instanceof Error ? error.error.message : String(error.error)}` : '',
      feed.gaps.map((gap) => `${gap.beforeId}:${gap.count}`).join(','),
      feed.newFailureIds.size,
      feed.reachedRangeStart,
      JSON.stringify(feed.filter),
    ].join('|');
  }

  /** The node of a delivery where the tree shows it: under this node, or under its group. */
  nodeFor(delivery: Delivery): DeliveryNode {
    const current = this.feed.get(delivery.id) ?? delivery;
    let node = this.nodes.get(current.id);
    const parent = this.groupsState ? this.groupNode(triggerKey(current)) : this;
    if (!node || node.delivery !== current || node.parent !== parent) {
      node = new DeliveryNode(parent, current, this.feed);
      this.nodes.set(current.id, node);
    }
    return node;
  }

  /** The loaded deliveries the filter lets through, newest first: what the tree shows. */
  visibleDeliveries(): readonly Delivery[] {
    return this.feed.visible();
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

  /** The group node for a trigger key, made on first use (a reveal may ask before a render). */
  private groupNode(key: string, group?: TriggerGroup): GroupNode {
    let node = this.groupNodes.get(key);
    if (!node) {
      node = new GroupNode(this, key, group ?? groupByTrigger(this.visibleDeliveries()).find((g) => g.key === key) ?? emptyGroup(key));
      this.groupNodes.set(key, node);
    } else if (group) {
      node.group = group;
    }
    return node;
  }

  private render(): TreeNode[] {
    this.lastShown = this.shownState();
    this.host.rendering(this);
    const feed = this.feed;
    const children: TreeNode[] = [];
    const error = feed.error;
    if (error?.during === 'refresh') {
      children.push(new ErrorNode(this, error.error, this.account, () => this.retry(), 'refresh-error'));
    }
    let visible: TreeNode[];
    if (this.groupsState) {
      const groups = this.triggerGroups();
      children.push(...feed.gaps.map((gap) => new GapNode(this, gap, feed.busy === 'gap')));
      visible = groups.map((group) => this.groupNode(group.key, group));
      for (const node of visible as GroupNode[]) {
        node.only = groups.length === 1;
      }
      children.push(...visible);
    } else {
      visible = this.withGaps(feed);
      children.push(...visible);
    }
    const loadFailed = error?.during === 'load';
    if (feed.visible().length === 0 && !loadFailed && feed.loaded) {
      const filtered = isFiltered(this.filter);
      const message = !filtered
        ? vscode.l10n.t('No deliveries yet')
        : feed.hasMore && !feed.windowed
          ? vscode.l10n.t('No loaded delivery matches the filter')
          : vscode.l10n.t('No delivery matches the filter');
      children.push(new MessageNode(this, `${this.id}/empty`, message, filtered ? 'filter' : 'inbox'));
    }
    if (loadFailed) {
      children.push(new ErrorNode(this, error.error, this.account, () => this.retry()));
    } else if (feed.hasMore && feed.loaded) {
      children.push(new LoadMoreNode(this, feed.remaining, loadingOlder(feed)));
    } else if (feed.reachedRangeStart) {
      // Load more stops at the range's start and says so; clearing the range loads on.
      children.push(
        new MessageNode(this, `${this.id}/range-start`, vscode.l10n.t('Start of the time range: older deliveries are not loaded'), 'history', {
          command: COMMANDS.filter,
          title: vscode.l10n.t('Change the time range'),
          arguments: [this],
        }),
      );
    }
    return children;
  }

  /** The visible rows, with a gap row where a refresh could not read everything that arrived. */
  private withGaps(feed: DeliveryFeed): TreeNode[] {
    const rows: TreeNode[] = this.visibleDeliveries().map((delivery) => this.nodeFor(delivery));
    if (feed.gaps.length === 0) {
      return rows;
    }
    const order = new Map(feed.items.map((delivery, index) => [delivery.id, index]));
    const result: TreeNode[] = [];
    let gapIndex = 0;
    const gaps = feed.gaps.map((gap) => ({ gap, at: order.get(gap.beforeId) ?? Number.MAX_SAFE_INTEGER }));
    for (const row of rows as DeliveryNode[]) {
      const at = order.get(row.delivery.id) ?? 0;
      while (gapIndex < gaps.length && (gaps[gapIndex]?.at ?? 0) <= at) {
        result.push(new GapNode(this, gaps[gapIndex]!.gap, feed.busy === 'gap'));
        gapIndex++;
      }
      result.push(row);
    }
    for (; gapIndex < gaps.length; gapIndex++) {
      result.push(new GapNode(this, gaps[gapIndex]!.gap, feed.busy === 'gap'));
    }
    return result;
  }
}

/** The feed is reading older pages (Load more, Load the Last N, a link's search): "Loading…". */
function loadingOlder(feed: DeliveryFeed): boolean {
  return feed.busy === 'load' || feed.busy === 'find';
}

function emptyGroup(key: string): TriggerGroup {
  return { key, deliveries: [], counts: { succeeded: 0, failed: 0, pending: 0, disabled: 0, unknown: 0 }, worst: 'succeeded', newest: 0, oldest: 0 };
}
