// "Select for Compare" / "Compare with Selected": two deliveries' JSON side by side in VS
// Code's diff editor, through the same read-only `webhook-delivery:` documents as Open JSON.
import * as vscode from 'vscode';
import type { Delivery } from '../model/delivery';
import type { DeliveryJsonDocuments } from './jsonDocument';
import { shortText } from './labels';

export const COMPARE_COMMANDS = {
  select: 'webhookDeliveries.selectForCompare',
  compare: 'webhookDeliveries.compareWithSelected',
} as const;

/** The context key menus read to offer "Compare with Selected". */
export const COMPARE_CONTEXT_KEY = 'webhookDeliveries.compareSelected';

/** What "Compare with Selected" resolves to (tests read it). */
export interface CompareResult {
  readonly left: string;
  readonly right: string;
  readonly title: string;
}

function name(delivery: Delivery): string {
  return shortText(delivery.id, 32);
}

export function registerCompare(json: DeliveryJsonDocuments, target: (argument: unknown) => Delivery | undefined): vscode.Disposable[] {
  let selected: Delivery | undefined;
  return [
    vscode.commands.registerCommand(COMPARE_COMMANDS.select, async (argument?: unknown) => {
      const delivery = target(argument);
      if (!delivery) {
        return false;
      }
      selected = delivery;
      await vscode.commands.executeCommand('setContext', COMPARE_CONTEXT_KEY, true);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Selected {0} for compare: now choose Compare with Selected on another delivery.', name(delivery)), 5000);
      return true;
    }),
    vscode.commands.registerCommand(COMPARE_COMMANDS.compare, async (argument?: unknown): Promise<CompareResult | undefined> => {
      if (!selected) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Choose Select for Compare on a delivery first.'));
        return undefined;
      }
      const other = target(argument);
      if (!other) {
        return undefined;
      }
      if (other.provider === selected.provider && other.id === selected.id) {
        void vscode.window.showInformationMessage(vscode.l10n.t('That is the delivery selected for compare: choose another one.'));
        return undefined;
      }
      const left = json.prepare(selected);
      const right = json.prepare(other);
      const title = vscode.l10n.t('{0} ↔ {1}', name(selected), name(other));
      await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
      return { left: left.toString(), right: right.toString(), title };
    }),
  ];
}
