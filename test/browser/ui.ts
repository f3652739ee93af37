// What a person does in the workbench, as the browser tests do it: find a tree row, scroll
// the virtualised tree to it, run a palette command (and pick in its quick pick), and find
// the detail page's frame once it rendered a delivery.
import type { Frame, Locator, Page } from 'playwright-core';

export const SIDEBAR = '#workbench\\.parts\\.sidebar';

export function row(page: Page, name: string | RegExp): Locator {
  return page.locator(`${SIDEBAR} .monaco-list-row`).filter({ hasText: name }).first();
}

/** Opens the Webhook Deliveries view from the activity bar, the mouse moved off its hover; waits for `firstRow` when given. */
export async function openDeliveriesView(page: Page, firstRow?: string): Promise<void> {
  await page.locator('.activitybar [aria-label^="Webhook Deliveries"]').first().click();
  await page.mouse.move(900, 600);
  if (firstRow !== undefined) {
    await row(page, firstRow).waitFor({ timeout: 60_000 });
  }
}

/** Scrolls the virtualised tree until a row is rendered (rows far away are not in the DOM). */
export async function scrollToRow(page: Page, name: string | RegExp, direction: 1 | -1 = 1): Promise<Locator> {
  const target = row(page, name);
  const tree = page.locator(`${SIDEBAR} .monaco-list`).first();
  // 60 turns of the wheel fell short once, when the list re-drew while it was scrolled.
  for (let i = 0; i < 150 && !(await target.isVisible()); i++) {
    await tree.hover();
    await page.mouse.wheel(0, 300 * direction);
    await page.waitForTimeout(50);
  }
  await target.waitFor();
  return target;
}

/** Runs a command from the palette by its title; clicks `pick` in the quick pick it opens. */
export async function runCommand(page: Page, title: string, pick?: string): Promise<void> {
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

/** The detail page's frame once it shows a delivery: `deliveryId`, or any but `previous`. */
export async function detailFrame(page: Page, wanted: { deliveryId?: string; previous?: string } = {}): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame
        .evaluate(
          ({ deliveryId, previous }) =>
            document.body?.dataset.ready === 'true' &&
            (deliveryId === undefined ? document.body.dataset.deliveryId !== previous : document.body.dataset.deliveryId === deliveryId),
          wanted,
        )
        .catch(() => false);
      if (ready) {
        return frame;
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`the detail panel did not render ${wanted.deliveryId ?? 'a delivery'}`);
}
