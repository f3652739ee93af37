// Several accounts per provider, inside VS Code: two more sample servers stand for a staging and
// a production environment beside the runner's (the default account, from the settings and
// environment key a version before accounts used). What a person sees in the tree, and which
// key reached which server, read from each server's request log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_IDS } from '../sample-server/data';
import { keyFingerprint, startSampleServer, type SampleServer } from '../sample-server/server';
import { activatedApi } from './env';
import { cancelPrompts, children, containerNodes, contextOf, control, deliveryNodes, errorNode, labelOf, requests, setSetting, waitFor } from './helpers';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { LinkOpenResult } from '../../src/commands/linkCommands';
import { secretName } from '../../src/keys/apiKeyStore';

const STAGING_KEY = 'hdg_live_staging_7c1d0e';
const PRODUCTION_KEY = 'hdg_live_production_e93a4b';
const WORKER = SAMPLE_IDS.tinyWorker;

let api: ExtensionApi;
let staging: SampleServer;
let production: SampleServer;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('webhookDeliveries');
}

async function handingerRows(): Promise<TreeNode[]> {
  const roots = await api.tree.getChildren();
  return children(api, roots[0]!);
}

async function accountRow(name: string): Promise<TreeNode> {
  return waitFor(`the account row ${name}`, async () => (await handingerRows()).find((row) => labelOf(api, row) === name));
}

async function workerOf(name: string): Promise<ContainerNode> {
  return waitFor(`the worker of ${name}`, async () => containerNodes(await children(api, await accountRow(name))).find((n) => n.container.id === WORKER));
}

async function run<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

/** Adds a Handinger account on a server with its key and the shared worker id; resolves to its id. */
async function addAccount(name: string, server: SampleServer, key: string, label: string): Promise<string> {
  const id = await run<string>('webhookDeliveries.addAccount', 'handinger', api.given(name), api.given(server.url));
  assert.ok(id, `${name} was added`);
  const ref = { provider: 'handinger', accountId: id };
  assert.equal(await run<boolean>('webhookDeliveries.setApiKey', ref, api.given(key)), true);
  assert.equal(await run<boolean>('webhookDeliveries.addWorker', ref, api.given(WORKER), api.given(label)), true);
  return id;
}

async function removeAddedAccounts(): Promise<void> {
  for (const provider of ['handinger', 'cadenya'] as const) {
    for (const entry of config().get<{ id: string }[]>(`${provider}.accounts`) ?? []) {
      await api.keys.clear(provider, entry.id);
    }
    await setSetting(`${provider}.accounts`, undefined);
    await setSetting(`${provider}.defaultAccountName`, undefined);
  }
}

before(async function () {
  api = await activatedApi();
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  staging = await startSampleServer({ handingerKey: STAGING_KEY });
  production = await startSampleServer({ handingerKey: PRODUCTION_KEY });
});

after(async function () {
  await removeAddedAccounts();
  await staging.close();
  await production.close();
});

describe('Accounts', function () {
  afterEach(async function () {
    await removeAddedAccounts();
    await waitFor('the one-account tree', async () => (await handingerRows()).some((row) => contextOf(api, row).startsWith('container.')));
  });

  it('upgrades the settings and key from before accounts into a default account, losing nothing', async function () {
    // The runner wrote the settings of a version before accounts: a base URL, a worker list,
    // and the key in the environment. With one account the tree looks as it did then.
    const roots = await api.tree.getChildren();
    assert.deepEqual(roots.map((root) => labelOf(api, root)), ['Handinger', 'Cadenya']);
    assert.equal(contextOf(api, roots[0]!), 'provider.handinger.hasKey');
    assert.equal(api.tree.getTreeItem(roots[0]!).description, 'key from environment');
    const before = containerNodes(await children(api, roots[0]!)).map((n) => [n.id, labelOf(api, n)]);
    assert.ok(before.some(([, label]) => label === 'Order sync'));

    await addAccount('Staging', staging, STAGING_KEY, 'Staging sync');
    // Now the provider's children are its accounts; the default holds everything from before.
    const rows = await handingerRows();
    assert.deepEqual(rows.map((row) => labelOf(api, row)), ['Default', 'Staging']);
    assert.equal(api.tree.getTreeItem(roots[0]!).description, '2 accounts');
    assert.equal(api.tree.getTreeItem(rows[0]!).description, 'key from environment (HANDINGER_API_KEY)');
    assert.equal(api.tree.getTreeItem(rows[1]!).description, undefined, 'the staging key is in secret storage');
    const after = containerNodes(await children(api, rows[0]!)).map((n) => [n.id, labelOf(api, n)]);
    assert.deepEqual(after, before, 'the same workers, labels and feed keys');
    assert.deepEqual(await api.keys.get('handinger', 'staging'), { key: STAGING_KEY, source: 'secretStorage' });
    // A key stored before accounts stays where it was: the default account reads that name.
    assert.equal(secretName('handinger'), 'webhookDeliveries.handinger.apiKey');
    assert.equal(secretName('cadenya'), 'webhookDeliveries.cadenya.apiKey');
    assert.equal(secretName('handinger', 'staging'), 'webhookDeliveries.handinger.apiKey.staging');
    assert.equal(await api.keys.get('handinger', 'no-such-account'), undefined, 'the environment key belongs to the default account only');
    // Nothing from before was rewritten.
    assert.equal(config().get('handinger.baseUrl'), process.env.WD_SAMPLE_SERVER_URL);
    assert.ok((config().get<unknown[]>('handinger.workers') ?? []).length >= 5);
  });

  it('sends each account only its own key, and keeps equal worker ids in separate feeds', async function () {
    await control('DELETE', 'requests');
    const only = production.addHandingerExecution(WORKER);
    await addAccount('Staging', staging, STAGING_KEY, 'Staging sync');
    await addAccount('Production EU', production, PRODUCTION_KEY, 'EU sync');
    assert.deepEqual((await handingerRows()).map((row) => labelOf(api, row)), ['Default', 'Staging', 'Production EU']);

    const stagingWorker = await workerOf('Staging');
    const productionWorker = await workerOf('Production EU');
    assert.equal(labelOf(api, stagingWorker), 'Staging sync');
    assert.equal(labelOf(api, productionWorker), 'EU sync');
    assert.notEqual(stagingWorker.feed, productionWorker.feed);
    assert.notEqual(stagingWorker.id, productionWorker.id);
    const stagingRows = deliveryNodes(await children(api, stagingWorker));
    const productionRows = deliveryNodes(await children(api, productionWorker));
    assert.ok(stagingRows.length > 0 && productionRows.length > 0);
    assert.ok(productionRows.some((row) => row.delivery.id === only.id), 'production shows its own delivery');
    assert.ok(!stagingRows.some((row) => row.delivery.id === only.id), 'staging never shows production\u2019s');

    const fingerprints = (server: SampleServer) => new Set(server.requestLog.map((entry) => entry.keyFingerprint));
    assert.deepEqual([...fingerprints(staging)], [keyFingerprint(STAGING_KEY)]);
    assert.deepEqual([...fingerprints(production)], [keyFingerprint(PRODUCTION_KEY)]);
    const runner = new Set((await requests()).map((entry) => (entry as { keyFingerprint?: string }).keyFingerprint));
    assert.ok(!runner.has(keyFingerprint(STAGING_KEY)) && !runner.has(keyFingerprint(PRODUCTION_KEY)), 'the default server never sees another account\u2019s key');
  });

  it('shows one account\u2019s rejected key on its row while the other keeps working', async function () {
    const stagingId = await addAccount('Staging', staging, STAGING_KEY, 'Staging sync');
    await addAccount('Production EU', production, PRODUCTION_KEY, 'EU sync');
    await children(api, await workerOf('Production EU'));
    await api.keys.set('handinger', 'hdg_live_revoked', stagingId);

    // The worker is checked with the revoked key: its row says so, with Set API key for staging.
    const error = await waitFor('the staging error row', async () => errorNode(await children(api, await workerOf('Staging'))));
    const item = api.tree.getTreeItem(error);
    assert.equal(item.contextValue, 'error.setKey');
    assert.deepEqual(item.command?.arguments, [{ provider: 'handinger', accountId: stagingId }], 'Set API key names the staging account');
    assert.ok(staging.requestLog.some((entry) => entry.status === 401));

    const productionWorker = await workerOf('Production EU');
    const result = await productionWorker.refreshNewest();
    assert.equal(result.status, 'done');
    assert.ok(deliveryNodes(await children(api, productionWorker)).length > 0);
    assert.ok(production.requestLog.every((entry) => entry.status === 200));
  });

  it('renames an account, refuses a taken or empty name, and removes an account with its key', async function () {
    const id = await addAccount('Staging', staging, STAGING_KEY, 'Staging sync');
    const ref = { provider: 'handinger', accountId: id };
    assert.equal(await run<boolean>('webhookDeliveries.renameAccount', ref, api.given('QA')), true);
    await accountRow('QA');
    assert.equal(await run<boolean>('webhookDeliveries.renameAccount', ref, api.given('  default ')), false, 'a name another account has');
    assert.equal(await run<boolean>('webhookDeliveries.renameAccount', ref, api.given('   ')), false, 'an empty name');
    assert.equal(await run('webhookDeliveries.addAccount', 'handinger', api.given('New'), api.given('http://example.com')), undefined, 'a base URL that would send the key in clear');
    assert.deepEqual((await handingerRows()).map((row) => labelOf(api, row)), ['Default', 'QA']);

    assert.equal(await run<boolean>('webhookDeliveries.removeAccount', { provider: 'handinger', accountId: 'default' }, api.given(true)), false, 'the default account stays');
    assert.equal(await run<boolean>('webhookDeliveries.removeAccount', ref, api.given(true)), true);
    assert.equal(await api.keys.get('handinger', id), undefined, 'its key is deleted');
    assert.deepEqual(config().get('handinger.accounts'), []);
    // Back to one account: the provider lists its workers itself again.
    const rows = await waitFor('the workers again', async () => {
      const listed = await handingerRows();
      return listed.some((row) => contextOf(api, row).startsWith('container.')) ? listed : undefined;
    });
    assert.ok(rows.some((row) => labelOf(api, row) === 'Order sync'));
  });

  it('opens a deep link to a delivery of the second account, and asks when a link names no account', async function () {
    const only = production.addHandingerExecution(WORKER);
    await addAccount('Staging', staging, STAGING_KEY, 'Staging sync');
    const productionId = await addAccount('Production EU', production, PRODUCTION_KEY, 'EU sync');
    const worker = await workerOf('Production EU');
    const row = deliveryNodes(await children(api, worker)).find((node) => node.delivery.id === only.id);
    assert.ok(row);
    const link = (await run<string>('webhookDeliveries.copyDeliveryLink', row)) ?? '';
    assert.ok(link.includes(`&account=${productionId}&delivery=`), link);

    const opened = await run<LinkOpenResult>('webhookDeliveries.openLink', api.given(link));
    assert.deepEqual(opened, { opened: true, deliveryId: only.id });
    await waitFor('the tree to select it under the second account\u2019s worker', () => api.view.selection[0]?.id === `${worker.id}/${only.id}`);

    // A link from before accounts names none: with several accounts the user is asked.
    const older = link.replace(/&account=[^&]+/, '');
    const asked = (await cancelPrompts(vscode.commands.executeCommand('webhookDeliveries.openLink', api.given(older)))) as LinkOpenResult;
    assert.deepEqual(asked, { opened: false, reason: 'no account chosen' });
    const unknown = link.replace(/&account=[^&]+/, '&account=gone');
    const askedAgain = (await cancelPrompts(vscode.commands.executeCommand('webhookDeliveries.openLink', api.given(unknown)))) as LinkOpenResult;
    assert.deepEqual(askedAgain, { opened: false, reason: 'no account chosen' });
  });
});
