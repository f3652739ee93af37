// Builds the provider clients from the current key and base URL, and rebuilds them when
// either changes. The UI asks the hub for a provider each time it needs one, so a new key
// or setting takes effect on the next request without a reload.
import * as vscode from 'vscode';
import type { ApiKeyStore, KeySource } from '../keys/apiKeyStore';
import { baseUrl, affectsBaseUrl } from '../config/settings';
import { createHandingerProvider } from '../providers/handinger';
import { createCadenyaProvider } from '../providers/cadenya';
import type { CadenyaDeliveryProvider, HandingerDeliveryProvider, ProviderConfig } from '../providers/types';
import type { ProviderId } from '../model/delivery';

export interface Connected<P> {
  readonly provider: P;
  readonly keySource: KeySource;
}

export class ProviderHub implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProviderId>();
  /** Fires when a provider's key or base URL changed: what it listed before may be stale. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private handingerCache?: Promise<Connected<HandingerDeliveryProvider> | undefined>;
  private cadenyaCache?: Promise<Connected<CadenyaDeliveryProvider> | undefined>;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.changed,
      keys.onDidChange((provider) => this.invalidate(provider)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsBaseUrl(event)) {
          this.invalidate('handinger');
          this.invalidate('cadenya');
        }
      }),
    );
  }

  handinger(): Promise<Connected<HandingerDeliveryProvider> | undefined> {
    this.handingerCache ??= this.connect('handinger', createHandingerProvider);
    return this.handingerCache;
  }

  cadenya(): Promise<Connected<CadenyaDeliveryProvider> | undefined> {
    this.cadenyaCache ??= this.connect('cadenya', createCadenyaProvider);
    return this.cadenyaCache;
  }

  /** Where the provider's key comes from, or undefined when there is none. */
  async keySource(provider: ProviderId): Promise<KeySource | undefined> {
    return (await this.keys.get(provider))?.source;
  }

  /** A provider built with a key that is not stored yet, to check it before saving. */
  withKey(provider: 'handinger', apiKey: string): HandingerDeliveryProvider;
  withKey(provider: 'cadenya', apiKey: string): CadenyaDeliveryProvider;
  withKey(provider: ProviderId, apiKey: string): HandingerDeliveryProvider | CadenyaDeliveryProvider {
    const config = this.config(provider, apiKey);
    return provider === 'handinger' ? createHandingerProvider(config) : createCadenyaProvider(config);
  }

  invalidate(provider: ProviderId): void {
    if (provider === 'handinger') {
      this.handingerCache = undefined;
    } else {
      this.cadenyaCache = undefined;
    }
    this.changed.fire(provider);
  }

  private async connect<P>(provider: ProviderId, create: (config: ProviderConfig) => P): Promise<Connected<P> | undefined> {
    const resolved = await this.keys.get(provider);
    if (!resolved) {
      return undefined;
    }
    return { provider: create(this.config(provider, resolved.key)), keySource: resolved.source };
  }

  private config(provider: ProviderId, apiKey: string): ProviderConfig {
    return {
      baseUrl: baseUrl(provider),
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
