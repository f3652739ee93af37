// Builds the provider clients of each account from its key and base URL, and rebuilds them
// when either changes. The UI asks the hub for an account's provider each time it needs one,
// so a new key or setting takes effect on the next request without a reload. Each account's
// client carries only that account's key and base URL.
import * as vscode from 'vscode';
import type { ApiKeyStore, KeySource } from '../keys/apiKeyStore';
import { account, affectsAccounts, baseUrl } from '../config/settings';
import { createHandingerProvider } from '../providers/handinger';
import { createCadenyaProvider } from '../providers/cadenya';
import type { CadenyaDeliveryProvider, HandingerDeliveryProvider, ProviderConfig } from '../providers/types';
import type { ProviderId } from '../model/delivery';
import { DEFAULT_ACCOUNT_ID, type AccountRef } from '../model/accounts';

export interface Connected<P> {
  readonly provider: P;
  readonly keySource: KeySource;
}

export class ProviderHub implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AccountRef>();
  /** Fires when an account's key or base URL changed: what it listed before may be stale. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly cache = new Map<string, Promise<Connected<HandingerDeliveryProvider | CadenyaDeliveryProvider> | undefined>>();
  /** Base URL each cached client was built with, to tell which accounts a settings change moved. */
  private readonly builtFor = new Map<string, string>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.changed,
      keys.onDidChange((ref) => this.invalidate(ref.provider, ref.accountId)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsAccounts(event)) {
          this.settingsChanged();
        }
      }),
    );
  }

  handinger(accountId: string = DEFAULT_ACCOUNT_ID): Promise<Connected<HandingerDeliveryProvider> | undefined> {
    return this.connected('handinger', accountId) as Promise<Connected<HandingerDeliveryProvider> | undefined>;
  }

  cadenya(accountId: string = DEFAULT_ACCOUNT_ID): Promise<Connected<CadenyaDeliveryProvider> | undefined> {
    return this.connected('cadenya', accountId) as Promise<Connected<CadenyaDeliveryProvider> | undefined>;
  }

  /** Either provider's client for an account. */
  connected(provider: ProviderId, accountId: string = DEFAULT_ACCOUNT_ID): Promise<Connected<HandingerDeliveryProvider | CadenyaDeliveryProvider> | undefined> {
    const id = cacheKey(provider, accountId);
    let cached = this.cache.get(id);
    if (!cached) {
      cached = this.connect(provider, accountId);
      this.cache.set(id, cached);
      this.builtFor.set(id, account(provider, accountId)?.baseUrl ?? '');
    }
    return cached;
  }

  /** Where an account's key comes from, or undefined when there is none. */
  async keySource(provider: ProviderId, accountId: string = DEFAULT_ACCOUNT_ID): Promise<KeySource | undefined> {
    return (await this.keys.get(provider, accountId))?.source;
  }

  /** A provider built with a key that is not stored yet, to check it before saving. */
  withKey(provider: 'handinger', apiKey: string, accountId?: string): HandingerDeliveryProvider;
  withKey(provider: 'cadenya', apiKey: string, accountId?: string): CadenyaDeliveryProvider;
  withKey(provider: ProviderId, apiKey: string, accountId: string = DEFAULT_ACCOUNT_ID): HandingerDeliveryProvider | CadenyaDeliveryProvider {
    const config = this.config(provider, accountId, apiKey);
    return provider === 'handinger' ? createHandingerProvider(config) : createCadenyaProvider(config);
  }

  invalidate(provider: ProviderId, accountId: string = DEFAULT_ACCOUNT_ID): void {
    const id = cacheKey(provider, accountId);
    this.cache.delete(id);
    this.builtFor.delete(id);
    this.changed.fire({ provider, accountId });
  }

  /** Accounts whose base URL changed (or that are gone) start over; the others keep their clients. */
  private settingsChanged(): void {
    for (const [id, url] of [...this.builtFor]) {
      const [provider, accountId] = id.split('/') as [ProviderId, string];
      if ((account(provider, accountId)?.baseUrl ?? '') !== url) {
        this.invalidate(provider, accountId);
      }
    }
  }

  private async connect(provider: ProviderId, accountId: string): Promise<Connected<HandingerDeliveryProvider | CadenyaDeliveryProvider> | undefined> {
    if (!account(provider, accountId)) {
      return undefined; // Removed meanwhile: its key (if any) goes nowhere.
    }
    const resolved = await this.keys.get(provider, accountId);
    if (!resolved) {
      return undefined;
    }
    const config = this.config(provider, accountId, resolved.key);
    return { provider: provider === 'handinger' ? createHandingerProvider(config) : createCadenyaProvider(config), keySource: resolved.source };
  }

  private config(provider: ProviderId, accountId: string, apiKey: string): ProviderConfig {
    return {
      baseUrl: baseUrl(provider, accountId),
      apiKey,
      // The log lines never carry headers, bodies or the key (see src/providers/log.ts).
      logger: (line) => this.log.debug(line),
    };
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

function cacheKey(provider: ProviderId, accountId: string): string {
  return `${provider}/${accountId}`;
}
