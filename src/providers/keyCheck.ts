// Checking a new Handinger key with documented answers only. There is no endpoint that
// needs nothing but a key, so the key is tried on the workers the user added: 200 proves it,
// 401 rejects it, and 403 is documented as "valid key, no access to that worker". A 404 is
// not documented, so it proves nothing: the next worker is tried. With no worker to try (or
// only 404s) the key cannot be checked now; the caller saves it and says it will be checked
// on first use.

import { ProviderError } from '../model/errors';
import type { HandingerDeliveryProvider } from './types';

export type KeyCheck =
  | { readonly result: 'accepted' }
  /** Nothing documented to check it against: save it, check it on first use. */
  | { readonly result: 'unchecked' }
  /** Rejected ('unauthorized') or not checkable right now (network, server, …). */
  | { readonly result: 'failed'; readonly error: ProviderError };

/** Workers tried at most, so a long list of stale ids cannot turn one check into many requests. */
const MAX_WORKERS_TRIED = 3;

export async function checkHandingerKey(provider: HandingerDeliveryProvider, workerIds: readonly string[], signal?: AbortSignal): Promise<KeyCheck> {
  for (const id of workerIds.slice(0, MAX_WORKERS_TRIED)) {
    try {
      await provider.getWorker(id, signal);
      return { result: 'accepted' };
    } catch (error) {
      if (!(error instanceof ProviderError)) {
        throw error;
      }
      if (error.kind === 'forbidden') {
        return { result: 'accepted' };
      }
      if (error.kind !== 'notFound') {
        return { result: 'failed', error };
      }
    }
  }
  return { result: 'unchecked' };
}
