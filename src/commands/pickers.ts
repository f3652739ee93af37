// Quick picks for commands run from the palette, where no tree node was given.
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import { ContainerNode } from '../tree/containerNode';
import type { ProviderId } from '../model/delivery';
import { pickText } from '../model/safeText';

export async function pickProvider(placeHolder: string): Promise<ProviderId | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Handinger', provider: 'handinger' as const },
      { label: 'Cadenya', provider: 'cadenya' as const },
    ],
    { placeHolder },
  );
  return picked?.provider;
}

/**
 * The node given by a tree action, or one the user picks among the workers and agents.
 * Lists the roots (and Cadenya workspaces) first when the tree was never expanded.
 */
export async function resolveContainer(
  tree: DeliveriesTreeProvider,
  argument: unknown,
  placeHolder: string,
  filter: (node: ContainerNode) => boolean = () => true,
): Promise<ContainerNode | undefined> {
  if (argument instanceof ContainerNode) {
    return argument;
  }
  const nodes = (await tree.listAllContainers()).filter(filter);
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No worker or agent to choose from.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    nodes.map((node) => ({
      label: pickText(node.container.name),
      description: `${node.provider === 'handinger' ? 'Handinger' : 'Cadenya'} · ${pickText(node.container.id)}`,
      node,
    })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.node;
}
