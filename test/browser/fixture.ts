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

export async function startProduct(options: { colorTheme?: string } = {}): Promise<Product> {
  const sample = await startSampleServer();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-browser-'));
  const server = await startCodeServer({
    userDataDir,
    settings: { ...sampleSettings(sample, { hostile: true }), ...(options.colorTheme ? { 'workbench.colorTheme': options.colorTheme } : {}) },
    env: sampleEnv(sample),
  });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openWorkbench(page, { serverUrl: server.url });
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
