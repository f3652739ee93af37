// The packaged extension as a user gets it: the VSIX installed with `--install-extension`
// into a fresh VS Code (server build) with no extension under development, then clicked
// through against the sample API server: the view, a worker's deliveries, the detail panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { startProduct, type Product } from '../browser/fixture';
import { PACKAGE_TIMEOUT_MS, packagedVsix } from './packaged';

const EXTENSION_FOLDER = 'webhookdeliveries.webhook-deliveries-';

function row(page: Page, name: string | RegExp): Locator {
  return page.locator('#workbench\\.parts\\.sidebar .monaco-list-row').filter({ hasText: name }).first();
}

/** The detail page's frame once it has rendered a delivery. */
async function detailFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false);
      if (ready) {
        return frame;
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the detail panel did not render a delivery');
}

describe('Installed from the VSIX (browser)', function () {
  this.timeout(180_000);
  let product: Product;

  before(async function () {
    this.timeout(PACKAGE_TIMEOUT_MS + 180_000);
    const { vsix } = await packagedVsix();
    product = await startProduct({ vsix });
  });

  after(async function () {
    await product?.close();
  });

  it('runs from the extensions folder, with no extension under development', function () {
    const installed = fs.readdirSync(product.extensionsDir).filter((name) => name.startsWith(EXTENSION_FOLDER));
    assert.equal(installed.length, 1, `one installed copy (${installed.join(', ')})`);
    const folder = path.join(product.extensionsDir, installed[0]!);
    assert.ok(fs.existsSync(path.join(folder, 'dist', 'extension.js')), 'the bundle is installed');
    assert.ok(!fs.existsSync(path.join(folder, 'src')) && !fs.existsSync(path.join(folder, 'node_modules')), 'only the packaged files are');
    const payload = new URL(product.page.url()).searchParams.get('payload') ?? '';
    assert.doesNotMatch(payload, /extensionDevelopmentPath/);
  });

  it("opens the view, lists a worker's deliveries, and shows one in the detail panel", async function () {
    const { page } = product;
    await page.locator('.activitybar [aria-label^="Webhook Deliveries"]').first().click();
    await page.mouse.move(900, 600); // away from the activity bar's hover
    const worker = row(page, 'Order sync');
    await worker.waitFor({ timeout: 60_000 });
    await worker.click();
    if ((await worker.getAttribute('aria-expanded')) !== 'true') {
      await page.keyboard.press('ArrowRight');
    }
    // A delivery row with an outcome icon and an HTTP status (not one that got no response).
    const delivery = page
      .locator('#workbench\\.parts\\.sidebar .monaco-list-row')
      .filter({ has: page.locator('.codicon-pass, .codicon-error') })
      .filter({ hasText: /^\s*\d{3} / })
      .first();
    await delivery.waitFor({ timeout: 30_000 });
    const label = await delivery.innerText();
    await delivery.click();

    const frame = await detailFrame(page);
    assert.ok(((await frame.evaluate(() => document.body.dataset.deliveryId)) ?? '').length > 0, 'the panel names its delivery');
    const code = /^(\d{3})/.exec(label.trim())?.[1];
    assert.ok(code, `the tree row shows an HTTP status (${label})`);
    assert.match(await frame.locator('[data-testid=status]').innerText(), new RegExp(code));
    assert.match(await frame.locator('[data-testid=outcome]').innerText(), /\w/);
    // `main { max-width: 1100px }` comes only from media/detail.css.
    const maxWidth = await frame.locator('main#root').evaluate((main) => getComputedStyle(main).maxWidth);
    assert.equal(maxWidth, '1100px', "the page's stylesheet loaded from the installed extension");
    await page.mouse.move(900, 700);
    await product.screenshot('vsix-installed-detail');
  });
});
