// "Find Handler in Workspace" inside a real VS Code: deliveries read from the sample server
// through the tree, the command run on them as the context menu and the palette run it,
// and the editor it opens checked against the fixture workspace (test/fixtures/workspace,
// whose README lists which file declares which target URL's route).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FindHandlerResult } from '../../src/handler/findHandler';
import { DETAIL_COMMANDS } from '../../src/detail/detailPanel';
import type { DetailPanelInfo } from '../../src/detail/detailPanel';
import type { DeliveryNode } from '../../src/tree/deliveryNode';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi } from './env';
import { children, containerNode, deliveryNodes, waitFor } from './helpers';

let api: ExtensionApi;

/**
 * A delivery node of a sample worker or agent sent to `targetUrl`, expanded through the tree
 * and paged with "Load more" until one turns up (rare endpoints may not be on the first page).
 */
async function deliveryTo(containerId: string, targetUrl: string): Promise<DeliveryNode> {
  const container = await containerNode(api, containerId);
  let nodes = deliveryNodes(await children(api, container));
  for (let page = 0; page < 5; page++) {
    const node = nodes.find((candidate) => candidate.delivery.targetUrl === targetUrl);
    if (node) {
      return node;
    }
    await vscode.commands.executeCommand('webhookDeliveries.loadMore', container);
    nodes = deliveryNodes(await children(api, container));
  }
  assert.fail(`${containerId} has no delivery to ${targetUrl} among its ${nodes.length} first`);
}

/** Runs the command; a quick pick nobody answers is closed after a while, so a test fails instead of hanging. */
async function findHandler(argument: unknown, options?: unknown): Promise<FindHandlerResult> {
  const timer = setTimeout(() => void vscode.commands.executeCommand('workbench.action.closeQuickOpen'), 30_000);
  try {
    const result = await vscode.commands.executeCommand<FindHandlerResult | undefined>(DETAIL_COMMANDS.searchHandler, argument, options);
    assert.ok(result, 'the command returns what it found');
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the command and, like a user pressing Enter, accepts the first item of the quick pick it shows. */
async function findHandlerAcceptingFirst(argument: unknown): Promise<FindHandlerResult> {
  let settled = false;
  const running = findHandler(argument).finally(() => {
    settled = true;
  });
  const deadline = Date.now() + 20_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
  }
  return running;
}

function workspacePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** The file, line (1-based) and selected text of the active editor. */
function activeLocation(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && `${workspacePath(editor.document.uri)}:${editor.selection.start.line + 1} ${editor.document.getText(editor.selection)}`;
}

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Find Handler in Workspace', function () {
  before(async function () {
    api = await activatedApi();
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((folder) => folder.name),
      ['workspace'],
      'the test VS Code opened test/fixtures/workspace',
    );
  });

  beforeEach(closeEditors);
  after(closeEditors);

  describe('one clear handler', function () {
    it('opens the route of a Handinger delivery at its line, with the path selected', async function () {
      const node = await deliveryTo(SAMPLE_IDS.busyWorker, 'https://api.acme-shop.dev/webhooks/handinger');
      const result = await findHandler(node);
      assert.equal(result.outcome, 'opened');
      assert.equal(result.path, '/webhooks/handinger');
      assert.ok(result.opened);
      assert.equal(`${workspacePath(result.opened.uri)}:${result.opened.line + 1}`, 'src/webhooks.ts:5');
      assert.equal(activeLocation(), 'src/webhooks.ts:5 /webhooks/handinger');
      // The mounted router's `/handinger` matched too, well behind.
      assert.deepEqual(
        result.matches.map((match) => `${workspacePath(match.uri)}:${match.line + 1}`),
        ['src/webhooks.ts:5', 'services/crm/routes/handinger.js:15'],
      );
      assert.ok(result.matches[0]!.score > result.matches[1]!.score);
    });

    it('finds a route declared on a router mounted under a prefix', async function () {
      const node = await deliveryTo(SAMPLE_IDS.smallWorker, 'https://crm.northwind.io/api/handinger/webhook');
      const result = await findHandler(node);
      assert.equal(result.outcome, 'opened');
      assert.equal(activeLocation(), 'services/crm/routes/handinger.js:7 /handinger/webhook');
    });

    it('finds a Next.js route file by its folders, [id] segments standing for ids', async function () {
      const node = await deliveryTo(SAMPLE_IDS.smallWorker, 'https://hooks.zapier.com/hooks/catch/1234567/abcde9/');
      const result = await findHandler(node);
      assert.equal(result.outcome, 'opened');
      assert.equal(result.path, '/hooks/catch/1234567/abcde9');
      assert.equal(activeLocation(), 'app/hooks/catch/[account]/[hook]/route.ts:3 POST');
    });

    it('finds the handler of a Cadenya delivery (FastAPI)', async function () {
      const node = await deliveryTo(SAMPLE_IDS.busyAgent, 'https://hooks.northwind-support.io/cadenya/events');
      const result = await findHandler(node);
      assert.equal(result.outcome, 'opened');
      assert.equal(activeLocation(), 'services/support/main.py:7 /cadenya/events');
    });

    it('runs from the palette on the focused detail panel, and opens the handler beside it', async function () {
      const node = await deliveryTo(SAMPLE_IDS.smallAgent, 'https://finance.acme-shop.dev/api/cadenya/webhook');
      const info = await vscode.commands.executeCommand<DetailPanelInfo | undefined>(DETAIL_COMMANDS.openDelivery, node);
      assert.equal(info?.rendered, true);
      const result = await findHandler(undefined);
      assert.equal(result.outcome, 'opened');
      assert.equal(activeLocation(), 'app/api/cadenya/webhook/route.ts:3 POST');
      assert.equal(vscode.window.activeTextEditor?.viewColumn, vscode.ViewColumn.Two, 'beside the panel');
      const webviews = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
      assert.equal(webviews.length, 1, 'the delivery stays in view');
    });
  });

  describe('several candidates', function () {
    const url = 'https://ci.acme-shop.dev/hooks/cadenya';
    const expected = ['legacy/config/routes.rb:3', 'services/releasebot/main.go:11'];

    it('lists equal declarations best first without opening one', async function () {
      const node = await deliveryTo(SAMPLE_IDS.tinyAgent, url);
      const result = await findHandler(node, { pick: 'none' });
      assert.equal(result.outcome, 'listed');
      assert.deepEqual(result.matches.map((match) => `${workspacePath(match.uri)}:${match.line + 1}`), expected);
      assert.equal(result.matches[0]!.score, result.matches[1]!.score);
      assert.equal(result.opened, undefined);
      assert.equal(vscode.window.activeTextEditor, undefined, 'nothing was opened');
    });

    it('asks with a quick pick; the chosen match opens at its line', async function () {
      const node = await deliveryTo(SAMPLE_IDS.tinyAgent, url);
      const result = await findHandlerAcceptingFirst(node);
      assert.equal(result.outcome, 'picked');
      assert.equal(activeLocation(), 'legacy/config/routes.rb:3 /hooks/cadenya');
    });

    it('opens the best one at once when automation asks for it', async function () {
      const node = await deliveryTo(SAMPLE_IDS.tinyAgent, url);
      const result = await findHandler(node, { pick: 'best' });
      assert.equal(result.outcome, 'opened');
      assert.equal(activeLocation(), 'legacy/config/routes.rb:3 /hooks/cadenya');
    });
  });

  describe('nothing to go to', function () {
    it('falls back to the Search view when no route matches the path', async function () {
      const node = await deliveryTo(SAMPLE_IDS.researchAgent, 'https://research.acme-lab.org/cadenya');
      const result = await findHandler(node, { pick: 'best' });
      assert.equal(result.outcome, 'searchView');
      assert.equal(result.path, '/cadenya');
      assert.deepEqual(result.matches, []);
      assert.equal(vscode.window.activeTextEditor, undefined, 'no editor was opened');
    });

    it('says so for a delivery whose target URL has no path (javascript:)', async function () {
      const container = await containerNode(api, SAMPLE_IDS.hostileWorker);
      const hostile = await waitFor('a javascript: delivery', async () =>
        deliveryNodes(await children(api, container)).find((node) => node.delivery.targetUrl?.startsWith('javascript:')),
      );
      const result = await findHandler(hostile);
      assert.deepEqual({ outcome: result.outcome, path: result.path, matches: result.matches }, { outcome: 'noPath', path: undefined, matches: [] });
    });
  });
});
