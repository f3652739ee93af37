// The small, pure pieces of the detail view model that the rest of the extension uses too
// (the tree's outcome labels, provider names, Copy JSON, compare titles). They live apart
// from src/detail/viewModel.ts so that importing them keeps the view model, which is loaded
// with the detail panel on first use (dist/detail-panel.js), out of dist/extension.js.
// Pure (no vscode import); src/detail/viewModel.ts re-exports them.
import { visibleText } from '../model/text';
import type { Outcome, ProviderId } from '../model/delivery';

/** The part of `vscode.l10n` used here: `{0}`-style placeholders. */
export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** English with placeholders filled: what `vscode.l10n.t` does when no bundle is loaded. */
export const englishL10n: Localizer = {
  t(message, ...args) {
    return message.replace(/\{(\d+)\}/g, (match, index: string) => {
      const value = args[Number(index)];
      return value === undefined ? match : String(value);
    });
  },
};

/** One line of at most `max` characters, for panel titles. */
export function shortText(text: string, max: number): string {
  const line = visibleText(text).replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function outcomeLabel(outcome: Outcome, l10n: Localizer = englishL10n): string {
  switch (outcome) {
    case 'succeeded':
      return l10n.t('Succeeded');
    case 'failed':
      return l10n.t('Failed');
    case 'pending':
      return l10n.t('Pending');
    case 'disabled':
      return l10n.t('Disabled');
    case 'unknown':
      return l10n.t('Unknown');
  }
}

/** Brand names: not translated. */
export function providerName(provider: ProviderId): string {
  return provider === 'handinger' ? 'Handinger' : 'Cadenya';
}

/** Pretty JSON of a record as received; never throws. */
export function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(raw ?? null, null, 2) ?? 'null';
  } catch {
    return String(raw);
  }
}
