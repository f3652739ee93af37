// The extension as VS Code sees it: activation, contributions and commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, EXTENSION_ID, sampleServerUrl } from './env';

interface Contributes {
  viewsContainers: { activitybar: { id: string; title: string }[] };
  views: Record<string, { id: string }[]>;
  commands: { command: string }[];
}

function contributes(): Contributes {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  return (extension.packageJSON as { contributes: Contributes }).contributes;
}

describe('Activation', function () {
  it('activates in the real extension host', async function () {
    const api = await activatedApi();
    assert.ok(api.tree, 'activate() returns the tree provider');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('declares no `*` activation and supports untrusted and virtual workspaces', function () {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      activationEvents?: string[];
      capabilities: { untrustedWorkspaces: { supported: boolean }; virtualWorkspaces: boolean };
    };
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });
});

describe('Contributions', function () {
  it('registers the activity-bar container and its tree view', async function () {
    const { viewsContainers, views } = contributes();
    assert.deepEqual(
      viewsContainers.activitybar.map((c) => c.id),
      ['webhookDeliveries'],
    );
    assert.deepEqual(
      views.webhookDeliveries?.map((v) => v.id),
      ['webhookDeliveries.deliveries'],
    );
    // VS Code creates these commands only for a registered container and view.
    await vscode.commands.executeCommand('workbench.view.extension.webhookDeliveries');
    await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  });

  it('registers every command the manifest contributes', async function () {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributes()
      .commands.map((c) => c.command)
      .filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });
});

describe('Commands', function () {
  it('Refresh, run through executeCommand, re-renders the tree', async function () {
    const api = await activatedApi();
    const fired = new Promise<void>((resolve) => {
      const subscription = api.tree.onDidChangeTreeData(() => {
        subscription.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('webhookDeliveries.refresh');
    await fired;
  });
});

describe('Connection to the sample server', function () {
  it('reads the sample server base URLs from settings', function () {
    const config = vscode.workspace.getConfiguration('webhookDeliveries');
    assert.equal(config.get('handinger.baseUrl'), sampleServerUrl());
    assert.equal(config.get('cadenya.baseUrl'), sampleServerUrl());
  });

  it('takes the demo keys from the environment when SecretStorage has none, and says so', async function () {
    const api = await activatedApi();
    assert.equal((await api.keys.get('handinger'))?.source, 'environment');
    assert.equal((await api.keys.get('cadenya'))?.source, 'environment');
    const roots = await api.tree.getChildren();
    const descriptions = roots.map((node) => api.tree.getTreeItem(node).description);
    assert.deepEqual(descriptions, ['key from environment', 'key from environment']);
  });

  it('prefers a key in SecretStorage over the environment', async function () {
    const api = await activatedApi();
    const changed = new Promise<void>((resolve) => {
      const subscription = api.keys.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    await api.keys.set('cadenya', 'cdy_stored_for_test');
    await changed;
    try {
      assert.deepEqual(await api.keys.get('cadenya'), { key: 'cdy_stored_for_test', source: 'secretStorage' });
    } finally {
      await api.keys.clear('cadenya');
    }
    assert.equal((await api.keys.get('cadenya'))?.source, 'environment');
  });
});
