// Remote text stays text, checked in the DOM a person sees: tree rows of the hostile worker
// and agent, the quick picks that list them, and the warning a hostile deep link raises.
// No anchor and no codicon may come from remote text; a rendered command link would be an
// <a>, an `$(icon)` a .codicon inside the label.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startProduct, type Product } from './fixture';
import { formatLink } from '../../src/model/deliveryLink';
import { HOSTILE_STRINGS } from '../sample-server/corpus';
import { SAMPLE_IDS } from '../sample-server/data';
import { openDeliveriesView, runCommand, scrollToRow, SIDEBAR } from './ui';

/** Anchors and codicons inside the text parts (label, description) of these elements. */
async function activeParts(scope: Locator): Promise<{ anchors: number; codicons: number; texts: number }> {
  return scope.evaluateAll((elements) => {
    let anchors = 0;
    let codicons = 0;
    let texts = 0;
    for (const element of elements) {
      // The label's name and description, and a notification's message: where text goes.
      // (Row actions and notification buttons are anchors of the workbench's own.)
      for (const part of element.querySelectorAll('.label-name, .label-description, .notification-list-item-message')) {
        texts++;
        anchors += part.querySelectorAll('a').length;
        codicons += part.querySelectorAll('.codicon').length;
      }
    }
    return { anchors, codicons, texts };
  });
}

async function expand(page: Page, name: string | RegExp): Promise<void> {
  const target = await scrollToRow(page, name);
  if ((await target.getAttribute('aria-expanded')) !== 'true') {
    await target.click();
  }
}

describe('Remote text (browser)', function () {
  let product: Product;

  before(async function () {
    product = await startProduct();
    // Icon syntax where quick picks and tree rows would draw it: the event type and the error.
    product.sample.addCadenyaDelivery(SAMPLE_IDS.busyWorkspace, SAMPLE_IDS.hostileAgent, {
      status: 'WEBHOOK_DELIVERY_STATUS_FAILED',
      httpStatusCode: 500,
      eventType: '$(bug) [run](command:workbench.action.terminal.new)',
      errorMessage: '$(terminal) $(error) [Open a terminal](command:workbench.action.terminal.new) failed',
    });
    await openDeliveriesView(product.page, 'Hostile inputs');
  });

  after(async function () {
    await product?.close();
  });

  it('tree rows of the hostile worker and agent hold no anchor and no icon from their text', async function () {
    const { page } = product;
    await expand(page, /^Hostile inputs/);
    await expand(page, 'Production');
    await expand(page, /Hostile inputs <img/);
    await page.locator(`${SIDEBAR} .monaco-list-row .codicon-error, ${SIDEBAR} .monaco-list-row .codicon-pass`).first().waitFor({ timeout: 30_000 });
    const rows = page.locator(`${SIDEBAR} .monaco-list-row`);
    const parts = await activeParts(rows);
    assert.ok(parts.texts > 10, `${parts.texts} labels read`);
    assert.deepEqual({ anchors: parts.anchors, codicons: parts.codicons }, { anchors: 0, codicons: 0 });
    // The markup is shown as the characters it is made of.
    assert.ok((await page.locator(SIDEBAR).innerText()).includes('<img src=x onerror=alert("agent")>'));
    await product.screenshot('hostile-tree');
  });

  it('quick picks that list hostile names and deliveries hold no anchor and no icon from them', async function () {
    const { page } = product;
    for (const command of ['Webhook Deliveries: Go to Delivery', 'Webhook Deliveries: Filter Deliveries']) {
      await runCommand(page, command);
      const items = page.locator('.quick-input-list .monaco-list-row');
      await items.first().waitFor();
      if (command.endsWith('Go to Delivery')) {
        // Narrowed to the delivery whose event type and error carry icon syntax and a link.
        await page.locator('.quick-input-widget input').fill('Open a terminal');
        await page.waitForTimeout(300);
      }
      const parts = await activeParts(items);
      assert.ok(parts.texts > 0, `${command}: labels read`);
      assert.deepEqual({ anchors: parts.anchors, codicons: parts.codicons }, { anchors: 0, codicons: 0 }, command);
      if (command.endsWith('Go to Delivery')) {
        const shown = (await page.locator('.quick-input-list').innerText()).replace(/\u2060/g, '');
        assert.ok(shown.includes('$(terminal)') && shown.includes('$(bug)'), `the icon syntax is shown as text: ${shown}`);
      }
      await page.keyboard.press('Escape');
    }
  });

  it('a deep link naming a hostile worker id warns in plain text: no link, no icon, nothing runs', async function () {
    const { page } = product;
    const hostileId = `${HOSTILE_STRINGS[3]} $(terminal) **bold**`;
    const link = formatLink({ provider: 'handinger', containerId: hostileId, deliveryId: 'whe_01ABC' }, 'vscode', 'webhookdeliveries.webhook-deliveries');
    await runCommand(page, 'Webhook Deliveries: Open Delivery Link');
    const input = page.locator('.quick-input-widget input');
    await input.fill(link);
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'is not in your list' });
    await toast.waitFor({ timeout: 30_000 });
    const parts = await activeParts(toast);
    assert.deepEqual({ anchors: parts.anchors, codicons: parts.codicons }, { anchors: 0, codicons: 0 });
    const text = await toast.locator('.notification-list-item-message').innerText();
    assert.ok(text.includes('command:workbench.action.openSettings'), `the link text is shown as text: ${text}`);
    assert.equal(await page.locator('.settings-editor').count(), 0, 'no settings editor was opened');
    await product.screenshot('hostile-link-warning');
  });
});
