// A long list in parts: a person loads the last 1,200 executions of a 30-day archive, reads
// the parts, loads more, gets new arrivals, goes to a delivery in an older part, then filters
// down to a short list. Each step asserts the rows and what the tree told VS Code to re-draw:
// VS Code asks again for every row under a node it is told changed, so "only the last part"
// is what keeps a page appended to 10,000 rows as cheap as one appended to 500.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi } from './env';
import { children, control, deliveryNodes, freshNode, isLoadMore, kindOf, waitFor } from './helpers';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { TreeNode } from '../../src/tree/node';

let api: ExtensionApi;

before(async function () {
  api = await activatedApi();
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
});

function rowOf(node: TreeNode): { label: string; description: string; kind: string; expanded: boolean } {
  const item = api.tree.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return {
    label,
    description: typeof item.description === 'string' ? item.description : '',
    kind: item.contextValue ?? '',
    expanded: item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded,
  };
}

const parts = (nodes: readonly TreeNode[]): TreeNode[] => nodes.filter((n) => kindOf(n).startsWith('part.'));

/** The nodes the tree tells VS Code to re-draw while `action` runs (and just after). */
async function redrawn(action: () => PromiseLike<unknown>): Promise<(TreeNode | undefined)[]> {
  return (await events(action)).flat();
}

/** The same, event by event: VS Code holds an event that follows another within 200 ms. */
async function events(action: () => PromiseLike<unknown>): Promise<(TreeNode | undefined)[][]> {
  // What the previous step changed is told first (a person does not act within milliseconds).
  await new Promise((resolve) => setTimeout(resolve, 300));
  const fired: (TreeNode | undefined)[][] = [];
  const subscription = api.tree.onDidChangeTreeData((nodes) => fired.push(Array.isArray(nodes) ? nodes : [nodes ?? undefined]));
  try {
    await action();
    // A change soon after the previous one is told once VS Code takes it at once (up to 200 ms).
    await new Promise((resolve) => setTimeout(resolve, 250));
    // One event for what changed together: VS Code would hold a second one for 200 ms.
  } finally {
    subscription.dispose();
  }
  return fired;
}

describe('Long lists in parts', function () {
  this.timeout(120_000);

  it('1,200 loaded: parts of 500; Load more, new arrivals and a settled row re-draw one part; Go to reveals inside a part; a filter makes it flat', async function () {
    const node: ContainerNode = await freshNode(api, SAMPLE_IDS.archiveWorker);
    await children(api, node);
    const loaded = await node.feed.loadAtLeast(1200);
    assert.equal(loaded.status, 'done');
    assert.equal(node.feed.items.length, 1200);

    // The worker shows three parts, then Load more.
    let top = await children(api, node);
    let shown = parts(top);
    assert.deepEqual(
      shown.map((part) => rowOf(part).description.split(' · ').find((p) => p.endsWith('deliveries'))),
      ['500 deliveries', '500 deliveries', '200 deliveries'],
    );
    assert.equal(rowOf(shown[0]!).label, 'Newest');
    assert.ok(rowOf(shown[0]!).expanded, 'the newest part starts expanded');
    assert.ok(!rowOf(shown[1]!).expanded && !rowOf(shown[2]!).expanded, 'older parts start collapsed');
    assert.match(rowOf(shown[1]!).label, /\d{1,2}:\d{2}/, 'an older part is labelled by its time span');
    assert.ok(isLoadMore(top[top.length - 1]), 'Load more follows the parts');

    // Each part holds its rows in order, with the ids rows have in a short list.
    const rows = await Promise.all(shown.map((part) => children(api, part)));
    const ids = rows.flatMap((r) => deliveryNodes(r).map((row) => row.delivery.id));
    assert.deepEqual(ids, node.feed.items.map((d) => d.id));
    assert.equal(deliveryNodes(rows[1]!)[0]!.id, `${node.id}/${node.feed.items[500]!.id}`);

    // Load more: the last part and the Load more row are re-drawn, nothing above them.
    const lastPart = shown[2]!;
    const told = await events(() => vscode.commands.executeCommand('webhookDeliveries.loadMore', node));
    let fired = told.flat();
    assert.ok(fired.includes(lastPart), 'the last part is re-drawn');
    // The page and its Load more row ("N more") are told as one change, so neither waits 200 ms.
    assert.ok(
      told.find((event) => event.includes(lastPart))?.some((n) => n !== undefined && isLoadMore(n)),
      'the part and the Load more row in one event',
    );
    assert.ok(!fired.includes(node) && !fired.includes(undefined), 'the worker is not re-drawn, so neither are its 1,000 rows above');
    assert.ok(!fired.includes(shown[0]) && !fired.includes(shown[1]), 'the other parts are not re-drawn');
    assert.match(rowOf(lastPart).description, /250 deliveries/);
    assert.equal(deliveryNodes(await children(api, lastPart)).length, 250);

    // A new execution arrives and a refresh reads it: only the newest part is re-drawn.
    const created = (await control('POST', `handinger/workers/${SAMPLE_IDS.archiveWorker}/executions`, { responseStatus: 503 })) as { id: string };
    fired = await redrawn(() => node.refreshNewest());
    assert.ok(fired.includes(shown[0]), 'the newest part is re-drawn');
    assert.ok(!fired.includes(node) && !fired.includes(shown[1]) && !fired.includes(lastPart), 'nothing else is');
    const newest = deliveryNodes(await children(api, shown[0]!));
    assert.equal(newest[0]!.delivery.id, created.id);
    assert.match(rowOf(shown[0]!).description, /501 deliveries/);
    assert.match(rowOf(shown[0]!).description, /failed/);

    // Go to a delivery in the middle part: its row's parent is that part, so a reveal expands it.
    const target = node.feed.items[800]!;
    const row = node.nodeFor(target);
    assert.equal(api.tree.getParent(row), shown[1]);
    assert.equal(api.tree.getParent(shown[1]!), node);
    const view = api.view;
    await view.reveal(row, { select: true, focus: false, expand: true });
    await waitFor('the row is selected', () => view.selection[0]?.id === row.id || undefined);

    // More pages: the last part fills, a fourth opens, and the worker is re-drawn once for it.
    for (let i = 0; i < 6; i++) {
      await node.loadMore();
    }
    top = await children(api, node);
    shown = parts(top);
    assert.deepEqual(
      shown.map((part) => rowOf(part).description.split(' · ').find((p) => p.endsWith('deliveries'))),
      // 1,251 + 6 pages of 50, less the one each later page repeats after the arrival shifted them.
      ['501 deliveries', '500 deliveries', '500 deliveries', `${node.feed.items.length - 1501} deliveries`],
    );
    assert.ok(node.feed.items.length >= 1550, `${node.feed.items.length} loaded`);

    // Only failed ones: fewer than 500, so the list is flat again, rows right under the worker.
    fired = await redrawn(() => Promise.resolve(node.setFilter({ outcome: 'failed' })));
    assert.ok(fired.includes(node));
    top = await children(api, node);
    assert.equal(parts(top).length, 0);
    const failed = deliveryNodes(top);
    assert.ok(failed.length > 0 && failed.length < 500, `${failed.length} failed rows`);
    assert.equal(failed[0]!.delivery.id, created.id);
    assert.equal(api.tree.getParent(failed[0]!), node);
    node.setFilter({ outcome: 'all' });
  });
});
