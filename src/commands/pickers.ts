// Quick picks for commands run from the palette, where no tree node was given.
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import { ContainerNode } from '../tree/containerNode';
import type { ProviderId } from '../model/delivery';
import { messageText, pickText } from '../model/safeText';
import { ProviderRootNode } from '../tree/providerNodes';
import { account, accounts, allAccounts } from '../config/settings';
import { accountTitle, type Account, type AccountRef } from '../model/accounts';

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
      description: `${containerSource(node)} · ${pickText(node.container.id)}`,
      node,
    })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.node;
}

const PROVIDER_NAMES: Record<ProviderId, string> = { handinger: 'Handinger', cadenya: 'Cadenya' };

function isProvider(value: unknown): value is ProviderId {
  return value === 'handinger' || value === 'cadenya';
}

/** An `{ provider, accountId }` naming an account that is set up. */
function asAccountRef(value: unknown): AccountRef | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const { provider, accountId } = value as { provider?: unknown; accountId?: unknown };
  return isProvider(provider) && typeof accountId === 'string' && account(provider, accountId) ? { provider, accountId } : undefined;
}

/**
 * The account a command acts on: the one given by a tree row (an account, a worker or agent),
 * by an `{ provider, accountId }`, or by a provider with one account; otherwise the user picks.
 * A provider with one account shows as the provider, exactly as before accounts existed.
 */
export async function resolveAccount(
  argument: unknown,
  placeHolder: string,
  filter: (account: Account) => boolean = () => true,
): Promise<Account | undefined> {
  let provider: ProviderId | undefined;
  let ref: AccountRef | undefined;
  if (argument instanceof ProviderRootNode) {
    ref = argument.account;
    provider = argument.provider;
  } else if (argument instanceof ContainerNode) {
    ref = argument.account;
  } else if (isProvider(argument)) {
    provider = argument;
  } else {
    ref = asAccountRef(argument);
  }
  if (ref) {
    const found = account(ref.provider, ref.accountId);
    return found && filter(found) ? found : undefined;
  }
  const candidates = (provider ? accounts(provider) : allAccounts()).filter(filter);
  if (provider && candidates.length === 1) {
    return candidates[0];
  }
  return pickAccount(candidates, placeHolder);
}

/** A quick pick of accounts; undefined when there is none or the user cancels. */
export async function pickAccount(candidates: readonly Account[], placeHolder: string): Promise<Account | undefined> {
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No account to choose from.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((a) => {
      const several = accounts(a.provider).length > 1;
      return {
        label: several ? pickText(a.name) : PROVIDER_NAMES[a.provider],
        description: several ? `${PROVIDER_NAMES[a.provider]} · ${pickText(a.id)}` : undefined,
        detail: several ? pickText(a.baseUrl) : undefined,
        account: a,
      };
    }),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.account;
}

/** How an account is named in messages: the provider, and the account's name when it has several. */
export function accountLabel(a: Pick<Account, 'provider' | 'name'>): string {
  return accountTitle(PROVIDER_NAMES[a.provider], { name: messageText(a.name, 60) }, accounts(a.provider).length > 1);
}

/** "Handinger", or "Handinger · Staging" when the worker's provider has several accounts. */
function containerSource(node: ContainerNode): string {
  const name = PROVIDER_NAMES[node.provider];
  const list = accounts(node.provider);
  const own = list.find((a) => a.id === node.account.accountId);
  return list.length > 1 && own ? `${name} · ${pickText(own.name)}` : name;
}
