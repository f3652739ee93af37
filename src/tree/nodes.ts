// Tree nodes are small classes: each knows how to render itself and how to load its
// children. Loading, error and "set your key" states are nodes too, never a blank view.
import * as vscode from 'vscode';
import type { ApiKeyStore, KeyedProvider } from '../keys/apiKeyStore';

export abstract class TreeNode {
  abstract toTreeItem(): vscode.TreeItem;
  getChildren(): Promise<TreeNode[]> | TreeNode[] {
    return [];
  }
}

const PROVIDER_LABELS: Record<KeyedProvider, string> = {
  handinger: 'Handinger',
  cadenya: 'Cadenya',
};

export class ProviderNode extends TreeNode {
  constructor(
    readonly provider: KeyedProvider,
    private readonly keys: ApiKeyStore,
    private readonly baseUrl: () => string,
  ) {
    super();
  }

  private keySource: 'secretStorage' | 'environment' | 'none' = 'none';

  /** Reads the key state before the item is rendered, so the description is never stale. */
  async load(): Promise<this> {
    this.keySource = (await this.keys.get(this.provider))?.source ?? 'none';
    return this;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(PROVIDER_LABELS[this.provider], vscode.TreeItemCollapsibleState.Expanded);
    item.id = `provider:${this.provider}`;
    item.contextValue = `provider.${this.provider}.${this.keySource === 'none' ? 'noKey' : 'hasKey'}`;
    item.iconPath = new vscode.ThemeIcon(this.provider === 'handinger' ? 'server-process' : 'organization');
    item.description =
      this.keySource === 'environment'
        ? vscode.l10n.t('key from environment')
        : this.keySource === 'none'
          ? vscode.l10n.t('no API key')
          : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${PROVIDER_LABELS[this.provider]}**\n\n`);
    tooltip.appendText(vscode.l10n.t('API: {0}', this.baseUrl()));
    item.tooltip = tooltip;
    return item;
  }

  override getChildren(): TreeNode[] {
    if (this.keySource === 'none') {
      return [new MessageNode(vscode.l10n.t('Set an API key to see deliveries'), 'key')];
    }
    return [];
  }
}

export class MessageNode extends TreeNode {
  constructor(
    private readonly message: string,
    private readonly icon: string,
    private readonly command?: vscode.Command,
  ) {
    super();
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'message';
    if (this.command) {
      item.command = this.command;
    }
    return item;
  }
}
