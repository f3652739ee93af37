// Entry point: wires the key store, the providers, the tree, live refresh, route health and
// the commands together, nothing more.
import { activationTimes, type ActivationTimes } from './activationClock';
import * as vscode from 'vscode';
import { ApiKeyStore } from './keys/apiKeyStore';
import { ProviderHub } from './services/providerHub';
import { showReadProgress } from './tree/readProgress';
import { DeliveriesTreeProvider, revealingView } from './tree/deliveriesTree';
import { LiveRefresh } from './tree/liveRefresh';
import type { TreeNode } from './tree/node';
import { registerKeyCommands } from './commands/keyCommands';
import { registerAccountCommands } from './commands/accountCommands';
import { registerWorkerCommands } from './commands/workerCommands';
import { registerDeliveryCommands } from './commands/deliveryCommands';
import { registerDetailPanel } from './detail/detailPanel';
import { detailPanelServices } from './detail/services';
import { registerInsights } from './insights/registerInsights';
import { registerDebugCommands } from './commands/debugCommands';
import { registerLinkCommands } from './commands/linkCommands';
import { registerRouteHealth } from './health/routeHealthView';
import { FeedRegistry } from './model/feeds';
import { feedLoader } from './services/feedLoader';
import { registerFindCommands } from './find/commands';
import { Given } from './commands/given';

export const VIEW_ID = 'webhookDeliveries.deliveries';

/** What activate() returns: the integration tests use it to look inside the running extension. */
export interface ExtensionApi {
  readonly tree: DeliveriesTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly keys: ApiKeyStore;
  readonly hub: ProviderHub;
  readonly live: LiveRefresh;
  readonly feeds: FeedRegistry;
  /** Wraps a command argument that may skip a prompt (a key, worker id, label, filter, file, link). */
  readonly given: <T>(value: T) => Given<T>;
  /** How long this activation took, in its parts (the bench reports them). */
  readonly activation: ActivationTimes;
}

/** Every module of the bundle is evaluated by the time this line runs. */
const evaluated = performance.now();

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Webhook Deliveries', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const hub = new ProviderHub(keys, log);
  const feeds = new FeedRegistry(feedLoader(hub));
  const tree = new DeliveriesTreeProvider(hub, feeds, context.globalState);
  const view = revealingView(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }), tree);
  const live = new LiveRefresh(tree, view);

  context.subscriptions.push(
    log,
    keys,
    hub,
    tree,
    view,
    live,
    showReadProgress(feeds, VIEW_ID),
    keys.onDidChange(() => tree.refreshRoots()),
    ...registerKeyCommands(keys, hub),
    ...registerAccountCommands(keys),
    ...registerWorkerCommands(tree, hub),
    ...registerDeliveryCommands(tree, view, live),
    ...registerDetailPanel(context, detailPanelServices(hub), feeds),
    ...registerInsights(context, tree),
    ...registerDebugCommands(tree, view),
    ...registerLinkCommands(tree, view, hub),
    ...registerFindCommands(tree, view),
    ...registerRouteHealth(tree, view),
  );
  return { tree, view, keys, hub, live, feeds, given: (value) => Given.of(value), activation: activationTimes(evaluated, started, performance.now()) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
