// The detail panel as a person sees it: click a delivery in the tree, read the page inside
// the webview frame, and check that hostile data from the API stays inert text. Screenshots
// in a light and a dark theme land in .artifacts/screenshots.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startProduct, type Product } from './fixture';
import { detailFrame, openDeliveriesView, row } from './ui';
import { HOSTILE_HEADERS, HOSTILE_STRINGS, HOSTILE_URL } from '../sample-server/corpus';

/** How the page shows control and bidi-override characters: as visible code points. */
function visible(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.charCodeAt(0);
      const hidden = code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
      return hidden ? `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]` : c;
    })
    .join('');
}

/** Clicks a tree row open (a click toggles; ArrowRight opens a row that stayed closed). */
async function expand(page: Page, name: string | RegExp): Promise<void> {
  const target = row(page, name);
  await target.waitFor({ timeout: 60_000 });
  await target.click();
  if ((await target.getAttribute('aria-expanded')) !== 'true') {
    await page.keyboard.press('ArrowRight');
  }
}

async function openProduct(colorScheme: 'light' | 'dark'): Promise<Product> {
  const product = await startProduct({ colorScheme });
  await openDeliveriesView(product.page);
  return product;
}

describe('Detail panel (browser)', function () {
  describe('a failed delivery, light theme', function () {
    let product: Product;
    before(async function () {
      product = await openProduct('light');
    });
    after(async function () {
      await product?.close();
    });

    it('clicking a failed delivery in the tree shows its status and error in the panel', async function () {
      const { page } = product;
      await expand(page, 'Order sync');
      const failed = page.locator('#workbench\\.parts\\.sidebar .monaco-list-row').filter({ has: page.locator('.codicon-error') }).first();
      await failed.waitFor({ timeout: 30_000 });
      const label = await failed.innerText();
      await failed.click();
      const frame = await detailFrame(page);
      const status = (await frame.locator('[data-testid=status]').innerText()).trim();
      const code = /^(\d{3})/.exec(label)?.[1];
      if (code) {
        assert.match(status, new RegExp(code));
      }
      assert.match(await frame.locator('[data-testid=outcome]').innerText(), /fail/i);
      const error = await frame.locator('[data-testid=error-message]').innerText();
      assert.ok(error.trim().length > 0, 'the error message is shown');
      assert.match((await page.locator('.monaco-workbench').getAttribute('class')) ?? '', / vs /, 'the light theme is on');
      await page.mouse.move(900, 700);
      await product.screenshot('detail-light');
    });
  });

  describe('hostile data, dark theme', function () {
    let product: Product;
    const dialogs: string[] = [];
    before(async function () {
      product = await openProduct('dark');
      product.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    });
    after(async function () {
      await product?.close();
    });

    it('renders markup, javascript: URLs and hostile headers as literal, inert text', async function () {
      const { page } = product;
      const workbenchUrl = page.url();
      await expand(page, /^Cadenya/);
      await expand(page, 'Production');
      await expand(page, 'Hostile inputs <img');
      const seen = new Set<string>();
      let sawJavascriptUrl = false;
      let previous: string | undefined;
      for (let index = 0; index < 3; index++) {
        const delivery = page
          .locator('#workbench\\.parts\\.sidebar .monaco-list-row')
          .filter({ has: page.locator('.codicon-error') })
          .nth(index);
        await delivery.click();
        const frame = await detailFrame(page, { previous });
        previous = await frame.evaluate(() => document.body.dataset.deliveryId);
        const error = await frame.locator('[data-testid=error-message]').innerText();
        assert.ok(HOSTILE_STRINGS.some((hostile) => error.includes(visible(hostile).slice(0, 20))), `error shown literally: ${error}`);
        seen.add(error);
        const headers = await frame.locator('[data-testid=headers-table]').innerText();
        assert.ok(headers.includes(HOSTILE_HEADERS.server!), 'a header value with <script> shows as text');
        const body = await frame.evaluate(() => document.body.innerText);
        sawJavascriptUrl ||= body.includes(HOSTILE_URL);
        const injected = await frame.evaluate(() => ({
          scripts: document.querySelectorAll('#root script').length,
          images: document.querySelectorAll('#root img').length,
          svgs: document.querySelectorAll('#root svg').length,
          javascriptLinks: document.querySelectorAll('[href^="javascript:" i]').length,
          handlers: [...document.querySelectorAll('#root *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        }));
        assert.deepEqual(injected, { scripts: 0, images: 0, svgs: 0, javascriptLinks: 0, handlers: 0 });
      }
      assert.ok(sawJavascriptUrl, 'the javascript: target URL is shown as text');
      assert.ok(seen.size >= 3, 'three different hostile deliveries were opened');
      // A click on the URL text must not navigate anywhere.
      const frame = await detailFrame(page);
      const url = frame.getByText(HOSTILE_URL).first();
      if (await url.count()) {
        await url.click();
      }
      await page.waitForTimeout(500);
      assert.equal(page.url(), workbenchUrl, 'no navigation');
      assert.deepEqual(dialogs, [], 'no script ran');
      assert.match((await page.locator('.monaco-workbench').getAttribute('class')) ?? '', /vs-dark/, 'the dark theme is on');
      await page.mouse.move(900, 700);
      await product.screenshot('detail-dark-hostile');
    });
  });
});
