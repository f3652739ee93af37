// Set API key / Clear API key. A key is checked by a real request before it is saved, and
// is only ever stored in SecretStorage.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { ENV_NAMES } from '../keys/apiKeyStore';
import type { ProviderHub } from '../services/providerHub';
import type { ProviderId } from '../model/delivery';
import { isProviderError } from '../model/errors';
import { presentError } from '../tree/errorText';
import { checkHandingerKey } from '../providers/keyCheck';
import { workers } from '../config/settings';
import { pickProvider } from './pickers';
import { COMMANDS } from './ids';
import { givenValue, isString } from './given';
import { messageText } from '../model/safeText';

const NAMES: Record<ProviderId, string> = { handinger: 'Handinger', cadenya: 'Cadenya' };

/** What checkKey resolves to when nothing documented could check the key (see keyCheck.ts). */
export const KEY_UNCHECKED = Symbol('key unchecked');

/**
 * Checks a key against the API. Resolves to undefined when it is accepted, to KEY_UNCHECKED
 * when it cannot be checked yet (Handinger without a worker to try), or to the error.
 */
export async function checkKey(hub: ProviderHub, provider: ProviderId, key: string, signal?: AbortSignal): Promise<unknown> {
  try {
    if (provider === 'handinger') {
      const check = await checkHandingerKey(hub.withKey('handinger', key), workers().map((worker) => worker.id), signal);
      return check.result === 'accepted' ? undefined : check.result === 'unchecked' ? KEY_UNCHECKED : check.error;
    }
    await hub.withKey('cadenya', key).listWorkspaces(undefined, signal);
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
      const provider = argument === 'handinger' || argument === 'cadenya' ? argument : await pickProvider(vscode.l10n.t('Set the API key of…'));
      if (!provider) {
        return false;
      }
      let value = '';
      let problem: string | undefined;
      for (;;) {
        const key = givenValue(givenKey, isString) ?? await vscode.window.showInputBox({
          title: vscode.l10n.t('{0} API key', NAMES[provider]),
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
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the {0} key…', NAMES[provider]), cancellable: true },
          (_progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return checkKey(hub, provider, key.trim(), controller.signal);
          },
        );
        if (error === undefined) {
          await keys.set(provider, key);
          void vscode.window.showInformationMessage(vscode.l10n.t('{0} API key saved.', NAMES[provider]));
          return true;
        }
        if (error === KEY_UNCHECKED) {
          await keys.set(provider, key);
          void vscode.window.showInformationMessage(
            vscode.l10n.t('{0} API key saved. It will be checked when you add a worker, the first time it is used.', NAMES[provider]),
          );
          return true;
        }
        if (isProviderError(error) && (error.kind === 'unauthorized' || error.kind === 'forbidden')) {
          if (givenValue(givenKey, isString) !== undefined) {
            void vscode.window.showErrorMessage(vscode.l10n.t('{0} rejected this key. Check it and try again.', NAMES[provider]));
            return false;
          }
          problem = vscode.l10n.t('{0} rejected this key. Check it and try again.', NAMES[provider]);
          continue;
        }
        // The key could not be checked (network, server): the user decides.
        const save = vscode.l10n.t('Save anyway');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('The key could not be checked: {0}', messageText(presentError(error).message, 300)),
          save,
        );
        if (choice === save) {
          await keys.set(provider, key);
          return true;
        }
        return false;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, async (argument?: unknown) => {
      const provider = argument === 'handinger' || argument === 'cadenya' ? argument : await pickProvider(vscode.l10n.t('Clear the API key of…'));
      if (!provider) {
        return;
      }
      await keys.clear(provider);
      const stillSet = (await keys.get(provider))?.source === 'environment';
      void vscode.window.showInformationMessage(
        stillSet
          ? vscode.l10n.t('{0} API key cleared. {1} is still set in the environment and is used instead.', NAMES[provider], ENV_NAMES[provider])
          : vscode.l10n.t('{0} API key cleared.', NAMES[provider]),
      );
    }),
  ];
}
