// The delivery detail panels as the rest of the extension sees them: the commands, the
// serializer that brings panels back after a window reload, and the rule that one panel
// follows the selection while "Open to the side" panels stay on their delivery.
//
// Wiring (in activate()):
//   context.subscriptions.push(...registerDetailPanel(context, services));
import * as vscode from 'vscode';
import type { Delivery, Outcome, ProviderId } from '../model/delivery';
import type { CopyTarget } from './protocol';
import { DeliveryJsonDocuments } from './jsonDocument';
import type { DeliveryDetailPanel, DetailPanelServices, PanelHost } from './deliveryPanel';
import { VIEW_TYPE, detailPanelModule } from './lazy';
import { findHandlerModule } from '../handler/lazy';
import type { FindHandlerOptions, FindHandlerResult } from '../handler/findHandler';
import { registerCompare } from './compare';
import { formatLink, linkOf } from '../model/deliveryLink';
import { EXTENSION_ID } from '../commands/ids';
import { rawJson } from './labels';
import type { ErrorKind } from '../model/errors';
import { isProviderError } from '../model/errors';
import type { FeedRegistry } from '../model/feeds';

export type { DetailPanelServices } from './deliveryPanel';
export type { RelatedRecord } from '../providers/types';
export { VIEW_TYPE } from './lazy';

export const DETAIL_COMMANDS = {
  openDelivery: 'webhookDeliveries.openDelivery',
  openDeliveryToSide: 'webhookDeliveries.openDeliveryToSide',
  copyDeliveryJson: 'webhookDeliveries.copyDeliveryJson',
  openDeliveryJson: 'webhookDeliveries.openDeliveryJson',
  copyDeliveryId: 'webhookDeliveries.copyDeliveryId',
  copyDeliveryUrl: 'webhookDeliveries.copyDeliveryUrl',
  refreshDelivery: 'webhookDeliveries.refreshDelivery',
  searchHandler: 'webhookDeliveries.searchHandler',
} as const;

/** What `openDelivery` and `openDeliveryToSide` resolve to. */
export interface DetailPanelInfo {
  readonly viewType: string;
  readonly deliveryId: string;
  readonly following: boolean;
  /** The page rendered this delivery (false after 15 s without it, or when it closed). */
  readonly rendered: boolean;
}

/** A command argument: a Delivery, or anything with a `delivery` (a tree node). */
export type DeliveryArgument = Delivery | { readonly delivery: Delivery };

const PROVIDERS: readonly string[] = ['handinger', 'cadenya'] satisfies ProviderId[];
const OUTCOMES: readonly string[] = ['succeeded', 'failed', 'pending', 'disabled', 'unknown'] satisfies Outcome[];

function isDelivery(value: unknown): value is Delivery {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return (
    typeof record['provider'] === 'string' &&
    PROVIDERS.includes(record['provider']) &&
    typeof record['id'] === 'string' &&
    typeof record['outcome'] === 'string' &&
    OUTCOMES.includes(record['outcome'])
  );
}

/** The Delivery a command was given, whether directly or inside a tree node. */
export function deliveryOf(argument: unknown): Delivery | undefined {
  if (isDelivery(argument)) {
    return argument;
  }
  if (typeof argument === 'object' && argument !== null && 'delivery' in argument) {
    return isDelivery(argument.delivery) ? argument.delivery : undefined;
  }
  return undefined;
}

function sameDelivery(a: Delivery, b: Delivery): boolean {
  return a.provider === b.provider && a.id === b.id;
}

class DetailPanels implements PanelHost, vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Set<DeliveryDetailPanel>();
  private following: DeliveryDetailPanel | undefined;
  private lastActive: DeliveryDetailPanel | undefined;
  readonly json = new DeliveryJsonDocuments();

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly services: DetailPanelServices,
    private readonly feeds?: FeedRegistry,
  ) {}

  /** Deliveries a feed updated: every panel showing one shows the new copy. */
  feedUpdated(updated: readonly Delivery[]): void {
    if (updated.length === 0 || this.panels.size === 0) {
      return;
    }
    for (const panel of this.panels) {
      const fresh = updated.find((delivery) => sameDelivery(delivery, panel.delivery));
      if (fresh) {
        panel.updated(fresh);
      }
    }
  }

  // ------------------------------------------------------------ opening

  async open(given: Delivery, toSide: boolean): Promise<DetailPanelInfo> {
    // The feed's copy is the current one (a tree row or link may hold an older one).
    const delivery = this.feeds?.find(given) ?? given;
    let panel: DeliveryDetailPanel;
    if (!toSide && this.following) {
      panel = this.following;
      if (panel.delivery !== delivery) {
        panel.show(delivery);
      }
      panel.reveal(undefined, true);
    } else {
      panel = detailPanelModule().DeliveryDetailPanel.create(this, delivery, !toSide, toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
      this.add(panel);
    }
    const rendered = await panel.whenRendered(delivery.id);
    return { viewType: VIEW_TYPE, deliveryId: delivery.id, following: panel.following, rendered };
  }

  private add(panel: DeliveryDetailPanel): void {
    this.panels.add(panel);
    this.lastActive = panel;
    if (panel.following) {
      this.following = panel;
    }
  }

  /** The panel a command without argument acts on: the focused one, else the last focused. */
  activePanel(): DeliveryDetailPanel | undefined {
    for (const panel of this.panels) {
      if (panel.panel.active) {
        return panel;
      }
    }
    return this.lastActive && this.panels.has(this.lastActive) ? this.lastActive : undefined;
  }

  /** The delivery a command acts on: its argument, else the active panel's. */
  target(argument: unknown): Delivery | undefined {
    const delivery = deliveryOf(argument) ?? this.activePanel()?.delivery;
    if (!delivery) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a webhook delivery first.'));
    }
    return delivery;
  }

  // ------------------------------------------------------------ PanelHost

  async copy(delivery: Delivery, what: Exclude<CopyTarget, 'relatedUrl'>): Promise<void> {
    let text: string | undefined;
    let done: string;
    switch (what) {
      case 'json':
        text = rawJson(delivery.raw);
        done = vscode.l10n.t('Delivery JSON copied to the clipboard.');
        break;
      case 'id':
        text = delivery.id;
        done = vscode.l10n.t('Delivery ID copied to the clipboard.');
        break;
      case 'url':
        text = delivery.targetUrl;
        done = vscode.l10n.t('Target URL copied to the clipboard.');
        break;
      case 'link': {
        const link = linkOf(delivery);
        text = link && formatLink(link, vscode.env.uriScheme, EXTENSION_ID);
        done = vscode.l10n.t('Link to the delivery copied to the clipboard.');
        break;
      }
    }
    if (text === undefined || text === '') {
      void vscode.window.showInformationMessage(
        what === 'link' ? vscode.l10n.t('This delivery names no workspace, so it has no link.') : vscode.l10n.t('This delivery has no target URL.'),
      );
      return;
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(done, 3000);
  }

  async openJson(delivery: Delivery, viewColumn: vscode.ViewColumn): Promise<void> {
    await this.json.open(delivery, viewColumn);
  }

  async searchHandler(delivery: Delivery): Promise<void> {
    await this.findHandler(delivery);
  }

  /** Goes to the route of the delivery's target URL in the workspace (see src/handler). */
  findHandler(delivery: Delivery, options: FindHandlerOptions = {}): Promise<FindHandlerResult> {
    // Beside a focused delivery panel, so that the delivery stays in view.
    const viewColumn = this.activePanel()?.panel.active ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    return findHandlerModule().findHandler(delivery.targetUrl, { viewColumn, ...options });
  }

  deliveryChanged(delivery: Delivery): void {
    this.json.update(delivery);
    // A copy read by the panel's own Refresh goes into its feed, so the tree shows it too.
    this.feeds?.absorb(delivery);
  }

  providerErrorKind(error: unknown): ErrorKind | undefined {
    // Here, in the bundle whose providers and services throw ProviderError (see ./lazy.ts).
    return isProviderError(error) ? error.kind : undefined;
  }

  panelActive(panel: DeliveryDetailPanel): void {
    this.lastActive = panel;
  }

  panelDisposed(panel: DeliveryDetailPanel): void {
    this.panels.delete(panel);
    if (this.following === panel) {
      this.following = undefined;
    }
    if (this.lastActive === panel) {
      this.lastActive = undefined;
    }
  }

  // ------------------------------------------------------------ commands

  /** Refreshes the panels showing the delivery given, else the active one; true when all succeeded. */
  async refresh(argument: unknown): Promise<boolean> {
    const given = deliveryOf(argument);
    const panels = given ? [...this.panels].filter((panel) => sameDelivery(panel.delivery, given)) : [];
    const targets = panels.length > 0 ? panels : [this.activePanel()].filter((panel) => panel !== undefined);
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a webhook delivery first.'));
      return false;
    }
    const results = await Promise.all(targets.map((panel) => panel.refresh()));
    return results.every(Boolean);
  }

  // ------------------------------------------------------------ WebviewPanelSerializer

  /** Shows the saved delivery's ids at once, then reads the delivery again from the API. */
  deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const lazy = detailPanelModule();
    const state = lazy.readPanelState(saved);
    if (!state) {
      webviewPanel.dispose();
      return Promise.resolve();
    }
    const following = state.following && this.following === undefined;
    const panel = new lazy.DeliveryDetailPanel(this, webviewPanel, state.delivery, undefined, following);
    this.add(panel);
    void panel.refresh();
    return Promise.resolve();
  }

  dispose(): void {
    // Panels are left open on purpose: VS Code restores them after a reload.
    this.json.dispose();
    this.panels.clear();
    this.following = undefined;
    this.lastActive = undefined;
  }
}

/** The panels registered last; commands elsewhere resolve "this delivery" through them. */
let registered: DetailPanels | undefined;

/**
 * The delivery a command given `argument` acts on: the delivery or tree node it was given,
 * else the one in the focused (or last focused) detail panel. Tells the user when none.
 */
export function targetDelivery(argument: unknown): Delivery | undefined {
  return registered ? registered.target(argument) : deliveryOf(argument);
}

/** Registers the detail panel's commands, its JSON documents and its serializer. */
export function registerDetailPanel(
  context: Pick<vscode.ExtensionContext, 'extensionUri'>,
  services: DetailPanelServices,
  feeds?: FeedRegistry,
): vscode.Disposable[] {
  const panels = new DetailPanels(context.extensionUri, services, feeds);
  registered = panels;
  const feedSubscription = feeds?.onDidChange((_feed, change) => panels.feedUpdated(change.updated));
  const command = (id: string, run: (argument: unknown) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, run);
  const withDelivery =
    (run: (delivery: Delivery) => Promise<void>) =>
    async (argument: unknown): Promise<void> => {
      const delivery = panels.target(argument);
      if (delivery) {
        await run(delivery);
      }
    };

  return [
    panels,
    { dispose: () => feedSubscription?.dispose() },
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panels),
    command(DETAIL_COMMANDS.openDelivery, (argument) => {
      const delivery = panels.target(argument);
      return delivery ? panels.open(delivery, false) : undefined;
    }),
    command(DETAIL_COMMANDS.openDeliveryToSide, (argument) => {
      const delivery = panels.target(argument);
      return delivery ? panels.open(delivery, true) : undefined;
    }),
    command(DETAIL_COMMANDS.copyDeliveryJson, withDelivery((delivery) => panels.copy(delivery, 'json'))),
    command(DETAIL_COMMANDS.copyDeliveryId, withDelivery((delivery) => panels.copy(delivery, 'id'))),
    command(DETAIL_COMMANDS.copyDeliveryUrl, withDelivery((delivery) => panels.copy(delivery, 'url'))),
    command(
      DETAIL_COMMANDS.openDeliveryJson,
      withDelivery((delivery) => panels.openJson(delivery, vscode.ViewColumn.Active)),
    ),
    // A second argument is for automation: `{ pick: 'best' | 'none' }` avoids the quick pick.
    vscode.commands.registerCommand(DETAIL_COMMANDS.searchHandler, (argument: unknown, options: unknown) => {
      const delivery = panels.target(argument);
      return delivery ? panels.findHandler(delivery, findHandlerModule().findHandlerOptions(options)) : undefined;
    }),
    command(DETAIL_COMMANDS.refreshDelivery, (argument) => panels.refresh(argument)),
    ...registerCompare(panels.json, (argument) => panels.target(argument)),
  ];
}
