// How a feed reads a page: through the provider the hub has for the current key and base
// URL, with the configured Cadenya page size. Kept out of src/model so the feed stays free
// of VS Code and settings.
import type { ProviderHub } from './providerHub';
import type { Container } from '../model/container';
import type { FeedLoader } from '../model/feed';
import { noKeyError } from '../model/feed';
import { cadenyaPageSize } from '../config/settings';

export function feedLoader(hub: ProviderHub): (container: () => Container) => FeedLoader {
  return (container) => async (continuation, filters, signal) => {
    const current = container();
    const connected = current.provider === 'handinger' ? await hub.handinger() : await hub.cadenya();
    if (!connected) {
      throw noKeyError(current.provider);
    }
    return connected.provider.listDeliveries(
      current,
      { continuation, filters, limit: current.provider === 'cadenya' ? cadenyaPageSize() : undefined },
      signal,
    );
  };
}
