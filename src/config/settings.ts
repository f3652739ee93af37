// Typed access to the extension's settings. Base URLs are machine-scoped in package.json so
// a workspace's settings can never point a key at another host.
import * as vscode from 'vscode';
import type { ProviderId } from '../model/delivery';

export const SECTION = 'webhookDeliveries';

const DEFAULT_BASE_URLS: Record<ProviderId, string> = {
  handinger: 'https://handinger.com',
  cadenya: 'https://api.cadenya.com',
};

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export function baseUrl(provider: ProviderId): string {
  const value = config().get<string>(`${provider}.baseUrl`, DEFAULT_BASE_URLS[provider]).trim();
  return (value || DEFAULT_BASE_URLS[provider]).replace(/\/+$/, '');
}

export function affectsBaseUrl(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration(`${SECTION}.handinger.baseUrl`) ||
    event.affectsConfiguration(`${SECTION}.cadenya.baseUrl`)
  );
}

/** A Handinger worker the user added: the API has no endpoint that lists them. */
export interface WorkerEntry {
  readonly id: string;
  readonly label?: string;
}

const WORKERS_KEY = 'handinger.workers';

export function workers(): WorkerEntry[] {
  const value = config().get<unknown>(WORKERS_KEY, []);
  if (!Array.isArray(value)) {
    return [];
  }
  const seen = new Set<string>();
  const entries: WorkerEntry[] = [];
  for (const item of value as unknown[]) {
    const entry = toWorkerEntry(item);
    if (entry && !seen.has(entry.id)) {
      seen.add(entry.id);
      entries.push(entry);
    }
  }
  return entries;
}

function toWorkerEntry(item: unknown): WorkerEntry | undefined {
  if (typeof item === 'string' && item.trim()) {
    return { id: item.trim() };
  }
  if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
    const { id, label } = item as { id: string; label?: unknown };
    const trimmed = id.trim();
    if (!trimmed) {
      return undefined;
    }
    return typeof label === 'string' && label.trim() ? { id: trimmed, label: label.trim() } : { id: trimmed };
  }
  return undefined;
}

/** Saves the worker list in the user's settings (synced by Settings Sync, never a secret). */
export async function setWorkers(entries: readonly WorkerEntry[]): Promise<void> {
  await config().update(WORKERS_KEY, entries.map((e) => (e.label ? { id: e.id, label: e.label } : { id: e.id })), vscode.ConfigurationTarget.Global);
}

export function affectsWorkers(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.${WORKERS_KEY}`);
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
