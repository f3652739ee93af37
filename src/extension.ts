// Entry point: wires the key store, the tree and the commands together, nothing more.
import * as vscode from 'vscode';
import { ApiKeyStore } from './keys/apiKeyStore';
import { DeliveriesTreeProvider } from './tree/deliveriesTree';
import { registerCommands } from './commands/registerCommands';
import { affectsBaseUrl } from './config/settings';

export const VIEW_ID = 'webhookDeliveries.deliveries';

/** What activate() returns: used by the integration tests to look inside the running extension. */
export interface ExtensionApi {
  readonly tree: DeliveriesTreeProvider;
  readonly keys: ApiKeyStore;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const keys = new ApiKeyStore(context.secrets);
  const tree = new DeliveriesTreeProvider(keys);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });

  context.subscriptions.push(
    keys,
    tree,
    view,
    keys.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsBaseUrl(event)) {
        tree.refresh();
      }
    }),
    ...registerCommands(tree),
  );
  return { tree, keys };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
