// Accounts: each provider holds named accounts, each with its own base URL, key and (Handinger)
// workers. The default account is the settings from before accounts existed (the provider's
// base URL and worker list) and the key stored then; nothing is moved, so an upgrade loses
// nothing and an older version still reads them. Added accounts live in one list per provider.
// Parsing settings into accounts, new ids and name checks are here: no VS Code.
import type { ProviderId } from './delivery';

/** The id of the account made of the settings from before accounts. */
export const DEFAULT_ACCOUNT_ID = 'default';
export const DEFAULT_ACCOUNT_NAME = 'Default';
export const MAX_ACCOUNT_NAME = 60;

/** Ids name a secret and appear in links: short, lower-case, no separators that need escaping. */
const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A Handinger worker the user added: the API has no endpoint that lists them. */
export interface WorkerEntry {
  readonly id: string;
  readonly label?: string;
}

export interface Account {
  readonly provider: ProviderId;
  readonly id: string;
  readonly name: string;
  /** Without a trailing slash; the provider's public API when none is set. */
  readonly baseUrl: string;
  /** Handinger only; empty for Cadenya. */
  readonly workers: readonly WorkerEntry[];
  readonly isDefault: boolean;
}

/** Which account: what commands, links and deliveries carry instead of the whole account. */
export interface AccountRef {
  readonly provider: ProviderId;
  readonly accountId: string;
}

/** An added account as kept in `webhookDeliveries.<provider>.accounts`. */
export interface StoredAccount {
  readonly id: string;
  readonly name: string;
  readonly baseUrl?: string;
  readonly workers?: readonly WorkerEntry[];
}

/** The settings of one provider as read (user values, unchecked). */
export interface ProviderAccountSettings {
  /** `<provider>.baseUrl`: the default account's. */
  readonly baseUrl: unknown;
  /** `handinger.workers`: the default account's. */
  readonly workers: unknown;
  /** `<provider>.defaultAccountName`. */
  readonly defaultName: unknown;
  /** `<provider>.accounts`. */
  readonly accounts: unknown;
}

export const DEFAULT_BASE_URLS: Readonly<Record<ProviderId, string>> = {
  handinger: 'https://handinger.com',
  cadenya: 'https://api.cadenya.com',
};

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}

export function normaliseBaseUrl(value: unknown, provider: ProviderId): string {
  const text = typeof value === 'string' ? value.trim() : '';
  return (text || DEFAULT_BASE_URLS[provider]).replace(/\/+$/, '');
}

/** A worker list as the user wrote it: strings or `{ id, label }`, blanks and repeats dropped. */
export function parseWorkers(value: unknown): WorkerEntry[] {
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

/** The worker list as it is saved: `{ id }` or `{ id, label }`. */
export function storedWorkers(entries: readonly WorkerEntry[]): WorkerEntry[] {
  return entries.map((e) => (e.label ? { id: e.id, label: e.label } : { id: e.id }));
}

function nameOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_ACCOUNT_NAME) : undefined;
}

/**
 * A provider's accounts, the default first. Added accounts with a bad id, or one already
 * used, are skipped (ids name secrets, so a repeat would share a key); names stay as given.
 */
export function parseAccounts(provider: ProviderId, settings: ProviderAccountSettings): Account[] {
  const accounts: Account[] = [
    {
      provider,
      id: DEFAULT_ACCOUNT_ID,
      name: nameOf(settings.defaultName) ?? DEFAULT_ACCOUNT_NAME,
      baseUrl: normaliseBaseUrl(settings.baseUrl, provider),
      workers: provider === 'handinger' ? parseWorkers(settings.workers) : [],
      isDefault: true,
    },
  ];
  const seen = new Set([DEFAULT_ACCOUNT_ID]);
  for (const item of Array.isArray(settings.accounts) ? (settings.accounts as unknown[]) : []) {
    if (!item || typeof item !== 'object') {
      continue;
    }
    const { id, name, baseUrl, workers } = item as Record<string, unknown>;
    if (!isAccountId(id) || seen.has(id)) {
      continue;
    }
    seen.add(id);
    accounts.push({
      provider,
      id,
      name: nameOf(name) ?? id,
      baseUrl: normaliseBaseUrl(baseUrl, provider),
      workers: provider === 'handinger' ? parseWorkers(workers) : [],
      isDefault: false,
    });
  }
  return accounts;
}

/** The added accounts as they are saved (the default account is never in this list). */
export function storedAccounts(accounts: readonly Account[]): StoredAccount[] {
  return accounts
    .filter((account) => !account.isDefault)
    .map((account) => ({
      id: account.id,
      name: account.name,
      baseUrl: account.baseUrl,
      ...(account.provider === 'handinger' ? { workers: storedWorkers(account.workers) } : {}),
    }));
}

/** An id for a new account: its name in lower-case letters and digits, made unique. */
export function newAccountId(name: string, taken: ReadonlySet<string>): string {
  const slug =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30)
      .replace(/-+$/, '') || 'account';
  const base = slug === DEFAULT_ACCOUNT_ID ? `${slug}-1` : slug;
  if (!taken.has(base)) {
    return base;
  }
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
}

export type NameProblem = 'empty' | 'tooLong' | 'duplicate';

/** Why a name cannot be an account's (another account of the provider has it, ignoring case), or undefined. */
export function accountNameProblem(name: string, accounts: readonly Account[], exceptId?: string): NameProblem | undefined {
  const trimmed = name.trim();
  if (!trimmed) {
    return 'empty';
  }
  if (trimmed.length > MAX_ACCOUNT_NAME) {
    return 'tooLong';
  }
  const lower = trimmed.toLocaleLowerCase();
  return accounts.some((a) => a.id !== exceptId && a.name.toLocaleLowerCase() === lower) ? 'duplicate' : undefined;
}

/** `Handinger`, or `Handinger · Staging` when the provider has several accounts. */
export function accountTitle(providerName: string, account: Pick<Account, 'name'>, several: boolean): string {
  return several ? `${providerName} · ${account.name}` : providerName;
}

/** An account ref's id where undefined means the default account. */
export function accountIdOf(ref: { readonly accountId?: string }): string {
  return ref.accountId ?? DEFAULT_ACCOUNT_ID;
}

/**
 * A delivery or container marked with the account it was read with. Providers know nothing of
 * accounts; the layer above them marks what they return. The default account leaves it unmarked,
 * so with one account everything is as it was before accounts existed.
 */
export function inAccount<T extends { readonly accountId?: string }>(item: T, accountId: string): T {
  return accountId === DEFAULT_ACCOUNT_ID ? item : { ...item, accountId };
}
