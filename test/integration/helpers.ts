// Small helpers for the integration tests: the sample server's control endpoints (the tests
// run in VS Code's extension host, another process), tree walking and waiting.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { DeliveryNode } from '../../src/tree/deliveryNode';
import type { ErrorNode } from '../../src/tree/messageNodes';
import { sampleServerUrl } from './env';

export async function control(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sampleServerUrl()}/__control/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `control ${method} ${path} answered ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
}

export async function requests(): Promise<LoggedRequest[]> {
  return ((await control('GET', 'requests')) as { requests: LoggedRequest[] }).requests;
}

/** The API path of a Handinger worker's executions, as the sample server logs it (query aside). */
export function executionsPath(workerId: string): string {
  return `/api/workers/${workerId}/webhook/executions`;
}

export async function clearFaults(): Promise<void> {
  await control('DELETE', 'faults');
}

/** Finds a worker or agent node by container id, listing roots and workspaces as needed. */
export async function containerNode(api: ExtensionApi, id: string): Promise<ContainerNode> {
  const node = (await api.tree.listAllContainers()).find((n) => n.container.id === id);
  assert.ok(node, `the tree has a node for ${id}`);
  return node;
}

/** A worker or agent as a person first meets it: no filter, a flat list, nothing loaded. */
export async function freshNode(api: ExtensionApi, id: string): Promise<ContainerNode> {
  const node = await containerNode(api, id);
  node.setFilter({ outcome: 'all' });
  node.setGrouped(false);
  node.feed.reset();
  return node;
}

export async function children(api: ExtensionApi, node: TreeNode): Promise<TreeNode[]> {
  return api.tree.getChildren(node);
}

// The extension runs from its bundle, so its classes are not the ones these tests could
// import: nodes are told apart by their context value, as menus do.
export function kindOf(node: TreeNode): string {
  return node.toTreeItem().contextValue ?? '';
}

export function deliveryNodes(nodes: readonly TreeNode[]): DeliveryNode[] {
  return nodes.filter((n) => kindOf(n).startsWith('delivery.')) as DeliveryNode[];
}

/** The delivery rows under a worker or agent as a person scrolls them: a long list's parts opened in order. */
export async function shownDeliveryNodes(api: ExtensionApi, node: TreeNode): Promise<DeliveryNode[]> {
  const rows: DeliveryNode[] = [];
  for (const child of await children(api, node)) {
    if (kindOf(child).startsWith('part.')) {
      rows.push(...deliveryNodes(await children(api, child)));
    } else if (kindOf(child).startsWith('delivery.')) {
      rows.push(child as DeliveryNode);
    }
  }
  return rows;
}

export function containerNodes(nodes: readonly TreeNode[]): ContainerNode[] {
  return nodes.filter((n) => kindOf(n).startsWith('container.')) as ContainerNode[];
}

export function errorNode(nodes: readonly TreeNode[]): ErrorNode | undefined {
  return nodes.find((n) => kindOf(n).startsWith('error.')) as ErrorNode | undefined;
}

export function isLoadMore(node: TreeNode | undefined): boolean {
  return node !== undefined && kindOf(node) === 'loadMore';
}

export function labelOf(api: ExtensionApi, node: TreeNode): string {
  const label = api.tree.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function contextOf(api: ExtensionApi, node: TreeNode): string {
  return api.tree.getTreeItem(node).contextValue ?? '';
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('webhookDeliveries').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * Runs a command whose prompt the test closes, as a person pressing Escape, until it returns;
 * fails if it never returned.
 */
export async function cancelPrompts(pending: Thenable<unknown>): Promise<unknown> {
  let settled = false;
  let result: unknown;
  void Promise.resolve(pending).then((value) => {
    settled = true;
    result = value;
  });
  for (let i = 0; i < 100 && !settled; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  assert.ok(settled, 'the command returned once its prompt closed');
  return result;
}
