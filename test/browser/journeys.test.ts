// Journeys as a person debugging a handler makes them, in one window, one step after another
// while the sample server changes under them: expand, Load more, Refresh; watch live while a
// pending delivery fails; group and Go to Delivery…. Screenshots in .artifacts/screenshots.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotIfFailed, startProduct, type Product } from './fixture';
import { SAMPLE_IDS } from '../sample-server/data';
import { detailFrame, openDeliveriesView, row, runCommand, scrollToRow, SIDEBAR } from './ui';

/** The rows of the tree as a person reads them, top to bottom (only those rendered). */
async function rowTexts(page: Page): Promise<string[]> {
  return page.locator(`${SIDEBAR} .monaco-list-row`).evaluateAll((rows) =>
    rows
      .map((r) => ({ index: Number(r.getAttribute('data-index')), text: (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim() }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.text),
  );
}

describe('Journeys (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct({ settings: { 'webhookDeliveries.liveRefresh.intervalSeconds': 2 } });
    await openDeliveriesView(product.page, 'Order sync');
  });

  afterEach(async function () {
    await screenshotIfFailed(product, this.currentTest, 'journey');
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
    // The virtualised tree may have re-drawn since (a change VS Code held for 200 ms): scroll to it again.
    const remainingBefore = Number(/(\d+) more/.exec(await (await scrollToRow(page, 'Load more')).innerText())?.[1]);
    sample.addHandingerExecution(SAMPLE_IDS.busyWorker, {});
    sample.addHandingerExecution(SAMPLE_IDS.busyWorker, {});
    sample.addHandingerExecution(SAMPLE_IDS.busyWorker, { responseStatus: 500, requestStatus: 'error' });
    await runCommand(page, 'Webhook Deliveries: Refresh');
    // What was loaded stays loaded: the Load more row still says how many older ones remain.
    await page.locator('.activitybar .badge .badge-content').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    // The three new rows push the bottom of the list down; the virtualised tree may no longer render it.
    const loadMoreAfter = await scrollToRow(page, 'Load more');
    assert.match(await loadMoreAfter.innerText(), new RegExp(`${remainingBefore} more`));
    // Back to the top of the tree: Handinger, Order sync, then its newest delivery (index 2).
    const first = page.locator(`${SIDEBAR} .monaco-list-row[data-index="2"]`);
    for (let i = 0; i < 80 && !(await first.isVisible()); i++) {
      await page.locator(`${SIDEBAR} .monaco-list`).first().hover();
      await page.mouse.wheel(0, -2_000);
      await page.waitForTimeout(50);
    }
    const texts = await rowTexts(page);
    assert.match(texts[0] ?? '', /^Handinger/);
    assert.match(texts[1] ?? '', /^Order sync/);
    assert.match(texts[2] ?? '', /^500 .*new/, `the new failure is the first row (${texts.slice(0, 6).join(' | ')})`);
    assert.doesNotMatch(texts[3] ?? '', /new/, 'the two that succeeded follow, not marked');
    await product.screenshot('journey-refresh-new-on-top');
  });

  it('live refresh on → a pending delivery fails on the server: its row, its open panel and the badge change', async function () {
    const { page, sample } = product;
    const workspace = SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.smallAgent]!;
    const pending = sample.addCadenyaDelivery(workspace, SAMPLE_IDS.smallAgent, { status: 'WEBHOOK_DELIVERY_STATUS_PENDING', attemptCount: 1, httpStatusCode: 503 });
    await runCommand(page, 'Webhook Deliveries: Show New Failures');
    // Order sync's 150 rows out of the way, as a person would.
    await page.locator('.pane-header .action-label[aria-label^="Collapse All"], .title-actions .action-label[aria-label^="Collapse All"]').first().click();
    const cadenya = await scrollToRow(page, /^Cadenya/);
    if ((await cadenya.getAttribute('aria-expanded')) !== 'true') {
      await cadenya.click();
    }
    await (await scrollToRow(page, 'Production')).click();
    await (await scrollToRow(page, 'Invoice Reconciler')).click();
    const pendingRow = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ has: page.locator('.codicon-clock') }).first();
    await pendingRow.waitFor({ timeout: 30_000 });
    await pendingRow.click();
    const before = await detailFrame(page, { deliveryId: pending.metadata.id });
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
    const frame = await detailFrame(page, { deliveryId: pending.metadata.id });
    await frame.locator('[data-testid=status]').filter({ hasText: '502' }).waitFor({ timeout: 30_000 });
    await page.locator('.activitybar .badge .badge-content').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    // The row it had: now a failure icon, its 502, and marked new (the only one).
    const failedRow = page.locator(`${SIDEBAR} .monaco-list-row`).filter({ has: page.locator('.codicon-error') }).filter({ hasText: /^502.*new/s });
    await failedRow.first().waitFor({ timeout: 30_000 });
    assert.equal(await failedRow.count(), 1);
    assert.match(await frame.locator('body').innerText(), /upstream returned 502 Bad Gateway/);
    await product.screenshot('journey-live-pending-failed');
    await runCommand(page, 'Webhook Deliveries: Stop Live Refresh', 'Invoice Reconciler');
  });

  it('group by task → Go to Delivery… opens a delivery shown inside its group', async function () {
    const { page } = product;
    await runCommand(page, 'Webhook Deliveries: Group by Task or Objective', 'Order sync');
    await page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: /\b\d+ deliver(?:y|ies)\b/ }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Webhook Deliveries: Go to Delivery');
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    const description = await first.innerText();
    const id = /(exe_[A-Za-z0-9_-]+|whd_[A-Za-z0-9_-]+|[A-Za-z0-9_]{20,})/.exec(description)?.[1];
    assert.ok(id, `the pick shows the delivery id (${description})`);
    await page.keyboard.press('Enter');
    await detailFrame(page, { deliveryId: id });
    const selected = page.locator(`${SIDEBAR} .monaco-list-row.selected`);
    await selected.waitFor({ timeout: 10_000 });
    assert.equal(await selected.getAttribute('aria-level'), '4', 'the selected row sits inside a group (provider › worker › group › delivery)');
    await product.screenshot('journey-grouped-go-to');
  });
});
