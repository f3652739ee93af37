// Typed access to the extension's settings. Base URLs (and the account lists holding them) are
// machine-scoped in package.json so a workspace's settings can never point a key at another host.
import * as vscode from 'vscode';
import type { ProviderId } from '../model/delivery';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_ACCOUNT_NAME,
  parseAccounts,
  storedAccounts,
  storedWorkers,
  type Account,
  type WorkerEntry,
} from '../model/accounts';

export const SECTION = 'webhookDeliveries';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export type { WorkerEntry } from '../model/accounts';

const WORKERS_KEY = 'handinger.workers';
const accountsKey = (provider: ProviderId) => `${provider}.accounts`;
const defaultNameKey = (provider: ProviderId) => `${provider}.defaultAccountName`;

/** A provider's accounts, the default (today's base URL, workers and key) first. */
export function accounts(provider: ProviderId): Account[] {
  const c = config();
  return parseAccounts(provider, {
    baseUrl: c.get<unknown>(`${provider}.baseUrl`),
    workers: provider === 'handinger' ? c.get<unknown>(WORKERS_KEY, []) : undefined,
    defaultName: c.get<unknown>(defaultNameKey(provider)),
    accounts: c.get<unknown>(accountsKey(provider), []),
  });
}

/** One account; undefined when it is not (or no longer) set up. */
export function account(provider: ProviderId, accountId: string = DEFAULT_ACCOUNT_ID): Account | undefined {
  return accounts(provider).find((a) => a.id === accountId);
}

/** Every account of both providers. */
export function allAccounts(): Account[] {
  return [...accounts('handinger'), ...accounts('cadenya')];
}

/** An account's base URL; throws for an account that is not set up (its key must go nowhere). */
export function baseUrl(provider: ProviderId, accountId: string = DEFAULT_ACCOUNT_ID): string {
  const found = account(provider, accountId);
  if (!found) {
    throw new Error(`No ${provider} account ${accountId} is set up.`);
  }
  return found.baseUrl;
}

/**
 * Saves a provider's accounts in the user's settings. The default account keeps its
 * settings from before accounts (base URL, worker list) and only its name is written.
 */
export async function saveAccounts(provider: ProviderId, list: readonly Account[]): Promise<void> {
  const c = config();
  const defaults = list.find((a) => a.isDefault);
  const defaultName = defaults && defaults.name !== DEFAULT_ACCOUNT_NAME ? defaults.name : undefined;
  if (c.inspect(defaultNameKey(provider))?.globalValue !== defaultName) {
    await c.update(defaultNameKey(provider), defaultName, vscode.ConfigurationTarget.Global);
  }
  const stored = storedAccounts(list);
  await c.update(accountsKey(provider), stored.length > 0 ? stored : undefined, vscode.ConfigurationTarget.Global);
}

export function affectsAccounts(event: vscode.ConfigurationChangeEvent): boolean {
  return (['handinger', 'cadenya'] as const).some(
    (provider) =>
      event.affectsConfiguration(`${SECTION}.${provider}.baseUrl`) ||
      event.affectsConfiguration(`${SECTION}.${accountsKey(provider)}`) ||
      event.affectsConfiguration(`${SECTION}.${defaultNameKey(provider)}`),
  );
}

/** The workers of a Handinger account (the default account's are `handinger.workers`). */
export function workers(accountId: string = DEFAULT_ACCOUNT_ID): WorkerEntry[] {
  return [...(account('handinger', accountId)?.workers ?? [])];
}

/** Saves an account's worker list in the user's settings (synced by Settings Sync, never a secret). */
export async function setWorkers(entries: readonly WorkerEntry[], accountId: string = DEFAULT_ACCOUNT_ID): Promise<void> {
  if (accountId === DEFAULT_ACCOUNT_ID) {
    await config().update(WORKERS_KEY, storedWorkers(entries), vscode.ConfigurationTarget.Global);
    return;
  }
  const list = accounts('handinger');
  await saveAccounts('handinger', list.map((a) => (a.id === accountId ? { ...a, workers: [...entries] } : a)));
}

export function affectsWorkers(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.${WORKERS_KEY}`) || event.affectsConfiguration(`${SECTION}.${accountsKey('handinger')}`);
}

export function cadenyaPageSize(): number {
  const value = config().get<number>('cadenya.pageSize', 50);
  return Number.isFinite(value) ? Math.min(500, Math.max(1, Math.round(value))) : 50;
}

export function liveRefreshIntervalMs(): number {
  const seconds = config().get<number>('liveRefresh.intervalSeconds', 15);
  return Math.max(2, Number.isFinite(seconds) ? seconds : 15) * 1000;
}

export function notifyOnNewFailures(): boolean {
  return config().get<boolean>('liveRefresh.notifyOnFailure', false);
}

/** The raw `savedFilters` setting (read with src/model/savedFilters.ts). */
export function savedFiltersSetting(): unknown {
  return config().get<unknown>('savedFilters', []);
}

/** Saved filters live in user settings, so Settings Sync carries them to other machines. */
export async function updateSavedFilters(value: unknown[]): Promise<void> {
  await config().update('savedFilters', value, vscode.ConfigurationTarget.Global);
}

/** Route health on the handler's code: the CodeLens and hover above each matched route. */
export function healthEnabled(): boolean {
  return config().get<boolean>('health.enabled', true) !== false;
}

/** Problems for routes whose failure rate reaches the threshold (opt-in). */
export function healthProblemsEnabled(): boolean {
  return config().get<boolean>('health.problems.enabled', false) === true;
}

/** The failure rate, in percent (1–100), at which a route gets a warning in Problems. */
export function healthFailureThreshold(): number {
  const value = config().get<number>('health.problems.failureRateThreshold', 20);
  return Number.isFinite(value) ? Math.min(100, Math.max(1, value)) : 20;
}

export function affectsHealth(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.health`);
}
