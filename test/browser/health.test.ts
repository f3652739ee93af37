// Delivery health on the handler's code as a person sees it in the browser: the Support triage
// worker expanded in the tree, its Express route file opened, the lens read above the route,
// the route hovered and its last deliveries listed, one opened in the detail panel. The
// screenshot of the lens and the hover lands in .artifacts/screenshots/route-health.png.
import * as assert from 'node:assert/strict';
import { startProduct, type Product } from './fixture';
import { detailFrame, row } from './ui';

describe('Delivery health on the handler (browser)', function () {
  let product: Product;

  before(async function () {
    // Hovers open below the line, so the picture shows the lens above the route as well.
    product = await startProduct({ settings: { 'editor.hover.above': false } });
    await product.page.locator('.activitybar [aria-label^="Webhook Deliveries"]').first().click();
    await row(product.page, 'Support triage').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await product.screenshot('route-health-failed');
    }
  });

  after(async function () {
    await product?.close();
  });

  it('shows the lens above the Express route, and a hover whose deliveries open in the panel', async function () {
    const { page } = product;
    await row(page, 'Support triage').click();
    await row(page, /^\s*(20\d|no response)/).waitFor({ timeout: 30_000 });

    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('services/crm/routes/handinger.js');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'handinger.js' }).first().waitFor();
    await page.keyboard.press('Enter');

    const editor = page.locator('.editor-group-container .monaco-editor').first();
    const lens = editor.locator('.contentWidgets .codelens-decoration, .codelens-decoration').filter({ hasText: 'Handinger · Support triage:' }).first();
    await lens.waitFor({ timeout: 30_000 });
    const lensText = (await lens.innerText()).replace(/\s+/g, ' ').trim();
    assert.match(lensText, /^Handinger · Support triage: \d+ failed of \d+ · p95 [\d.]+ m?s · last .+ \| Insights$/);

    const route = editor.locator('.view-line').filter({ hasText: "crm.post('/handinger/webhook'" }).locator('span span').filter({ hasText: '/handinger/webhook' }).first();
    await route.hover();
    const hover = page.locator('.monaco-hover .markdown-hover').filter({ hasText: 'Handinger · Support triage' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const links = hover.locator('a').filter({ hasText: / · \d+[smhd] ago$| · now ago$/ });
    assert.equal(await links.count(), 5, 'the five newest deliveries');
    // The language service's own hover part says "Loading…" for a moment; the picture is taken without it.
    await page.locator('.monaco-hover').filter({ hasText: 'Loading...' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await product.screenshot('route-health');

    const first = (await links.first().innerText()).trim();
    await links.first().click();
    const frame = await detailFrame(page);
    const shown = await frame.locator('body').innerText();
    assert.match(shown, new RegExp(first.split(' · ')[1] === 'no response' ? 'no response' : first.split(' · ')[1]!), `the panel shows the delivery (${first})`);
  });
});
