// Debugging aids on a worker or agent: group its deliveries by the task or objective that
// caused them, and export what is loaded (and filtered) as CSV or JSON.
import { account } from '../config/settings';
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { ContainerNode } from '../tree/containerNode';
import type { TreeNode } from '../tree/node';
import type { GroupNode } from '../tree/groupNode';
import { describeFilter } from '../model/filter';
import { eventTypeLabel } from '../model/delivery';
import type { ExportFormat } from '../model/export';
import { exportModule } from '../model/lazyExport';
import { resolveContainer } from './pickers';
import { COMMANDS } from './ids';
import { messageText } from '../model/safeText';
import { givenValue } from './given';

/** What the export command resolves to (tests read it). */
export interface ExportResult {
  readonly uri: string;
  readonly format: ExportFormat;
  readonly count: number;
}

export function registerDebugCommands(tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.groupByTrigger, async (argument?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Group the deliveries of…'), (n) => !n.grouped);
      if (node) {
        node.setGrouped(true);
        await view.reveal(node, { expand: true }).then(undefined, () => undefined);
      }
      return node?.grouped;
    }),
    vscode.commands.registerCommand(COMMANDS.ungroup, async (argument?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('List the deliveries of…'), (n) => n.grouped);
      node?.setGrouped(false);
      return node?.grouped;
    }),
    vscode.commands.registerCommand(COMMANDS.filterByObjective, async (argument?: unknown) => {
      // From a Cadenya objective group: the server lists that objective's deliveries alone.
      const group = argument as Partial<GroupNode> | undefined;
      const owner = tree.containers().find((node) => node === group?.owner);
      const trigger = group?.group?.trigger;
      if (!owner || trigger?.kind !== 'objective' || owner.provider !== 'cadenya') {
        return undefined;
      }
      owner.setFilter({ ...owner.filter, objectiveId: trigger.id });
      await view.reveal(owner, { expand: true }).then(undefined, () => undefined);
      return owner.filter.objectiveId;
    }),
    vscode.commands.registerCommand(COMMANDS.exportDeliveries, async (argument?: unknown, format?: unknown, target?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Export the loaded deliveries of…'), (n) => n.loaded);
      return node ? exportDeliveries(node, format, target) : undefined;
    }),
  ];
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: vscode.l10n.t('one row per delivery, for spreadsheets'), format: 'csv' as const },
      { label: 'JSON', description: vscode.l10n.t('normalised fields and the records as the API sent them'), format: 'json' as const },
    ],
    { placeHolder: vscode.l10n.t('Export as') },
  );
  return picked?.format;
}

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function exportDeliveries(node: ContainerNode, givenFormat: unknown, givenTarget: unknown): Promise<ExportResult | undefined> {
  const deliveries = node.visibleDeliveries();
  if (deliveries.length === 0) {
    void vscode.window.showInformationMessage(
      node.loaded
        ? vscode.l10n.t('{0} has no loaded delivery to export (check its filter).', messageText(node.container.name))
        : vscode.l10n.t('Expand {0} first: nothing is loaded yet.', messageText(node.container.name)),
    );
    return undefined;
  }
  // Format and file skip the prompts only as Givens: a command link could otherwise write anywhere.
  const format = givenValue(givenFormat, (value): value is ExportFormat => value === 'csv' || value === 'json') ?? (await pickFormat());
  if (!format) {
    return undefined;
  }
  const fileName = exportModule().exportFileName(node.container.name, format, new Date());
  const folder = defaultFolder();
  const target =
    givenValue(givenTarget, (value): value is vscode.Uri => value instanceof vscode.Uri) ??
    (await vscode.window.showSaveDialog({
            title: vscode.l10n.t('Export {0} deliveries of {1}', deliveries.length, messageText(node.container.name)),
            saveLabel: vscode.l10n.t('Export'),
            defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
            filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
          }));
  if (!target) {
    return undefined;
  }
  const text =
    format === 'csv'
      ? exportModule().toCsv(deliveries)
      : exportModule().toJson(deliveries, {
          container: node.container,
          account: accountOf(node),
          filter: describeFilter(node.filter, eventTypeLabel),
          exportedAt: new Date().toISOString(),
          partial: node.hasMore,
        });
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not write {0}: {1}', messageText(target.scheme === 'file' ? target.fsPath : target.toString(), 300), messageText(error instanceof Error ? error.message : String(error), 300)),
    );
    return undefined;
  }
  const open = vscode.l10n.t('Open');
  const message = node.hasMore
    ? vscode.l10n.t('Exported the {0} loaded deliveries of {1}; more exist on the server (Load the Last N Deliveries… first to include them).', deliveries.length, messageText(node.container.name))
    : vscode.l10n.t('Exported {0} deliveries of {1}.', deliveries.length, messageText(node.container.name));
  void vscode.window.showInformationMessage(message, open).then(async (choice) => {
    if (choice === open) {
      await vscode.window.showTextDocument(target);
    }
  });
  return { uri: target.toString(), format, count: deliveries.length };
}

/** The id and name of a worker's or agent's account, for the export's source. */
function accountOf(node: ContainerNode): { id: string; name: string } | undefined {
  const found = account(node.provider, node.account.accountId);
  return found && { id: found.id, name: found.name };
}
