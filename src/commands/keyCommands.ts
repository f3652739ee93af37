// Set API key / Clear API key of an account. A key is checked by a real request to that
// account's base URL before it is saved, and is only ever stored in SecretStorage.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { ENV_NAMES } from '../keys/apiKeyStore';
import type { ProviderHub } from '../services/providerHub';
import type { ProviderId } from '../model/delivery';
import { isProviderError } from '../model/errors';
import { presentError } from '../tree/errorText';
import { checkHandingerKey } from '../providers/keyCheck';
import { workers } from '../config/settings';
import { accountLabel, resolveAccount } from './pickers';
import { DEFAULT_ACCOUNT_ID } from '../model/accounts';
import { COMMANDS } from './ids';
import { givenValue, isString } from './given';
import { messageText } from '../model/safeText';

/** What checkKey resolves to when nothing documented could check the key (see keyCheck.ts). */
export const KEY_UNCHECKED = Symbol('key unchecked');

/**
 * Checks a key against the API. Resolves to undefined when it is accepted, to KEY_UNCHECKED
 * when it cannot be checked yet (Handinger without a worker to try), or to the error.
 */
export async function checkKey(hub: ProviderHub, provider: ProviderId, key: string, signal?: AbortSignal, accountId: string = DEFAULT_ACCOUNT_ID): Promise<unknown> {
  try {
    // Checked against the account's own base URL and workers: a key goes nowhere else.
    if (provider === 'handinger') {
      const check = await checkHandingerKey(hub.withKey('handinger', key, accountId), workers(accountId).map((worker) => worker.id), signal);
      return check.result === 'accepted' ? undefined : check.result === 'unchecked' ? KEY_UNCHECKED : check.error;
    }
    await hub.withKey('cadenya', key, accountId).listWorkspaces(undefined, signal);
    return undefined;
  } catch (error) {
    return error;
  }
}

export function registerKeyCommands(keys: ApiKeyStore, hub: ProviderHub): vscode.Disposable[] {
  return [
    // A key passed as a Given (the extension's own code, tests) skips the prompt but is
    // checked and stored exactly like a typed one; a plain string from a command link does not.
    vscode.commands.registerCommand(COMMANDS.setApiKey, async (argument?: unknown, givenKey?: unknown) => {
      const target = await resolveAccount(argument, vscode.l10n.t('Set the API key of…'));
      if (!target) {
        return false;
      }
      const { provider, id: accountId } = target;
      const name = accountLabel(target);
      let value = '';
      let problem: string | undefined;
      for (;;) {
        const key = givenValue(givenKey, isString) ?? await vscode.window.showInputBox({
          title: vscode.l10n.t('{0} API key', name),
          prompt: problem ?? vscode.l10n.t('Stored in VS Code\u2019s secret storage, never in settings.'),
          password: true,
          ignoreFocusOut: true,
          value,
          validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter a key')),
        });
        if (key === undefined) {
          return false;
        }
        value = key;
        const error = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the {0} key…', name), cancellable: true },
          (_progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return checkKey(hub, provider, key.trim(), controller.signal, accountId);
          },
        );
        if (error === undefined) {
          await keys.set(provider, key, accountId);
          void vscode.window.showInformationMessage(vscode.l10n.t('{0} API key saved.', name));
          return true;
        }
        if (error === KEY_UNCHECKED) {
          await keys.set(provider, key, accountId);
          void vscode.window.showInformationMessage(
            vscode.l10n.t('{0} API key saved. It will be checked when you add a worker, the first time it is used.', name),
          );
          return true;
        }
        if (isProviderError(error) && (error.kind === 'unauthorized' || error.kind === 'forbidden')) {
          if (givenValue(givenKey, isString) !== undefined) {
            void vscode.window.showErrorMessage(vscode.l10n.t('{0} rejected this key. Check it and try again.', name));
            return false;
          }
          problem = vscode.l10n.t('{0} rejected this key. Check it and try again.', name);
          continue;
        }
        // The key could not be checked (network, server): the user decides.
        const save = vscode.l10n.t('Save anyway');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('The key could not be checked: {0}', messageText(presentError(error).message, 300)),
          save,
        );
        if (choice === save) {
          await keys.set(provider, key, accountId);
          return true;
        }
        return false;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, async (argument?: unknown) => {
      const target = await resolveAccount(argument, vscode.l10n.t('Clear the API key of…'));
      if (!target) {
        return;
      }
      const { provider, id: accountId } = target;
      const name = accountLabel(target);
      await keys.clear(provider, accountId);
      const stillSet = (await keys.get(provider, accountId))?.source === 'environment';
      void vscode.window.showInformationMessage(
        stillSet
          ? vscode.l10n.t('{0} API key cleared. {1} is still set in the environment and is used instead.', name, ENV_NAMES[provider])
          : vscode.l10n.t('{0} API key cleared.', name),
      );
    }),
  ];
}
