// What the tree and notifications say for each kind of provider error, and which action
// they offer. Localised here, so the provider layer keeps plain English for logs.
import * as vscode from 'vscode';
import { isProviderError, type ErrorKind, type ProviderError } from '../model/errors';
import { oneLine } from './format';

/** Longest server text shown in a tree row: enough for a sentence, never a page. */
const SERVER_TEXT_IN_ROW = 120;

export interface ErrorPresentation {
  readonly message: string;
  /** A short label for the action button, when there is one. */
  readonly actionLabel?: string;
  readonly action: ProviderError['action'];
}

export function presentError(error: unknown): ErrorPresentation {
  if (!isProviderError(error)) {
    return { message: vscode.l10n.t('Unexpected error: {0}', error instanceof Error ? error.message : String(error)), action: 'retry', actionLabel: vscode.l10n.t('Retry') };
  }
  // The server's own words, when it said why the worker is not ours: remote text, so one
  // line, bounded, control and direction characters made visible (oneLine).
  const serverText = error.detail === undefined ? undefined : oneLine(error.detail, SERVER_TEXT_IN_ROW);
  const messages: Record<ErrorKind, string> = {
    unauthorized: vscode.l10n.t('The API key was rejected.'),
    forbidden:
      error.action !== 'removeWorker'
        ? vscode.l10n.t('This API key has no access here.')
        : serverText
          ? vscode.l10n.t('Not your worker: {0}', serverText)
          : vscode.l10n.t('Not your worker: only its creator can read its deliveries.'),
    notFound: vscode.l10n.t('Not found: check the id.'),
    rateLimited:
      error.retryAfterMs !== undefined
        ? vscode.l10n.t('Rate limited: try again in {0} s.', Math.ceil(error.retryAfterMs / 1000))
        : vscode.l10n.t('Rate limited: wait, then try again.'),
    server: error.status ? vscode.l10n.t('The server failed (HTTP {0}).', error.status) : vscode.l10n.t('The server failed.'),
    network: vscode.l10n.t('Could not reach the server.'),
    timeout: vscode.l10n.t('The server took too long to answer.'),
    malformed: vscode.l10n.t('The server sent a response that could not be read.'),
    invalidBaseUrl: vscode.l10n.t('The base URL must use https:, or http: to a loopback address.'),
    cancelled: vscode.l10n.t('Cancelled.'),
  };
  const actionLabels: Partial<Record<ProviderError['action'], string>> = {
    setKey: vscode.l10n.t('Set API key'),
    retry: vscode.l10n.t('Retry'),
    waitAndRetry: vscode.l10n.t('Retry'),
    openSettings: vscode.l10n.t('Open settings'),
    checkId: vscode.l10n.t('Retry'),
    removeWorker: vscode.l10n.t('Remove worker'),
  };
  return { message: messages[error.kind], action: error.action, actionLabel: actionLabels[error.action] };
}
