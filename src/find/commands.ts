// Finding deliveries: Go to Delivery… (a loaded one, or any id: ids carry their creation time,
// so the feed jumps to its page), Set Time Range…, and saved filters.
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { TreeNode } from '../tree/node';
import { resolveContainer } from '../commands/pickers';
import { COMMANDS } from '../commands/ids';
import { givenValue, isString } from '../commands/given';
import { openInNode, type LinkOpenResult } from '../commands/linkCommands';
import { messageText, pickText } from '../model/safeText';
import { providerOfId } from './ids';
import { isFiltered, type DeliveryFilter } from '../model/filter';
import { applyFilter } from './applyFilter';
import { findUi } from './lazy';

/** What `Go to Delivery…` was given by the extension's own code (tests): skips the prompts. */
interface GoToGiven {
  readonly id: string;
  /** The worker or agent's tree id (containerKey); asked when absent and several could hold it. */
  readonly container?: string;
}

function isGoToGiven(value: unknown): value is GoToGiven {
  return typeof value === 'object' && value !== null && typeof (value as GoToGiven).id === 'string';
}

export function registerFindCommands(tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.goToDelivery, async (given?: unknown) => {
      const wanted = givenValue(given, isGoToGiven);
      if (wanted) {
        return (await goToId(tree, view, wanted.id.trim(), wanted.container)).deliveryId;
      }
      return goToDelivery(tree, view);
    }),
    vscode.commands.registerCommand(COMMANDS.setTimeRange, async (argument?: unknown, givenFilter?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Set the time range of…'));
      if (!node) {
        return undefined;
      }
      const given = givenValue(givenFilter, (value): value is Pick<DeliveryFilter, 'range'> => typeof value === 'object' && value !== null);
      const next = given ? { ...node.filter, range: given.range } : await findUi().promptRange(node.filter);
      return next ? (await applyFilter(node, next, view))?.status ?? 'done' : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.saveFilter, async (argument?: unknown, givenName?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Save the filter of…'), (candidate) => isFiltered(candidate.filter));
      return node ? findUi().saveFilterAs(node.filter, givenValue(givenName, isString)) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.applySavedFilter, async (argument?: unknown, givenName?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Apply a saved filter to…'));
      if (!node) {
        return undefined;
      }
      const chosen = await findUi().pickSavedFilter(node, givenValue(givenName, isString));
      if (!chosen) {
        return undefined;
      }
      await applyFilter(node, chosen.filter, view);
      return chosen.name;
    }),
    vscode.commands.registerCommand(COMMANDS.deleteSavedFilter, async (givenName?: unknown) => findUi().deleteSavedFilter(givenValue(givenName, isString))),
  ];
}

/** Loaded deliveries over every feed, whatever the tree mode; or any id typed, looked for on the server. */
async function goToDelivery(tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>): Promise<string | undefined> {
  const containers = tree.containers().filter((container) => container.loaded);
  const picked = await findUi().pickDelivery(containers);
  if (!picked) {
    return undefined;
  }
  if (picked.kind === 'id') {
    return (await goToId(tree, view, picked.id)).deliveryId;
  }
  const node = picked.container.nodeFor(picked.delivery);
  // The row's parent (its group, when grouped) is expanded on the way.
  await view.reveal(node, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
  await vscode.commands.executeCommand(COMMANDS.openDelivery, node);
  return picked.delivery.id;
}

/** Any delivery by id: a loaded one is revealed; else its worker or agent (asked when unclear) is searched. */
async function goToId(tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>, id: string, containerKey?: string): Promise<LinkOpenResult> {
  const holder = tree.containers().find((container) => container.feed.get(id));
  if (holder) {
    return openInNode(holder, id, view);
  }
  const provider = providerOfId(id);
  const candidates = (await tree.listAllContainers()).filter(
    (candidate) => candidate.checkError === undefined && (containerKey !== undefined ? candidate.id === containerKey : provider === undefined || candidate.provider === provider),
  );
  if (candidates.length === 0) {
    const message = containerKey !== undefined ? vscode.l10n.t('That worker or agent is not in the list.') : vscode.l10n.t('No worker or agent could hold delivery {0}.', messageText(id));
    void vscode.window.showWarningMessage(message);
    return { opened: false, reason: message };
  }
  const node =
    candidates.length === 1
      ? candidates[0]
      : (
          await vscode.window.showQuickPick(
            // Those loaded first: an id pasted while debugging most often belongs to one of them.
            [...candidates]
              .sort((a, b) => Number(b.loaded) - Number(a.loaded))
              .map((candidate) => ({
                label: pickText(candidate.container.name),
                description: `${candidate.provider === 'handinger' ? 'Handinger' : 'Cadenya'} · ${pickText(candidate.container.id)}`,
                candidate,
              })),
            { placeHolder: vscode.l10n.t('Which worker or agent sent {0}?', pickText(id)), matchOnDescription: true },
          )
        )?.candidate;
  if (!node) {
    return { opened: false, reason: 'cancelled' };
  }
  return openInNode(node, id, view);
}
