// Journeys as a person debugging a handler makes them, in one window, one step after another
// while the sample server changes under them: expand, Load more, Refresh; watch live while a
// pending delivery fails; group and Go to Delivery…. Screenshots in .artifacts/screenshots.
import * as assert from 'node:assert/strict';
import type { Frame, Locator, Page } from 'playwright-core';
import { startProduct, type Product } from './fixture';
import { SAMPLE_IDS } from '../sample-server/data';

const SIDEBAR = '#workbench\\.parts\\.sidebar';

function row(page: Page, name: string | RegExp): Locator {
  return page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: name }).first();
}

async function scrollToRow(page: Page, name: string | RegExp, direction: 1 | -1 = 1): Promise<Locator> {
  const target = row(page, name);
  const tree = page.locator(`${SIDEBAR} .monaco-list`).first();
  for (let i = 0; i < 60 && !(await target.isVisible()); i++) {
    await tree.hover();
    await page.mouse.wheel(0, 300 * direction);
    await page.waitForTimeout(50);
  }
  await target.waitFor();
  return target;
}

async function runCommand(page: Page, title: string, pick?: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  if (pick !== undefined) {
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: pick }).first().click();
  }
}

/** The rows of the tree as a person reads them, top to bottom (only those rendered). */
async function rowTexts(page: Page): Promise<string[]> {
  return page.locator(`${SIDEBAR} .monaco-list-row`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** The detail page's frame once it shows `deliveryId`. */
async function detailFrame(page: Page, deliveryId: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame.evaluate((id) => document.body?.dataset.ready === 'true' && document.body.dataset.deliveryId === id, deliveryId).catch(() => false);
      if (ready) {
        return frame;
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`the detail panel did not render ${deliveryId}`);
}

describe('Journeys (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct({ settings: { 'webhookDeliveries.liveRefresh.intervalSeconds': 2 } });
    await product.page.locator('.activitybar [aria-label^="Webhook Deliveries"]').first().click();
    await product.page.mouse.move(900, 600);
    await row(product.page, 'Order sync').waitFor({ timeout: 60_000 });
  });

  after(async function () {
    await product?.close();
  });

  it('expand → Load more twice → three executions arrive → Refresh: they are on top and nothing loaded is lost', async function () {
    const { page, sample } = product;
    await row(page, 'Order sync').click();
    await page.locator(`${SIDEBAR} .monaco-list-row .codicon-pass`).first().waitFor({ timeout: 30_000 });
    for (let i = 0; i < 2; i++) {
      const loadMore = await scrollToRow(page, 'Load more');
      const remaining = Number(/(\d+) more/.exec(await loadMore.innerText())?.[1]);
      await loadMore.click();
      await scrollToRow(page, `${remaining - 50} more`);
    }
    const remainingBefore = Number(/(\d+) more/.exec(await row(page, 'Load more').innerText())?.[1]);
    sample.addHandingerExecution(SAMPLE_IDS.busyWorker, {});
    sample.addHandingerExecution(SAMPLE_IDS.busyWorker, {});
    sample.addHandingerExecution(SAMPLE_IDS.busyWorker, { responseStatus: 500, requestStatus: 'error' });
    await runCommand(page, 'Webhook Deliveries: Refresh');
    // What was loaded stays loaded: the Load more row still says how many older ones remain.
    await page.waitForFunction(() => document.querySelector('#workbench\\.parts\\.sidebar .activitybar, .activitybar .badge .badge-content')?.textContent === '1', undefined, { timeout: 30_000 });
    assert.match(await row(page, 'Load more').innerText(), new RegExp(`${remainingBefore} more`));
    const worker = await scrollToRow(page, 'Order sync', -1);
    await worker.scrollIntoViewIfNeeded();
    const texts = await rowTexts(page);
    const at = texts.findIndex((text) => text.startsWith('Order sync'));
    assert.match(texts[at + 1] ?? '', /^500 .*new/, `the new failure is the first row (${texts.slice(at, at + 5).join(' | ')})`);
    await product.screenshot('journey-refresh-new-on-top');
  });

  it('live refresh on → a pending delivery fails on the server: its row, its open panel and the badge change', async function () {
    const { page, sample } = product;
    const workspace = SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.smallAgent]!;
    const pending = sample.addCadenyaDelivery(workspace, SAMPLE_IDS.smallAgent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 1, httpStatusCode: 503 });
    await runCommand(page, 'Webhook Deliveries: Show New Failures');
    await (await scrollToRow(page, 'Production')).click();
    await (await scrollToRow(page, 'Invoice Reconciler')).click();
    const pendingRow = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ has: page.locator('.codicon-clock') }).first();
    await pendingRow.waitFor({ timeout: 30_000 });
    await pendingRow.click();
    const before = await detailFrame(page, pending.metadata.id);
    assert.match(await before.locator('[data-testid=status]').innerText(), /503|Pending/i);

    await runCommand(page, 'Webhook Deliveries: Start Live Refresh', 'Invoice Reconciler');
    for (let i = 0; i < 3; i++) {
      sample.addCadenyaDelivery(workspace, SAMPLE_IDS.smallAgent, { status: 'WEBHOOK_DELIVERY_STATUS_COMPLETED', httpStatusCode: 200 });
    }
    sample.updateCadenyaDelivery(workspace, SAMPLE_IDS.smallAgent, pending.metadata.id, {
      status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
      httpStatusCode: 502,
      attemptCount: 3,
      errorMessage: 'upstream returned 502 Bad Gateway',
    });
    const frame = await detailFrame(page, pending.metadata.id);
    await frame.locator('[data-testid=status]').filter({ hasText: '502' }).waitFor({ timeout: 30_000 });
    await page.locator('.activitybar .badge .badge-content').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    const failedRow = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ has: page.locator('.codicon-error') }).filter({ hasText: /^502/ }).first();
    await failedRow.waitFor({ timeout: 30_000 });
    assert.match(await failedRow.innerText(), /new/);
    assert.match(await frame.locator('body').innerText(), /upstream returned 502 Bad Gateway/);
    await product.screenshot('journey-live-pending-failed');
    await runCommand(page, 'Webhook Deliveries: Stop Live Refresh', 'Invoice Reconciler');
  });

  it('group by task → Go to Delivery… opens a delivery shown inside its group', async function () {
    const { page } = product;
    await runCommand(page, 'Webhook Deliveries: Group by Task or Objective', 'Order sync');
    await page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: /\d+ deliveries/ }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Webhook Deliveries: Go to Delivery');
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    const description = await first.innerText();
    const id = /(exe_[A-Za-z0-9_-]+|whd_[A-Za-z0-9_-]+|[A-Za-z0-9_]{20,})/.exec(description)?.[1];
    assert.ok(id, `the pick shows the delivery id (${description})`);
    await page.keyboard.press('Enter');
    await detailFrame(page, id);
    const selected = page.locator(`${SIDEBAR} .monaco-list-row.selected`);
    await selected.waitFor({ timeout: 10_000 });
    assert.equal(await selected.getAttribute('aria-level'), '4', 'the selected row sits inside a group (provider › worker › group › delivery)');
    await product.screenshot('journey-grouped-go-to');
  });
});
