// Drives the server build's workbench in headless Chromium with Playwright: the way our
// integration tests run inside VS Code here, and the way browser tests click through the UI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, TEST_WORKSPACE } from './paths';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine's closed network needs (no background connections, no sandbox as root). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`bash scripts/setup-test-host.sh\` (installs Debian's chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface WorkbenchUrlOptions {
  readonly serverUrl: string;
  readonly folder?: string;
  /** The repository when not given; `null` loads no extension under development, only installed ones. */
  readonly extensionDevelopmentPath?: string | null;
  readonly extensionTestsPath?: string;
}

/** The workbench URL that loads the extension under development (and its tests) through the payload, unless told not to. */
export function workbenchUrl(options: WorkbenchUrlOptions): string {
  const authority = new URL(options.serverUrl).host;
  const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath !== null) {
    payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath ?? REPO_ROOT)]);
  }
  if (options.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  }
  const folder = options.folder ?? TEST_WORKSPACE;
  return `${options.serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Opens the workbench and waits until its activity bar is on screen. */
export async function openWorkbench(page: Page, options: WorkbenchUrlOptions): Promise<void> {
  await page.goto(workbenchUrl(options));
  await page.locator('.activitybar').waitFor({ state: 'visible', timeout: 90_000 });
}
