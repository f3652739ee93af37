// The top of the tree: one node per provider, and Cadenya's workspaces. Handinger lists the
// workers the user added (the API cannot list them), each checked by a request; Cadenya
// lists workspaces and their agents from the API, page by page.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { ContainerNode } from './containerNode';
import { ErrorNode, LoadMoreNode, MessageNode, setKeyNode } from './messageNodes';
import type { Container } from '../model/container';
import type { ProviderId } from '../model/delivery';
import { ENV_NAMES, type KeySource } from '../keys/apiKeyStore';
import type { TreeHost } from './host';
import { account, accounts, workers } from '../config/settings';
import { accountIdOf, DEFAULT_ACCOUNT_ID, inAccount, type AccountRef } from '../model/accounts';
import { containerKey } from '../model/feeds';
import { COMMANDS } from '../commands/ids';
import { treeText } from '../model/safeText';

const PROVIDER_LABELS: Record<ProviderId, string> = { handinger: 'Handinger', cadenya: 'Cadenya' };

/**
 * Children loaded page by page, with the nodes kept by id so their state survives re-listing.
 * A listing started before a reset (a new key) is dropped when it ends; a re-listing that
 * fails keeps what was listed, with an error row.
 */
abstract class PagedParent extends TreeNode {
  protected children: TreeNode[] | undefined;
  protected continuation: string | undefined;
  protected error: unknown;
  protected loadingMore = false;
  protected readonly byId = new Map<string, TreeNode>();
  /** Bumped by reset(); a listing from an older generation is dropped. */
  private generation = 0;
  /** Set by reset(): the next expansion lists again, showing what was listed meanwhile. */
  private stale = false;
  private listing: Promise<void> | undefined;

  /** Lists again on the next expansion; what is listed stays until the new listing arrives. */
  reset(): void {
    this.generation++;
    this.stale = true;
    this.error = undefined;
    this.listing = undefined;
  }

  async loadMore(): Promise<void> {
    this.loadingMore = true;
    this.host.refresh(this);
    try {
      await this.loadPage(this.continuation);
    } finally {
      this.loadingMore = false;
      this.host.refresh(this);
    }
  }

  retry(): void {
    this.error = undefined;
    if (this.children && !this.stale && this.continuation !== undefined) {
      void this.loadMore();
    } else {
      this.stale = true;
      this.host.refresh(this);
    }
  }

  protected constructor(
    parent: TreeNode | undefined,
    protected readonly host: TreeHost,
  ) {
    super(parent);
  }

  protected abstract provider: ProviderId;
  /** The account whose key lists these children. */
  protected abstract accountIdOfNode(): string;
  protected abstract fetch(continuation: string | undefined): Promise<{ items: TreeNode[]; continuation?: string }>;

  protected async loadPage(continuation: string | undefined): Promise<void> {
    const generation = this.generation;
    try {
      const page = await this.fetch(continuation);
      if (generation !== this.generation) {
        return; // Listed with the previous key or settings: the next expansion lists again.
      }
      this.children = [...(continuation === undefined ? [] : (this.children ?? [])), ...page.items];
      this.continuation = page.continuation;
      this.error = undefined;
      if (continuation === undefined) {
        this.stale = false;
      }
    } catch (error) {
      if (generation !== this.generation) {
        return;
      }
      this.error = error;
      if (continuation === undefined) {
        // Tried: what was listed before stays, with the error row; Retry lists again.
        this.stale = false;
      }
      this.host.reportError(error, { provider: this.provider, accountId: this.accountIdOfNode() });
    }
  }

  /** Lists the first page on the first expansion (or after a reset), then renders what is listed. */
  protected async listed(empty: () => TreeNode): Promise<TreeNode[]> {
    if ((this.children === undefined && this.error === undefined) || this.stale) {
      this.listing ??= this.loadPage(undefined).finally(() => {
        this.listing = undefined;
      });
      await this.listing;
    }
    return this.renderPaged(empty);
  }

  protected renderPaged(empty: () => TreeNode): TreeNode[] {
    const nodes = [...(this.children ?? [])];
    if (this.error !== undefined) {
      nodes.push(new ErrorNode(this, this.error, { provider: this.provider, accountId: this.accountIdOfNode() }, () => this.retry()));
    } else if (this.continuation !== undefined) {
      nodes.push(new LoadMoreNode(this, undefined, this.loadingMore));
    } else if (nodes.length === 0) {
      nodes.push(empty());
    }
    return nodes;
  }

  protected reuse<N extends TreeNode>(id: string, create: () => N, update: (node: N) => void): N {
    const existing = this.byId.get(id) as N | undefined;
    if (existing) {
      update(existing);
      return existing;
    }
    const node = create();
    this.byId.set(id, node);
    return node;
  }
}

/**
 * A provider's row at the top of the tree, or one of its accounts below it. With one account
 * the provider's row lists that account's workers or workspaces itself, as before accounts
 * existed; with several, its children are one row per account, each listing its own.
 */
export abstract class ProviderRootNode extends PagedParent {
  readonly id: string;
  protected keySource: KeySource | undefined;
  private readonly accountNodes = new Map<string, ProviderRootNode>();
  /** Ids of the accounts whose rows were last listed. */
  private readonly shownAccounts = new Set<string>();

  constructor(
    readonly provider: ProviderId,
    host: TreeHost,
    /** The provider's row when this is one of its accounts. */
    readonly providerRoot?: ProviderRootNode,
    readonly accountId: string = DEFAULT_ACCOUNT_ID,
  ) {
    super(providerRoot, host);
    this.id = providerRoot ? `${provider}@${accountId}` : `${provider}`;
  }

  protected accountIdOfNode(): string {
    return this.accountId;
  }

  /** The account this row lists; undefined on the provider's row when it has several. */
  get account(): AccountRef | undefined {
    return this.providerRoot || !this.several() ? { provider: this.provider, accountId: this.accountId } : undefined;
  }

  /** The provider has several accounts (so its row shows them, not workers or workspaces). */
  protected several(): boolean {
    return accounts(this.provider).length > 1;
  }

  toTreeItem(): vscode.TreeItem {
    const settings = account(this.provider, this.accountId);
    const several = !this.providerRoot && this.several();
    const label = this.providerRoot ? treeText(settings?.name ?? this.accountId) : PROVIDER_LABELS[this.provider];
    // Account rows start collapsed, like workspaces: each lists its workers when opened.
    const item = new vscode.TreeItem(label, this.providerRoot ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.providerRoot ? 'account' : this.provider === 'handinger' ? 'server-environment' : 'organization');
    item.description = several
      ? vscode.l10n.t('{0} accounts', accounts(this.provider).length)
      : this.keySource === 'environment'
        ? this.providerRoot
          ? vscode.l10n.t('key from environment ({0})', ENV_NAMES[this.provider])
          : vscode.l10n.t('key from environment')
        : this.keySource === undefined
          ? vscode.l10n.t('no API key')
          : undefined;
    const tooltip = new vscode.MarkdownString();
    if (several) {
      tooltip.appendText(PROVIDER_LABELS[this.provider]);
    } else {
      const title = this.providerRoot ? `${PROVIDER_LABELS[this.provider]} · ${settings?.name ?? this.accountId}` : PROVIDER_LABELS[this.provider];
      tooltip.appendText(`${title}\n\n${vscode.l10n.t('API: {0}', settings?.baseUrl ?? '')}`);
      if (this.providerRoot) {
        tooltip.appendText(`\n\n${vscode.l10n.t('Account id: {0}', this.accountId)}`);
      }
    }
    item.tooltip = tooltip;
    const context = [`provider`, this.provider, several ? 'accounts' : this.keySource ? 'hasKey' : 'noKey'];
    if (this.providerRoot) {
      context.push('account', ...(this.accountId === DEFAULT_ACCOUNT_ID ? ['default'] : []));
    }
    item.contextValue = context.join('.');
    return item;
  }

  /** Reads the key state, so the item renders without waiting on the network. */
  async prepare(): Promise<this> {
    this.keySource = (await this.host.hub.keySource(this.provider, this.accountId)) ?? undefined;
    return this;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.providerRoot && this.several()) {
      return Promise.all(this.accountRows().map((node) => node.prepare()));
    }
    if (!(await this.host.hub.keySource(this.provider, this.accountId))) {
      return [setKeyNode(this, { provider: this.provider, accountId: this.accountId })];
    }
    return this.listed(() => this.emptyNode());
  }

  /**
   * One row per account. Rows are kept by id, even after their account is removed: VS Code
   * knows a row by its id, and a second object with the same id (the account added again)
   * would be refused as already registered. A row that comes back lists anew.
   */
  accountRows(): ProviderRootNode[] {
    const list = accounts(this.provider);
    for (const id of [...this.shownAccounts]) {
      if (!list.some((a) => a.id === id)) {
        this.shownAccounts.delete(id);
      }
    }
    return list.map((a) => {
      let node = this.accountNodes.get(a.id);
      if (!node) {
        node = this.accountRow(a.id);
        this.accountNodes.set(a.id, node);
      } else if (!this.shownAccounts.has(a.id)) {
        node.resetAll();
      }
      this.shownAccounts.add(a.id);
      return node;
    });
  }

  /** The row that lists an account now: this one with a single account, else its account row. */
  listerOf(accountId: string): ProviderRootNode | undefined {
    if (this.providerRoot) {
      return this.accountId === accountId ? this : undefined;
    }
    if (!this.several()) {
      return accountId === DEFAULT_ACCOUNT_ID ? this : undefined;
    }
    return this.accountRows().find((node) => node.accountId === accountId);
  }

  /** Lists this row and everything under it again (a new key or base URL). */
  resetAll(): void {
    this.reset();
  }

  /** Lists an account again: its row, or this row while it lists the only account. */
  resetAccount(accountId: string): ProviderRootNode | undefined {
    const lister = this.listerOf(accountId);
    lister?.resetAll();
    return lister;
  }

  protected abstract accountRow(accountId: string): ProviderRootNode;

  /** What an empty listing says: how to add a worker, or that there are no workspaces. */
  protected abstract emptyNode(): TreeNode;

  /** All worker or agent nodes created so far (for the palette's quick picks). */
  containers(): ContainerNode[] {
    if (!this.providerRoot && this.several()) {
      return this.accountRows().flatMap((node) => node.containers());
    }
    return this.ownContainers();
  }

  protected abstract ownContainers(): ContainerNode[];

  /** Lists what is needed to know every worker or agent (Cadenya: the first page of each workspace). */
  async listAll(): Promise<void> {
    if (!this.providerRoot && this.several()) {
      await Promise.all(this.accountRows().map((node) => node.listAll()));
      return;
    }
    const children = await this.getChildren();
    await Promise.all(children.filter((n) => n instanceof WorkspaceNode).map((n) => n.getChildren()));
  }
}

export class HandingerRootNode extends ProviderRootNode {
  constructor(host: TreeHost, providerRoot?: ProviderRootNode, accountId?: string) {
    super('handinger', host, providerRoot, accountId);
  }

  protected accountRow(accountId: string): ProviderRootNode {
    return new HandingerRootNode(this.host, this, accountId);
  }

  protected emptyNode(): TreeNode {
    return new MessageNode(this, `${this.id}/add-worker`, vscode.l10n.t('Add a worker by id…'), 'add', {
      command: COMMANDS.addWorker,
      title: vscode.l10n.t('Add worker'),
      arguments: this.providerRoot ? [{ provider: 'handinger', accountId: this.accountId } satisfies AccountRef] : [],
    });
  }

  protected async fetch(): Promise<{ items: TreeNode[] }> {
    const entries = workers(this.accountId);
    if (entries.length === 0) {
      return { items: [] };
    }
    const connected = await this.host.hub.handinger(this.accountId);
    if (!connected) {
      return { items: [] };
    }
    const checks = await connected.provider.listContainers(entries.map((e) => e.id));
    const items = checks.map((check, index) => {
      const entry = entries[index];
      const label = entry?.label;
      const container: Container = inAccount(
        check.ok
          ? { ...check.container, name: label ?? check.container.name }
          : { provider: 'handinger', kind: 'worker', id: check.id, name: label ?? check.id, raw: undefined },
        this.accountId,
      );
      const checkError = check.ok ? undefined : check.error;
      return this.reuse(
        `worker:${check.id}`,
        () => new ContainerNode(this, container, this.host, checkError),
        (node) => {
          node.container = container;
          node.checkError = checkError;
        },
      );
    });
    return { items };
  }

  protected ownContainers(): ContainerNode[] {
    return (this.children ?? []).filter((n): n is ContainerNode => n instanceof ContainerNode);
  }
}

export class CadenyaRootNode extends ProviderRootNode {
  constructor(host: TreeHost, providerRoot?: ProviderRootNode, accountId?: string) {
    super('cadenya', host, providerRoot, accountId);
  }

  protected accountRow(accountId: string): ProviderRootNode {
    return new CadenyaRootNode(this.host, this, accountId);
  }

  protected emptyNode(): TreeNode {
    return new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No workspaces'), 'info');
  }

  protected async fetch(continuation: string | undefined): Promise<{ items: TreeNode[]; continuation?: string }> {
    const connected = await this.host.hub.cadenya(this.accountId);
    if (!connected) {
      return { items: [] };
    }
    const page = await connected.provider.listWorkspaces(continuation);
    const items = page.items.map((listed) => {
      const workspace = inAccount(listed, this.accountId);
      return this.reuse(
        `workspace:${workspace.id}`,
        () => new WorkspaceNode(this, workspace, this.host),
        (node) => (node.workspace = workspace),
      );
    });
    return { items, continuation: page.continuation };
  }

  protected ownContainers(): ContainerNode[] {
    return (this.children ?? []).flatMap((n) => (n instanceof WorkspaceNode ? n.containers() : []));
  }

  override resetAll(): void {
    this.reset();
    for (const node of this.byId.values()) {
      if (node instanceof WorkspaceNode) {
        node.reset();
      }
    }
  }
}

export class WorkspaceNode extends PagedParent {
  readonly id: string;
  protected readonly provider = 'cadenya';

  constructor(
    parent: TreeNode,
    public workspace: Container,
    host: TreeHost,
  ) {
    super(parent, host);
    this.id = containerKey({ provider: 'cadenya', kind: 'workspace', id: workspace.id, accountId: workspace.accountId });
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(treeText(this.workspace.name), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('folder-library');
    item.description = this.workspace.description === undefined ? undefined : treeText(this.workspace.description);
    item.tooltip = `${this.workspace.name}\n${this.workspace.id}`;
    item.contextValue = 'workspace';
    return item;
  }

  protected accountIdOfNode(): string {
    return accountIdOf(this.workspace);
  }

  override getChildren(): Promise<TreeNode[]> {
    return this.listed(() => new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No agents in this workspace'), 'info'));
  }

  protected async fetch(continuation: string | undefined): Promise<{ items: TreeNode[]; continuation?: string }> {
    const accountId = accountIdOf(this.workspace);
    const connected = await this.host.hub.cadenya(accountId);
    if (!connected) {
      return { items: [] };
    }
    const page = await connected.provider.listAgents(this.workspace.id, continuation);
    const items = page.items.map((listed) => inAccount(listed, accountId)).map((agent) =>
      this.reuse(
        `agent:${agent.id}`,
        () => new ContainerNode(this, agent, this.host),
        (node) => (node.container = agent),
      ),
    );
    return { items, continuation: page.continuation };
  }

  containers(): ContainerNode[] {
    return (this.children ?? []).filter((n): n is ContainerNode => n instanceof ContainerNode);
  }
}
