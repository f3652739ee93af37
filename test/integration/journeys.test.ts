// Journeys: what a person debugging a handler does in a row (expand, Load more, Refresh,
// live refresh, group, Go to Delivery…, filter, change the key), against the sample server
// changing under them, asserting what they see: tree rows, the view's badge, the panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi } from './env';
import { children, clearFaults, executionsPath, freshNode, control, deliveryNodes, kindOf, labelOf, setSetting, waitFor } from './helpers';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { TreeNode } from '../../src/tree/node';

let api: ExtensionApi;

before(async function () {
  api = await activatedApi();
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
});

afterEach(async function () {
  await clearFaults();
});

interface Row {
  readonly label: string;
  readonly description: string;
  readonly kind: string;
}

function rowOf(node: TreeNode): Row {
  const item = api.tree.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return { label, description: typeof item.description === 'string' ? item.description : '', kind: item.contextValue ?? '' };
}

async function rows(node: TreeNode): Promise<Row[]> {
  return (await children(api, node)).map(rowOf);
}

async function deliveryIds(node: ContainerNode): Promise<string[]> {
  return deliveryNodes(await children(api, node)).map((row) => row.delivery.id);
}

const workspaceOf = (agent: string): string => SAMPLE_IDS.workspaceOfAgent[agent] ?? '';

async function addCadenya(agent: string, fields: Record<string, unknown>): Promise<string> {
  const created = (await control('POST', `cadenya/workspaces/${workspaceOf(agent)}/agents/${agent}/deliveries`, fields)) as { metadata: { id: string } };
  return created.metadata.id;
}

async function patchCadenya(agent: string, id: string, fields: Record<string, unknown>): Promise<void> {
  await control('PATCH', `cadenya/workspaces/${workspaceOf(agent)}/agents/${agent}/deliveries/${id}`, fields);
}

async function addHandinger(worker: string, fields: Record<string, unknown>): Promise<string> {
  const created = (await control('POST', `handinger/workers/${worker}/executions`, fields)) as { id: string };
  return created.id;
}

describe('Journeys', function () {
  this.timeout(120_000);

  it('expand → Load more twice → deliveries arrive → Refresh: the new ones on top, nothing lost', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await children(api, node);
    await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    const before = await deliveryIds(node);
    assert.equal(before.length, 150);

    const arrived = [await addHandinger(SAMPLE_IDS.busyWorker, {}), await addHandinger(SAMPLE_IDS.busyWorker, {}), await addHandinger(SAMPLE_IDS.busyWorker, { responseStatus: 500 })];
    // The view's title button: re-lists workers and reads every loaded one's newest deliveries.
    await vscode.commands.executeCommand('webhookDeliveries.refresh');
    const after = await deliveryIds(node);
    assert.deepEqual(after.slice(0, 3), [...arrived].reverse(), 'the three new executions on top, newest first');
    assert.deepEqual(after.slice(3), before, 'every delivery loaded before is still there, in order');
    const top = (await rows(node))[0]!;
    assert.match(top.label, /^500 /, 'the failed one reads with its status');
    assert.match(top.description, /^new · /, 'and is marked new');
    assert.equal(api.view.badge?.value, 1, 'the badge counts the new failure');
    await vscode.commands.executeCommand('webhookDeliveries.showNewFailures');
    assert.equal(api.view.badge, undefined, 'seen: the badge clears');
  });

  it('live refresh on → the server turns a pending delivery into a 502: its row, the open panel and the badge change', async function () {
    const agent = SAMPLE_IDS.smallAgent;
    const node = await freshNode(api, agent);
    const pendingId = await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 1, httpStatusCode: 503 });
    await children(api, node);
    const pendingRow = deliveryNodes(await children(api, node)).find((row) => row.delivery.id === pendingId);
    assert.ok(pendingRow, 'the pending delivery is listed');
    assert.equal(kindOf(pendingRow), 'delivery.pending.cadenya');
    await vscode.commands.executeCommand('webhookDeliveries.openDelivery', pendingRow);

    await setSetting('liveRefresh.intervalSeconds', 2);
    await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
    try {
      // Deliveries arrive meanwhile, so the pending one is no longer on the newest page.
      for (let i = 0; i < 3; i++) {
        await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
      }
      await patchCadenya(agent, pendingId, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 502, attemptCount: 3, errorMessage: 'upstream returned 502 Bad Gateway' });
      const settled = await waitFor('the row to show the failure', async () => {
        const row = deliveryNodes(await children(api, node)).find((candidate) => candidate.delivery.id === pendingId);
        return row && kindOf(row) === 'delivery.failed.cadenya' ? row : undefined;
      });
      assert.match(labelOf(api, settled), /^502 /);
      assert.match(rowOf(settled).description, /^new/);
      assert.equal(api.view.badge?.value, 1, 'counted once as a new failure');

      // The open panel shows the same copy: Copy JSON on it copies the failed record.
      await vscode.commands.executeCommand('webhookDeliveries.copyDeliveryJson');
      const copied = JSON.parse(await vscode.env.clipboard.readText()) as { data?: { status?: string; attemptCount?: number } };
      assert.equal(copied.data?.status, 'WEBHOOK_DELIVERY_STATUS_FAILED');
      assert.equal(copied.data?.attemptCount, 3);

      // Later polls find it failed again: it is not counted twice.
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      assert.equal(api.view.badge?.value, 1);
    } finally {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
      await setSetting('liveRefresh.intervalSeconds', undefined);
      await vscode.commands.executeCommand('webhookDeliveries.showNewFailures');
    }
  });

  it('group by task → Go to Delivery… opens the delivery inside its group', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await children(api, node);
    await vscode.commands.executeCommand('webhookDeliveries.groupByTrigger', node);
    const groups = (await children(api, node)).filter((child) => kindOf(child).startsWith('group.'));
    assert.ok(groups.length > 1, 'grouped by task');
    const going = vscode.commands.executeCommand<string | undefined>('webhookDeliveries.goToDelivery');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const picked = await going;
    assert.ok(picked, 'a delivery was picked');
    const selected = await waitFor('the tree to select it', () => api.view.selection[0]);
    assert.equal((selected as { delivery?: { id: string } }).delivery?.id, picked);
    assert.ok(kindOf(selected.parent!).startsWith('group.'), 'the row is shown inside its group');
    node.setGrouped(false);
  });

  it('filter to failed → a failure arrives → Refresh: it appears in the filtered list', async function () {
    const agent = SAMPLE_IDS.smallAgent;
    const node = await freshNode(api, agent);
    await children(api, node);
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ outcome: 'failed' }));
    const before = await deliveryIds(node);
    const failed = await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 504, attemptCount: 3 });
    await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
    await vscode.commands.executeCommand('webhookDeliveries.refreshNode', node);
    const after = await deliveryIds(node);
    // A refresh also re-reads the page a pending delivery fell to, which may bring older failures below.
    assert.deepEqual(after.slice(0, before.length + 1), [failed, ...before], 'the new failure on top, the succeeded one filtered out, nothing lost');
    assert.equal(api.view.badge?.value, 1);
    node.setFilter({ outcome: 'all' });
    await vscode.commands.executeCommand('webhookDeliveries.showNewFailures');
  });

  it('a burst larger than one refresh reads leaves a row that reads the rest; nothing loaded is replaced', async function () {
    const agent = SAMPLE_IDS.smallAgent;
    const node = await freshNode(api, agent);
    await children(api, node);
    const before = await deliveryIds(node);
    await control('POST', `cadenya/workspaces/${workspaceOf(agent)}/agents/${agent}/bursts`, { count: 400 });
    await vscode.commands.executeCommand('webhookDeliveries.refreshNode', node);
    const shown = await rows(node);
    const gap = shown.findIndex((row) => row.kind === 'gap');
    assert.ok(gap > 0, 'a gap row between the new top and what was loaded');
    assert.match(shown[gap]!.label, /newer deliveries not read/);
    const ids = await deliveryIds(node);
    assert.deepEqual(ids.slice(-before.length), before, 'what was loaded stays');
    const gapNode = (await children(api, node))[gap]!;
    await vscode.commands.executeCommand('webhookDeliveries.fillGap', gapNode);
    await vscode.commands.executeCommand('webhookDeliveries.fillGap', (await children(api, node)).find((child) => kindOf(child) === 'gap'));
    const filled = await rows(node);
    assert.ok(!filled.some((row) => row.kind === 'gap'), 'the gap is read');
    const all = await deliveryIds(node);
    assert.equal(new Set(all).size, all.length, 'no duplicate');
    assert.equal(all.length, before.length + 400);
    await vscode.commands.executeCommand('webhookDeliveries.showNewFailures');
  });

  it('a key change while a page loads: the old key’s page is dropped, the new key’s shown', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await children(api, node);
    await control('POST', 'faults', { kind: 'slow', times: 1, delayMs: 1500, pathIncludes: executionsPath(SAMPLE_IDS.busyWorker) });
    const loading = vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const key = process.env['HANDINGER_API_KEY']!;
    await api.keys.set('handinger', key);
    await loading;
    const shown = await waitFor('the worker to list again', async () => {
      const ids = await deliveryIds(node);
      return ids.length > 0 ? ids : undefined;
    });
    assert.equal(shown.length, 50, 'one page, read with the new key; the slow page of the old one was dropped');
    await api.keys.clear('handinger');
  });
});

describe('Journeys: when re-listing fails', function () {
  this.timeout(60_000);

  it('Refresh keeps the listed workspaces and agents with an error row, and live refresh goes on', async function () {
    const agent = SAMPLE_IDS.smallAgent;
    const node = await freshNode(api, agent);
    await children(api, node);
    const loaded = await deliveryIds(node);
    // Every attempt at listing the workspaces fails (the provider retries twice). Only the list
    // itself: the expanded workspaces list their agents again meanwhile, under /v1/workspaces/….
    await control('POST', 'faults', { kind: '500', times: 3, path: '/v1/workspaces' });
    api.tree.cadenyaRoot.resetAll();
    const listed = await children(api, api.tree.cadenyaRoot);
    const rowsNow = listed.map(rowOf);
    assert.ok(rowsNow.some((row) => row.kind === 'workspace'), `the workspaces stay (${rowsNow.map((r) => r.label).join(', ')})`);
    assert.ok(rowsNow.some((row) => row.kind.startsWith('error.')), 'with an error row');
    assert.ok(api.tree.containers().includes(node), 'the agent node stays');
    assert.deepEqual(await deliveryIds(node), loaded, 'and what it loaded');

    await setSetting('liveRefresh.intervalSeconds', 2);
    await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
    try {
      const arrived = await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
      await waitFor('live refresh to bring the new delivery', async () => ((await deliveryIds(node))[0] === arrived ? true : undefined));
    } finally {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
      await setSetting('liveRefresh.intervalSeconds', undefined);
    }
    // Retry lists again; the workspaces and the same agent node come back without an error.
    const error = (await children(api, api.tree.cadenyaRoot)).find((child) => kindOf(child).startsWith('error.'));
    assert.ok(error);
    await vscode.commands.executeCommand('webhookDeliveries.retry', error);
    const again = await children(api, api.tree.cadenyaRoot);
    assert.ok(!again.some((child) => kindOf(child).startsWith('error.')));
  });
});
