// The insights view as a person sees it: open it from a worker's inline action, read the
// figures and charts inside the webview frame, load more, click a bar (mouse and keyboard)
// and read the deliveries it lists, open one. Hostile data stays inert text. Screenshots in
// a light and a dark theme land in .artifacts/screenshots (insights-light.png, insights-dark.png).
import * as assert from 'node:assert/strict';
import type { Frame, Locator, Page } from 'playwright-core';
import { startProduct, type Product } from './fixture';
import { openDeliveriesView } from './ui';

function row(page: Page, name: string | RegExp): Locator {
  return page.locator('#workbench\\.parts\\.sidebar .monaco-list-row').filter({ hasText: name }).first();
}

/** The insights page of `name`, once it has drawn a model (a newer one than `after`, if given). */
async function insightsFrame(page: Page, name: string, after = 0): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame
        .evaluate(
          ([title, revision]) =>
            document.body?.dataset.ready === 'true' &&
            Number(document.body.dataset.revision) > revision &&
            document.querySelector('main[data-testid=insights] [data-testid=title]')?.textContent === title,
          [name, after] as const,
        )
        .catch(() => false);
      if (ready) {
        return frame;
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error('the insights page did not draw');
}

async function openInsights(page: Page, worker: string): Promise<Frame> {
  const target = row(page, worker);
  await target.waitFor({ timeout: 60_000 });
  await target.hover();
  await target.locator('.action-label[aria-label^="Show Insights"]').click();
  const frame = await insightsFrame(page, worker);
  await frame.locator('[data-testid=timeline-chart] .bar').first().waitFor({ timeout: 30_000 });
  return frame;
}

interface BarCounts {
  readonly failed: number;
  readonly succeeded: number;
  readonly other: number;
}

/** A time bar's counts, read from its accessible label ("…: 2 failed, 10 succeeded, 0 other"). */
function countsOf(label: string): BarCounts {
  const match = /: ([\d,]+) failed, ([\d,]+) succeeded, ([\d,]+) other$/.exec(label);
  assert.ok(match, `a bar label with counts: ${label}`);
  const number = (text: string | undefined) => Number((text ?? '').replace(/,/g, ''));
  return { failed: number(match[1]), succeeded: number(match[2]), other: number(match[3]) };
}

async function listedOutcomes(frame: Frame): Promise<string[]> {
  return frame.locator('[data-testid=list-rows] tr td:first-child').allInnerTexts();
}

async function openProduct(colorScheme: 'light' | 'dark'): Promise<Product> {
  const product = await startProduct({ colorScheme });
  await openDeliveriesView(product.page);
  return product;
}

/** Loads up to the next step from the page's own button; resolves with the page redrawn. */
async function loadMore(page: Page, frame: Frame, expected: RegExp): Promise<Frame> {
  const revision = Number(await frame.evaluate(() => document.body.dataset.revision));
  await frame.locator('[data-testid=load-more]').click();
  const next = await insightsFrame(page, 'Order sync', revision);
  await next.locator('[data-testid=loaded]').filter({ hasText: expected }).waitFor({ timeout: 30_000 });
  return next;
}

/** Checks the page, clicks the bar with the most failures and checks the list it shows. */
async function exercise(product: Product, scheme: 'light' | 'dark'): Promise<void> {
  const { page } = product;
  let frame = await openInsights(page, 'Order sync');
  assert.equal(await frame.locator('[data-testid=title]').innerText(), 'Order sync');
  assert.match(await frame.locator('[data-testid=loaded]').innerText(), /^50 deliveries loaded · more on the server$/);
  assert.match(await frame.locator('[data-testid=figure-successRate-value]').innerText(), /^\d+(\.\d)?%$/);
  assert.match(await frame.locator('[data-testid=figure-p95-value]').innerText(), /\d+(\.\d+)? (ms|sec)$/);
  assert.equal(await frame.locator('[data-testid=load-more]').innerText(), 'Load up to 100');

  frame = await loadMore(page, frame, /^100 deliveries loaded/);
  frame = await loadMore(page, frame, /^250 deliveries loaded/);

  // Every bar of the timeline is a labelled, focusable button with a tooltip.
  const bars = frame.locator('[data-testid=timeline-chart] .bar');
  const labels = await bars.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
  assert.ok(labels.length >= 5, `${labels.length} time bars`);
  const titles = await bars.evaluateAll((nodes) => nodes.map((node) => node.querySelector('title')?.textContent ?? ''));
  assert.deepEqual(titles, labels, 'each bar has a tooltip saying what its label says');
  const counts = labels.map(countsOf);
  const total = counts.reduce((sum, c) => sum + c.failed + c.succeeded + c.other, 0);
  assert.equal(total, 250, 'the bars add up to what is loaded');

  // Click the bar with the most failures: it lists exactly its deliveries.
  const worst = counts.reduce((best, c, index) => (c.failed > (counts[best]?.failed ?? -1) ? index : best), 0);
  const chosen = counts[worst]!;
  assert.ok(chosen.failed > 0, 'some bar has failures');
  await bars.nth(worst).click();
  await frame.locator('[data-testid=list-rows] tr').first().waitFor();
  const outcomes = await listedOutcomes(frame);
  assert.equal(outcomes.length, chosen.failed + chosen.succeeded + chosen.other);
  assert.equal(outcomes.filter((text) => /Failed/.test(text)).length, chosen.failed);
  assert.equal(await bars.nth(worst).getAttribute('aria-pressed'), 'true');
  const heading = await frame.locator('[data-testid=list-heading]').innerText();
  assert.ok(labels[worst]!.startsWith(`${heading}:`), `the list is headed by the bar's period (${heading})`);
  const rows = await frame.locator('[data-testid=list-rows] tr').evaluateAll((nodes) =>
    nodes.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
  for (const cells of rows) {
    assert.equal(cells.length, 5, 'outcome, status, delivery (event and id), time, latency');
    assert.match(cells[1]!, /^(\d{3}|No response)$/);
    assert.match(cells[2]!, /whe_[0-9A-Z]{26}$/, 'the id is shown');
  }

  // The status chart: a bar per code; "200 OK" lists only 200s.
  const ok = frame.locator('[data-testid=status-chart] .bar[data-key="s:200"]');
  const okCount = Number((await ok.locator('text').last().textContent())?.replace(/,/g, ''));
  await ok.click();
  await frame.locator('[data-testid=list-heading]').filter({ hasText: 'HTTP 200 OK' }).waitFor();
  const statuses = await frame.locator('[data-testid=list-rows] tr td:nth-child(2)').allInnerTexts();
  assert.equal(statuses.length, Math.min(okCount, 500));
  assert.ok(statuses.every((status) => status === '200'));

  // Keyboard: arrows move between time bars, Enter selects, Escape clears.
  await bars.nth(worst).focus();
  const neighbour = worst > 0 ? worst - 1 : worst + 1;
  await page.keyboard.press(worst > 0 ? 'ArrowLeft' : 'ArrowRight');
  await page.keyboard.press('Enter');
  const pressed = await bars.evaluateAll((nodes) => nodes.findIndex((node) => node.getAttribute('aria-pressed') === 'true'));
  assert.equal(pressed, neighbour, 'the neighbour of the worst bar is selected');
  await page.keyboard.press('Escape');
  await frame.locator('[data-testid=list-prompt]').waitFor();

  // Select the worst bar again for the screenshot, with its list under the charts.
  await bars.nth(worst).click();
  await frame.locator('[data-testid=list-rows] tr').first().waitFor();
  assert.match((await page.locator('.monaco-workbench').getAttribute('class')) ?? '', scheme === 'dark' ? /vs-dark/ : / vs /);
  await page.mouse.move(1270, 790);
  await frame.evaluate(() => window.scrollTo(0, 0));
  await product.screenshot(`insights-${scheme}`);
  await frame.evaluate(() => document.querySelector('[data-testid=list]')?.scrollIntoView({ block: 'start' }));
  await product.screenshot(`insights-${scheme}-list`);

  // A row opens its delivery in the detail panel.
  const idButton = frame.locator('[data-testid=list-rows] tr td.delivery button').first();
  const firstId = (await idButton.innerText()).trim();
  await idButton.click();
  const deadline = Date.now() + 30_000;
  let opened = false;
  while (!opened && Date.now() < deadline) {
    for (const candidate of page.frames()) {
      opened ||= await candidate.evaluate((id) => document.body?.dataset.deliveryId === id, firstId).catch(() => false);
    }
    await page.waitForTimeout(100);
  }
  assert.ok(opened, `the detail panel shows ${firstId}`);
}

describe('Browser insights view', function () {
  describe('insights for a busy worker, light theme', function () {
    let product: Product;
    before(async function () {
      product = await openProduct('light');
    });
    after(async function () {
      await product?.close();
    });

    it('draws the figures and charts, loads more, and lists the deliveries of a clicked bar', async function () {
      await exercise(product, 'light');
    });
  });

  describe('insights for a busy worker and hostile data, dark theme', function () {
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

    it('draws the figures and charts, loads more, and lists the deliveries of a clicked bar', async function () {
      await exercise(product, 'dark');
    });

    it('shows hostile titles and ids as inert text', async function () {
      const { page } = product;
      const frame = await openInsights(page, 'Hostile inputs');
      const bars = frame.locator('[data-testid=status-chart] .bar');
      for (let index = 0; index < (await bars.count()); index++) {
        await bars.nth(index).click();
        await frame.locator('[data-testid=list-rows] tr').first().waitFor();
        const injected = await frame.evaluate(() => ({
          scripts: document.querySelectorAll('#root script').length,
          images: document.querySelectorAll('#root img').length,
          svgs: document.querySelectorAll('#root svg').length,
          links: document.querySelectorAll('#root [href]').length,
          handlers: [...document.querySelectorAll('#root *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        }));
        assert.deepEqual(injected, { scripts: 0, images: 0, svgs: 2, links: 0, handlers: 0 }, 'only the two charts are SVG');
      }
      const text = await frame.locator('[data-testid=list-rows]').innerText();
      assert.ok(text.includes('<') || text.includes('[U+'), 'hostile text is shown literally');
      assert.deepEqual(dialogs, [], 'no script ran');
    });
  });
});
