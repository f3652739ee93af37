// Delivery health where the handler's code is: a CodeLens above each route that loaded
// deliveries of a worker or agent map to, a hover listing its last deliveries, and (opt-in)
// a warning in Problems when its failure rate reaches a threshold. Everything is computed from
// what the feeds hold (`feed.visible()`, so the user's filter applies), for visible editors
// only, once feed changes settle; nothing here asks the API. The matching and the text are
// in ./model.ts and ./present.ts, loaded the first time a visible editor needs them.
import * as vscode from 'vscode';
import type { FeedRegistry } from '../model/feeds';
import type { Delivery } from '../model/delivery';
import { INCLUDE_GLOB } from '../handler/files';
import { healthEnabled, healthFailureThreshold, healthProblemsEnabled, affectsHealth } from '../config/settings';
import { Given, givenValue } from '../commands/given';
import { COMMANDS } from '../commands/ids';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { TreeNode } from '../tree/node';
import type { FeedInput, RouteHealth } from './model';
import { HEALTH_COMMANDS, isRouteRef, type RouteRef } from './ids';
import { healthModule } from './lazy';

export { HEALTH_COMMANDS } from './ids';

const DEBOUNCE_MS = 250;

/** Source files by Find Handler's extensions; its excluded folders are checked on use. */
export const HEALTH_SELECTOR: vscode.DocumentSelector = { pattern: INCLUDE_GLOB };

interface Computed {
  readonly version: number;
  readonly feedsVersion: number;
  readonly health: readonly RouteHealth[];
}

export class RouteHealthView implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('webhookDeliveries.health');
  private readonly cache = new Map<string, Computed>();
  private readonly disposables: vscode.Disposable[] = [];
  private feedsVersion = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly feeds: FeedRegistry) {
    const subscription = feeds.onDidChange(() => this.schedule());
    this.disposables.push(
      { dispose: () => subscription.dispose() },
      this.changeEmitter,
      this.diagnostics,
      vscode.window.onDidChangeVisibleTextEditors(() => {
        this.pruneCache();
        this.updateDiagnostics();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cache.delete(document.uri.toString());
        this.diagnostics.delete(document.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsHealth(event) || event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude')) {
          this.cache.clear();
          this.schedule();
        }
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const health = healthEnabled() ? this.healthOf(document) : [];
    return health.length === 0 ? [] : healthModule().lensesOf(health, Date.now(), (ref) => Given.of(ref));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    // On the route text only: the rest of the line (a handler's parameters) keeps its own hovers.
    const here = healthEnabled()
      ? this.healthOf(document).filter((route) => route.line === position.line && position.character >= route.start && position.character <= route.end)
      : [];
    return here.length === 0 ? undefined : healthModule().hoverOf(here, Date.now());
  }

  /** The delivery a hover link names, when a feed still holds it. */
  loadedDelivery(key: unknown, id: unknown): Delivery | undefined {
    return typeof key === 'string' && typeof id === 'string' ? this.feeds.get(key)?.get(id) : undefined;
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.cache.clear();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }

  /** The routes of a visible document and their health, cached per document version and feed state. */
  private healthOf(document: vscode.TextDocument): readonly RouteHealth[] {
    if (!vscode.window.visibleTextEditors.some((editor) => editor.document === document) || vscode.languages.match(HEALTH_SELECTOR, document) === 0) {
      return [];
    }
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.feedsVersion === this.feedsVersion) {
      return cached.health;
    }
    const inputs = this.inputs();
    let health: readonly RouteHealth[] = [];
    // Nothing loaded: nothing to match, and the matcher is not even loaded.
    if (inputs.length > 0) {
      const module = healthModule();
      health = module.isIncluded(document) ? module.routeHealth(module.relativePath(document.uri), document.getText(), inputs) : [];
    }
    this.cache.set(key, { version: document.version, feedsVersion: this.feedsVersion, health });
    return health;
  }

  /** Feed changes come in bursts (a refresh emits per page): redraw once they settle. */
  private schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.feedsVersion++;
      this.changeEmitter.fire();
      this.updateDiagnostics();
    }, DEBOUNCE_MS);
  }

  private inputs(): FeedInput[] {
    return this.feeds.all().flatMap((feed) => {
      const container = this.feeds.containerOf(feed);
      const deliveries = feed.visible();
      return container && deliveries.length > 0 ? [{ key: feed.key, provider: container.provider, name: container.name, deliveries }] : [];
    });
  }

  private pruneCache(): void {
    const visible = new Set(vscode.window.visibleTextEditors.map((editor) => editor.document.uri.toString()));
    for (const key of this.cache.keys()) {
      if (!visible.has(key)) {
        this.cache.delete(key);
      }
    }
  }

  /** Warnings for the visible editors' failing routes; a file out of view keeps its own until seen again or closed. */
  private updateDiagnostics(): void {
    if (!healthProblemsEnabled()) {
      this.diagnostics.clear();
      return;
    }
    const threshold = healthFailureThreshold();
    for (const document of new Set(vscode.window.visibleTextEditors.map((editor) => editor.document))) {
      const health = this.healthOf(document);
      this.diagnostics.set(document.uri, health.length === 0 ? [] : healthModule().diagnosticsOf(health, threshold));
    }
  }
}

/**
 * The worker's or agent's node in the tree, filtered to the route's deliveries (the user's
 * outcome filter kept), revealed and expanded; with `insights`, its insights page too.
 */
async function showRoute(tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>, ref: RouteRef, insights: boolean): Promise<unknown> {
  const node = tree.containers().find((candidate) => candidate.id === ref.key);
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('That worker or agent is no longer listed.'));
    return undefined;
  }
  node.setFilter({ ...node.filter, text: ref.filterText });
  await view.reveal(node, { expand: true }).then(undefined, () => undefined);
  return insights ? vscode.commands.executeCommand(COMMANDS.showInsights, node) : node;
}

/** The view, its providers and the commands its lenses and hover links run. */
export function registerRouteHealth(tree: DeliveriesTreeProvider, treeView: vscode.TreeView<TreeNode>): vscode.Disposable[] {
  const view = new RouteHealthView(tree.feeds);
  const routeRef = (argument: unknown): RouteRef | undefined => givenValue(argument, isRouteRef);
  return [
    view,
    vscode.languages.registerCodeLensProvider(HEALTH_SELECTOR, view),
    vscode.languages.registerHoverProvider(HEALTH_SELECTOR, view),
    // Only a Given (a lens of this extension) names a route: JSON from a link does nothing.
    vscode.commands.registerCommand(HEALTH_COMMANDS.showRouteDeliveries, (argument?: unknown) => {
      const ref = routeRef(argument);
      return ref ? showRoute(tree, treeView, ref, false) : undefined;
    }),
    vscode.commands.registerCommand(HEALTH_COMMANDS.showRouteInsights, (argument?: unknown) => {
      const ref = routeRef(argument);
      return ref ? showRoute(tree, treeView, ref, true) : undefined;
    }),
    // A hover link's JSON can only open a delivery already loaded; anything else is ignored.
    vscode.commands.registerCommand(HEALTH_COMMANDS.openRouteDelivery, (key?: unknown, id?: unknown) => {
      const delivery = view.loadedDelivery(key, id);
      return delivery ? vscode.commands.executeCommand(COMMANDS.openDelivery, delivery) : undefined;
    }),
  ];
}
