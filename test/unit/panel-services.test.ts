// "Refresh" and the related record, on the real providers against the sample server over HTTP.
import * as assert from 'node:assert/strict';
import type { Delivery } from '../../src/model/delivery';
import { isProviderError } from '../../src/model/errors';
import { createCadenyaProvider } from '../../src/providers/cadenya';
import { createHandingerProvider } from '../../src/providers/handinger';
import type { CadenyaDeliveryProvider, Container, HandingerDeliveryProvider } from '../../src/providers/types';
import { containerOf, detailPanelServices, findDelivery, MAX_REFRESH_PAGES } from '../../src/detail/services';
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import type { SampleServer } from '../sample-server/server';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const signal = new AbortController().signal;

describe('Detail panel services', function () {
  let server: SampleServer;
  let handinger: HandingerDeliveryProvider;
  let cadenya: CadenyaDeliveryProvider;
  const busyWorker: Container = { provider: 'handinger', kind: 'worker', id: SAMPLE_IDS.busyWorker, name: 'busy', raw: undefined };
  const busyAgent: Container = {
    provider: 'cadenya',
    kind: 'agent',
    id: SAMPLE_IDS.busyAgent,
    workspaceId: SAMPLE_IDS.busyWorkspace,
    name: 'busy',
    raw: undefined,
  };

  async function page(container: Container, pages: number): Promise<readonly Delivery[]> {
    const provider = container.provider === 'handinger' ? handinger : cadenya;
    let continuation: string | undefined;
    let items: readonly Delivery[] = [];
    for (let index = 0; index < pages; index++) {
      const result = await provider.listDeliveries(container, { continuation });
      items = result.items;
      continuation = result.continuation;
    }
    return items;
  }

  before(async function () {
    server = await startSampleServer({ now: NOW });
    handinger = createHandingerProvider({ baseUrl: server.url, apiKey: server.handingerKey, maxRetries: 0 });
    cadenya = createCadenyaProvider({ baseUrl: server.url, apiKey: server.cadenyaKey, maxRetries: 0 });
  });

  after(async function () {
    await server.close();
  });

  describe('Refresh', function () {
    it('reads a Handinger delivery again from the newest page', async function () {
      const [delivery] = await page(busyWorker, 1);
      assert.ok(delivery);
      assert.deepEqual(await findDelivery(handinger, delivery, signal), delivery);
    });

    it('reads an older Handinger delivery by walking back through the pages', async function () {
      const older = (await page(busyWorker, 4))[10];
      assert.ok(older);
      const before = server.requestLog.length;
      assert.deepEqual(await findDelivery(handinger, older, signal), older);
      assert.ok(server.requestLog.length - before >= 4, 'read pages 1 to 4');
    });

    it('answers undefined for a delivery that is gone, once the list is older than it', async function () {
      const real = (await page(busyWorker, 2))[5];
      assert.ok(real);
      const before = server.requestLog.length;
      assert.equal(await findDelivery(handinger, { ...real, id: 'whe_deleted' }, signal), undefined);
      assert.ok(server.requestLog.length - before <= 3, 'stops once past its time');
    });

    it('gives up with notFound beyond the newest pages rather than claiming it is gone', async function () {
      const real = (await page(busyWorker, 1))[0];
      assert.ok(real);
      // Older than the whole busy worker's history (52 pages): the walk never passes it.
      const ancient = { ...real, id: 'whe_ancient', time: Date.parse('2020-01-01T00:00:00Z') };
      await assert.rejects(findDelivery(handinger, ancient, signal), (error: unknown) => {
        return isProviderError(error) && error.kind === 'notFound' && error.message.includes(String(MAX_REFRESH_PAGES));
      });
    });

    it('reads a Cadenya delivery through its objective, in one request', async function () {
      const older = (await page(busyAgent, 3))[20];
      assert.ok(older?.related?.kind === 'objective');
      const before = server.requestLog.length;
      assert.deepEqual(await findDelivery(cadenya, older, signal), older);
      const requests = server.requestLog.slice(before);
      assert.equal(requests.length, 1);
      assert.match(requests[0]?.query ?? '', /objectiveId=/);
    });

    it('lists Handinger deliveries by worker and Cadenya ones by agent in their workspace', function () {
      const handingerDelivery = { provider: 'handinger', id: 'x', containerId: 'wrk_1', createdAt: '', time: 0, outcome: 'unknown', raw: {} } as const;
      assert.deepEqual(containerOf(handingerDelivery), { provider: 'handinger', kind: 'worker', id: 'wrk_1', name: 'wrk_1', raw: undefined });
      const cadenyaDelivery = { ...handingerDelivery, provider: 'cadenya', containerId: 'agent_1', workspaceId: 'ws_1' } as const;
      assert.equal(containerOf(cadenyaDelivery).workspaceId, 'ws_1');
      assert.throws(() => containerOf({ ...cadenyaDelivery, workspaceId: undefined }), (error: unknown) => isProviderError(error) && error.kind === 'notFound');
    });

    it('passes API failures on as ProviderError', async function () {
      const [delivery] = await page(busyWorker, 1);
      assert.ok(delivery);
      server.injectFault({ kind: '401', times: 1 });
      await assert.rejects(findDelivery(handinger, delivery, signal), (error: unknown) => isProviderError(error) && error.kind === 'unauthorized');
    });
  });

  describe('Services on a provider source', function () {
    it('loads the related task of a Handinger delivery', async function () {
      const services = detailPanelServices({ handinger: () => Promise.resolve({ provider: handinger }), cadenya: () => Promise.resolve({ provider: cadenya }) });
      const delivery = (await page(busyWorker, 1)).find((candidate) => candidate.related?.kind === 'task');
      assert.ok(delivery?.related);
      const related = await services.related(delivery, signal);
      assert.equal(related?.kind, 'task');
      assert.equal(related?.id, delivery.related.id);
      assert.match(related?.url ?? '', /^https:\/\//);
      assert.deepEqual(await services.refresh(delivery, signal), delivery);
    });

    it('says "unauthorized" when the provider has no key', async function () {
      const services = detailPanelServices({ handinger: () => Promise.resolve(undefined), cadenya: () => Promise.resolve(undefined) });
      const [delivery] = await page(busyAgent, 1);
      assert.ok(delivery);
      await assert.rejects(services.related(delivery, signal), (error: unknown) => isProviderError(error) && error.kind === 'unauthorized');
      await assert.rejects(services.refresh(delivery, signal), (error: unknown) => isProviderError(error) && error.kind === 'unauthorized');
    });
  });
});
