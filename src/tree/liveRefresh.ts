// Live refresh for debugging: while the view is visible, each watched worker's or agent's
// feed is refreshed once per interval (new deliveries on top, pending ones settled). It stops
// while the view is hidden and backs off on failures (429's Retry-After included). New
// failures, which the feeds find whoever asked for the read (a poll, Refresh, Load more),
// are counted on the view's badge and a status-bar item, with an optional notification.
import { accountIdOf } from '../model/accounts';
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from './deliveriesTree';
import type { ContainerNode } from './containerNode';
import { isProviderError, ProviderError } from '../model/errors';
import type { DeliveryFeed } from '../model/feed';
import { liveRefreshIntervalMs, notifyOnNewFailures, SECTION } from '../config/settings';
import { COMMANDS } from '../commands/ids';
import { messageText } from '../model/safeText';

const MAX_BACKOFF_FACTOR = 16;
const NOTIFY_INTERVAL_MS = 60_000;

export class LiveRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly backoff = new Map<string, { until: number; factor: number }>();
  private readonly lastNotice = new Map<string, number>();
  private shownCount = -1;
  private readonly statusBar: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly tree: DeliveriesTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
  ) {
    this.statusBar = vscode.window.createStatusBarItem('webhookDeliveries.newFailures', vscode.StatusBarAlignment.Left, 50);
    this.statusBar.name = vscode.l10n.t('Webhook Deliveries: new failures');
    this.statusBar.command = COMMANDS.showNewFailures;
    const feedSubscription = tree.feeds.onDidChange((feed, change) => {
      if (change.newFailures.length > 0 && this.tree.watched.has(feed.key)) {
        this.notify(feed, change.newFailures.length);
      }
      this.showCount();
    });
    this.disposables.push(
      this.statusBar,
      { dispose: () => feedSubscription.dispose() },
      view.onDidChangeVisibility(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.liveRefresh.intervalSeconds`)) {
          this.reschedule();
        }
      }),
    );
  }

  /** The nodes being watched now. */
  watched(): ContainerNode[] {
    return this.tree.containers().filter((node) => node.live);
  }

  /** New failures the filters let through, over every feed: what the badge says. */
  get newFailureCount(): number {
    return this.tree.feeds.all().reduce((sum, feed) => sum + feed.visibleNewFailures().length, 0);
  }

  start(node: ContainerNode): void {
    this.tree.watched.add(node.feed.key);
    this.tree.liveErrors.delete(node.feed.key);
    this.backoff.delete(node.feed.key);
    this.tree.refresh(node);
    this.reschedule();
  }

  stop(node: ContainerNode): void {
    this.tree.watched.delete(node.feed.key);
    this.tree.liveErrors.delete(node.feed.key);
    this.backoff.delete(node.feed.key);
    this.tree.refresh(node);
    this.schedule();
  }

  /** The user has seen the new failures: the ones the badge counts are cleared, everywhere. */
  acknowledge(): void {
    for (const feed of this.tree.feeds.all()) {
      feed.acknowledge(feed.visibleNewFailures().map((delivery) => delivery.id));
    }
    this.showCount();
  }

  /** Runs one poll of every watched feed now (also what each timer tick does). */
  pollOnce(): Promise<void> {
    this.ticking ??= this.pollWatched().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async pollWatched(): Promise<void> {
    const now = Date.now();
    for (const key of [...this.tree.watched]) {
      // A worker removed from the list (or an agent gone from its workspace) is not watched.
      const feed = this.tree.feeds.get(key);
      if (!feed || !this.tree.containerOf(feed)) {
        this.tree.watched.delete(key);
      }
    }
    const feeds = [...this.tree.watched]
      .map((key) => this.tree.feeds.get(key))
      .filter((feed): feed is DeliveryFeed => feed !== undefined && (this.backoff.get(feed.key)?.until ?? 0) <= now);
    await Promise.all(feeds.map((feed) => this.poll(feed)));
  }

  private async poll(feed: DeliveryFeed): Promise<void> {
    const result = await feed.refresh();
    if (!this.tree.watched.has(feed.key)) {
      return;
    }
    if (result.status !== 'failed') {
      if (this.backoff.delete(feed.key) || this.tree.liveErrors.delete(feed.key)) {
        this.refreshNode(feed);
      }
      return;
    }
    const error = result.error;
    const interval = liveRefreshIntervalMs();
    const previous = this.backoff.get(feed.key)?.factor ?? 1;
    const factor = Math.min(previous * 2, MAX_BACKOFF_FACTOR);
    const wait = Math.max(isProviderError(error) ? (error.retryAfterMs ?? 0) : 0, interval * factor);
    this.backoff.set(feed.key, { until: Date.now() + wait, factor });
    this.tree.liveErrors.set(feed.key, isProviderError(error) ? error : new ProviderError('network', { cause: error }));
    this.refreshNode(feed);
    const container = this.tree.feeds.containerOf(feed);
    if (container) {
      this.tree.reportError(error, { provider: container.provider, accountId: accountIdOf(container) });
    }
  }

  private refreshNode(feed: DeliveryFeed): void {
    const node = this.tree.containerOf(feed);
    if (node) {
      this.tree.refresh(node);
    }
  }

  private notify(feed: DeliveryFeed, count: number): void {
    if (!notifyOnNewFailures()) {
      return;
    }
    const now = Date.now();
    if (now - (this.lastNotice.get(feed.key) ?? 0) < NOTIFY_INTERVAL_MS) {
      return;
    }
    this.lastNotice.set(feed.key, now);
    const name = this.tree.feeds.containerOf(feed)?.name ?? feed.key;
    const show = vscode.l10n.t('Show');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('{0}: {1} new failed deliveries', messageText(name), count), show)
      .then((choice) => (choice === show ? vscode.commands.executeCommand(COMMANDS.showNewFailures) : undefined));
  }

  private showCount(): void {
    const count = this.newFailureCount;
    if (count === this.shownCount) {
      return;
    }
    this.shownCount = count;
    if (count > 0) {
      const tooltip = vscode.l10n.t('{0} new failed deliveries', count);
      this.view.badge = { value: count, tooltip };
      this.statusBar.text = `$(error) ${count}`;
      this.statusBar.tooltip = tooltip;
      this.statusBar.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.statusBar.show();
    } else {
      this.view.badge = undefined;
      this.statusBar.hide();
    }
  }

  private reschedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  /** Keeps one timer running while the view is visible and something is watched. */
  private schedule(): void {
    const active = this.view.visible && this.tree.watched.size > 0;
    if (!active) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollOnce().finally(() => this.schedule());
    }, liveRefreshIntervalMs());
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
