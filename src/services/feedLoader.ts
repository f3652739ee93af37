// How a feed reads a page and seeks: through the provider the hub has for the current key and
// base URL, with the configured Cadenya page size. Kept out of src/model so the feed stays
// free of VS Code and settings.
import type { ProviderHub } from './providerHub';
import type { Container } from '../model/container';
import type { FeedSource } from '../model/feed';
import type { DeliveryProvider } from '../providers/types';
import { noKeyError } from '../model/feed';
import { cadenyaPageSize } from '../config/settings';

export function feedLoader(hub: ProviderHub): (container: () => Container) => FeedSource {
  return (container) => {
    const provider = async (): Promise<{ current: Container; provider: DeliveryProvider }> => {
      const current = container();
      const connected = current.provider === 'handinger' ? await hub.handinger() : await hub.cadenya();
      if (!connected) {
        throw noKeyError(current.provider);
      }
      return { current, provider: connected.provider };
    };
    return {
      read: async (continuation, filters, signal) => {
        const { current, provider: connected } = await provider();
        return connected.listDeliveries(current, { continuation, filters, limit: current.provider === 'cadenya' ? cadenyaPageSize() : undefined }, signal);
      },
      readMany: async (continuation, wanted, filters, signal) => {
        const { current, provider: connected } = await provider();
        return connected.readMany(current, { continuation, filters, wanted, limit: current.provider === 'cadenya' ? cadenyaPageSize() : undefined }, signal);
      },
      seek: async (request, signal) => {
        const { current, provider: connected } = await provider();
        return connected.seek(current, request, signal);
      },
    };
  };
}
