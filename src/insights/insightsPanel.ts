// One insights panel: a worker's or agent's loaded deliveries as figures and charts. It
// follows the node: when the tree says the node (or an ancestor) changed, it rebuilds its
// model after a short pause, so a burst of page loads or live refreshes redraws once. As
// in the detail panel, nothing is posted before the page said `ready`, and every `ready`
// gets the whole current state again.
import { accounts } from '../config/settings';
import { accountIdOf } from '../model/accounts';
import type { Container } from '../model/container';
import * as vscode from 'vscode';
import type { Delivery, Outcome } from '../model/delivery';
import type { Insights } from '../model/insights';
import type { ContainerNode } from '../tree/containerNode';
import { COMMANDS } from '../commands/ids';
import { createNonce } from '../webview/csp';
import type { DrawnCounts, FromInsights, InsightsState, InsightsViewModel, ToInsights } from './protocol';
import { parseFromInsights } from './protocol';
import { pageHtml } from '../webview/html';
import { WebviewPage } from '../webview/webviewPage';
import { buildInsightsView, nextLoadTarget } from './viewModel';

import { INSIGHTS_VIEW_TYPE } from './viewType';

export { INSIGHTS_VIEW_TYPE };

/** The figures behind a panel, as plain data: what the commands return (tests read them). */
export interface InsightsFigures {
  readonly total: number;
  readonly loaded: boolean;
  readonly hasMore: boolean;
  readonly counts: Readonly<Record<Outcome, number>>;
  readonly successRate?: number;
  readonly latencyCount: number;
  readonly p50?: number;
  readonly p95?: number;
  readonly max?: number;
  readonly bucketMs: number;
  readonly timeBuckets: number;
  readonly undated: number;
  /** Deliveries per HTTP status code; `none` for those without a response. */
  readonly statusCodes: Readonly<Record<string, number>>;
}

/** What `showInsights` and `loadRecent` resolve to. */
export interface InsightsInfo {
  readonly viewType: string;
  readonly nodeId: string;
  readonly title: string;
  readonly revision: number;
  /** The page drew this revision (false after a timeout, or when the panel closed). */
  readonly rendered: boolean;
  /** What the page reported drawing, last time it rendered. */
  readonly drawn?: DrawnCounts;
  /** The selected group's key, as the page reported it. */
  readonly selection?: string;
  readonly figures: InsightsFigures;
}

/** What the panels share. */
export interface InsightsHost {
  readonly extensionUri: vscode.Uri;
  /** Loads until `count` deliveries are there (progress shown, cancellable when `notify`). */
  load(node: ContainerNode, count: number, notify: boolean): Promise<void>;
  panelDisposed(panel: InsightsPanel): void;
}

export function insightsWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function figuresOf(insights: Insights, node: Pick<ContainerNode, 'loaded' | 'hasMore'>): InsightsFigures {
  const statusCodes: Record<string, number> = {};
  for (const bucket of insights.statusCodes) {
    statusCodes[bucket.code === undefined ? 'none' : String(bucket.code)] = bucket.total;
  }
  return {
    total: insights.total,
    loaded: node.loaded,
    hasMore: node.hasMore,
    counts: insights.counts,
    successRate: insights.successRate,
    latencyCount: insights.latency.count,
    p50: insights.latency.p50,
    p95: insights.latency.p95,
    max: insights.latency.max,
    bucketMs: insights.timeline.bucketMs,
    timeBuckets: insights.timeline.buckets.length,
    undated: insights.timeline.undated.total,
    statusCodes,
  };
}

/** Rebuild at most this often while the tree keeps changing. */
const UPDATE_DELAY_MS = 300;
const RENDER_WAIT_MS = 15_000;
/** Models with more rows than this are not kept in the page's saved state. */
const MAX_SAVED_ROWS = 1000;

export class InsightsPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly page: WebviewPage;
  private disposed = false;
  private revision = 0;
  private model!: InsightsViewModel;
  private insights!: Insights;
  private fingerprint = '';
  private seenList: readonly Delivery[] | undefined;
  private loading = false;
  private loadError: string | undefined;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private renderedRevision: number | undefined;
  private drawn: DrawnCounts | undefined;
  private readonly renderWaiters = new Set<() => void>();

  static create(host: InsightsHost, node: ContainerNode): InsightsPanel {
    const panel = vscode.window.createWebviewPanel(
      INSIGHTS_VIEW_TYPE,
      vscode.l10n.t('Insights'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      insightsWebviewOptions(host.extensionUri),
    );
    return new InsightsPanel(host, panel, node);
  }

  constructor(
    private readonly host: InsightsHost,
    readonly panel: vscode.WebviewPanel,
    readonly node: ContainerNode,
    private selection?: string,
  ) {
    panel.webview.options = insightsWebviewOptions(host.extensionUri);
    this.page = new WebviewPage(panel, () => this.html());
    this.rebuild();
    this.page.load();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  get nodeId(): string {
    return this.node.id;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** The node changed (per the tree): rebuild a moment later, so a burst of changes redraws once. */
  scheduleUpdate(): void {
    if (this.disposed || this.updateTimer !== undefined) {
      return;
    }
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  /** The feed is loading older pages (or not); `error` when its last load failed. */
  loadingChanged(loading: boolean, error?: string): void {
    if (loading === this.loading && error === this.loadError) {
      return;
    }
    this.loading = loading;
    this.loadError = error;
    this.postStatus();
  }

  /** Runs the update the tree asked for now instead of after the pause. */
  flush(): void {
    if (this.updateTimer !== undefined) {
      this.update();
    }
  }

  /** Resolves once the page has drawn the current model (true), or after a timeout or on close (false). */
  async whenRendered(): Promise<boolean> {
    for (;;) {
      const revision = this.revision;
      if (this.page.ready && this.renderedRevision === revision) {
        return true;
      }
      const drew = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => finish(false), RENDER_WAIT_MS);
        const finish = (value: boolean): void => {
          clearTimeout(timer);
          this.renderWaiters.delete(waiter);
          resolve(value);
        };
        const waiter = (): void => {
          if (this.disposed) {
            finish(false);
          } else if (this.renderedRevision !== undefined && this.renderedRevision >= revision) {
            finish(true);
          }
        };
        this.renderWaiters.add(waiter);
      });
      if (!drew || this.revision === revision) {
        return drew;
      }
      // A newer model arrived meanwhile: wait for that one.
    }
  }

  info(rendered: boolean): InsightsInfo {
    return {
      viewType: INSIGHTS_VIEW_TYPE,
      nodeId: this.node.id,
      title: this.panel.title,
      revision: this.revision,
      rendered,
      drawn: this.drawn,
      selection: this.selection,
      figures: figuresOf(this.insights, this.node),
    };
  }

  /** Rebuilds and posts the model if the node's deliveries (or how it is described) changed. */
  update(): void {
    if (this.disposed) {
      return;
    }
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    if (this.currentFingerprint() === this.fingerprint && this.seenList === this.node.deliveries) {
      return;
    }
    this.rebuild();
    this.post({ type: 'show', model: this.model, state: this.state() });
  }

  private currentFingerprint(): string {
    const { deliveries, filter, container, hasMore, loaded } = this.node;
    return JSON.stringify([deliveries.length, deliveries[0]?.id, deliveries.at(-1)?.id, hasMore, loaded, filter, container.name]);
  }

  private rebuild(): void {
    this.fingerprint = this.currentFingerprint();
    this.seenList = this.node.deliveries;
    this.revision++;
    const { insights, model } = buildInsightsView(this.node, {
      revision: this.revision,
      locale: vscode.env.language,
      l10n: vscode.l10n,
      utcOffsetMs: -new Date().getTimezoneOffset() * 60_000,
      accountName: accountNameOf(this.node.container),
    });
    this.insights = insights;
    this.model = model;
    this.panel.title = model.title;
  }

  private state(): InsightsState {
    return {
      version: 1,
      nodeId: this.node.id,
      selection: this.selection,
      model: this.model.rows.length <= MAX_SAVED_ROWS ? this.model : undefined,
    };
  }

  private html(): string {
    const webview = this.panel.webview;
    const dist = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'dist', file)).toString();
    return pageHtml({
      testId: 'insights',
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: dist('insights.js'),
      styleUri: dist('insights.css'),
      lang: vscode.env.language,
    });
  }

  private post(message: ToInsights): void {
    if (this.page.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private postStatus(): void {
    this.post({ type: 'status', loading: this.loading, error: this.loadError });
  }

  private receive(raw: unknown): void {
    const message = parseFromInsights(raw);
    if (message) {
      void this.handle(message);
    }
  }

  private async handle(message: FromInsights): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.page.markReady();
        this.renderedRevision = undefined;
        this.post({ type: 'show', model: this.model, state: this.state() });
        this.postStatus();
        return;
      case 'rendered':
        this.renderedRevision = message.revision;
        this.drawn = message.drawn;
        for (const waiter of [...this.renderWaiters]) {
          waiter();
        }
        return;
      case 'select':
        this.selection = message.selection;
        return;
      case 'open': {
        // Only a delivery this node holds, whatever the page asks for.
        const delivery = this.node.deliveries.find((candidate) => candidate.id === message.deliveryId);
        if (delivery) {
          await vscode.commands.executeCommand(COMMANDS.openDelivery, delivery);
        }
        return;
      }
      case 'loadMore':
        if (!this.loading) {
          await this.host.load(this.node, nextLoadTarget(this.node.deliveries.length), true);
        }
        return;
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.page.dispose();
    clearTimeout(this.updateTimer);
    for (const waiter of [...this.renderWaiters]) {
      waiter();
    }
    this.host.panelDisposed(this);
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }
}

/** The name of a worker's or agent's account, when its provider has several. */
function accountNameOf(container: Container): string | undefined {
  const list = accounts(container.provider);
  return list.length > 1 ? list.find((a) => a.id === accountIdOf(container))?.name : undefined;
}
