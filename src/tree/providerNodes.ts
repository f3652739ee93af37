// The top of the tree: one node per provider, and Cadenya's workspaces. Handinger lists the
// workers the user added (the API cannot list them), each checked by a request; Cadenya
// lists workspaces and their agents from the API, page by page.
import * as vscode from 'vscode';
import { TreeNode } from './node';
import { ContainerNode } from './containerNode';
import { ErrorNode, LoadMoreNode, MessageNode, setKeyNode } from './messageNodes';
import type { Container } from '../model/container';
import type { ProviderId } from '../model/delivery';
import type { KeySource } from '../keys/apiKeyStore';
import type { TreeHost } from './host';
import { baseUrl, workers } from '../config/settings';
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
      this.host.reportError(error, this.provider);
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
      nodes.push(new ErrorNode(this, this.error, this.provider, () => this.retry()));
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

export abstract class ProviderRootNode extends PagedParent {
  readonly id: string;
  protected keySource: KeySource | undefined;

  constructor(
    readonly provider: ProviderId,
    host: TreeHost,
  ) {
    super(undefined, host);
    this.id = `${provider}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(PROVIDER_LABELS[this.provider], vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.provider === 'handinger' ? 'server-environment' : 'organization');
    item.description =
      this.keySource === 'environment'
        ? vscode.l10n.t('key from environment')
        : this.keySource === undefined
          ? vscode.l10n.t('no API key')
          : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${PROVIDER_LABELS[this.provider]}\n\n${vscode.l10n.t('API: {0}', baseUrl(this.provider))}`);
    item.tooltip = tooltip;
    item.contextValue = `provider.${this.provider}.${this.keySource ? 'hasKey' : 'noKey'}`;
    return item;
  }

  /** Reads the key state, so the item renders without waiting on the network. */
  async prepare(): Promise<this> {
    this.keySource = (await this.host.hub.keySource(this.provider)) ?? undefined;
    return this;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!(await this.host.hub.keySource(this.provider))) {
      return [setKeyNode(this, this.provider)];
    }
    return this.listed(() => this.emptyNode());
  }

  /** Lists this root and everything under it again (a new key or base URL). */
  resetAll(): void {
    this.reset();
  }

  /** What an empty listing says: how to add a worker, or that there are no workspaces. */
  protected abstract emptyNode(): TreeNode;

  /** All worker or agent nodes created so far (for the palette's quick picks). */
  abstract containers(): ContainerNode[];
}

export class HandingerRootNode extends ProviderRootNode {
  constructor(host: TreeHost) {
    super('handinger', host);
  }

  protected emptyNode(): TreeNode {
    return new MessageNode(this, `${this.id}/add-worker`, vscode.l10n.t('Add a worker by id…'), 'add', {
      command: COMMANDS.addWorker,
      title: vscode.l10n.t('Add worker'),
    });
  }

  protected async fetch(): Promise<{ items: TreeNode[] }> {
    const entries = workers();
    if (entries.length === 0) {
      return { items: [] };
    }
    const connected = await this.host.hub.handinger();
    if (!connected) {
      return { items: [] };
    }
    const checks = await connected.provider.listContainers(entries.map((e) => e.id));
    const items = checks.map((check, index) => {
      const entry = entries[index];
      const label = entry?.label;
      const container: Container = check.ok
        ? { ...check.container, name: label ?? check.container.name }
        : { provider: 'handinger', kind: 'worker', id: check.id, name: label ?? check.id, raw: undefined };
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

  containers(): ContainerNode[] {
    return (this.children ?? []).filter((n): n is ContainerNode => n instanceof ContainerNode);
  }
}

export class CadenyaRootNode extends ProviderRootNode {
  constructor(host: TreeHost) {
    super('cadenya', host);
  }

  protected emptyNode(): TreeNode {
    return new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No workspaces'), 'info');
  }

  protected async fetch(continuation: string | undefined): Promise<{ items: TreeNode[]; continuation?: string }> {
    const connected = await this.host.hub.cadenya();
    if (!connected) {
      return { items: [] };
    }
    const page = await connected.provider.listWorkspaces(continuation);
    const items = page.items.map((workspace) =>
      this.reuse(
        `workspace:${workspace.id}`,
        () => new WorkspaceNode(this, workspace, this.host),
        (node) => (node.workspace = workspace),
      ),
    );
    return { items, continuation: page.continuation };
  }

  containers(): ContainerNode[] {
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
    this.id = `cadenya/workspace/${workspace.id}`;
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

  override getChildren(): Promise<TreeNode[]> {
    return this.listed(() => new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No agents in this workspace'), 'info'));
  }

  protected async fetch(continuation: string | undefined): Promise<{ items: TreeNode[]; continuation?: string }> {
    const connected = await this.host.hub.cadenya();
    if (!connected) {
      return { items: [] };
    }
    const page = await connected.provider.listAgents(this.workspace.id, continuation);
    const items = page.items.map((agent) =>
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
