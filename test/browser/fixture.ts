// A running product for browser tests: the sample API server, VS Code's server build with the
// extension under development, and a headless Chromium page on its workbench.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSampleServer, type SampleServer } from '../sample-server/server';
import { startCodeServer, type CodeServer } from '../host/codeServer';
import { launchBrowser, openWorkbench } from '../host/workbench';
import { sampleEnv, sampleSettings } from '../host/sampleHost';
import { SCREENSHOTS_DIR } from '../host/paths';

export interface Product {
  readonly sample: SampleServer;
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
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

export async function startProduct(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Product> {
  const sample = await startSampleServer();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-browser-'));
  const server = await startCodeServer({
    userDataDir,
    // The web workbench follows the browser's colour scheme when asked to, which is how a
    // test picks a light or a dark theme.
    settings: {
      ...sampleSettings(sample, { hostile: true }),
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
  await openWorkbench(page, { serverUrl: server.url });
  await widenSidebar(page, 440);
  return {
    sample,
    server,
    browser,
    page,
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
