// What the runner tells the tests running inside VS Code, through the environment.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'webhookdeliveries.webhook-deliveries';

export function sampleServerUrl(): string {
  const url = process.env.WD_SAMPLE_SERVER_URL;
  assert.ok(url, 'WD_SAMPLE_SERVER_URL is set by the integration runner');
  return url;
}

export async function activatedApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed in the test host`);
  return extension.activate();
}
