// Delivery health on the handler's code, inside a real VS Code: deliveries loaded from the
// sample server through the tree, the fixture workspace's route files (Express, FastAPI, a
// Next.js route folder) opened, and what a person sees read through VS Code's own provider
// commands: the CodeLens text, the hover and its links, and the Problems warning.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { Delivery } from '../../src/model/delivery';
import type { DetailPanelInfo } from '../../src/detail/detailPanel';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi } from './env';
import { children, control, freshNode, setSetting, waitFor } from './helpers';

let api: ExtensionApi;

const ROUTES = {
  express: { file: 'services/crm/routes/handinger.js', line: 6, path: '/api/handinger/webhook' },
  fastApi: { file: 'services/support/main.py', line: 6, path: '/cadenya/events' },
  nextJs: { file: 'app/api/cadenya/webhook/route.ts', line: 2, path: '/api/cadenya/webhook' },
} as const;

type Route = (typeof ROUTES)[keyof typeof ROUTES];

function uriOf(route: Route): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, route.file);
}

async function open(route: Route): Promise<vscode.Uri> {
  const uri = uriOf(route);
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

/** The titles of the lenses on a line, as the editor would draw them. */
async function lensTitles(uri: vscode.Uri, line: number): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.filter((lens) => lens.range.start.line === line).map((lens) => lens.command?.title ?? '');
}

async function lensOf(uri: vscode.Uri, line: number, prefix: string): Promise<vscode.CodeLens | undefined> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.find((lens) => lens.range.start.line === line && (lens.command?.title ?? '').startsWith(prefix));
}

async function hoverText(uri: vscode.Uri, line: number, character: number): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) ?? [];
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value).replace(/&nbsp;/g, ' ')));
}

/** The route column of a line: where the lens range starts. */
async function routeColumn(uri: vscode.Uri, line: number, prefix: string): Promise<number> {
  const lens = await waitFor(`a lens on line ${line + 1}`, () => lensOf(uri, line, prefix));
  return lens.range.start.character + 1;
}

function pathOf(delivery: Delivery): string | undefined {
  try {
    return delivery.targetUrl === undefined ? undefined : new URL(delivery.targetUrl).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** What the lens should say, counted here from what the tree loaded (not by route matching). */
function expectedCounts(node: ContainerNode, path: string): { failed: number; total: number; deliveries: Delivery[] } {
  const deliveries = node.feed.visible().filter((delivery) => pathOf(delivery) === path);
  return { failed: deliveries.filter((delivery) => delivery.outcome === 'failed').length, total: deliveries.length, deliveries };
}

/** Loads a worker or agent as a person does: a fresh node, expanded in the tree. */
async function loaded(id: string): Promise<ContainerNode> {
  const node = await freshNode(api, id);
  await children(api, node);
  assert.ok(node.feed.visible().length > 0, `${id} has deliveries`);
  return node;
}

const workspaceOf = (agent: string): string => SAMPLE_IDS.workspaceOfAgent[agent] ?? '';

async function addCadenya(agent: string, fields: Record<string, unknown>): Promise<string> {
  const created = (await control('POST', `cadenya/workspaces/${workspaceOf(agent)}/agents/${agent}/deliveries`, fields)) as { metadata: { id: string } };
  return created.metadata.id;
}

async function addHandinger(worker: string, fields: Record<string, unknown>): Promise<string> {
  const created = (await control('POST', `handinger/workers/${worker}/executions`, fields)) as { id: string };
  return created.id;
}

/** `[text](command:id?args)` links of a markdown text that are links (not escaped). */
function commandLinks(markdown: string): { command: string; args: unknown[] }[] {
  const links: { command: string; args: unknown[] }[] = [];
  for (const match of markdown.matchAll(/(?<!\\)\]\(command:([^?)\s]+)(?:\?([^)\s]+))?/g)) {
    links.push({ command: match[1] ?? '', args: match[2] ? (JSON.parse(decodeURIComponent(match[2])) as unknown[]) : [] });
  }
  return links;
}

function healthProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Webhook Deliveries');
}

describe('Delivery health on the handler', function () {
  this.timeout(120_000);

  before(async function () {
    api = await activatedApi();
    await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  });


  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('health.problems.enabled', undefined);
    await setSetting('health.problems.failureRateThreshold', undefined);
    await vscode.commands.executeCommand('webhookDeliveries.showNewFailures');
  });

  it('shows a lens above an Express route with the counts of the deliveries loaded for its worker', async function () {
    const node = await loaded(SAMPLE_IDS.smallWorker);
    const uri = await open(ROUTES.express);
    const { failed, total } = expectedCounts(node, ROUTES.express.path);
    assert.ok(total > 0);
    const titles = await waitFor('the lens', async () => {
      const found = await lensTitles(uri, ROUTES.express.line);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(titles.length, 2, `a lens and its Insights action: ${titles.join(' | ')}`);
    assert.match(titles[0]!, new RegExp(`^Handinger · Support triage: ${failed} failed of ${total}( · p95 [\\d.]+ m?s)? · last (just now|\\d+[smhd] ago)$`));
    assert.equal(titles[1], 'Insights');
    // The mounted router's other route is another path: no delivery of this worker maps to it
    // (workers that send to /webhooks/handinger may, when an expanded node keeps them loaded).
    assert.deepEqual((await lensTitles(uri, 14)).filter((title) => title.includes('Support triage')), []);
  });

  it('shows a lens above a FastAPI route and a Next.js route file for the agents sending to them', async function () {
    const busy = await loaded(SAMPLE_IDS.busyAgent);
    const small = await loaded(SAMPLE_IDS.smallAgent);
    for (const [node, route, name] of [
      [busy, ROUTES.fastApi, 'Support Triage'],
      [small, ROUTES.nextJs, 'Invoice Reconciler'],
    ] as const) {
      const uri = await open(route);
      const { failed, total } = expectedCounts(node, route.path);
      const lens = await waitFor(`the lens of ${name}`, () => lensOf(uri, route.line, `Cadenya · ${name}:`));
      assert.match(lens.command!.title, new RegExp(`^Cadenya · ${name}: ${failed} failed of ${total} · `));
    }
  });

  it('clicking the lens filters its worker to the route’s deliveries', async function () {
    const node = await loaded(SAMPLE_IDS.smallWorker);
    const uri = await open(ROUTES.express);
    const lens = await waitFor('the lens', () => lensOf(uri, ROUTES.express.line, 'Handinger · Support triage:'));
    const before = expectedCounts(node, ROUTES.express.path).total;
    await vscode.commands.executeCommand(lens.command!.command, ...((lens.command!.arguments ?? []) as unknown[]));
    assert.equal(node.filter.text, ROUTES.express.path);
    assert.ok(node.feed.visible().every((delivery) => pathOf(delivery) === ROUTES.express.path), 'the tree shows only this route’s deliveries');
    assert.equal(node.feed.visible().length, before);
    // The same command run from JSON (a link, another extension) does nothing.
    node.setFilter({ outcome: 'all' });
    await vscode.commands.executeCommand(lens.command!.command, { key: node.id, filterText: '/x' });
    assert.equal(node.filter.text, undefined);
  });

  it('the lens counts a new failure that live refresh brings', async function () {
    const agent = SAMPLE_IDS.smallAgent;
    const node = await loaded(agent);
    const uri = await open(ROUTES.nextJs);
    const prefix = 'Cadenya · Invoice Reconciler:';
    const { failed, total } = expectedCounts(node, ROUTES.nextJs.path);
    await waitFor('the first lens', async () => (await lensOf(uri, ROUTES.nextJs.line, `${prefix} ${failed} failed of ${total} `)) ?? undefined);
    await setSetting('liveRefresh.intervalSeconds', 2);
    await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
    try {
      await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 503, attemptCount: 3, errorMessage: 'ledger locked' });
      const lens = await waitFor('the lens to count the failure', () => lensOf(uri, ROUTES.nextJs.line, `${prefix} ${failed + 1} failed of ${total + 1} `), 60_000);
      assert.match(lens.command!.title, /· last (just now|\d+s ago)$/);
    } finally {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
      await setSetting('liveRefresh.intervalSeconds', undefined);
    }
  });

  it('the hover lists the last deliveries; each opens its detail panel', async function () {
    const node = await loaded(SAMPLE_IDS.busyAgent);
    const uri = await open(ROUTES.fastApi);
    const column = await routeColumn(uri, ROUTES.fastApi.line, 'Cadenya · Support Triage:');
    const hover = (await hoverText(uri, ROUTES.fastApi.line, column)).join('\n');
    assert.match(hover, /^\*\*Cadenya · Support Triage\*\* — \d+ failed of \d+/);
    const newest = expectedCounts(node, ROUTES.fastApi.path).deliveries.slice(0, 5);
    const links = commandLinks(hover).filter((link) => link.args[0] === node.id);
    assert.deepEqual(
      links.map((link) => link.args[1]),
      newest.map((delivery) => delivery.id),
      'the five newest, newest first',
    );
    assert.ok(commandLinks(hover).every((link) => link.command === 'webhookDeliveries.openRouteDelivery'));
    const info = await vscode.commands.executeCommand<DetailPanelInfo | undefined>(links[0]!.command, ...links[0]!.args);
    assert.equal(info?.deliveryId, newest[0]!.id);
    assert.equal(info?.rendered, true, 'the detail panel drew it');
    // JSON naming a delivery no feed holds opens nothing.
    assert.equal(await vscode.commands.executeCommand(links[0]!.command, node.id, 'whd_not_loaded'), undefined);
  });

  it('a hostile error message stays text in the hover and in Problems, never a command link', async function () {
    const worker = SAMPLE_IDS.smallWorker;
    const hostile = '[x](command:workbench.action.openSettings) $(alert) <img src=x onerror=alert(1)> **bold**';
    await addHandinger(worker, { url: 'https://crm.northwind.io/api/handinger/webhook', responseStatus: 500, errorMessage: hostile });
    const node = await loaded(worker);
    await setSetting('health.problems.enabled', true);
    await setSetting('health.problems.failureRateThreshold', 1);
    const uri = await open(ROUTES.express);
    const column = await routeColumn(uri, ROUTES.express.line, 'Handinger · Support triage:');
    const hover = (await hoverText(uri, ROUTES.express.line, column)).join('\n');
    assert.ok(node.feed.visible().some((delivery) => delivery.errorMessage === hostile));
    assert.ok(hover.includes('command:workbench') || hover.includes('command\\:workbench'), 'the message is shown');
    assert.deepEqual(
      [...new Set(commandLinks(hover).map((link) => link.command))],
      ['webhookDeliveries.openRouteDelivery'],
      'no link but the extension’s own',
    );
    assert.doesNotMatch(hover, /(?<!\\)<img/, 'no HTML');
    assert.doesNotMatch(hover, /(?<!\\)\$\(alert\)/, 'no icon');
    const problem = await waitFor('the warning', () => healthProblems(uri)[0]);
    assert.match(problem.message, /Most common error/);
  });

  it('Problems warns when a route’s failure rate reaches the threshold, and clears when it drops', async function () {
    const agent = SAMPLE_IDS.smallAgent;
    const node = await loaded(agent);
    const uri = await open(ROUTES.nextJs);
    const counts = (): { failed: number; decided: number } => {
      const route = expectedCounts(node, ROUTES.nextJs.path).deliveries;
      return { failed: route.filter((d) => d.outcome === 'failed').length, decided: route.filter((d) => d.outcome === 'failed' || d.outcome === 'succeeded').length };
    };
    const start = counts();
    const threshold = Math.floor((start.failed / start.decided) * 100) + 10;
    await setSetting('health.problems.failureRateThreshold', threshold);
    await setSetting('health.problems.enabled', true);
    await waitFor('the lens', () => lensOf(uri, ROUTES.nextJs.line, 'Cadenya · Invoice Reconciler:'));
    assert.deepEqual(healthProblems(uri), [], `below ${threshold}%: no warning`);

    // Failures until the rate reaches the threshold.
    let { failed, decided } = start;
    while ((failed / decided) * 100 < threshold) {
      await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_FAILED', httpStatusCode: 503, attemptCount: 3, errorMessage: 'ledger locked by reconciliation run' });
      failed++;
      decided++;
    }
    await vscode.commands.executeCommand('webhookDeliveries.refreshNode', node);
    assert.deepEqual(counts(), { failed, decided }, 'the refresh loaded them');
    const warning = await waitFor('the warning', () => healthProblems(uri)[0]);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, ROUTES.nextJs.line);
    assert.match(warning.message, new RegExp(`^Cadenya · Invoice Reconciler: ${failed} of ${decided} loaded deliveries to this route failed \\(\\d+%, threshold ${threshold}%\\)\\.`));
    assert.match(warning.message, /Most common error \(\d+×\): ledger locked by reconciliation run$/);

    // Successes until it drops below.
    while ((failed / decided) * 100 >= threshold) {
      await addCadenya(agent, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
      decided++;
    }
    await vscode.commands.executeCommand('webhookDeliveries.refreshNode', node);
    await waitFor('the warning to clear', () => (healthProblems(uri).length === 0 ? true : undefined));
  });
});
