// API keys live only in VS Code's SecretStorage, one per account, under a name made of the
// provider and the account id. The default account keeps the name keys had before accounts
// existed, so an upgrade finds its key where it was. As a fallback for the default account
// only (for `npm start`, CI and people who already export them for the providers' own SDKs)
// the environment variables HANDINGER_API_KEY / CADENYA_API_KEY are honoured; SecretStorage
// always wins.
import * as vscode from 'vscode';
import { DEFAULT_ACCOUNT_ID, isAccountId, type AccountRef } from '../model/accounts';

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

/** The SecretStorage name of an account's key. */
export function secretName(provider: KeyedProvider, accountId: string = DEFAULT_ACCOUNT_ID): string {
  return accountId === DEFAULT_ACCOUNT_ID ? SECRET_NAMES[provider] : `${SECRET_NAMES[provider]}.${accountId}`;
}

/** The account a SecretStorage name belongs to, if it is one of ours. */
function accountOfSecret(name: string): AccountRef | undefined {
  for (const provider of Object.keys(SECRET_NAMES) as KeyedProvider[]) {
    const base = SECRET_NAMES[provider];
    if (name === base) {
      return { provider, accountId: DEFAULT_ACCOUNT_ID };
    }
    const rest = name.startsWith(`${base}.`) ? name.slice(base.length + 1) : undefined;
    if (rest !== undefined && isAccountId(rest)) {
      return { provider, accountId: rest };
    }
  }
  return undefined;
}

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AccountRef>();
  /** Fires in every window when a key is set or cleared, whichever window did it. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      const ref = accountOfSecret(event.key);
      if (ref) {
        this.changed.fire(ref);
      }
    });
  }

  async get(provider: KeyedProvider, accountId: string = DEFAULT_ACCOUNT_ID): Promise<ResolvedKey | undefined> {
    const stored = (await this.secrets.get(secretName(provider, accountId)))?.trim();
    if (stored) {
      return { key: stored, source: 'secretStorage' };
    }
    // The environment stands for the default account only: another account never borrows it.
    const fromEnv = accountId === DEFAULT_ACCOUNT_ID ? this.env[ENV_NAMES[provider]]?.trim() : undefined;
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  async set(provider: KeyedProvider, key: string, accountId: string = DEFAULT_ACCOUNT_ID): Promise<void> {
    await this.secrets.store(secretName(provider, accountId), key.trim());
  }

  async clear(provider: KeyedProvider, accountId: string = DEFAULT_ACCOUNT_ID): Promise<void> {
    await this.secrets.delete(secretName(provider, accountId));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
