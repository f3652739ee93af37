// Opening a delivery shows its JSON in a read-only editor until the detail panel replaces it.
import * as vscode from 'vscode';
import type { Delivery } from '../model/delivery';
import { COMMANDS } from './ids';

const SCHEME = 'webhook-delivery';

function deliveryOf(argument: unknown): Delivery | undefined {
  if (argument && typeof argument === 'object' && 'delivery' in argument) {
    return (argument as { delivery: Delivery }).delivery;
  }
  return argument && typeof argument === 'object' && 'raw' in argument ? (argument as Delivery) : undefined;
}

export function registerInterimOpen(): vscode.Disposable[] {
  const documents = new Map<string, string>();
  return [
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      provideTextDocumentContent: (uri) => documents.get(uri.path) ?? '',
    }),
    vscode.commands.registerCommand(COMMANDS.openDelivery, async (argument?: unknown) => {
      const delivery = deliveryOf(argument);
      if (!delivery) {
        return;
      }
      const path = `/${delivery.provider}/${delivery.id}.json`;
      documents.set(path, JSON.stringify(delivery.raw, null, 2));
      const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SCHEME, path }));
      await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
    }),
  ];
}
