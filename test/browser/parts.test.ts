// A long list as a person meets it in the window: Load the Last 1,000 of a 30-day archive,
// see two parts of 500 (the newest open, the older one collapsed and labelled by its time
// span), open the older part, then click Load more and see the new page in a third part.
import * as assert from 'node:assert/strict';
import { screenshotIfFailed, startProduct, type Product } from './fixture';
import { openDeliveriesView, row, runCommand, SIDEBAR } from './ui';

describe('Long lists (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct();
    await openDeliveriesView(product.page, 'Ledger archive');
  });

  afterEach(async function () {
    await screenshotIfFailed(product, this.currentTest, 'parts');
  });

  after(async function () {
    await product?.close();
  });

  it('Load the Last 1,000 shows parts of 500; an older part opens; Load more lands in a new part', async function () {
    const { page } = product;
    await row(page, 'Ledger archive').click();
    await page.locator(`${SIDEBAR} .monaco-list-row .codicon-pass, ${SIDEBAR} .monaco-list-row .codicon-error`).first().waitFor({ timeout: 30_000 });

    await runCommand(page, 'Webhook Deliveries: Load the Last N Deliveries…', 'Ledger archive');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: /^1000/ }).first().click();

    // The newest part, open, right under the worker: its rows follow it one level deeper.
    const newest = row(page, /Newest/);
    await newest.waitFor({ timeout: 60_000 });
    assert.match(await newest.innerText(), /500 deliveries/);
    assert.equal(await newest.getAttribute('aria-expanded'), 'true');
    assert.equal(await newest.getAttribute('aria-level'), '3', 'provider › worker › part');
    const firstRow = page.locator(`${SIDEBAR} .monaco-list-row[aria-level="4"]`).first();
    assert.match(await firstRow.innerText(), /\d{3}|—/, 'a delivery row with its status');
    await product.screenshot('parts-newest-open');

    // Closing the newest part brings the older one up: collapsed, labelled by when its
    // deliveries ran. Opening it shows its rows; closing it again brings Load more up.
    await newest.click();
    await page.waitForFunction((sidebar) => {
      const rows = [...document.querySelectorAll(`${sidebar} .monaco-list-row[aria-level="3"]`)];
      return rows.some((r) => /Newest/.test(r.textContent ?? '') && r.getAttribute('aria-expanded') === 'false');
    }, SIDEBAR);
    const older = row(page, /^(?!Newest).*500 deliveries/);
    await older.waitFor();
    assert.equal(await older.getAttribute('aria-expanded'), 'false');
    assert.equal(await older.getAttribute('aria-level'), '3');
    assert.match(await older.innerText(), /\d{1,2}:\d{2}/);
    await older.click();
    await page.waitForFunction(
      (sidebar) => [...document.querySelectorAll(`${sidebar} .monaco-list-row[aria-expanded="true"][aria-level="3"]`)].length === 1,
      SIDEBAR,
    );
    // Its rows follow it, one level deeper, before Load more.
    await page.waitForFunction((sidebar) => {
      const rows = [...document.querySelectorAll(`${sidebar} .monaco-list-row`)];
      const open = rows.findIndex((r) => r.getAttribute('aria-level') === '3' && r.getAttribute('aria-expanded') === 'true');
      return open >= 0 && rows[open + 1]?.getAttribute('aria-level') === '4';
    }, SIDEBAR);
    await product.screenshot('parts-older-open');
    await older.click();

    // Load more: the next page is a third part of 50, opened to show it.
    const loadMore = row(page, 'Load more');
    await loadMore.waitFor();
    await loadMore.click();
    await page.waitForFunction((sidebar) => {
      const rows = [...document.querySelectorAll(`${sidebar} .monaco-list-row[aria-level="3"]`)];
      return rows.some((r) => /(?<!\d)50 deliveries/.test(r.textContent ?? '') && r.getAttribute('aria-expanded') === 'true');
    }, SIDEBAR);
    const third = row(page, /(?<!\d)50 deliveries/);
    assert.match(await third.innerText(), /\d{1,2}:\d{2}/);
    // Its rows follow it (VS Code asks for them once it is open).
    await page.waitForFunction((sidebar) => {
      const rows = [...document.querySelectorAll(`${sidebar} .monaco-list-row`)];
      const open = rows.findIndex((r) => /(?<!\d)50 deliveries/.test(r.textContent ?? '') && r.getAttribute('aria-expanded') === 'true');
      return open >= 0 && rows[open + 1]?.getAttribute('aria-level') === '4';
    }, SIDEBAR);
    await product.screenshot('parts-load-more');
  });
});
