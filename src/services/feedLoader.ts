// How a feed reads a page and seeks: through the provider the hub has for the container's
// account (its key and base URL), with the configured Cadenya page size. Kept out of
// src/model so the feed stays free of VS Code and settings.
import type { ProviderHub } from './providerHub';
import type { Container } from '../model/container';
import type { DeliveryPage } from '../model/delivery';
import type { FeedSource } from '../model/feed';
import type { DeliveryProvider } from '../providers/types';
import { noKeyError } from '../model/feed';
import { cadenyaPageSize } from '../config/settings';
import { readOnIsCheaper as handingerReadOnIsCheaper } from '../providers/handinger/seek';
import { accountIdOf, DEFAULT_ACCOUNT_ID, inAccount } from '../model/accounts';

export function feedLoader(hub: ProviderHub): (container: () => Container) => FeedSource {
  return (container) => {
    const connect = async (): Promise<{ current: Container; provider: DeliveryProvider; accountId: string }> => {
      const current = container();
      const accountId = accountIdOf(current);
      const connected = await hub.connected(current.provider, accountId);
      if (!connected) {
        throw noKeyError(current.provider);
      }
      return { current, provider: connected.provider, accountId };
    };
    /** Deliveries of an account other than the default carry its id (links, panels, exports name it). */
    const tagged = (page: DeliveryPage, accountId: string): DeliveryPage =>
      accountId === DEFAULT_ACCOUNT_ID ? page : { ...page, items: page.items.map((delivery) => inAccount(delivery, accountId)) };
    return {
      read: async (continuation, filters, signal) => {
        const { current, provider, accountId } = await connect();
        const limit = current.provider === 'cadenya' ? cadenyaPageSize() : undefined;
        return tagged(await provider.listDeliveries(current, { continuation, filters, limit }, signal), accountId);
      },
      readBulk: async (continuation, filters, signal) => {
        const { current, provider, accountId } = await connect();
        return tagged(await provider.bulkPage(current, { continuation, filters }, signal), accountId);
      },
      readMany: async (continuation, wanted, filters, signal) => {
        const { current, provider, accountId } = await connect();
        const limit = current.provider === 'cadenya' ? cadenyaPageSize() : undefined;
        const reads = await provider.readMany(current, { continuation, filters, wanted, limit }, signal);
        return reads.map(({ requested, page }) => ({ requested, page: tagged(page, accountId) }));
      },
      seek: async (request, signal) => {
        const { current, provider, accountId } = await connect();
        const result = await provider.seek(current, request, signal);
        return { ...result, page: tagged(result.page, accountId) };
      },
      // Handinger seeks by binary search over every page. Cadenya's seek walks on from what is
      // loaded at up to 500 a page, never more requests than reading on: NEAR_BY_DELIVERIES decides.
      readOnIsCheaper: (between, total) => container().provider === 'handinger' && handingerReadOnIsCheaper(between, total),
    };
  };
}
