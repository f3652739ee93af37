// Add, rename and remove Handinger workers. Handinger cannot list workers, so the user adds
// the ids they care about; they are kept in the user's settings (webhookDeliveries.handinger.workers).
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { ProviderHub } from '../services/providerHub';
import { isProviderError } from '../model/errors';
import { presentError } from '../tree/errorText';
import { setWorkers, workers } from '../config/settings';
import { accountLabel, resolveAccount, resolveContainer } from './pickers';
import { COMMANDS } from './ids';
import { messageText, pickText } from '../model/safeText';
import { Given, givenValue, isString } from './given';

const WORKER_ID = /^[A-Za-z0-9_.:-]{3,200}$/;

export function registerWorkerCommands(tree: DeliveriesTreeProvider, hub: ProviderHub): vscode.Disposable[] {
  const isWorker = (node: { provider: string }) => node.provider === 'handinger';
  return [
    // `id` and `label` as Givens skip the prompts (the extension's own code, tests); the id is
    // still checked. Plain strings from a command link or the palette are ignored.
    // The first argument may name the account (a tree row); the Givens then follow it.
    vscode.commands.registerCommand(COMMANDS.addWorker, async (...args: unknown[]) => {
      const named = args[0] !== undefined && !(args[0] instanceof Given);
      const [givenId, givenLabel] = named ? args.slice(1) : args;
      const target = await resolveAccount(named ? args[0] : 'handinger', vscode.l10n.t('Add a worker to which account?'), (a) => a.provider === 'handinger');
      if (!target) {
        return false;
      }
      const accountId = target.id;
      const connected = await hub.handinger(accountId);
      if (!connected) {
        const setKey = vscode.l10n.t('Set API key');
        const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Set the {0} API key before adding workers.', accountLabel(target)), setKey);
        if (choice === setKey) {
          await vscode.commands.executeCommand(COMMANDS.setApiKey, { provider: 'handinger', accountId });
        }
        return false;
      }
      const id = (
        givenValue(givenId, isString) ??
        (await vscode.window.showInputBox({
              title: vscode.l10n.t('Add Handinger worker'),
              prompt: vscode.l10n.t('The worker id, e.g. wrk_vk81XUHKHG-qr4 (from the worker\u2019s URL in Handinger)'),
              ignoreFocusOut: true,
              validateInput: (text) => (WORKER_ID.test(text.trim()) ? undefined : vscode.l10n.t('A worker id has 3 to 200 letters, digits, _ . : or -')),
            }))
      )?.trim();
      if (!id) {
        return false;
      }
      if (workers(accountId).some((w) => w.id === id)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Worker {0} is already in the list.', messageText(id)));
        return false;
      }
      try {
        await vscode.window.withProgress({ location: { viewId: 'webhookDeliveries.deliveries' } }, () => connected.provider.getWorker(id));
      } catch (error) {
        if (isProviderError(error) && error.kind === 'notFound') {
          void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no worker {1} that this key can see.', accountLabel(target), messageText(id)));
          return false;
        }
        const addAnyway = vscode.l10n.t('Add anyway');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Worker {0} could not be checked: {1}', messageText(id), messageText(presentError(error).message, 300)),
          addAnyway,
        );
        if (choice !== addAnyway) {
          return false;
        }
      }
      const label =
        givenValue(givenLabel, isString) ??
        (givenId instanceof Given
            ? undefined
            : await vscode.window.showInputBox({
                title: vscode.l10n.t('Label for {0} (optional)', pickText(id)),
                prompt: vscode.l10n.t('A name to show in the tree instead of the id'),
              }));
      await setWorkers([...workers(accountId), { id, label: label?.trim() || undefined }], accountId);
      return true;
    }),
    vscode.commands.registerCommand(COMMANDS.renameWorker, async (argument?: unknown, givenLabel?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Rename which worker?'), isWorker);
      if (!node) {
        return;
      }
      const accountId = node.account.accountId;
      const current = workers(accountId).find((w) => w.id === node.container.id);
      const label =
        givenValue(givenLabel, isString) ??
        (await vscode.window.showInputBox({
              title: vscode.l10n.t('Rename worker {0}', pickText(node.container.id)),
              prompt: vscode.l10n.t('Leave empty to show the id'),
              value: current?.label ?? '',
            }));
      if (label === undefined) {
        return;
      }
      await setWorkers(workers(accountId).map((w) => (w.id === node.container.id ? { id: w.id, label: label.trim() || undefined } : w)), accountId);
    }),
    // `{ confirm: true }` as the second argument (an error row's action) asks first.
    vscode.commands.registerCommand(COMMANDS.removeWorker, async (argument?: unknown, options?: { confirm?: boolean }) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Remove which worker?'), isWorker);
      if (!node) {
        return;
      }
      const remove = vscode.l10n.t('Remove worker');
      if (options?.confirm === true && (await vscode.window.showWarningMessage(vscode.l10n.t('Remove worker {0} from the list?', messageText(node.container.id)), { modal: true }, remove)) !== remove) {
        return;
      }
      const accountId = node.account.accountId;
      await setWorkers(workers(accountId).filter((w) => w.id !== node.container.id), accountId);
    }),
  ];
}
