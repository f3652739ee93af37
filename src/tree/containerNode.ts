// A Handinger worker or a Cadenya agent: a view of its feed (src/model/feed.ts), which owns
// the deliveries. Expanding it asks the feed for the first page; "Load more" for the next;
// errors show as rows (a refresh error above the list, a load error below it), and what
// was loaded stays. The node keeps only how it shows them (grouped or not).
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { DeliveryNode } from './deliveryNode';
import { ErrorNode, GapNode, LoadMoreNode, MessageNode } from './messageNodes';
import { ChunkNode, type ChunkParent } from './chunkNode';
import { FLAT, chunkRanges, layoutChunks, type ChunkLayout } from './chunkLayout';
import type { Container } from '../model/container';
import type { Delivery } from '../model/delivery';
import { eventTypeLabel } from '../model/delivery';
import type { ProviderError } from '../model/errors';
import { describeFilter, isFiltered, type DeliveryFilter } from '../model/filter';
import type { DeliveryFeed, FeedChange, FeedGap, OperationResult } from '../model/feed';
import { containerKey } from '../model/feeds';
import { accountIdOf, type AccountRef } from '../model/accounts';
import type { TreeHost } from './host';
import { oneLine } from './format';
import { COMMANDS } from '../commands/ids';
import { treeText } from '../model/safeText';
import { groupByTrigger, triggerKey, type TriggerGroup } from '../model/grouping';
import { GroupNode, type GroupParent } from './groupNode';

/** A gap row where some deliveries were not read; its id is `gap:` and the delivery below it. */
interface GapRow {
  readonly id: string;
  readonly gap: FeedGap;
}

/** A row under a worker or agent (or a part of it): a delivery or a gap. */
type Row = Delivery | GapRow;

function isGap(row: Row): row is GapRow {
  return 'gap' in row;
}

/** The rows and, for a long list, the parts they are cut into (see chunkLayout.ts). */
interface Parts {
  readonly rows: readonly Row[];
  readonly ranges: readonly { start: number; end: number; key: string | undefined }[];
}

export class ContainerNode extends TreeNode implements GroupParent, ChunkParent {
  readonly id: string;
  private readonly nodes = new Map<string, DeliveryNode>();
  private groupsState = false;
  private readonly groupNodes = new Map<string, GroupNode>();
  /** shownState() when the children were last rendered. */
  private lastShown = '';
  private readonly feedRef: DeliveryFeed;
  /** Where a long list is cut into parts; kept between renders so parts keep their rows. */
  private layout: ChunkLayout = FLAT;
  private readonly chunkNodes = new Map<string, ChunkNode>();
  /** What VS Code was last given or told of, for a long list: its structure, each part, Load more. */
  private readonly told = { structure: '', parts: new Map<string, string>(), loadMore: '', failures: new Set<string>() };
  /** One Load more row, kept, so a long list can re-draw it alone. */
  private loadMoreNode: LoadMoreNode | undefined;

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
    const wasChunked = !this.layout.flat;
    const parts = this.groupsState ? undefined : this.parts();
    if (!parts || parts.ranges.length === 0 || !wasChunked || change.reset) {
      if (data || shown !== this.lastShown) {
        this.host.refresh(this);
      }
      return;
    }
    // A long list: re-draw only what changed (the structure, a part, or the Load more row).
    // Rows that went (rare) re-draw it all: a part's signature would not see one replaced.
    if (change.removed.length > 0 || this.structure(parts) !== this.told.structure) {
      this.host.refresh(this);
      return;
    }
    // Rows that read differently now: updated, or marked "new" (a new failure) or no longer.
    const changed = new Set(change.updated.map((delivery) => delivery.id));
    const failures = this.feed.newFailureIds;
    for (const id of failures) {
      if (!this.told.failures.has(id)) {
        changed.add(id);
      }
    }
    for (const id of this.told.failures) {
      if (!failures.has(id)) {
        changed.add(id);
      }
    }
    this.told.failures = new Set(failures);
    const touched = new Set<number>();
    if (changed.size > 0) {
      let part = 0;
      parts.rows.forEach((row, at) => {
        while (at >= parts.ranges[part]!.end) {
          part++;
        }
        if (changed.has(row.id)) {
          touched.add(part);
        }
      });
    }
    parts.ranges.forEach((range, part) => {
      if (touched.has(part) || this.told.parts.get(range.key ?? '') !== partSignature(parts.rows, range)) {
        this.tellPart(parts, range);
        this.host.refresh(this.chunkNode(range.key));
      }
    });
    const loadMore = this.loadMoreState();
    if (loadMore !== this.told.loadMore && this.loadMoreNode) {
      this.told.loadMore = loadMore;
      this.loadMoreNode.update(this.feed.remaining);
      this.host.refresh(this.loadMoreNode);
    }
  }

  /** What a long list's own rows show besides its parts' contents: a change re-draws the node. */
  private structure(parts: Parts): string {
    return [this.shownState(false), parts.ranges.map((range) => range.key ?? '').join(',')].join('|');
  }

  private loadMoreState(): string {
    return `${this.feed.remaining}`;
  }

  /** What the rows show besides the deliveries themselves: rendering changes when it does. */
  private shownState(withLoadMore = true): string {
    const feed = this.feed;
    const error = feed.error;
    return [
      feed.loaded,
      feed.hasMore,
      withLoadMore ? feed.remaining : '',
      error ? `${error.during}:${error.error instanceof Error ? error.error.message : String(error.error)}` : '',
      feed.gaps.map((gap) => `${gap.beforeId}:${gap.count}`).join(','),
      // A long list marks new failures in its parts' signatures instead (see partSignature).
      withLoadMore ? feed.newFailureIds.size : '',
      feed.reachedRangeStart,
      JSON.stringify(feed.filter),
    ].join('|');
  }

  /** The node of a delivery where the tree shows it: under this node, its part, or its group. */
  nodeFor(delivery: Delivery): DeliveryNode {
    const current = this.feed.get(delivery.id) ?? delivery;
    return this.deliveryNode(current, this.groupsState ? this.groupNode(triggerKey(current)) : this.partOf(current.id));
  }

  /** The part a row is in, or this node when the list is not cut into parts. */
  private partOf(id: string): TreeNode {
    if (this.layout.flat) {
      return this;
    }
    const parts = this.parts();
    const at = parts.rows.findIndex((row) => row.id === id);
    const range = parts.ranges.find((r) => at >= r.start && at < r.end);
    return range ? this.chunkNode(range.key) : this;
  }

  /** A delivery's row under `parent`; its id stays the same whether the list is cut or not. */
  private deliveryNode(delivery: Delivery, parent: TreeNode): DeliveryNode {
    let node = this.nodes.get(delivery.id);
    if (!node || node.delivery !== delivery || node.parent !== parent) {
      node = new DeliveryNode(parent, delivery, this.feed, parent instanceof GroupNode ? parent.id : this.id);
      this.nodes.set(delivery.id, node);
    }
    return node;
  }

  private rowNode(row: Row, parent: TreeNode): TreeNode {
    return isGap(row) ? new GapNode(parent, row.gap, this) : this.deliveryNode(row, parent);
  }

  /**
   * The rows in order: the deliveries the filter lets through (the feed's own array, not a
   * copy, when there is no gap), with a gap row where some were not read.
   */
  private rows(): readonly Row[] {
    const feed = this.feed;
    const visible = feed.visible();
    if (feed.gaps.length === 0) {
      return visible;
    }
    const order = new Map(feed.items.map((delivery, index) => [delivery.id, index]));
    const gaps = feed.gaps.map((gap) => ({ gap, at: order.get(gap.beforeId) ?? Number.MAX_SAFE_INTEGER }));
    const result: Row[] = [];
    let gapIndex = 0;
    for (const delivery of visible) {
      const at = order.get(delivery.id) ?? 0;
      while (gapIndex < gaps.length && gaps[gapIndex]!.at <= at) {
        const { gap } = gaps[gapIndex++]!;
        result.push({ id: `gap:${gap.beforeId}`, gap });
      }
      result.push(delivery);
    }
    for (; gapIndex < gaps.length; gapIndex++) {
      const { gap } = gaps[gapIndex]!;
      result.push({ id: `gap:${gap.beforeId}`, gap });
    }
    return result;
  }

  /**
   * The rows and the parts of a long list, the layout kept for next time. After a page
   * appended or arrivals on top this costs O(parts), not O(rows): see layoutChunks.
   */
  private parts(): Parts {
    const rows = this.rows();
    this.layout = layoutChunks(rows, this.layout);
    const ranges = chunkRanges(this.layout);
    if (this.chunkNodes.size > ranges.length) {
      const live = new Set(ranges.map((range) => range.key ?? ''));
      for (const key of [...this.chunkNodes.keys()]) {
        if (!live.has(key)) {
          this.chunkNodes.delete(key);
          this.told.parts.delete(key);
        }
      }
    }
    return { rows, ranges };
  }

  /** A part's deliveries (for its label) and signature, as VS Code is about to be given them. */
  private tellPart(parts: Parts, range: Parts['ranges'][number]): void {
    const deliveries: Delivery[] = [];
    for (let at = range.start; at < range.end; at++) {
      const row = parts.rows[at]!;
      if (!isGap(row)) {
        deliveries.push(row);
      }
    }
    this.chunkNode(range.key).deliveries = deliveries;
    this.told.parts.set(range.key ?? '', partSignature(parts.rows, range));
  }

  private chunkNode(key: string | undefined): ChunkNode {
    let node = this.chunkNodes.get(key ?? '');
    if (!node) {
      node = new ChunkNode(this, key);
      this.chunkNodes.set(key ?? '', node);
    }
    return node;
  }

  /** The rows of one part of a long list (none when the part is gone). */
  chunkChildren(chunk: ChunkNode): TreeNode[] {
    this.host.rendering(chunk);
    const parts = this.parts();
    const range = parts.ranges.find((r) => (r.key ?? '') === (chunk.key ?? ''));
    if (!range || this.chunkNodes.get(chunk.key ?? '') !== chunk) {
      return [];
    }
    this.tellPart(parts, range);
    const children: TreeNode[] = [];
    for (let at = range.start; at < range.end; at++) {
      children.push(this.rowNode(parts.rows[at]!, chunk));
    }
    return children;
  }

  /** The loaded deliveries the filter lets through, newest first: what the tree shows. */
  visibleDeliveries(): readonly Delivery[] {
    return this.feed.visible();
  }

  /** The delivery nodes the tree shows now (after filters). */
  visibleNodes(): DeliveryNode[] {
    if (this.groupsState || this.layout.flat) {
      return this.visibleDeliveries().map((d) => this.nodeFor(d));
    }
    const parts = this.parts();
    const nodes: DeliveryNode[] = [];
    for (const range of parts.ranges) {
      const chunk = this.chunkNode(range.key);
      for (let at = range.start; at < range.end; at++) {
        const row = parts.rows[at]!;
        if (!isGap(row)) {
          nodes.push(this.deliveryNode(row, chunk));
        }
      }
    }
    return nodes;
  }

  /** The list is long enough to be shown in parts. */
  get chunked(): boolean {
    return !this.groupsState && !this.layout.flat;
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
      children.push(...feed.gaps.map((gap) => new GapNode(this, gap)));
      visible = groups.map((group) => this.groupNode(group.key, group));
      for (const node of visible as GroupNode[]) {
        node.only = groups.length === 1;
      }
      children.push(...visible);
    } else {
      const parts = this.parts();
      if (parts.ranges.length === 0) {
        visible = parts.rows.map((row) => this.rowNode(row, this));
      } else {
        visible = parts.ranges.map((range) => this.chunkNode(range.key));
        this.told.structure = this.structure(parts);
        // Every part's item goes with this render; a part VS Code shows asks for its rows again.
        for (const range of parts.ranges) {
          this.tellPart(parts, range);
        }
        this.told.failures = new Set(feed.newFailureIds);
      }
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
      this.loadMoreNode ??= new LoadMoreNode(this, feed.remaining);
      this.loadMoreNode.update(feed.remaining);
      this.told.loadMore = this.loadMoreState();
      children.push(this.loadMoreNode);
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
}

/**
 * What a part holds, told apart cheaply: rows only come and go (a row changed in place is
 * found through the feed's change), and rows keep their order, so the first row, the last
 * row and the count change whenever the rows do.
 */
function partSignature(rows: readonly Row[], range: { start: number; end: number }): string {
  return `${rows[range.start]?.id}|${rows[range.end - 1]?.id}|${range.end - range.start}`;
}

function emptyGroup(key: string): TriggerGroup {
  return { key, deliveries: [], counts: { succeeded: 0, failed: 0, pending: 0, disabled: 0, unknown: 0 }, worst: 'succeeded', newest: 0, oldest: 0 };
}
