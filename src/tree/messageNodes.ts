// Leaf nodes that say something instead of showing data: a hint, an error with its action,
// and "Load more".
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { presentError } from './errorText';
import type { ProviderId } from '../model/delivery';
import { COMMANDS } from '../commands/ids';
import type { FeedGap } from '../model/feed';
import { treeText } from '../model/safeText';
import { DEFAULT_ACCOUNT_ID, type AccountRef } from '../model/accounts';

export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    readonly id: string,
    private readonly message: string,
    private readonly icon: string,
    private readonly command?: vscode.Command,
    private readonly tooltip?: string,
  ) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'message';
    item.tooltip = this.tooltip ?? this.message;
    item.command = this.command;
    return item;
  }
}

/** Shown instead of data when an account has no API key. */
export function setKeyNode(parent: TreeNode, account: AccountRef): MessageNode {
  return new MessageNode(parent, `${parent.id}/set-key`, vscode.l10n.t('Set your API key…'), 'key', {
    command: COMMANDS.setApiKey,
    title: vscode.l10n.t('Set API key'),
    arguments: [keyTarget(account)],
  });
}

/** What Set API key is given: the provider alone for the default account, as before accounts. */
function keyTarget(account: AccountRef): AccountRef | ProviderId {
  return account.accountId === DEFAULT_ACCOUNT_ID ? account.provider : account;
}

/** An error in place of what could not be loaded; clicking it runs the error's action. */
export class ErrorNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly error: unknown,
    private readonly account: AccountRef,
    private readonly retry: () => void,
    idSuffix = 'error',
  ) {
    super(parent);
    this.id = `${parent.id}/${idSuffix}`;
  }

  toTreeItem(): vscode.TreeItem {
    const presented = presentError(this.error);
    const item = new vscode.TreeItem(treeText(presented.message, 300), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = `error.${presented.action}`;
    item.description = presented.actionLabel;
    item.tooltip = this.error instanceof Error ? this.error.message : String(this.error);
    item.command =
      presented.action === 'setKey'
        ? { command: COMMANDS.setApiKey, title: presented.actionLabel ?? '', arguments: [keyTarget(this.account)] }
        : presented.action === 'openSettings'
          ? { command: 'workbench.action.openSettings', title: presented.actionLabel ?? '', arguments: [settingOf(this.account)] }
          : presented.action === 'removeWorker'
            ? { command: COMMANDS.removeWorker, title: presented.actionLabel ?? '', arguments: [this.parent, { confirm: true }] }
            : { command: COMMANDS.retryNode, title: presented.actionLabel ?? '', arguments: [this] };
    return item;
  }

  runRetry(): void {
    this.retry();
  }
}

/** The setting holding an account's base URL. */
function settingOf(account: AccountRef): string {
  return account.accountId === DEFAULT_ACCOUNT_ID ? `webhookDeliveries.${account.provider}.baseUrl` : `webhookDeliveries.${account.provider}.accounts`;
}

/** "Load more": its command asks the parent for the next page, appended below. */
export class LoadMoreNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    private remaining: number | undefined,
    /** Listing workers says so on the row; a worker's or agent's reads run the view's progress bar instead. */
    private loading = false,
  ) {
    super(parent);
    this.id = `${parent.id}/load-more`;
  }

  /** The same row with what it shows now (a long list re-draws it alone). */
  update(remaining: number | undefined, loading = false): void {
    this.remaining = remaining;
    this.loading = loading;
  }

  toTreeItem(): vscode.TreeItem {
    const label = this.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.loading ? 'loading~spin' : 'more');
    item.description = this.remaining ? vscode.l10n.t('{0} more', this.remaining) : undefined;
    item.contextValue = 'loadMore';
    item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Load more'), arguments: [this.parent] };
    return item;
  }
}

/**
 * Between a refresh's new top and what was loaded before: deliveries that arrived but were
 * not read (more than one refresh reads). Clicking it reads them; nothing loaded is replaced.
 */
export class GapNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly gap: FeedGap,
    /** The worker or agent whose feed holds the gap (the parent may be a part of its list). */
    readonly owner: TreeNode = parent,
  ) {
    super(parent);
    this.id = `${owner.id}/gap/${gap.beforeId}`;
  }

  toTreeItem(): vscode.TreeItem {
    const skipped = this.gap.kind === 'skipped';
    const label = skipped
      ? this.gap.count !== undefined
        ? vscode.l10n.t('{0} deliveries skipped', this.gap.count.toLocaleString())
        : vscode.l10n.t('Deliveries skipped')
      : this.gap.count !== undefined
        ? vscode.l10n.t('{0} newer deliveries not read', this.gap.count)
        : vscode.l10n.t('More newer deliveries not read');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.description = vscode.l10n.t('click to read them');
    item.tooltip = skipped
      ? vscode.l10n.t('Going to an older delivery jumped over these, newer than it and older than what was loaded before.')
      : vscode.l10n.t('More deliveries arrived than one refresh reads. They belong here, between the newest and what was loaded before.');
    item.contextValue = 'gap';
    item.command = { command: COMMANDS.fillGap, title: skipped ? vscode.l10n.t('Read the skipped deliveries') : vscode.l10n.t('Read the newer deliveries'), arguments: [this] };
    return item;
  }
}
