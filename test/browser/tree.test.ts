// The tree as a person uses it: click a worker open, load more, filter from the inline
// action, set a key from the command palette. Screenshots land in .artifacts/screenshots.
import * as assert from 'node:assert/strict';
import { startProduct, type Product } from './fixture';
import { openDeliveriesView, row, runCommand, scrollToRow, SIDEBAR } from './ui';

describe('Tree (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct();
    await openDeliveriesView(product.page, 'Order sync');
  });

  after(async function () {
    await product?.close();
  });

  it('expands a worker into deliveries with outcome icons, and Load more appends the next page', async function () {
    const { page } = product;
    await row(page, 'Order sync').click();
    const deliveries = page.locator('#workbench\\.parts\\.sidebar .monaco-list-row .codicon-pass, #workbench\\.parts\\.sidebar .monaco-list-row .codicon-error');
    await deliveries.first().waitFor({ timeout: 30_000 });
    await product.screenshot('tree-worker-expanded');
    const loadMore = await scrollToRow(page, 'Load more');
    const before = await loadMore.innerText();
    assert.match(before, /\d+ more/);
    const remaining = Number(/(\d+) more/.exec(before)?.[1]);
    await loadMore.click();
    // The next page lands above a new "Load more" that says 50 fewer remain.
    const after = await scrollToRow(page, `${remaining - 50} more`);
    assert.match(await after.innerText(), /Load more/);
    await product.screenshot('tree-load-more');
  });

  it('over a slow network, Load more runs the view\'s progress bar and leaves the rows as they are until the page is there', async function () {
    const { page } = product;
    const loadMore = await scrollToRow(page, 'Load more');
    const remaining = Number(/(\d+) more/.exec(await loadMore.innerText())?.[1]);
    const progress = page.locator(`${SIDEBAR} .monaco-progress-container.active`);
    product.sample.setLatency(2_500);
    try {
      await loadMore.click();
      await progress.first().waitFor({ state: 'visible', timeout: 2_000 });
      await product.screenshot('tree-load-more-reading');
      // The row still offers the same page: the click is answered by the bar, not by a re-drawn row.
      assert.match(await loadMore.innerText(), new RegExp(`Load more.*${remaining} more`, 's'));
      const after = await scrollToRow(page, `${remaining - 50} more`);
      assert.match(await after.innerText(), /Load more/);
      await progress.first().waitFor({ state: 'hidden', timeout: 5_000 });
    } finally {
      product.sample.setLatency(0);
    }
  });

  it('filters a worker to failed deliveries from its inline action', async function () {
    const { page } = product;
    const worker = row(page, 'Order sync');
    await worker.scrollIntoViewIfNeeded();
    await worker.hover();
    await worker.locator('.action-label[aria-label^="Filter Deliveries"]').click();
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Failed only' }).first().click();
    await page.waitForFunction(() => document.querySelector('#workbench\\.parts\\.sidebar')?.textContent?.includes('failed'));
    const sidebar = page.locator('#workbench\\.parts\\.sidebar');
    assert.equal(await sidebar.locator('.monaco-list-row .codicon-pass').count(), 0, 'no succeeded delivery is shown');
    assert.ok((await sidebar.locator('.monaco-list-row .codicon-error').count()) > 0);
    await product.screenshot('tree-filtered-failed');
    await worker.hover();
    await worker.locator('.action-label[aria-label^="Clear Filter"]').click();
    await sidebar.locator('.monaco-list-row .codicon-pass').first().waitFor();
  });

  it('sets a Cadenya key from the command palette, checked against the API', async function () {
    const { page } = product;
    await runCommand(page, 'Webhook Deliveries: Set API Key');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Cadenya' }).first().click();
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill('cdy_not_a_real_key');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-message').filter({ hasText: 'rejected this key' }).waitFor({ timeout: 30_000 });
    await product.screenshot('set-key-rejected');
    await input.fill(product.sample.cadenyaKey);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts').filter({ hasText: 'Cadenya API key saved' }).waitFor({ timeout: 30_000 });
    // The root no longer says the key comes from the environment.
    await page.keyboard.press('Escape');
    const cadenya = await scrollToRow(page, /^Cadenya/);
    for (let i = 0; i < 50 && (await cadenya.innerText()).includes('key from environment'); i++) {
      await page.waitForTimeout(100);
    }
    assert.doesNotMatch(await cadenya.innerText(), /key from environment/);
    await product.screenshot('set-key-saved');
  });
});
