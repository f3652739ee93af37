// Journeys of a person looking for something specific in weeks of deliveries: a 15-minute
// window three weeks back, an id support sent (at page 150), status classes combined with an
// outcome and text, a saved filter applied to another agent. Against the sample server's
// 30-day archives (12,000 deliveries each), asserting tree rows, descriptions and requests.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi, sampleServerUrl } from './env';
import { children, control, deliveryNodes, executionsPath, freshNode, requests, setSetting, waitFor } from './helpers';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { TreeNode } from '../../src/tree/node';

let api: ExtensionApi;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

before(async function () {
  api = await activatedApi();
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
});

function rowOf(node: TreeNode): { label: string; description: string; kind: string } {
  const item = api.tree.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return { label, description: typeof item.description === 'string' ? item.description : '', kind: item.contextValue ?? '' };
}

async function shownIds(node: ContainerNode): Promise<string[]> {
  return deliveryNodes(await children(api, node)).map((row) => row.delivery.id);
}

interface Item {
  readonly id: string;
  readonly time: number;
}

/** Reads a Handinger page straight from the API, as a second opinion on what the tree shows. */
async function executionsPage(page: number): Promise<{ items: Item[]; totalCount: number }> {
  const response = await fetch(`${sampleServerUrl()}${executionsPath(SAMPLE_IDS.archiveWorker)}?page=${page}`, {
    headers: { authorization: `Bearer ${process.env['HANDINGER_API_KEY'] ?? ''}` },
  });
  const body = (await response.json()) as { logs: { id: string; createdAt: string }[]; totalCount: number };
  return { items: body.logs.map((log) => ({ id: log.id, time: Date.parse(log.createdAt) })), totalCount: body.totalCount };
}

function executionRequests(list: { path: string }[]): number {
  return list.filter((entry) => entry.path.includes(executionsPath(SAMPLE_IDS.archiveWorker))).length;
}

describe('Finding deliveries', function () {
  this.timeout(120_000);

  it('a 15-minute window three weeks back: few requests, only its rows, Load more stops at its start', async function () {
    const node = await freshNode(api, SAMPLE_IDS.archiveWorker);
    assert.equal(rowOf(node).label, 'Ledger archive');
    await children(api, node);
    // A window around an execution three weeks back (pages of 50, ~400 a day: page ~170).
    const first = await executionsPage(1);
    const pages = Math.ceil(first.totalCount / 50);
    const around = await executionsPage(170);
    const anchor = around.items[20]!;
    const from = anchor.time - (anchor.time % MINUTE) - 5 * MINUTE;
    const to = from + 15 * MINUTE - 1;
    const neighbours = [...(await executionsPage(169)).items, ...around.items, ...(await executionsPage(171)).items];
    const expected = neighbours.filter((item) => item.time >= from && item.time <= to).map((item) => item.id);
    assert.ok(expected.length > 0 && Date.now() - anchor.time > 18 * DAY);

    await control('DELETE', 'requests');
    const status = await vscode.commands.executeCommand('webhookDeliveries.setTimeRange', node, api.given({ range: { from, to } }));
    assert.equal(status, 'done');
    const made = executionRequests(await requests());
    assert.ok(made <= Math.log2(pages) + 3, `${made} requests for ${pages} pages`);
    assert.match(rowOf(node).description, /\d{2}:\d{2}(?:–| – \w+ \d{1,2}, )\d{2}:\d{2}/, 'the node names the range');

    // Load more until it stops: the window's executions, newest first, then the row saying why it stopped.
    for (let i = 0; i < 10 && node.feed.hasMore; i++) {
      await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    }
    assert.deepEqual(await shownIds(node), expected);
    const rows = (await children(api, node)).map(rowOf);
    assert.match(rows.at(-1)!.label, /Start of the time range/);
    assert.equal(rows.filter((row) => row.kind === 'loadMore').length, 0, 'no Load more past the range');

    // Export follows the range.
    const file = vscode.Uri.file(path.join(os.tmpdir(), `wd-range-${Date.now()}.json`));
    const exported = await vscode.commands.executeCommand<{ count: number } | undefined>('webhookDeliveries.exportDeliveries', node, api.given('json'), api.given(file));
    assert.equal(exported?.count, expected.length);
    // Clearing the range starts from the newest again.
    await vscode.commands.executeCommand('webhookDeliveries.clearFilter', node);
    const newest = await shownIds(node);
    assert.equal(newest[0], first.items[0]!.id);
  });

  it('Go to Delivery by an id at page 150: one jump, the row selected, the panel open, the skipped ones a row', async function () {
    const node = await freshNode(api, SAMPLE_IDS.archiveWorker);
    await children(api, node);
    const page = await executionsPage(150);
    const wanted = page.items[17]!;
    const pages = Math.ceil(page.totalCount / 50);
    await control('DELETE', 'requests');
    const opened = await vscode.commands.executeCommand<string | undefined>('webhookDeliveries.goToDelivery', api.given({ id: wanted.id, container: node.id }));
    assert.equal(opened, wanted.id);
    const made = executionRequests(await requests());
    assert.ok(made <= Math.log2(pages) + 3, `${made} requests`);
    const selected = await waitFor('the tree to select it', () => api.view.selection[0]);
    assert.equal((selected as { delivery?: { id: string } }).delivery?.id, wanted.id);
    const rows = (await children(api, node)).map(rowOf);
    const gap = rows.find((row) => row.kind === 'gap');
    assert.match(gap?.label ?? '', /^7,400 deliveries skipped$/);
    // The detail panel shows it: its title is the outcome and the task's title.
    const title = (selected as { delivery?: { related?: { title?: string } } }).delivery?.related?.title ?? '';
    await waitFor('the panel to show it', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.includes(title.slice(0, 20))),
    );
  });

  it('an id older than anything the server keeps says so, plainly, without loading everything', async function () {
    const node = await freshNode(api, SAMPLE_IDS.archiveWorker);
    await children(api, node);
    const ancient = `whe_01G${'0'.repeat(23)}`; // 2022: long before the archive's 30 days
    await control('DELETE', 'requests');
    const opened = await vscode.commands.executeCommand<string | undefined>('webhookDeliveries.goToDelivery', api.given({ id: ancient, container: node.id }));
    assert.equal(opened, undefined);
    assert.ok(executionRequests(await requests()) <= 14, 'a seek, not a walk through 240 pages');
    assert.ok(node.feed.items.length < 200);
  });

  it('status classes combine with the outcome and text; the description names them', async function () {
    const node = await freshNode(api, SAMPLE_IDS.archiveAgent);
    await children(api, node);
    await vscode.commands.executeCommand('webhookDeliveries.loadRecent', node, 1_000);
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ outcome: 'failed', classes: ['5xx', 'none'], text: '' }));
    const shown = deliveryNodes(await children(api, node)).map((row) => row.delivery);
    assert.ok(shown.length > 0, 'some failures with a 5xx or no response');
    for (const delivery of shown) {
      assert.equal(delivery.outcome, 'failed');
      assert.ok(delivery.httpStatus === undefined || delivery.httpStatus === 0 || (delivery.httpStatus >= 500 && delivery.httpStatus < 600), `status ${delivery.httpStatus}`);
    }
    assert.match(rowOf(node).description, /failed · 5xx · no response/);
    // Text on top: a distinctive part of one shown error narrows the same classes further.
    const text = (shown.find((delivery) => delivery.errorMessage)?.errorMessage ?? '').slice(0, 14);
    assert.ok(text.length > 0, 'a failure with an error message');
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ text }));
    const narrowed = deliveryNodes(await children(api, node)).map((row) => row.delivery);
    assert.ok(narrowed.length > 0 && narrowed.length <= shown.length);
    for (const delivery of narrowed) {
      assert.ok(delivery.outcome === 'failed' && [delivery.id, delivery.targetUrl, delivery.errorMessage, String(delivery.httpStatus)].join('\n').toLowerCase().includes(text.toLowerCase()));
    }
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ classes: ['retried'], text: undefined }));
    for (const delivery of deliveryNodes(await children(api, node)).map((row) => row.delivery)) {
      assert.ok((delivery.attemptCount ?? 1) > 1 && delivery.outcome === 'failed');
    }
  });

  it('a filter saved on one agent applies to another from the settings', async function () {
    const first = await freshNode(api, SAMPLE_IDS.busyAgent);
    await children(api, first);
    await vscode.commands.executeCommand('webhookDeliveries.filter', first, api.given({ outcome: 'failed', classes: ['4xx'], range: { preset: '7d' } }));
    const saved = await vscode.commands.executeCommand<string | undefined>('webhookDeliveries.saveFilter', first, api.given('Client errors this week'));
    assert.equal(saved, 'Client errors this week');
    try {
      const stored = vscode.workspace.getConfiguration('webhookDeliveries').inspect<unknown[]>('savedFilters')?.globalValue ?? [];
      assert.deepEqual(stored, [{ name: 'Client errors this week', outcome: 'failed', classes: ['4xx'], range: { preset: '7d' } }]);
      const second = await freshNode(api, SAMPLE_IDS.smallAgent);
      await children(api, second);
      const applied = await vscode.commands.executeCommand<string | undefined>('webhookDeliveries.applySavedFilter', second, api.given('client errors THIS week'));
      assert.equal(applied, 'Client errors this week');
      assert.equal(rowOf(second).description.includes('failed · 4xx · last 7 days'), true, rowOf(second).description);
      for (const delivery of deliveryNodes(await children(api, second)).map((row) => row.delivery)) {
        assert.ok(delivery.outcome === 'failed' && delivery.httpStatus! >= 400 && delivery.httpStatus! < 500);
      }
    } finally {
      await setSetting('savedFilters', undefined);
    }
  });
});
