// Finding a delivery in a month of them, in the real window: paste an id support sent into
// Go to Delivery…, pick the worker, and land on it with the skipped ones as one row; then
// set a 15-minute window three weeks back from the palette, typed in local time.
import * as assert from 'node:assert/strict';
import { screenshotIfFailed, startProduct, type Product } from './fixture';
import { SAMPLE_IDS } from '../sample-server/data';
import { detailFrame, openDeliveriesView, row, runCommand, scrollToRow, SIDEBAR } from './ui';

describe('Finding deliveries (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct();
    await openDeliveriesView(product.page, 'Ledger archive');
  });

  afterEach(async function () {
    await screenshotIfFailed(product, this.currentTest, 'find');
  });

  after(async function () {
    await product?.close();
  });

  it('pastes an id from page 150 into Go to Delivery…: the panel shows it, the skipped ones are one row', async function () {
    const { page, sample } = product;
    const executions = sample.dataset.executions.get(SAMPLE_IDS.archiveWorker) ?? [];
    const wanted = executions[149 * 50 + 12]!;
    await row(page, 'Ledger archive').click();
    await page.locator(`${SIDEBAR} .monaco-list-row .codicon-pass, ${SIDEBAR} .monaco-list-row .codicon-error`).first().waitFor({ timeout: 30_000 });

    await runCommand(page, 'Webhook Deliveries: Go to Delivery…');
    const input = page.locator('.quick-input-widget input');
    await input.fill(wanted.id);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'on the server' }).first().click();
    // Several Handinger workers could hold it: the person says which.
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Ledger archive' }).first().click();

    const frame = await detailFrame(page, { deliveryId: wanted.id });
    assert.match(await frame.locator('body').innerText(), new RegExp(wanted.id));
    const skipped = await scrollToRow(page, /deliveries skipped/, -1);
    assert.match(await skipped.innerText(), /7,400 deliveries skipped/);
    await product.screenshot('find-go-to-id');
  });

  it('sets a 15-minute window three weeks back from the palette: the node names it and shows only its rows', async function () {
    const { page, sample } = product;
    const executions = sample.dataset.executions.get(SAMPLE_IDS.archiveWorker) ?? [];
    const anchor = Date.parse(executions[170 * 50]!.createdAt);
    // Typed as the person would, in local time (the extension host's, this machine's).
    const fromMs = anchor - (anchor % 60_000) - 5 * 60_000;
    const local = (ms: number): string => {
      const d = new Date(ms);
      const two = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    };
    const expected = executions.filter((e) => Date.parse(e.createdAt) >= fromMs && Date.parse(e.createdAt) < fromMs + 15 * 60_000);
    assert.ok(expected.length > 0);

    await runCommand(page, 'Webhook Deliveries: Set Time Range…', 'Ledger archive');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'From… to…' }).first().click();
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget').filter({ hasText: 'From (your time zone' }).waitFor();
    await input.fill(local(fromMs));
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').filter({ hasText: 'To (your time zone' }).waitFor();
    await input.fill(local(fromMs + 14 * 60_000));
    await page.keyboard.press('Enter');

    const node = row(page, 'Ledger archive');
    await node.filter({ hasText: /\d{2}:\d{2}(?:–| – \w+ \d{1,2}, )\d{2}:\d{2}/ }).waitFor({ timeout: 30_000 });
    // Load more until the range's start (a window this small is one page).
    for (let i = 0; i < 5 && (await row(page, 'Load more').isVisible()); i++) {
      await row(page, 'Load more').click();
      await page.waitForTimeout(500);
    }
    await scrollToRow(page, 'Start of the time range');
    // The rows between the node and the one saying the range starts: the window's executions.
    const indexOf = async (name: string | RegExp): Promise<number> => Number(await row(page, name).getAttribute('data-index'));
    const last = await indexOf('Start of the time range');
    await scrollToRow(page, /Ledger archive/, -1);
    const shown = last - (await indexOf(/Ledger archive/)) - 1;
    assert.equal(shown, expected.length, `${shown} rows for ${expected.length} executions in the window`);
    await product.screenshot('find-time-range');
  });
  it('filters to 5xx or no response from the menu, saves it, and applies it to another worker', async function () {
    const { page } = product;
    await runCommand(page, 'Webhook Deliveries: Filter Deliveries…', 'Order sync');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Status classes' }).first().click();
    // A multi-select pick: tick two classes, then accept.
    for (const label of ['5xx: the handler failed', 'No response']) {
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first().click();
    }
    await page.keyboard.press('Enter');
    await row(page, 'Order sync').filter({ hasText: '5xx · no response' }).waitFor({ timeout: 30_000 });

    await runCommand(page, 'Webhook Deliveries: Save Filter As…', 'Order sync');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget').filter({ hasText: 'Save filter as' }).waitFor();
    await input.fill('Handler down');
    await page.keyboard.press('Enter');
    // The confirmation comes once the setting is written.
    await page.locator('.notification-toast').filter({ hasText: 'Saved the filter “Handler down”' }).waitFor({ timeout: 30_000 });

    await runCommand(page, 'Webhook Deliveries: Apply Saved Filter…', 'Support triage');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Handler down' }).first().click();
    const other = row(page, 'Support triage').filter({ hasText: '5xx · no response' });
    await other.waitFor({ timeout: 30_000 });
    assert.match(await other.innerText(), /5xx · no response/);
    await product.screenshot('find-saved-filter');
  });
});
