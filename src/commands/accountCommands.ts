// Add, rename and remove accounts. Names and base URLs go to the user's settings (never a
// workspace's: a workspace must not redirect a key); keys stay in SecretStorage, and removing
// an account deletes its key. The default account (the settings and key from before accounts)
// can be renamed but not removed.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { accounts, saveAccounts } from '../config/settings';
import {
  accountNameProblem,
  DEFAULT_BASE_URLS,
  MAX_ACCOUNT_NAME,
  newAccountId,
  normaliseBaseUrl,
  type Account,
  type NameProblem,
} from '../model/accounts';
import type { ProviderId } from '../model/delivery';
import { assertSafeBaseUrl } from '../providers/baseUrl';
import { ProviderRootNode } from '../tree/providerNodes';
import { COMMANDS } from './ids';
import { Given, givenValue, isString } from './given';
import { accountLabel, pickProvider, resolveAccount } from './pickers';
import { messageText, pickText } from '../model/safeText';

const PROVIDER_NAMES: Record<ProviderId, string> = { handinger: 'Handinger', cadenya: 'Cadenya' };

function nameProblemText(problem: NameProblem, provider: ProviderId): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a name for the account');
    case 'tooLong':
      return vscode.l10n.t('An account name has at most {0} characters', MAX_ACCOUNT_NAME);
    case 'duplicate':
      return vscode.l10n.t('{0} already has an account with this name', PROVIDER_NAMES[provider]);
  }
}

/** Why a base URL cannot be used (it would send the key in clear, or it is not a URL), or undefined. */
function baseUrlProblem(text: string): string | undefined {
  if (!text.trim()) {
    return undefined; // The provider's public API.
  }
  try {
    assertSafeBaseUrl(text);
    return undefined;
  } catch {
    return vscode.l10n.t('Enter an https:// URL (http:// only to this machine), without a user name or password');
  }
}

/** A name typed or given; a bad given one is reported (there is no prompt to show it in). */
async function askName(provider: ProviderId, list: readonly Account[], given: unknown, options: { title: string; value?: string; exceptId?: string }): Promise<string | undefined> {
  const givenName = givenValue(given, isString);
  if (givenName !== undefined) {
    const problem = accountNameProblem(givenName, list, options.exceptId);
    if (problem) {
      void vscode.window.showErrorMessage(nameProblemText(problem, provider));
      return undefined;
    }
    return givenName.trim();
  }
  const typed = await vscode.window.showInputBox({
    title: options.title,
    prompt: vscode.l10n.t('A name for the account, e.g. Production or Staging'),
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (text) => {
      const problem = accountNameProblem(text, list, options.exceptId);
      return problem ? nameProblemText(problem, provider) : undefined;
    },
  });
  return typed?.trim() || undefined;
}

export function registerAccountCommands(keys: ApiKeyStore): vscode.Disposable[] {
  return [
    // A name and base URL as Givens skip the prompts (the extension's own code, tests); they
    // are checked like typed ones. Resolves to the new account's id.
    vscode.commands.registerCommand(COMMANDS.addAccount, async (argument?: unknown, givenName?: unknown, givenBaseUrl?: unknown) => {
      const provider =
        argument === 'handinger' || argument === 'cadenya'
          ? argument
          : argument instanceof ProviderRootNode
            ? argument.provider
            : await pickProvider(vscode.l10n.t('Add an account to…'));
      if (!provider) {
        return undefined;
      }
      const list = accounts(provider);
      const name = await askName(provider, list, givenName, { title: vscode.l10n.t('Add {0} account', PROVIDER_NAMES[provider]) });
      if (name === undefined) {
        return undefined;
      }
      let url = givenValue(givenBaseUrl, isString);
      if (url !== undefined) {
        const problem = baseUrlProblem(url);
        if (problem) {
          void vscode.window.showErrorMessage(problem);
          return undefined;
        }
      } else {
        url = await vscode.window.showInputBox({
          title: vscode.l10n.t('Base URL of {0}', pickText(name)),
          prompt: vscode.l10n.t('The API this account\u2019s key is sent to. Leave as is for {0}\u2019s own.', PROVIDER_NAMES[provider]),
          value: DEFAULT_BASE_URLS[provider],
          ignoreFocusOut: true,
          validateInput: baseUrlProblem,
        });
        if (url === undefined) {
          return undefined;
        }
      }
      const id = newAccountId(name, new Set(list.map((a) => a.id)));
      const added: Account = { provider, id, name, baseUrl: normaliseBaseUrl(url, provider), workers: [], isDefault: false };
      await saveAccounts(provider, [...list, added]);
      if (!(givenName instanceof Given)) {
        const setKey = vscode.l10n.t('Set API key');
        void vscode.window
          .showInformationMessage(vscode.l10n.t('Account {0} added. Set its API key to see its deliveries.', messageText(name)), setKey)
          .then((choice) => (choice === setKey ? vscode.commands.executeCommand(COMMANDS.setApiKey, { provider, accountId: id }) : undefined));
      }
      return id;
    }),
    vscode.commands.registerCommand(COMMANDS.renameAccount, async (argument?: unknown, givenName?: unknown) => {
      const target = await resolveAccount(argument, vscode.l10n.t('Rename which account?'));
      if (!target) {
        return false;
      }
      const list = accounts(target.provider);
      const name = await askName(target.provider, list, givenName, {
        title: vscode.l10n.t('Rename account {0}', pickText(target.name)),
        value: target.name,
        exceptId: target.id,
      });
      if (name === undefined) {
        return false;
      }
      await saveAccounts(target.provider, list.map((a) => (a.id === target.id ? { ...a, name } : a)));
      return true;
    }),
    // `true` as a Given skips the confirmation (the extension's own code, tests).
    vscode.commands.registerCommand(COMMANDS.removeAccount, async (argument?: unknown, givenConfirm?: unknown) => {
      const target = await resolveAccount(argument, vscode.l10n.t('Remove which account?'), (a) => !a.isDefault || argument !== undefined);
      if (!target) {
        return false;
      }
      if (target.isDefault) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('The default account cannot be removed: it holds the settings from before accounts and the key from the environment. Clear its API key instead.'),
        );
        return false;
      }
      const remove = vscode.l10n.t('Remove account');
      const confirmed =
        givenValue(givenConfirm, (value): value is boolean => value === true) ??
        (await vscode.window.showWarningMessage(
          vscode.l10n.t('Remove account {0}? Its API key and worker list are deleted.', accountLabel(target)),
          { modal: true },
          remove,
        )) === remove;
      if (!confirmed) {
        return false;
      }
      await keys.clear(target.provider, target.id);
      await saveAccounts(target.provider, accounts(target.provider).filter((a) => a.id !== target.id));
      return true;
    }),
  ];
}
