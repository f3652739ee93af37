// Where an API key may be sent: over TLS, or in clear only to this machine (the sample
// server). Checked before any request, so a bad setting never carries the key anywhere.

import type { ProviderId } from '../model/delivery';
import { ProviderError } from '../model/errors';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
// The URL parser normalises shorthand such as `127.1` to dotted quads before this runs.
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || IPV4_LOOPBACK.test(hostname);
}

/**
 * Parses a base URL and refuses it unless it is `https:`, or `http:` to a loopback
 * address. Credentials inside the URL are refused too: they would be sent alongside the key.
 * The error names the scheme and host only, never the whole string the user typed.
 */
export function assertSafeBaseUrl(baseUrl: string, provider?: ProviderId): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new ProviderError('invalidBaseUrl', {
      provider,
      message: 'The base URL is not a valid URL. Set it to https://… in the settings.',
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ProviderError('invalidBaseUrl', {
      provider,
      message: 'The base URL must not contain a user name or password.',
    });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) {
    throw new ProviderError('invalidBaseUrl', {
      provider,
      message: `Refused to send the API key to ${url.protocol}//${url.host}: the base URL must use https:, or http: to a loopback address.`,
    });
  }
  return url;
}

/** Joins an API path onto a base URL, keeping any path prefix the base URL has. */
export function joinUrl(base: URL, path: string): URL {
  const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  const url = new URL(base.href);
  url.pathname = prefix + path;
  url.search = '';
  url.hash = '';
  return url;
}
