// The insights view inside a real VS Code: deliveries loaded over HTTP from the sample server,
// the panel opened through the contributed commands and drawn by the real webview bundle
// under the real CSP (the page reports what it drew), and kept current as the node changes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Delivery } from '../../src/model/delivery';
import type { ExtensionApi } from '../../src/extension';
import type { InsightsInfo } from '../../src/insights/registerInsights';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi } from './env';
import { clearFaults, containerNode, executionsPath, freshNode, control, requests, waitFor } from './helpers';

const VIEW_TYPE = 'webhookDeliveries.insights';
const SHOW = 'webhookDeliveries.showInsights';
const LOAD_RECENT = 'webhookDeliveries.loadRecent';

let api: ExtensionApi;

function insightsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    // The workbench may prefix the view type (`mainThreadWebview-…`).
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

async function closeInsights(): Promise<void> {
  await vscode.window.tabGroups.close(insightsTabs());
}

async function run(command: string, ...args: unknown[]): Promise<InsightsInfo> {
  const info = await vscode.commands.executeCommand<InsightsInfo | undefined>(command, ...args);
  assert.ok(info, `${command} returns what the panel shows`);
  return info;
}

// Plain arithmetic over the node's deliveries, independent of src/model/insights.ts.
function expectedRate(deliveries: readonly Delivery[]): number | undefined {
  const succeeded = deliveries.filter((d) => d.outcome === 'succeeded').length;
  const failed = deliveries.filter((d) => d.outcome === 'failed').length;
  return succeeded + failed === 0 ? undefined : succeeded / (succeeded + failed);
}

function expectedPercentile(deliveries: readonly Delivery[], p: number): number | undefined {
  const values = deliveries.flatMap((d) => (d.latencyMs === undefined ? [] : [d.latencyMs])).sort((a, b) => a - b);
  return values.length === 0 ? undefined : values[Math.ceil((p / 100) * values.length) - 1];
}

function expectedCodes(deliveries: readonly Delivery[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const delivery of deliveries) {
    const key = delivery.httpStatus === undefined ? 'none' : String(delivery.httpStatus);
    codes[key] = (codes[key] ?? 0) + 1;
  }
  return codes;
}

function executionPages(log: Awaited<ReturnType<typeof requests>>, workerId: string): string[] {
  return log.filter((r) => r.method === 'GET' && r.path === executionsPath(workerId)).map((r) => r.query);
}

describe('Insights view', function () {
  before(async function () {
    api = await activatedApi();
    await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
    await closeInsights();
  });

  afterEach(async function () {
    await clearFaults();
  });

  after(async function () {
    await closeInsights();
  });

  it('Show Insights on a worker opens one panel titled after it, with figures computed from its loaded deliveries', async function () {
    const node = await freshNode(api, SAMPLE_IDS.smallWorker);
    await control('DELETE', 'requests');
    const info = await run(SHOW, node);

    const tabs = insightsTabs();
    assert.equal(tabs.length, 1, 'one insights panel');
    assert.equal(tabs[0]!.label, 'Insights: Support triage');
    assert.equal(info.viewType, VIEW_TYPE);
    assert.equal(info.title, 'Insights: Support triage');
    assert.equal(info.nodeId, node.id);
    assert.ok(info.rendered, 'the page drew the model under its CSP');

    // A worker never expanded gets its first page loaded for the insights.
    assert.equal(node.deliveries.length, 50);
    assert.deepEqual(executionPages(await requests(), SAMPLE_IDS.smallWorker).length, 1);
    const { figures } = info;
    assert.equal(figures.total, 50);
    assert.equal(figures.hasMore, true);
    assert.equal(figures.counts.failed, node.deliveries.filter((d) => d.outcome === 'failed').length);
    assert.equal(figures.successRate, expectedRate(node.deliveries));
    assert.equal(figures.p50, expectedPercentile(node.deliveries, 50));
    assert.equal(figures.p95, expectedPercentile(node.deliveries, 95));
    assert.equal(figures.max, expectedPercentile(node.deliveries, 100));
    assert.deepEqual(figures.statusCodes, expectedCodes(node.deliveries));

    // What the page itself reported drawing.
    assert.ok(info.drawn, 'the page reported what it drew');
    assert.equal(info.drawn.statusBars, Object.keys(figures.statusCodes).length, 'one bar per status code');
    assert.ok(info.drawn.timelineBars > 0 && info.drawn.timelineBars <= figures.timeBuckets, `${info.drawn.timelineBars} time bars`);
    assert.equal(info.drawn.listedRows, 0, 'nothing listed before a click');

    const again = await run(SHOW, node);
    assert.equal(insightsTabs().length, 1, 'showing it again reveals the same panel');
    assert.equal(again.revision, info.revision, 'nothing changed, nothing rebuilt');
  });

  it('Show Insights on a Cadenya agent names the agent, in a panel of its own', async function () {
    await run(SHOW, await containerNode(api, SAMPLE_IDS.smallWorker));
    const node = await containerNode(api, SAMPLE_IDS.busyAgent);
    const info = await run(SHOW, node);
    assert.equal(info.title, `Insights: ${node.container.name}`);
    assert.ok(info.rendered);
    assert.ok(node.deliveries.length > 0);
    assert.equal(info.figures.total, node.deliveries.length);
    assert.equal(info.figures.successRate, expectedRate(node.deliveries));
    const labels = insightsTabs().map((tab) => tab.label);
    assert.ok(labels.includes('Insights: Support triage') && labels.includes(info.title), `one panel per worker or agent: ${labels.join(', ')}`);
  });

  it('Load the Last N Deliveries with (node, 120) loads at least 120 over HTTP, then shows them', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await control('DELETE', 'requests');
    const info = await run(LOAD_RECENT, node, 120);

    assert.ok(node.deliveries.length >= 120, `loaded ${node.deliveries.length}`);
    assert.equal(node.deliveries.length, 150, 'three pages of 50');
    const pages = executionPages(await requests(), SAMPLE_IDS.busyWorker);
    assert.equal(pages.length, 3, `pages requested: ${pages.join(', ')}`);
    assert.match(pages[2]!, /page=3/);
    assert.equal(new Set(node.deliveries.map((d) => d.id)).size, node.deliveries.length, 'no delivery twice');

    assert.equal(info.title, 'Insights: Order sync');
    assert.ok(info.rendered);
    assert.equal(info.figures.total, node.deliveries.length);
    assert.equal(info.figures.successRate, expectedRate(node.deliveries));
    assert.equal(info.figures.p95, expectedPercentile(node.deliveries, 95));
    assert.deepEqual(info.figures.statusCodes, expectedCodes(node.deliveries));
    assert.equal(info.drawn?.statusBars, Object.keys(info.figures.statusCodes).length);
  });

  it('the panel follows its node: older pages and new deliveries redraw it', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    const first = await run(LOAD_RECENT, node, 100);
    assert.equal(first.figures.total, 100);

    // Loaded outside the insights (as the tree's "Load more" does): the panel hears the tree.
    await node.feed.loadAtLeast(200);
    const grown = await waitFor('the panel to show 200 deliveries', async () => {
      const info = await run(SHOW, node);
      return info.rendered && info.figures.total === node.deliveries.length ? info : undefined;
    });
    assert.equal(grown.figures.total, 200);
    assert.ok(grown.revision > first.revision);
    assert.equal(grown.figures.successRate, expectedRate(node.deliveries));

    // A new failed execution arrives, picked up as live refresh does.
    const failedBefore = grown.figures.counts.failed;
    await control('POST', `handinger/workers/${SAMPLE_IDS.busyWorker}/executions`, { responseStatus: 418 });
    const fresh = await node.feed.refresh();
    assert.equal(fresh.added, 1);
    const live = await waitFor('the panel to count the new failure', async () => {
      const info = await run(SHOW, node);
      return info.rendered && info.figures.statusCodes['418'] === 1 ? info : undefined;
    });
    assert.equal(live.figures.total, 201);
    assert.equal(live.figures.counts.failed, failedBefore + 1);
    assert.equal(insightsTabs().filter((tab) => tab.label === 'Insights: Order sync').length, 1);
  });
});
