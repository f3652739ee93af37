// How a feed reads a page: through the provider the hub has for the container's account (its
// key and base URL), with the configured Cadenya page size. Kept out of src/model so the feed
// stays free of VS Code and settings.
import type { ProviderHub } from './providerHub';
import type { Container } from '../model/container';
import type { FeedLoader } from '../model/feed';
import { noKeyError } from '../model/feed';
import { cadenyaPageSize } from '../config/settings';
import { accountIdOf, DEFAULT_ACCOUNT_ID, inAccount } from '../model/accounts';

export function feedLoader(hub: ProviderHub): (container: () => Container) => FeedLoader {
  return (container) => async (continuation, filters, signal) => {
    const current = container();
    const accountId = accountIdOf(current);
    const connected = await hub.connected(current.provider, accountId);
    if (!connected) {
      throw noKeyError(current.provider);
    }
    const page = await connected.provider.listDeliveries(
      current,
      { continuation, filters, limit: current.provider === 'cadenya' ? cadenyaPageSize() : undefined },
      signal,
    );
    return accountId === DEFAULT_ACCOUNT_ID ? page : { ...page, items: page.items.map((delivery) => inAccount(delivery, accountId)) };
  };
}
