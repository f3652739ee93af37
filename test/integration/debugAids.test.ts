// The debugging aids inside a real VS Code against the sample server: group by trigger,
// export to CSV and JSON, compare in the diff editor, and deep links.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { TreeNode } from '../../src/tree/node';
import type { Delivery } from '../../src/model/delivery';
import type { ExportResult } from '../../src/commands/debugCommands';
import type { CompareResult } from '../../src/detail/compare';
import type { LinkOpenResult } from '../../src/commands/linkCommands';
import { COMMANDS } from '../../src/commands/ids';
import { CSV_HEADER } from '../../src/model/export';
import { createHandingerProvider } from '../../src/providers/handinger';
import { SAMPLE_IDS } from '../sample-server/data';
import { readCsv } from '../support/csv';
import { activatedApi, sampleServerUrl } from './env';
import { children, containerNode, control, deliveryNodes, executionsPath, kindOf, requests, setSetting, waitFor } from './helpers';

const run = <T>(command: string, ...args: unknown[]): Thenable<T | undefined> => vscode.commands.executeCommand<T>(command, ...args);

function groupNodes(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.filter((n) => kindOf(n).startsWith('group.'));
}

function tmpFile(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wd-export-')), name));
}

describe('Debugging aids', function () {
  let api: ExtensionApi;
  let busy: ContainerNode;

  before(async function () {
    api = await activatedApi();
    busy = await containerNode(api, SAMPLE_IDS.busyWorker);
    await children(api, busy);
    assert.ok(busy.deliveries.length >= 50, 'the busy worker has a first page loaded');
  });

  afterEach(async function () {
    await run(COMMANDS.ungroup, busy);
    await run(COMMANDS.clearFilter, busy);
  });

  describe('Group by trigger', function () {
    it('groups the loaded deliveries under their tasks, with counts and the worst outcome', async function () {
      assert.equal(await run(COMMANDS.groupByTrigger, busy), true);
      assert.match(kindOf(busy), /\.grouped/);
      assert.equal(api.tree.isGrouped(busy.id), true, 'the choice is kept for the next session');
      const top = await children(api, busy);
      const groups = groupNodes(top);
      assert.ok(groups.length > 1, 'the busy worker has deliveries of several tasks');
      assert.equal(deliveryNodes(top).length, 0, 'no delivery is listed outside a group');
      let total = 0;
      for (const group of groups) {
        const inside = deliveryNodes(await children(api, group));
        assert.ok(inside.length > 0);
        total += inside.length;
        const tasks = new Set(inside.map((n) => n.delivery.related?.id ?? ''));
        assert.equal(tasks.size, 1, 'one task per group');
        const item = api.tree.getTreeItem(group);
        assert.match(String(item.description), new RegExp(`^${inside.length} deliver`));
        const worst = inside.some((n) => n.delivery.outcome === 'failed') ? 'failed' : undefined;
        if (worst) {
          assert.match(kindOf(group), /\.failed$/, 'a group with a failure shows it');
          assert.match(String(item.description), /\d+ failed/);
        }
        // Every delivery node knows its group as parent, so reveal and "Go to delivery" work.
        assert.equal(api.tree.getParent(inside[0] as TreeNode), group);
      }
      assert.equal(total, busy.deliveries.length, 'every loaded delivery is in exactly one group');
    });

    it('applies the filter inside groups and goes back to a flat list', async function () {
      await run(COMMANDS.groupByTrigger, busy);
      await run(COMMANDS.filter, busy, api.given({ outcome: 'failed' }));
      for (const group of groupNodes(await children(api, busy))) {
        for (const node of deliveryNodes(await children(api, group))) {
          assert.equal(node.delivery.outcome, 'failed');
        }
      }
      const failedNode = busy.visibleNodes()[0];
      assert.ok(failedNode);
      await api.view.reveal(failedNode, { select: true });
      await run(COMMANDS.ungroup, busy);
      assert.equal(api.tree.isGrouped(busy.id), false);
      const flat = await children(api, busy);
      assert.equal(groupNodes(flat).length, 0);
      assert.ok(deliveryNodes(flat).length > 0);
    });
  });

  describe('Group by objective (Cadenya)', function () {
    it('narrows an agent to one objective from its group, asking the server', async function () {
      const agent = await containerNode(api, SAMPLE_IDS.busyAgent);
      await children(api, agent);
      await run(COMMANDS.groupByTrigger, agent);
      try {
        const groups = groupNodes(await children(api, agent)).filter((g) => kindOf(g).startsWith('group.objective.'));
        assert.ok(groups.length > 1, 'the busy agent has deliveries of several objectives');
        const chosen = groups[0] as TreeNode & { group: { trigger?: { id: string } } };
        const objectiveId = chosen.group.trigger?.id;
        assert.ok(objectiveId);
        const requested = (await requests()).length;
        assert.equal(await run(COMMANDS.filterByObjective, chosen), objectiveId);
        const after = groupNodes(await children(api, agent));
        assert.equal(after.length, 1, 'one group left');
        assert.equal(api.tree.getTreeItem(after[0] as TreeNode).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the only group opens');
        const shown = deliveryNodes(await children(api, after[0] as TreeNode));
        assert.ok(shown.length > 0 && shown.every((n) => n.delivery.related?.id === objectiveId));
        const sent = (await requests()).slice(requested).filter((r) => r.path.includes(`/agents/${SAMPLE_IDS.busyAgent}/`));
        assert.ok(sent.some((r) => r.query.includes(encodeURIComponent(objectiveId)) || r.query.includes(objectiveId)), 'the objective went to the server');
      } finally {
        await run(COMMANDS.ungroup, agent);
        await run(COMMANDS.clearFilter, agent);
      }
    });
  });

  describe('Export', function () {
    it('writes the loaded, filtered deliveries as CSV that reads back field for field', async function () {
      const hostile = await containerNode(api, SAMPLE_IDS.hostileWorker);
      await children(api, hostile);
      const expected = hostile.deliveries;
      assert.ok(expected.some((d) => /[,"\n]/.test(d.errorMessage ?? '')), 'the hostile worker has error messages with commas, quotes or newlines');
      const target = tmpFile('hostile.csv');
      const result = await run<ExportResult>(COMMANDS.exportDeliveries, hostile, api.given('csv'), api.given(target));
      assert.deepEqual(result, { uri: target.toString(), format: 'csv', count: expected.length });
      const rows = readCsv(fs.readFileSync(target.fsPath, 'utf8'));
      assert.deepEqual(rows[0], [...CSV_HEADER]);
      assert.equal(rows.length, expected.length + 1);
      const col = (name: string) => CSV_HEADER.indexOf(name);
      expected.forEach((delivery, i) => {
        const row = rows[i + 1] ?? [];
        assert.equal(row[col('id')], delivery.id);
        const error = delivery.errorMessage ?? '';
        // Text a spreadsheet would run as a formula gets an apostrophe; everything else is verbatim.
        assert.equal(row[col('error_message')], /^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/.test(error) ? `'${error}` : error);
        assert.equal(row[col('http_status')], delivery.httpStatus === undefined ? '' : String(delivery.httpStatus));
      });
    });

    it('writes JSON with only the deliveries the filter shows', async function () {
      await run(COMMANDS.filter, busy, api.given({ outcome: 'failed' }));
      const shown = busy.visibleNodes().map((n) => n.delivery.id);
      assert.ok(shown.length > 0 && shown.length < busy.deliveries.length);
      const target = tmpFile('busy.json');
      const result = await run<ExportResult>(COMMANDS.exportDeliveries, busy, api.given('json'), api.given(target));
      assert.equal(result?.count, shown.length);
      const json = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { filter: string[]; partial: boolean; deliveries: { id: string; outcome: string; raw: { id?: string } }[] };
      assert.deepEqual(json.deliveries.map((d) => d.id), shown);
      assert.ok(json.deliveries.every((d) => d.outcome === 'failed'));
      assert.deepEqual(json.filter, ['failed']);
      assert.equal(json.partial, true, 'the busy worker has more on the server');
      assert.equal(json.deliveries[0]?.raw.id, shown[0]);
    });
  });

  describe('Remote text in notifications', function () {
    it('names a worker whose label holds a command link and an icon as inert text', async function () {
      const hostileLabel = '[Click](command:workbench.action.openSettings) $(alert) \u202Eevil';
      const before = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string; label?: string }[]>('handinger.workers') ?? [];
      await setSetting('handinger.workers', [...before.filter((w) => w.id !== SAMPLE_IDS.hostileWorker), { id: SAMPLE_IDS.hostileWorker, label: hostileLabel }]);
      // The test shares the extension's vscode API object, so it can see what a notification was given.
      const shown: string[] = [];
      const original = vscode.window.showInformationMessage;
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string, ...rest: never[]) => {
        shown.push(message);
        return original(message, ...rest);
      };
      try {
        const node = await waitFor('the relabelled worker', async () => {
          const found = await containerNode(api, SAMPLE_IDS.hostileWorker);
          return found.container.name === hostileLabel ? found : undefined;
        });
        await children(api, node);
        const result = await run<ExportResult>(COMMANDS.exportDeliveries, node, api.given('csv'), api.given(tmpFile('hostile-label.csv')));
        assert.ok(result);
        const message = await waitFor('the export notification', () => shown.find((text) => text.includes('Click')));
        assert.ok(!message.includes(']('), message);
        assert.ok(!message.includes('$('), message);
        assert.ok(!message.includes('\u202E'), message);
      } finally {
        (vscode.window as { showInformationMessage: unknown }).showInformationMessage = original;
        await setSetting('handinger.workers', before);
      }
    });
  });

  describe('Compare', function () {
    it('opens two deliveries side by side in the diff editor', async function () {
      const [a, b] = busy.visibleNodes();
      assert.ok(a && b);
      assert.equal(await run<CompareResult>(COMMANDS.compareWithSelected, b), undefined, 'nothing selected yet');
      assert.equal(await run(COMMANDS.selectForCompare, a), true);
      assert.equal(await run(COMMANDS.compareWithSelected, a), undefined, 'not with itself');
      const result = await run<CompareResult>(COMMANDS.compareWithSelected, b);
      assert.ok(result);
      const tab = await waitFor('the diff tab', () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.input instanceof vscode.TabInputTextDiff ? active : undefined;
      });
      const input = tab.input as vscode.TabInputTextDiff;
      assert.equal(input.original.toString(), result.left);
      assert.equal(input.modified.toString(), result.right);
      const left = await vscode.workspace.openTextDocument(input.original);
      const right = await vscode.workspace.openTextDocument(input.modified);
      assert.deepEqual(JSON.parse(left.getText()), a.delivery.raw);
      assert.deepEqual(JSON.parse(right.getText()), b.delivery.raw);
      assert.ok(tab.label.includes(a.delivery.id.slice(0, 20)) && tab.label.includes(b.delivery.id.slice(0, 20)), tab.label);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('Deep links', function () {
    async function deliveryAt(index: number): Promise<Delivery> {
      const key = process.env.HANDINGER_API_KEY;
      assert.ok(key);
      const provider = createHandingerProvider({ baseUrl: sampleServerUrl(), apiKey: key });
      const container = { provider: 'handinger' as const, kind: 'worker' as const, id: SAMPLE_IDS.busyWorker, name: 'busy', raw: {} };
      let continuation: string | undefined;
      const all: Delivery[] = [];
      while (all.length <= index) {
        const page = await provider.listDeliveries(container, { continuation });
        all.push(...page.items);
        continuation = page.continuation;
        assert.ok(continuation !== undefined || all.length > index);
      }
      const found = all[index];
      assert.ok(found);
      return found;
    }

    it('copies a link that opens the delivery again', async function () {
      const node = busy.visibleNodes()[3];
      assert.ok(node);
      const text = await run<string>(COMMANDS.copyDeliveryLink, node);
      assert.ok(text?.includes('/delivery?provider=handinger&worker='), text);
      assert.equal(await vscode.env.clipboard.readText(), text);
      const result = await run<LinkOpenResult>(COMMANDS.openLink, api.given(text));
      assert.deepEqual(result, { opened: true, deliveryId: node.delivery.id });
      assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview), 'a detail panel is open');
    });

    it('loads pages until a linked delivery older than what is loaded appears', async function () {
      const old = await deliveryAt(140);
      const before = busy.deliveries.length;
      assert.ok(!busy.deliveries.some((d) => d.id === old.id), 'not loaded yet');
      const link = await run<string>(COMMANDS.copyDeliveryLink, old);
      assert.ok(link);
      const requested = (await requests()).length;
      const result = await run<LinkOpenResult>(COMMANDS.openLink, api.given(link));
      assert.deepEqual(result, { opened: true, deliveryId: old.id });
      assert.ok(busy.deliveries.length > before && busy.deliveries.some((d) => d.id === old.id));
      const pages = (await requests()).slice(requested).filter((r) => r.path.includes(`/workers/${SAMPLE_IDS.busyWorker}/`));
      assert.ok(pages.length >= 1 && pages.length <= 3, `read only the pages needed (${pages.length}: ${pages.map((r) => r.query).join(" ")}; ${before} loaded before)`);
      assert.equal(api.view.selection[0]?.id.endsWith(old.id), true, 'the tree selects it');
    });

    it('handles links one at a time: a new link stops the search of the one before', async function () {
      const older = await deliveryAt(3);
      const link = await run<string>(COMMANDS.copyDeliveryLink, older);
      assert.ok(link);
      const missing = link.replace(/delivery=[^&]+/, 'delivery=whe_not_a_delivery_of_this_worker');
      // Every page of the first search answers slowly, so it is still reading when the second link comes.
      await control('POST', 'faults', { kind: 'slow', times: 50, delayMs: 400, pathIncludes: executionsPath(SAMPLE_IDS.busyWorker) });
      const first = vscode.commands.executeCommand<LinkOpenResult>(COMMANDS.openLink, api.given(missing));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const second = await run<LinkOpenResult>(COMMANDS.openLink, api.given(link));
      await control('DELETE', 'faults');
      assert.deepEqual(second, { opened: true, deliveryId: older.id });
      const stopped = await first;
      assert.equal(stopped?.opened, false);
      assert.equal(stopped?.reason, 'cancelled', 'the first search stopped instead of reading on to its bound');
      assert.ok(busy.deliveries.length < 2_000);
    });

    it('opens a Cadenya delivery by workspace, agent and id', async function () {
      const agent = await containerNode(api, SAMPLE_IDS.busyAgent);
      await children(api, agent);
      const target = agent.deliveries[5];
      assert.ok(target);
      const link = await run<string>(COMMANDS.copyDeliveryLink, target);
      assert.ok(link?.includes(`workspace=${SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.busyAgent] ?? ''}&agent=${SAMPLE_IDS.busyAgent}`), link);
      assert.deepEqual(await run<LinkOpenResult>(COMMANDS.openLink, api.given(link)), { opened: true, deliveryId: target.id });
    });

    it('explains links it cannot open, without loading anything', async function () {
      const requested = (await requests()).length;
      const cases: [string, RegExp][] = [
        [`${vscode.env.uriScheme}://webhookdeliveries.webhook-deliveries/delivery?provider=handinger&worker=wrk_not_listed&delivery=x`, /not in your list/],
        [`${vscode.env.uriScheme}://webhookdeliveries.webhook-deliveries/delivery?provider=stripe&delivery=x`, /no known provider/],
        [`${vscode.env.uriScheme}://webhookdeliveries.webhook-deliveries/settings?provider=handinger&worker=a&delivery=x`, /unknown link path/],
        [`${vscode.env.uriScheme}://another.extension/delivery?provider=handinger&worker=a&delivery=x`, /not a Webhook Deliveries link/],
      ];
      for (const [link, reason] of cases) {
        const result = await run<LinkOpenResult>(COMMANDS.openLink, api.given(link));
        assert.equal(result?.opened, false, link);
        assert.match(result.reason ?? '', reason);
      }
      const after = (await requests()).slice(requested).filter((r) => r.path.includes('/executions') || r.path.includes('/deliveries'));
      assert.equal(after.length, 0);
    });
  });
});
