// API keys live only in VS Code's SecretStorage. As a fallback (for `npm start`, CI and
// people who already export them for the providers' own SDKs) the environment variables
// HANDINGER_API_KEY / CADENYA_API_KEY are honoured; SecretStorage always wins.
import * as vscode from 'vscode';

export type KeyedProvider = 'handinger' | 'cadenya';

export type KeySource = 'secretStorage' | 'environment';

export interface ResolvedKey {
  readonly key: string;
  readonly source: KeySource;
}

const SECRET_NAMES: Record<KeyedProvider, string> = {
  handinger: 'webhookDeliveries.handinger.apiKey',
  cadenya: 'webhookDeliveries.cadenya.apiKey',
};

export const ENV_NAMES: Record<KeyedProvider, string> = {
  handinger: 'HANDINGER_API_KEY',
  cadenya: 'CADENYA_API_KEY',
};

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<KeyedProvider>();
  /** Fires in every window when a key is set or cleared, whichever window did it. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      for (const provider of Object.keys(SECRET_NAMES) as KeyedProvider[]) {
        if (event.key === SECRET_NAMES[provider]) {
          this.changed.fire(provider);
        }
      }
    });
  }

  async get(provider: KeyedProvider): Promise<ResolvedKey | undefined> {
    const stored = (await this.secrets.get(SECRET_NAMES[provider]))?.trim();
    if (stored) {
      return { key: stored, source: 'secretStorage' };
    }
    const fromEnv = this.env[ENV_NAMES[provider]]?.trim();
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  async set(provider: KeyedProvider, key: string): Promise<void> {
    await this.secrets.store(SECRET_NAMES[provider], key.trim());
  }

  async clear(provider: KeyedProvider): Promise<void> {
    await this.secrets.delete(SECRET_NAMES[provider]);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
