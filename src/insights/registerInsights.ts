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
import type { TreeNode } from '../tree/node';
import type { InsightsHost, InsightsInfo } from './insightsPanel';
import { INSIGHTS_VIEW_TYPE, InsightsPanel } from './insightsPanel';
import { messageText, pickText } from '../model/safeText';

export { INSIGHTS_VIEW_TYPE } from './insightsPanel';
export type { InsightsFigures, InsightsInfo } from './insightsPanel';

/** What "Load the Last N Deliveries…" offers; "Other…" asks for any count up to the maximum. */
export const LOAD_CHOICES: readonly number[] = [100, 250, 500, 1000];
export const MAX_LOAD = 100_000;

/** A whole number of deliveries the command accepts from automation (tests, keybindings). */
export function isLoadCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LOAD;
}

/** `changed` is `node`, below it, or above it (a root that was reset). */
function touches(changed: TreeNode, node: TreeNode): boolean {
  for (let current: TreeNode | undefined = changed; current; current = current.parent) {
    if (current === node || current.id === node.id) {
      return true;
    }
  }
  for (let current: TreeNode | undefined = node.parent; current; current = current.parent) {
    if (current === changed) {
      return true;
    }
  }
  return false;
}

class InsightsPanels implements InsightsHost, vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, InsightsPanel>();
  /** Loads started here, per node, so that a second one waits for the first instead of being dropped. */
  private readonly loads = new Map<string, Promise<void>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly tree: DeliveriesTreeProvider,
  ) {
    this.subscription = tree.onDidChangeTreeData((changed) => {
      for (const panel of this.panels.values()) {
        if (!changed || touches(changed, panel.node)) {
          panel.scheduleUpdate();
        }
      }
    });
  }

  /** Shows the node's panel (opening it once); resolves when the page drew its deliveries. */
  async show(node: ContainerNode): Promise<InsightsInfo> {
    let panel = this.panels.get(node.id);
    if (panel) {
      panel.reveal();
    } else {
      panel = this.add(InsightsPanel.create(this, node));
    }
    panel.flush();
    // A panel opened on a node never expanded loads its first page: report what that gave.
    await this.loads.get(node.id);
    const rendered = await panel.whenRendered();
    return panel.info(rendered);
  }

  private add(panel: InsightsPanel): InsightsPanel {
    this.panels.set(panel.nodeId, panel);
    if (!panel.node.loaded) {
      void this.load(panel.node, 1, false);
    }
    return panel;
  }

  load(node: ContainerNode, count: number, notify: boolean): Promise<void> {
    this.panels.get(node.id)?.loadingChanged(true);
    const previous = this.loads.get(node.id) ?? Promise.resolve();
    const run = previous.then(() => (notify ? this.loadWithProgress(node, count) : node.loadAtLeast(count).then(() => undefined)));
    const settled = run.then(
      () => this.panels.get(node.id)?.loadingChanged(false),
      (error: unknown) => this.panels.get(node.id)?.loadingChanged(false, error instanceof Error ? error.message : String(error)),
    );
    this.loads.set(node.id, settled);
    void settled.then(() => {
      if (this.loads.get(node.id) === settled) {
        this.loads.delete(node.id);
      }
    });
    return run;
  }

  private loadWithProgress(node: ContainerNode, count: number): Promise<void> {
    return withCancellableProgress(vscode.l10n.t('Loading deliveries of {0}', messageText(node.container.name)), async (signal, progress) => {
      const start = node.deliveries.length;
      let reported = start;
      progress.report({ message: vscode.l10n.t('{0} of {1}', start, count) });
      const loaded = await node.loadAtLeast(count, signal, (now) => {
        progress.report({
          message: vscode.l10n.t('{0} of {1}', now, count),
          increment: ((now - reported) / Math.max(1, count - start)) * 100,
        });
        reported = now;
      });
      if (!signal.aborted && loaded < count && node.hasMore) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Loading {0} stopped at {1} deliveries; the tree shows why.', messageText(node.container.name), loaded));
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
    this.add(new InsightsPanel(this, webviewPanel, node, selection));
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
