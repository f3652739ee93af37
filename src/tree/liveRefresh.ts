// Live refresh for debugging: while the view is visible, each watched worker or agent polls
// its newest page once per interval and puts new deliveries on top. It stops while the view
// is hidden, backs off on 429, and counts new failures on the view's badge and a status-bar
// item, with an optional (rate-limited) notification.
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from './deliveriesTree';
import type { ContainerNode } from './containerNode';
import { isProviderError, ProviderError } from '../model/errors';
import { liveRefreshIntervalMs, notifyOnNewFailures, SECTION } from '../config/settings';
import { COMMANDS } from '../commands/ids';
import { messageText } from '../model/safeText';

const MAX_BACKOFF_FACTOR = 16;
const NOTIFY_INTERVAL_MS = 60_000;

export class LiveRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly backoff = new Map<ContainerNode, { until: number; factor: number }>();
  private readonly lastNotice = new Map<ContainerNode, number>();
  private newFailures = 0;
  private readonly statusBar: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly tree: DeliveriesTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
  ) {
    this.statusBar = vscode.window.createStatusBarItem('webhookDeliveries.newFailures', vscode.StatusBarAlignment.Left, 50);
    this.statusBar.name = vscode.l10n.t('Webhook Deliveries: new failures');
    this.statusBar.command = COMMANDS.showNewFailures;
    this.disposables.push(
      this.statusBar,
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

  get newFailureCount(): number {
    return this.newFailures;
  }

  start(node: ContainerNode): void {
    node.live = true;
    node.liveError = undefined;
    this.backoff.delete(node);
    this.tree.refresh(node);
    this.reschedule();
  }

  stop(node: ContainerNode): void {
    node.live = false;
    node.liveError = undefined;
    this.backoff.delete(node);
    this.tree.refresh(node);
    this.schedule();
  }

  /** The user has seen the new failures: clear the badge, the status bar and the markers. */
  acknowledge(): void {
    this.newFailures = 0;
    for (const node of this.tree.containers()) {
      let changed = false;
      for (const child of node.visibleNodes()) {
        changed ||= child.isNewFailure;
        child.isNewFailure = false;
      }
      if (changed) {
        this.tree.refresh(node);
      }
    }
    this.showCount();
  }

  /** Runs one poll of every watched node now (also what each timer tick does). */
  async pollOnce(): Promise<void> {
    if (this.ticking) {
      return;
    }
    this.ticking = true;
    try {
      const now = Date.now();
      await Promise.all(
        this.watched()
          .filter((node) => (this.backoff.get(node)?.until ?? 0) <= now)
          .map((node) => this.poll(node)),
      );
    } finally {
      this.ticking = false;
    }
  }

  private async poll(node: ContainerNode): Promise<void> {
    try {
      const fresh = await node.loadNewest();
      this.backoff.delete(node);
      const failed = fresh.filter((delivery) => delivery.outcome === 'failed');
      if (failed.length > 0) {
        for (const delivery of failed) {
          node.nodeFor(delivery).isNewFailure = true;
        }
        this.newFailures += failed.length;
        this.showCount();
        this.tree.refresh(node);
        this.notify(node, failed.length);
      }
    } catch (error) {
      if (isProviderError(error) && error.kind === 'cancelled') {
        return;
      }
      const interval = liveRefreshIntervalMs();
      const previous = this.backoff.get(node)?.factor ?? 1;
      const factor = Math.min(previous * 2, MAX_BACKOFF_FACTOR);
      const wait = Math.max(isProviderError(error) ? (error.retryAfterMs ?? 0) : 0, interval * factor);
      this.backoff.set(node, { until: Date.now() + wait, factor });
      node.liveError = isProviderError(error) ? error : new ProviderError('network', { cause: error });
      this.tree.refresh(node);
      this.tree.reportError(error, node.provider);
    }
  }

  private notify(node: ContainerNode, count: number): void {
    if (!notifyOnNewFailures()) {
      return;
    }
    const now = Date.now();
    if (now - (this.lastNotice.get(node) ?? 0) < NOTIFY_INTERVAL_MS) {
      return;
    }
    this.lastNotice.set(node, now);
    const show = vscode.l10n.t('Show');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('{0}: {1} new failed deliveries', messageText(node.container.name), count), show)
      .then((choice) => (choice === show ? vscode.commands.executeCommand(COMMANDS.showNewFailures) : undefined));
  }

  private showCount(): void {
    if (this.newFailures > 0) {
      const tooltip = vscode.l10n.t('{0} new failed deliveries', this.newFailures);
      this.view.badge = { value: this.newFailures, tooltip };
      this.statusBar.text = `$(error) ${this.newFailures}`;
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
    const active = this.view.visible && this.watched().length > 0;
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
