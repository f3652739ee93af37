// What both provider factories do with a ProviderConfig before any request: check the base
// URL and the key, and build the logger, retry policy and fetch every request goes through.
// A config that fails the checks becomes a ProviderError that each call rejects with, so
// the UI meets it where it meets every other failure.

import type { ProviderId } from '../model/delivery';
import { ProviderError } from '../model/errors';
import { assertSafeBaseUrl } from './baseUrl';
import { loggingFetch } from './http';
import { makeLog } from './log';
import type { RetryPolicy } from './retry';
import { retryPolicy } from './retry';
import type { ProviderConfig } from './types';

export interface Connection {
  readonly baseUrl: URL;
  readonly apiKey: string;
  readonly policy: RetryPolicy;
  readonly fetch: typeof fetch;
}

const PRODUCT: Readonly<Record<ProviderId, string>> = { handinger: 'Handinger', cadenya: 'Cadenya' };

export function connect(provider: ProviderId, config: ProviderConfig): Connection | ProviderError {
  let baseUrl: URL;
  try {
    baseUrl = assertSafeBaseUrl(config.baseUrl, provider);
  } catch (error) {
    if (error instanceof ProviderError) {
      return error;
    }
    throw error;
  }
  if (config.apiKey.trim() === '') {
    return new ProviderError('unauthorized', { provider, message: `No ${PRODUCT[provider]} API key is set. Set the key.` });
  }
  const log = makeLog(provider, config.apiKey, config.logger);
  return {
    baseUrl,
    apiKey: config.apiKey,
    policy: retryPolicy(provider, config, log),
    fetch: loggingFetch(config.fetch ?? globalThis.fetch, log),
  };
}

/** The client built from a good config, or the config's error thrown (a rejection in async callers). */
export function usable<T>(clientOrError: T | ProviderError): T {
  if (clientOrError instanceof ProviderError) {
    throw clientOrError;
  }
  return clientOrError;
}
