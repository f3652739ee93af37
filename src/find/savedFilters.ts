// Saved filters: name the current filter, apply it to any worker or agent, delete it. Kept in
// the user settings (`webhookDeliveries.savedFilters`) so Settings Sync carries them.
import * as vscode from 'vscode';
import type { ContainerNode } from '../tree/containerNode';
import { describeFilter, isFiltered, type DeliveryFilter } from '../model/filter';
import { eventTypeLabel } from '../model/delivery';
import { appliedFilter, readSavedFilters, toStoredFilter, withSaved, withoutSaved, type SavedFilter } from '../model/savedFilters';
import { messageText, pickText } from '../model/safeText';
import { savedFiltersSetting, updateSavedFilters } from '../config/settings';

export function savedFilters(): SavedFilter[] {
  return readSavedFilters(savedFiltersSetting());
}

/** Asks for a name and saves the filter under it (replacing one of the same name, after asking). */
export async function saveFilterAs(filter: DeliveryFilter, givenName?: string): Promise<string | undefined> {
  if (!isFiltered({ ...filter, objectiveId: undefined })) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This filter shows everything: set an outcome, class, text, time range or event type first.'));
    return undefined;
  }
  const existing = savedFilters();
  const name =
    givenName ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Save filter as'),
      prompt: describeFilter({ ...filter, objectiveId: undefined }, eventTypeLabel).join(' · '),
      placeHolder: vscode.l10n.t('e.g. Failures this morning'),
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Give the filter a name.')),
    }));
  if (name === undefined || !name.trim()) {
    return undefined;
  }
  const clash = existing.find((saved) => saved.name.toLowerCase() === name.trim().toLowerCase());
  if (clash && givenName === undefined) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('A saved filter named “{0}” exists. Replace it?', messageText(clash.name)), { modal: true }, replace);
    if (answer !== replace) {
      return undefined;
    }
  }
  await updateSavedFilters(withSaved(savedFiltersSetting(), toStoredFilter(name, filter)));
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the filter “{0}”. Apply it to any worker or agent from its filter menu.', messageText(name.trim())));
  return name.trim();
}

/** A saved filter as it applies to `node` (undefined when the user cancelled or none exists). */
export async function pickSavedFilter(node: ContainerNode, givenName?: string): Promise<{ filter: DeliveryFilter; name: string } | undefined> {
  const saved = savedFilters();
  if (saved.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No saved filters yet. Set a filter, then choose “Save this filter as…” in the filter menu.'));
    return undefined;
  }
  const chosen =
    givenName !== undefined
      ? saved.find((entry) => entry.name.toLowerCase() === givenName.toLowerCase())
      : (
          await vscode.window.showQuickPick(
            saved.map((entry) => ({ label: pickText(entry.name), description: pickText(describeFilter(entry.filter, eventTypeLabel).join(' · ')), entry })),
            { placeHolder: vscode.l10n.t('Apply a saved filter to {0}', pickText(node.container.name)), matchOnDescription: true },
          )
        )?.entry;
  if (!chosen) {
    if (givenName !== undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No saved filter is named “{0}”.', messageText(givenName)));
    }
    return undefined;
  }
  const { filter, dropped } = appliedFilter(chosen, node.filter, node.provider === 'cadenya');
  if (dropped.includes('eventType')) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('“{0}” filters by event type, which Handinger deliveries do not have; the rest of it applies to {1}.', messageText(chosen.name), messageText(node.container.name)),
    );
  }
  return { filter, name: chosen.name };
}

export async function deleteSavedFilter(givenName?: string): Promise<boolean> {
  const saved = savedFilters();
  const name =
    givenName ??
    (await vscode.window.showQuickPick(
      saved.map((entry) => ({ label: pickText(entry.name), description: pickText(describeFilter(entry.filter, eventTypeLabel).join(' · ')), name: entry.name })),
      { placeHolder: vscode.l10n.t('Delete which saved filter?') },
    ))?.name;
  if (name === undefined) {
    return false;
  }
  await updateSavedFilters(withoutSaved(savedFiltersSetting(), name));
  return true;
}
