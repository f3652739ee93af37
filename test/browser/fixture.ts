// A running product for browser tests: the sample API server, VS Code's server build with the
// extension under development (or, given a VSIX, with that installed instead), and a headless
// Chromium page on its workbench.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSampleServer, type SampleServer } from '../sample-server/server';
import { installExtension, startCodeServer, type CodeServer } from '../host/codeServer';
import { launchBrowser, openWorkbench } from '../host/workbench';
import { sampleEnv, sampleSettings } from '../host/sampleHost';
import { SCREENSHOTS_DIR } from '../host/paths';

export interface Product {
  readonly sample: SampleServer;
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** The server's extensions folder: empty unless a VSIX was installed. */
  readonly extensionsDir: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** After a test that failed, a screenshot named `<prefix>-failed-<its title>`: what the window showed. */
export async function screenshotIfFailed(product: Product | undefined, test: Mocha.Test | undefined, prefix: string): Promise<void> {
  if (product && test?.state === 'failed') {
    await product.screenshot(`${prefix}-failed-${test.title.slice(0, 30).replace(/[^a-z0-9]+/gi, '-')}`);
  }
}

/** Drags the sidebar's sash so labels and descriptions fit, as a person would. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  const box = await sidebar.boundingBox();
  if (!box) {
    return;
  }
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

export interface ProductOptions {
  readonly colorScheme?: 'light' | 'dark';
  /** Installs this VSIX as a user would and opens the workbench with no extension under development. */
  readonly vsix?: string;
  /** User settings on top of the sample server's. */
  readonly settings?: Record<string, unknown>;
}

export async function startProduct(options: ProductOptions = {}): Promise<Product> {
  const sample = await startSampleServer();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-browser-'));
  const extensionsDir = path.join(userDataDir, 'extensions');
  if (options.vsix) {
    installExtension(options.vsix, { userDataDir, extensionsDir });
  }
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    // The web workbench follows the browser's colour scheme when asked to, which is how a
    // test picks a light or a dark theme.
    settings: {
      ...sampleSettings(sample, { hostile: true }),
      ...options.settings,
      ...(options.colorScheme
        ? {
            'window.autoDetectColorScheme': true,
            'workbench.preferredLightColorTheme': 'Default Light Modern',
            'workbench.preferredDarkColorTheme': 'Default Dark Modern',
          }
        : {}),
    },
    env: sampleEnv(sample),
  });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme });
  await openWorkbench(page, { serverUrl: server.url, ...(options.vsix ? { extensionDevelopmentPath: null } : {}) });
  await widenSidebar(page, 440);
  return {
    sample,
    server,
    browser,
    page,
    extensionsDir,
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await server.stop();
      await sample.close();
    },
  };
}
