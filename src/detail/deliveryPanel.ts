// One delivery detail panel: its webview, the delivery it shows, the ready handshake, and
// the page's requests. The panel never sends a message before the page said `ready`; on
// every `ready` (first load, or the page reloaded after being hidden) it sends the whole
// current state again, so nothing depends on message timing.
//
// Loaded on first use as dist/detail-panel.js (src/detail/lazy.ts): the panels' shared state
// stays with the host in dist/extension.js, and an error's kind comes from the host (which
// owns the ProviderError class), never from an `instanceof` across the two bundles.
import * as vscode from 'vscode';
import type { Delivery } from '../model/delivery';
import type { ErrorKind } from '../model/errors';
import type { RelatedRecord } from '../providers/types';
import type { CopyTarget, DetailViewModel, FromWebview, PanelState, RelatedSummary, ToWebview } from './protocol';
import { parseFromWebview } from './protocol';
import { createNonce } from '../webview/csp';
import { pageHtml } from '../webview/html';
import { WebviewPage } from '../webview/webviewPage';
import { safeLink } from './links';
import { deliveryRef } from './state';
import { VIEW_TYPE } from './viewType';
import { account, accounts } from '../config/settings';
import { accountIdOf } from '../model/accounts';
import type { RelatedState } from './viewModel';
import { buildViewModel, errorKindMessage, panelTitle, visibleText } from './viewModel';

export { VIEW_TYPE } from './viewType';
// The saved-state reader the host's serializer uses: it is needed only when a panel comes back.
export { readPanelState } from './state';

/** What the panel needs from the API; the lead's wiring provides it. */
export interface DetailPanelServices {
  /** Loads a fresher copy of the delivery (for "Refresh"); undefined when it can no longer be found. */
  refresh(delivery: Delivery, signal: AbortSignal): Promise<Delivery | undefined>;
  /** The related task/objective, or undefined. May throw ProviderError. */
  related(delivery: Delivery, signal: AbortSignal): Promise<RelatedRecord | undefined>;
}

/** What the panels share: resources, services, and the actions that are not per panel. */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  readonly services: DetailPanelServices;
  copy(delivery: Delivery, what: Exclude<CopyTarget, 'relatedUrl'>): Promise<void>;
  openJson(delivery: Delivery, viewColumn: vscode.ViewColumn): Promise<void>;
  searchHandler(delivery: Delivery): Promise<void>;
  deliveryChanged(delivery: Delivery): void;
  /**
   * The kind of a ProviderError, undefined for any other error. The host answers because
   * ProviderError is a class of dist/extension.js, where the services throw it.
   */
  providerErrorKind(error: unknown): ErrorKind | undefined;
  panelActive(panel: DeliveryDetailPanel): void;
  panelDisposed(panel: DeliveryDetailPanel): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function summary(related: RelatedRecord | RelatedSummary | undefined): RelatedSummary | undefined {
  return related && { kind: related.kind, id: related.id, title: related.title, status: related.status, url: related.url };
}

/** Every URL the model offers as a link: the only ones the page may ask to open. */
function linksOf(model: DetailViewModel): Set<string> {
  const links = new Set<string>();
  for (const section of model.sections) {
    for (const field of section.fields) {
      if (field.link) {
        links.add(field.link);
      }
    }
    if (section.link) {
      links.add(section.link.url);
    }
  }
  return links;
}

const RENDER_WAIT_MS = 15_000;

export class DeliveryDetailPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly page: WebviewPage;
  private disposed = false;
  private related: RelatedSummary | undefined;
  private relatedState: RelatedState | undefined;
  private relatedError: string | undefined;
  private model: DetailViewModel;
  private refreshing = false;
  private lastError: { kind: ErrorKind; message: string } | undefined;
  private relatedLoad: AbortController | undefined;
  private refreshLoad: AbortController | undefined;
  private renderedId: string | undefined;
  private readonly renderWaiters = new Set<(rendered: string | undefined) => void>();

  /** A new panel; `following` panels are reused for the next selection. */
  static create(host: PanelHost, delivery: Delivery, following: boolean, viewColumn: vscode.ViewColumn): DeliveryDetailPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      vscode.l10n.t('Delivery'),
      { viewColumn, preserveFocus: following },
      webviewOptions(host.extensionUri),
    );
    return new DeliveryDetailPanel(host, panel, delivery, undefined, following);
  }

  constructor(
    private readonly host: PanelHost,
    readonly panel: vscode.WebviewPanel,
    private currentDelivery: Delivery,
    related: RelatedSummary | undefined,
    public following: boolean,
  ) {
    this.page = new WebviewPage(panel, () => this.html());
    this.related = related;
    this.model = this.buildModel();
    panel.webview.options = webviewOptions(host.extensionUri);
    this.page.load();
    panel.title = panelTitle(this.model);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) {
          host.panelActive(this);
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.loadRelated();
  }

  get delivery(): Delivery {
    return this.currentDelivery;
  }

  /** Shows another delivery in this panel (the following panel, on a new selection). */
  show(delivery: Delivery, related?: RelatedSummary): void {
    this.refreshLoad?.abort();
    this.refreshing = false;
    this.lastError = undefined;
    this.currentDelivery = delivery;
    this.related = related;
    this.loadRelated();
  }

  /**
   * A fresher copy of the delivery shown (its feed read it: a refresh, a live poll). The
   * panel shows it at once; the related record stays, and a Refresh under way wins.
   */
  updated(delivery: Delivery): void {
    if (delivery.id !== this.currentDelivery.id || delivery.provider !== this.currentDelivery.provider || this.refreshing) {
      return;
    }
    this.currentDelivery = delivery;
    this.host.deliveryChanged(delivery);
    this.update();
  }

  reveal(viewColumn: vscode.ViewColumn | undefined, preserveFocus: boolean): void {
    this.panel.reveal(viewColumn, preserveFocus);
  }

  /**
   * Loads the delivery again; the panel keeps showing the old copy until the new one
   * arrives. True when it did; false when it failed (the page shows why) or was superseded.
   */
  async refresh(): Promise<boolean> {
    this.refreshLoad?.abort();
    const controller = new AbortController();
    this.refreshLoad = controller;
    this.refreshing = true;
    this.lastError = undefined;
    this.post({ type: 'loading' });
    try {
      const fresh = await this.host.services.refresh(this.currentDelivery, controller.signal);
      if (controller.signal.aborted || this.disposed) {
        return false;
      }
      this.refreshing = false;
      if (fresh === undefined) {
        this.fail('notFound', errorKindMessage('notFound', vscode.l10n));
        return false;
      }
      this.currentDelivery = fresh;
      this.host.deliveryChanged(fresh);
      this.loadRelated();
      return true;
    } catch (error) {
      if (controller.signal.aborted || this.disposed) {
        return false;
      }
      this.refreshing = false;
      const kind = this.host.providerErrorKind(error);
      if (kind !== undefined) {
        if (kind !== 'cancelled') {
          this.fail(kind, errorKindMessage(kind, vscode.l10n));
        }
      } else {
        const detail = error instanceof Error ? error.message : String(error);
        this.fail('server', vscode.l10n.t('Could not refresh this delivery: {0}', visibleText(detail)));
      }
      return false;
    } finally {
      if (this.refreshLoad === controller) {
        this.refreshLoad = undefined;
      }
    }
  }

  /**
   * Resolves once the page has rendered `deliveryId` (true), or after a timeout or when the
   * panel closes (false). Lets callers, tests among them, know the page really ran.
   */
  whenRendered(deliveryId: string): Promise<boolean> {
    if (this.page.ready && this.renderedId === deliveryId) {
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(undefined), RENDER_WAIT_MS);
      const finish = (rendered: string | undefined): void => {
        if (rendered !== undefined && rendered !== deliveryId) {
          return;
        }
        clearTimeout(timer);
        this.renderWaiters.delete(finish);
        resolve(rendered === deliveryId);
      };
      this.renderWaiters.add(finish);
    });
  }

  private fail(kind: ErrorKind, message: string): void {
    this.lastError = { kind, message };
    this.post({ type: 'error', kind, message });
  }

  /** Shows the delivery now, then its related record when it arrives. */
  private loadRelated(): void {
    this.relatedLoad?.abort();
    const controller = new AbortController();
    this.relatedLoad = controller;
    this.relatedState = 'loading';
    this.relatedError = undefined;
    this.update();
    const delivery = this.currentDelivery;
    this.host.services.related(delivery, controller.signal).then(
      (record) => {
        if (controller.signal.aborted || this.disposed) {
          return;
        }
        this.related = summary(record) ?? this.related;
        this.relatedState = 'loaded';
        this.update();
      },
      (error: unknown) => {
        if (controller.signal.aborted || this.disposed) {
          return;
        }
        this.relatedState = 'failed';
        const kind = this.host.providerErrorKind(error);
        this.relatedError = kind === undefined ? undefined : errorKindMessage(kind, vscode.l10n);
        this.update();
      },
    );
  }

  private buildModel(): DetailViewModel {
    return buildViewModel(this.currentDelivery, {
      now: Date.now(),
      locale: vscode.env.language,
      l10n: vscode.l10n,
      related: this.related,
      relatedState: this.relatedState,
      relatedError: this.relatedError,
      ...accountOptions(this.currentDelivery),
    });
  }

  private async copyRelatedUrl(): Promise<void> {
    const url = this.related?.url;
    if (url) {
      await vscode.env.clipboard.writeText(url);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Dashboard URL copied to the clipboard.'), 3000);
    }
  }

  private state(): PanelState {
    return { version: 2, ref: deliveryRef(this.currentDelivery), following: this.following };
  }

  /** Rebuilds the model and sends it, if the page is listening. */
  private update(): void {
    if (this.disposed) {
      return;
    }
    this.model = this.buildModel();
    this.panel.title = panelTitle(this.model);
    this.post({ type: 'show', model: this.model, state: this.state() });
  }

  private post(message: ToWebview): void {
    if (this.page.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    return pageHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'media', 'detail.css')).toString(),
      lang: vscode.env.language,
    });
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      return;
    }
    void this.handle(message);
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.page.markReady();
        this.renderedId = undefined;
        this.post({ type: 'show', model: this.model, state: this.state() });
        if (this.refreshing) {
          this.post({ type: 'loading' });
        } else if (this.lastError) {
          this.post({ type: 'error', ...this.lastError });
        }
        return;
      case 'rendered':
        this.renderedId = message.deliveryId;
        for (const waiter of [...this.renderWaiters]) {
          waiter(message.deliveryId);
        }
        return;
      case 'copy':
        // The related record's URL lives in this panel, not in the delivery.
        if (message.what === 'relatedUrl') {
          return this.copyRelatedUrl();
        }
        return this.host.copy(this.currentDelivery, message.what);
      case 'openJson':
        return this.host.openJson(this.currentDelivery, vscode.ViewColumn.Beside);
      case 'openLink': {
        // Only a link this panel offered, and only http(s), whatever the page asks for.
        const link = safeLink(message.url);
        if (link !== undefined && linksOf(this.model).has(link)) {
          await vscode.env.openExternal(vscode.Uri.parse(link, true));
        }
        return;
      }
      case 'refresh':
        await this.refresh();
        return;
      case 'searchHandler':
        return this.host.searchHandler(this.currentDelivery);
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.page.dispose();
    this.relatedLoad?.abort();
    this.refreshLoad?.abort();
    for (const waiter of [...this.renderWaiters]) {
      waiter(undefined);
    }
    this.host.panelDisposed(this);
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }
}

/** The delivery's account: its base URL (for dashboard links), and its name when there are several. */
function accountOptions(delivery: Delivery): { baseUrl?: string; accountName?: string } {
  const own = account(delivery.provider, accountIdOf(delivery));
  return { baseUrl: own?.baseUrl, accountName: own && accounts(delivery.provider).length > 1 ? own.name : undefined };
}
