// The command table: each palette command mapped to what it does. Handlers stay small and
// delegate to the tree or the key store.
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';

export const COMMANDS = {
  refresh: 'webhookDeliveries.refresh',
} as const;

export function registerCommands(tree: DeliveriesTreeProvider): vscode.Disposable[] {
  return [vscode.commands.registerCommand(COMMANDS.refresh, () => tree.refresh())];
}
