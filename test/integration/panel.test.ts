// The delivery detail panel inside a real VS Code: deliveries read over HTTP from the sample
// server, opened through the contributed command ids, rendered by the real webview bundle
// under the real CSP (the page acknowledges each delivery it rendered).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Container } from '../../src/model/container';
import type { Delivery } from '../../src/model/delivery';
import { DETAIL_COMMANDS, VIEW_TYPE } from '../../src/detail/detailPanel';
import type { DetailPanelInfo } from '../../src/detail/detailPanel';
import { createCadenyaProvider } from '../../src/providers/cadenya';
import { createHandingerProvider } from '../../src/providers/handinger';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi, sampleServerUrl } from './env';

function key(name: 'HANDINGER_API_KEY' | 'CADENYA_API_KEY'): string {
  const value = process.env[name];
  assert.ok(value, `${name} is set by the integration runner`);
  return value;
}

const handinger = createHandingerProvider({ baseUrl: sampleServerUrl(), apiKey: key('HANDINGER_API_KEY') });
const cadenya = createCadenyaProvider({ baseUrl: sampleServerUrl(), apiKey: key('CADENYA_API_KEY') });

/** The newest page of a container's deliveries, from the sample server. */
async function newestPage(container: Container): Promise<readonly Delivery[]> {
  const provider = container.provider === 'handinger' ? handinger : cadenya;
  return (await provider.listDeliveries(container, {})).items;
}

function deliveryTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    // The workbench may prefix the view type (`mainThreadWebview-…`).
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

async function closeDeliveryTabs(): Promise<void> {
  await vscode.window.tabGroups.close(deliveryTabs());
}

async function open(command: string, argument: unknown): Promise<DetailPanelInfo> {
  const info = await vscode.commands.executeCommand<DetailPanelInfo | undefined>(command, argument);
  assert.ok(info, `${command} returns what it opened`);
  return info;
}

describe('Delivery detail panel', function () {
  let failedHandinger: Delivery;
  let otherHandinger: Delivery;
  let hostileCadenya: Delivery;

  before(async function () {
    await activatedApi();
    const commands = new Set(await vscode.commands.getCommands(true));
    assert.ok(commands.has(DETAIL_COMMANDS.openDelivery) && commands.has(DETAIL_COMMANDS.openDeliveryToSide), 'activate() registers the detail panel');
    const busy = await newestPage({ provider: 'handinger', kind: 'worker', id: SAMPLE_IDS.busyWorker, name: 'busy', raw: {} });
    const failed = busy.find((delivery) => delivery.outcome === 'failed' && delivery.related !== undefined) ?? busy[0];
    assert.ok(failed, 'the busy worker has executions');
    failedHandinger = failed;
    const other = busy.find((delivery) => delivery.id !== failed.id);
    assert.ok(other);
    otherHandinger = other;
    const hostile = await newestPage({
      provider: 'cadenya',
      kind: 'agent',
      id: SAMPLE_IDS.hostileAgent,
      workspaceId: SAMPLE_IDS.hostileWorkspace,
      name: 'hostile',
      raw: {},
    });
    assert.ok(hostile[0], 'the hostile agent has deliveries');
    hostileCadenya = hostile[0];
    await closeDeliveryTabs();
  });

  after(async function () {
    await closeDeliveryTabs();
  });

  describe('Opening', function () {
    it('opens a delivery read from the API in a webview panel that renders it', async function () {
      const info = await open(DETAIL_COMMANDS.openDelivery, failedHandinger);
      assert.deepEqual(info, { viewType: VIEW_TYPE, deliveryId: failedHandinger.id, following: true, rendered: true });
      assert.equal(deliveryTabs().length, 1);
    });

    it('reuses the one following panel for the next delivery, given as a tree node', async function () {
      const info = await open(DETAIL_COMMANDS.openDelivery, { delivery: otherHandinger });
      assert.equal(info.rendered, true);
      assert.equal(info.following, true);
      assert.equal(deliveryTabs().length, 1);
    });

    it('renders hostile data from the API (markup, javascript: URLs, control characters) without breaking the page', async function () {
      assert.match(JSON.stringify(hostileCadenya.raw), /<script>|<img|javascript:|onerror|\\u001b|\u202e|command:/i);
      const info = await open(DETAIL_COMMANDS.openDelivery, hostileCadenya);
      assert.equal(info.rendered, true);
      assert.equal(deliveryTabs().length, 1);
    });

    it('"Open to the side" adds a second panel that stays on its delivery', async function () {
      const side = await open(DETAIL_COMMANDS.openDeliveryToSide, failedHandinger);
      assert.deepEqual(side, { viewType: VIEW_TYPE, deliveryId: failedHandinger.id, following: false, rendered: true });
      assert.equal(deliveryTabs().length, 2);
      // The next selection goes to the following panel, not to the side one.
      const next = await open(DETAIL_COMMANDS.openDelivery, otherHandinger);
      assert.equal(next.following, true);
      assert.equal(deliveryTabs().length, 2);
    });

    it('opens a new following panel after the following one was closed', async function () {
      await closeDeliveryTabs();
      assert.equal(deliveryTabs().length, 0);
      const info = await open(DETAIL_COMMANDS.openDelivery, { delivery: failedHandinger });
      assert.equal(info.rendered, true);
      assert.equal(deliveryTabs().length, 1);
    });
  });

  describe('Actions', function () {
    it('opens the raw JSON as a read-only JSON document, without a file', async function () {
      await vscode.commands.executeCommand(DETAIL_COMMANDS.openDeliveryJson, { delivery: hostileCadenya });
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      assert.equal(editor.document.uri.scheme, 'webhook-delivery');
      assert.equal(editor.document.languageId, 'json');
      assert.deepEqual(JSON.parse(editor.document.getText()), hostileCadenya.raw);
      // A content provider's document: no file system behind the scheme, so nothing to save to.
      assert.equal(vscode.workspace.fs.isWritableFileSystem('webhook-delivery'), undefined);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('refreshes a delivery from the API while its panel stays open', async function () {
      assert.equal(await vscode.commands.executeCommand<boolean>(DETAIL_COMMANDS.refreshDelivery, failedHandinger), true);
      assert.equal(deliveryTabs().length, 1);
      // Without an argument it refreshes the panel last focused.
      assert.equal(await vscode.commands.executeCommand<boolean>(DETAIL_COMMANDS.refreshDelivery), true);
    });

    it('copies a link to the delivery of the focused panel when run from the palette', async function () {
      await open(DETAIL_COMMANDS.openDelivery, failedHandinger);
      const link = await vscode.commands.executeCommand<string>('webhookDeliveries.copyDeliveryLink');
      assert.ok(link?.endsWith(`&delivery=${encodeURIComponent(encodeURIComponent(failedHandinger.id))}`), link);
      assert.equal(await vscode.env.clipboard.readText(), link);
    });

    it('registers every command of the panel', async function () {
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        Object.values(DETAIL_COMMANDS).filter((command) => !registered.has(command)),
        [],
      );
    });
  });
});
