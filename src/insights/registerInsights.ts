// The insights view as the rest of the extension sees it: the two commands, one panel per
// worker or agent (shown again rather than opened twice), the tree listener that keeps the
// panels current, loads with a cancellable progress notification, and the serializer that
// brings panels back after a window reload.
//
// Wiring (in activate()):
//   context.subscriptions.push(...registerInsights(context, tree));
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/ids';
import { resolveContainer } from '../commands/pickers';
import { withCancellableProgress } from '../commands/progress';
import type { ContainerNode } from '../tree/containerNode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { FeedError } from '../model/feed';
import { presentError } from '../tree/errorText';
import { messageText, pickText } from '../model/safeText';
import type { InsightsHost, InsightsInfo, InsightsPanel } from './insightsPanel';
import { INSIGHTS_VIEW_TYPE, insightsPanelModule } from './lazy';

export { INSIGHTS_VIEW_TYPE } from './lazy';
export type { InsightsFigures, InsightsInfo } from './insightsPanel';

/** What "Load the Last N Deliveries…" offers; "Other…" asks for any count up to the maximum. */
export const LOAD_CHOICES: readonly number[] = [100, 250, 500, 1000];
export const MAX_LOAD = 100_000;

/** A whole number of deliveries the command accepts from automation (tests, keybindings). */
export function isLoadCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LOAD;
}

class InsightsPanels implements InsightsHost, vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, InsightsPanel>();
  private readonly subscription: { dispose(): void };

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly tree: DeliveriesTreeProvider,
  ) {
    // The page follows its feed: every change of it (a page, a refresh, a filter) redraws it.
    this.subscription = tree.feeds.onDidChange((feed) => {
      const panel = this.panels.get(feed.key);
      if (panel) {
        panel.loadingChanged(feed.busy === 'load', loadErrorText(feed.error));
        panel.scheduleUpdate();
      }
    });
  }

  /** Shows the node's panel (opening it once); resolves when the page drew its deliveries. */
  async show(node: ContainerNode): Promise<InsightsInfo> {
    let panel = this.panels.get(node.id);
    if (panel) {
      panel.reveal();
    } else {
      panel = this.add(insightsPanelModule().InsightsPanel.create(this, node));
    }
    // A panel opened on a node never expanded loads its first page: report what that gave.
    await node.feed.loadFirst();
    panel.flush();
    const rendered = await panel.whenRendered();
    return panel.info(rendered);
  }

  private add(panel: InsightsPanel): InsightsPanel {
    this.panels.set(panel.nodeId, panel);
    void panel.node.feed.loadFirst();
    return panel;
  }

  /** Loads until `count` deliveries (a feed operation: it waits its turn, never dropped). */
  async load(node: ContainerNode, count: number, notify: boolean): Promise<void> {
    if (notify) {
      await this.loadWithProgress(node, count);
    } else {
      await node.feed.loadAtLeast(count);
    }
  }

  private loadWithProgress(node: ContainerNode, count: number): Promise<void> {
    return withCancellableProgress(vscode.l10n.t('Loading deliveries of {0}', messageText(node.container.name)), async (signal, progress) => {
      const start = node.deliveries.length;
      let reported = start;
      progress.report({ message: vscode.l10n.t('{0} of {1}', start, count) });
      const result = await node.feed.loadAtLeast(count, signal, (now) => {
        progress.report({
          message: vscode.l10n.t('{0} of {1}', now, count),
          increment: ((now - reported) / Math.max(1, count - start)) * 100,
        });
        reported = now;
      });
      const loaded = node.deliveries.length;
      if (result.status === 'failed') {
        this.tree.reportError(result.error, node.account);
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Loading {0} stopped at {1} deliveries: {2}', messageText(node.container.name), loaded, messageText(loadErrorText(node.feed.error))),
        );
      } else if (result.status === 'stale') {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Loading {0} stopped: its API key, base URL or server filter changed meanwhile.', messageText(node.container.name)),
        );
      }
    });
  }

  panelDisposed(panel: InsightsPanel): void {
    if (this.panels.get(panel.nodeId) === panel) {
      this.panels.delete(panel.nodeId);
    }
  }

  /** Reattaches a restored page to its worker or agent; closes it when that is gone. */
  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const state = saved as { nodeId?: unknown; selection?: unknown } | undefined;
    const nodeId = typeof state?.nodeId === 'string' ? state.nodeId : undefined;
    const selection = typeof state?.selection === 'string' ? state.selection : undefined;
    const find = (nodes: readonly ContainerNode[]): ContainerNode | undefined => nodes.find((node) => node.id === nodeId);
    let node = find(this.tree.containers());
    if (nodeId !== undefined && !node) {
      node = find(await this.tree.listAllContainers().catch(() => []));
    }
    if (!node || this.panels.has(node.id)) {
      webviewPanel.dispose();
      return;
    }
    this.add(new (insightsPanelModule().InsightsPanel)(this, webviewPanel, node, selection));
  }

  dispose(): void {
    // Panels stay open on purpose: VS Code restores them after a reload.
    this.subscription.dispose();
    this.panels.clear();
  }
}

async function pickCount(node: ContainerNode): Promise<number | undefined> {
  const other = vscode.l10n.t('Other…');
  const items: Array<vscode.QuickPickItem & { count?: number }> = [
    ...LOAD_CHOICES.map((count) => ({ label: String(count), count })),
    { label: other, description: vscode.l10n.t('Any number up to {0}', MAX_LOAD) },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('{0} has {1} deliveries loaded. Load until how many?', pickText(node.container.name), node.deliveries.length),
  });
  if (!picked) {
    return undefined;
  }
  if (picked.count !== undefined) {
    return picked.count;
  }
  const typed = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('How many of the newest deliveries to load'),
    value: String(Math.max(LOAD_CHOICES.at(-1) ?? 1000, node.deliveries.length) * 2),
    validateInput: (text) => (isLoadCount(Number(text.trim())) ? undefined : vscode.l10n.t('Enter a whole number from 1 to {0}.', MAX_LOAD)),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}

/** What a failed load says, in words (the insights page and the warning show it). */
function loadErrorText(error: FeedError | undefined): string | undefined {
  return error?.during === 'load' ? presentError(error.error).message : undefined;
}

/** Registers the insights commands, the tree listener and the serializer. */
export function registerInsights(context: vscode.ExtensionContext, tree: DeliveriesTreeProvider): vscode.Disposable[] {
  const panels = new InsightsPanels(context.extensionUri, tree);
  return [
    panels,
    vscode.window.registerWebviewPanelSerializer(INSIGHTS_VIEW_TYPE, panels),
    vscode.commands.registerCommand(COMMANDS.showInsights, async (argument?: unknown): Promise<InsightsInfo | undefined> => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Show insights for which worker or agent?'));
      return node ? panels.show(node) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.loadRecent, async (argument?: unknown, count?: unknown): Promise<InsightsInfo | undefined> => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Load the last deliveries of which worker or agent?'));
      if (!node) {
        return undefined;
      }
      const wanted = isLoadCount(count) ? count : await pickCount(node);
      if (wanted === undefined) {
        return undefined;
      }
      await panels.load(node, wanted, true);
      return panels.show(node);
    }),
  ];
}
