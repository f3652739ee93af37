// What the detail panel asks of the API, built on the providers. Neither API reads one
// delivery by id, so "Refresh" looks for it in the delivery list: Cadenya narrowed to the
// delivery's objective, Handinger newest first until the list is older than the delivery.
// No vscode import (the hub is only a type here): tested in Node against the sample server.
import type { Container } from '../model/container';
import type { Delivery } from '../model/delivery';
import { ProviderError } from '../model/errors';
import { accountIdOf, inAccount } from '../model/accounts';
import type { DeliveryProvider, DeliveryRequest, RelatedRecord } from '../providers/types';
import type { DetailPanelServices } from './deliveryPanel';

/** Pages read at most by one refresh (Handinger: 50 per page). */
export const MAX_REFRESH_PAGES = 20;

/** Where a delivery is listed: its worker, or its agent in its workspace. */
export function containerOf(delivery: Delivery): Container {
  if (delivery.provider === 'handinger') {
    return inAccount<Container>({ provider: 'handinger', kind: 'worker', id: delivery.containerId, name: delivery.containerId, raw: undefined }, accountIdOf(delivery));
  }
  if (delivery.workspaceId === undefined) {
    throw new ProviderError('notFound', { provider: 'cadenya', message: 'The delivery names no workspace, so it cannot be read again.' });
  }
  return inAccount<Container>(
    { provider: 'cadenya', kind: 'agent', id: delivery.containerId, workspaceId: delivery.workspaceId, name: delivery.containerId, raw: undefined },
    accountIdOf(delivery),
  );
}

/**
 * The current copy of `delivery` from the provider's list; undefined when the list has
 * moved past where it would be without it (it was deleted). Throws 'notFound' when it is
 * older than MAX_REFRESH_PAGES pages, which says nothing about whether it still exists.
 */
export async function findDelivery(provider: DeliveryProvider, delivery: Delivery, signal?: AbortSignal): Promise<Delivery | undefined> {
  const container = containerOf(delivery);
  const objectiveId = delivery.related?.kind === 'objective' ? delivery.related.id : undefined;
  const filters = objectiveId !== undefined && provider.supportedFilters.includes('objectiveId') ? { objectiveId } : undefined;
  let continuation: string | undefined;
  for (let page = 0; page < MAX_REFRESH_PAGES; page++) {
    const request: DeliveryRequest = { continuation, filters };
    const result = await provider.listDeliveries(container, request, signal);
    const found = result.items.find((candidate) => candidate.id === delivery.id);
    if (found) {
      return inAccount(found, accountIdOf(delivery));
    }
    const oldest = result.items.at(-1);
    const pastIt = oldest !== undefined && delivery.time > 0 && oldest.time > 0 && oldest.time < delivery.time;
    if (result.continuation === undefined || pastIt) {
      return undefined;
    }
    continuation = result.continuation;
  }
  throw new ProviderError('notFound', {
    provider: delivery.provider,
    message: `The delivery is older than the ${MAX_REFRESH_PAGES} newest pages, so it was not read again.`,
  });
}

/** The part of ProviderHub used here: a provider per id and account, undefined without a key. */
export interface ProviderSource {
  handinger(accountId?: string): Promise<{ readonly provider: DeliveryProvider } | undefined>;
  cadenya(accountId?: string): Promise<{ readonly provider: DeliveryProvider } | undefined>;
}

/** The client of the account the delivery was read with: never another account's key. */
async function providerFor(source: ProviderSource, delivery: Delivery): Promise<DeliveryProvider> {
  const accountId = accountIdOf(delivery);
  const connected = delivery.provider === 'handinger' ? await source.handinger(accountId) : await source.cadenya(accountId);
  if (!connected) {
    throw new ProviderError('unauthorized', { provider: delivery.provider });
  }
  return connected.provider;
}

/** The panel's services on the extension's providers (pass the ProviderHub). */
export function detailPanelServices(source: ProviderSource): DetailPanelServices {
  return {
    async refresh(delivery, signal) {
      return findDelivery(await providerFor(source, delivery), delivery, signal);
    },
    async related(delivery, signal): Promise<RelatedRecord | undefined> {
      return (await providerFor(source, delivery)).getRelated(delivery, signal);
    },
  };
}
