// What a person sees: the activity-bar container opens and shows the providers.
import * as assert from 'node:assert/strict';
import { startProduct, type Product } from './fixture';

describe('Activity bar (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct();
  });

  after(async function () {
    await product?.close();
  });

  it('opens the Webhook Deliveries container from the activity bar and shows both providers', async function () {
    const { page } = product;
    await page.locator('.activitybar [aria-label^="Webhook Deliveries"]').first().click();
    const tree = page.locator('.pane-body [role="tree"]').filter({ hasText: 'Handinger' }).first();
    await tree.waitFor({ state: 'visible', timeout: 60_000 });
    await page.getByRole('treeitem', { name: /Cadenya/ }).first().waitFor({ timeout: 30_000 });
    const text = await tree.innerText();
    assert.match(text, /Handinger/);
    assert.match(text, /Cadenya/);
    await product.screenshot('activity-bar-container');
  });
});
