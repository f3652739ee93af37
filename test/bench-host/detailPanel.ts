// Detail panel: from a click on a delivery in the tree (which runs `openDelivery`) to the
// panel's page showing that delivery, in the server build's workbench in Chromium: the first
// panel of the window, a new panel after the editors were closed, and another delivery in
// the panel already open. The page marks its body with `data-ready` and `data-delivery-id`
// once it rendered a delivery. It is written into its frame with document.write, which drops
// anything injected before, so an init script in the webview's host frame (same origin as
// the page) looks at its child frames every millisecond or so and notes the wall-clock time
// at which each delivery first shows: the figures do not depend on how often Playwright
// polls. The delivery is clicked with the mouse, after the time is taken.
import type { Browser, Frame, Page } from 'playwright-core';
import { startCodeServer } from '../host/codeServer';
import { openWorkbench } from '../host/workbench';

declare global {
  interface Window {
    __wdShown?: { id: string; at: number }[];
  }
}

export type PanelResult =
  | {
      readonly kind: 'measured';
      /** The first panel of the window, ms. */
      readonly firstMs: number;
      /** A new panel, the previous one closed, ms. */
      readonly newPanelMs: readonly number[];
      /** Another delivery shown in the panel already open, ms. */
      readonly samePanelMs: readonly number[];
    }
  | { readonly kind: 'notMeasured'; readonly reason: string };

export interface PanelOptions {
  readonly browser: Browser;
  readonly userDataDir: string;
  readonly settings: Record<string, unknown>;
  readonly env: NodeJS.ProcessEnv;
  readonly extensionDevelopmentPath: string;
  /** New panels opened after the first, and deliveries then shown in one panel. */
  readonly opens: number;
}

/** Runs in every frame before its scripts; only a webview's host frame does anything. */
function recordShown(): void {
  if (!location.pathname.includes('/webview/browser/pre/')) {
    return;
  }
  const shown: { id: string; at: number }[] = [];
  window.__wdShown = shown;
  setInterval(() => {
    for (const frame of Array.from(document.querySelectorAll('iframe'))) {
      try {
        const body = frame.contentDocument?.body;
        const id = body?.getAttribute('data-ready') === 'true' ? body.getAttribute('data-delivery-id') : null;
        if (id && shown[shown.length - 1]?.id !== id) {
          shown.push({ id, at: Date.now() });
        }
      } catch {
        // not readable yet
      }
    }
  }, 1);
}

/** When a delivery first showed after `after`, in any webview of the page. */
async function shownAfter(page: Page, after: number): Promise<number | undefined> {
  const lists = await Promise.all(page.frames().map((frame: Frame) => frame.evaluate(() => window.__wdShown ?? []).catch(() => [])));
  const times = lists.flat().map((entry) => entry.at).filter((at) => at > after);
  return times.length > 0 ? Math.min(...times) : undefined;
}

function row(page: Page, text: string): ReturnType<Page['locator']> {
  return page.locator('#workbench\\.parts\\.sidebar .monaco-list-row').filter({ hasText: text }).first();
}

async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>View: Close All Editors');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'View: Close All Editors' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

type Open = { kind: 'shown'; ms: number } | { kind: 'notMeasured'; reason: string };

/** Clicks the `index`-th delivery row and waits for the panel to show a delivery. */
async function open(page: Page, deliveries: ReturnType<Page['locator']>, index: number): Promise<Open> {
  const target = deliveries.nth(index);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) {
    throw new Error(`delivery row ${index} is not on screen`);
  }
  const x = box.x + Math.min(60, box.width / 2);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  const clickedAt = Date.now();
  await page.mouse.click(x, y);
  const deadline = clickedAt + 20_000;
  while (Date.now() < deadline) {
    const at = await shownAfter(page, clickedAt);
    if (at !== undefined) {
      return { kind: 'shown', ms: at - clickedAt };
    }
    // The interim command opens the delivery's JSON in a text editor instead.
    const jsonTab = await page.locator('.editor-group-container .tab').filter({ hasText: /\.json/ }).count();
    if (jsonTab > 0 && (await page.locator('iframe.webview').count()) === 0) {
      return { kind: 'notMeasured', reason: 'not measured: openDelivery still opens the interim JSON editor; the detail panel is not wired into activate() yet' };
    }
    await page.waitForTimeout(20);
  }
  return { kind: 'notMeasured', reason: 'not measured: the detail panel did not show the delivery within 20 s of the click' };
}

export async function measureDetailPanel(options: PanelOptions): Promise<PanelResult> {
  const server = await startCodeServer({ userDataDir: options.userDataDir, settings: options.settings, env: options.env });
  const page = await options.browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.addInitScript(recordShown);
    await openWorkbench(page, { serverUrl: server.url, extensionDevelopmentPath: options.extensionDevelopmentPath });
    await page.locator('.activitybar [aria-label^="Webhook Deliveries"]').first().click();
    await page.mouse.move(900, 600);
    await row(page, 'Support triage').click({ timeout: 60_000 });
    const deliveries = page.locator('#workbench\\.parts\\.sidebar .monaco-list-row:has(.codicon-pass), #workbench\\.parts\\.sidebar .monaco-list-row:has(.codicon-error)');
    await deliveries.first().waitFor({ timeout: 30_000 });

    const times: number[] = [];
    for (let index = 0; index <= options.opens; index++) {
      const result = await open(page, deliveries, index);
      if (result.kind === 'notMeasured') {
        return result;
      }
      times.push(result.ms);
      await closeAllEditors(page);
    }
    const samePanelMs: number[] = [];
    // One panel open, then the next deliveries, each shown in it.
    for (let index = 0; index <= options.opens; index++) {
      const result = await open(page, deliveries, index);
      if (result.kind === 'notMeasured') {
        return result;
      }
      if (index > 0) {
        samePanelMs.push(result.ms);
      }
    }
    return { kind: 'measured', firstMs: times[0]!, newPanelMs: times.slice(1), samePanelMs };
  } finally {
    await page.close().catch(() => undefined);
    await server.stop();
  }
}
