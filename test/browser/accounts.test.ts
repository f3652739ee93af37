// Two Handinger accounts as a person sees them: the default (renamed Production, on the
// product's sample server with the key from the environment) and Staging on a second sample
// server, set up in user settings, its key set from the palette. Each server sees only its key.
import * as assert from 'node:assert/strict';
import { startProduct, type Product } from './fixture';
import { keyFingerprint, SAMPLE_IDS, startSampleServer, type SampleServer } from '../sample-server/server';
import { openDeliveriesView, row, runCommand, SIDEBAR } from './ui';

const STAGING_KEY = 'hdg_live_staging_b7e21c';

describe('Accounts (browser)', function () {
  let staging: SampleServer;
  let product: Product;

  before(async function () {
    staging = await startSampleServer({ handingerKey: STAGING_KEY });
    product = await startProduct({
      settings: {
        'webhookDeliveries.handinger.defaultAccountName': 'Production',
        'webhookDeliveries.handinger.accounts': [
          { id: 'staging', name: 'Staging', baseUrl: staging.url, workers: [{ id: SAMPLE_IDS.tinyWorker, label: 'Staging digest' }] },
        ],
      },
    });
    await openDeliveriesView(product.page, 'Staging');
  });

  after(async function () {
    await product?.close();
    await staging?.close();
  });

  it('shows a provider\u2019s accounts as its rows, each listing its own workers with its own key', async function () {
    const { page } = product;
    assert.match(await row(page, /^Handinger/).innerText(), /2 accounts/);
    assert.match(await row(page, 'Production').innerText(), /key from environment \(HANDINGER_API_KEY\)/);
    assert.match(await row(page, 'Staging').innerText(), /no API key/);

    await runCommand(page, 'Webhook Deliveries: Set API Key', 'Staging');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    assert.match(await page.locator('.quick-input-widget').innerText(), /Handinger · Staging API key/);
    await input.fill(STAGING_KEY);
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts').filter({ hasText: 'Handinger · Staging API key saved' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    // The row no longer asks for a key.
    const stagingRow = row(page, 'Staging');
    for (let i = 0; i < 50 && (await stagingRow.innerText()).includes('no API key'); i++) {
      await page.waitForTimeout(100);
    }
    assert.doesNotMatch(await stagingRow.innerText(), /no API key/);

    await row(page, 'Staging').click();
    await row(page, 'Staging digest').click();
    await row(page, 'Production').click();
    await row(page, 'Order sync').waitFor({ timeout: 30_000 });
    const sidebar = page.locator(SIDEBAR);
    await sidebar.locator('.monaco-list-row .codicon-pass, .monaco-list-row .codicon-error').first().waitFor({ timeout: 30_000 });
    await page.mouse.move(900, 600);
    await product.screenshot('accounts-two-environments');

    const worker = `/api/workers/${SAMPLE_IDS.tinyWorker}/webhook/executions`;
    assert.ok(staging.requestLog.some((entry) => entry.path === worker && entry.status === 200), 'staging\u2019s worker was read from the staging server');
    assert.deepEqual([...new Set(staging.requestLog.map((entry) => entry.keyFingerprint))], [keyFingerprint(STAGING_KEY)]);
    assert.ok(
      product.sample.requestLog.every((entry) => entry.keyFingerprint !== keyFingerprint(STAGING_KEY)),
      'the production server never saw the staging key',
    );
    assert.ok(product.sample.requestLog.some((entry) => entry.keyFingerprint === keyFingerprint(product.sample.handingerKey)));
  });
});
