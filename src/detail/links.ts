// URL decisions shared by the view model, the panel and the handler finder: which values may
// become links, and which path "Find Handler in Workspace" looks for (src/handler builds the
// route templates from it). Pure, so the rules are unit-tested.

import type { ProviderId } from '../model/delivery';

const LINK_SCHEMES = new Set(['https:', 'http:']);

/** The providers' own dashboard domains (handinger.com, v3.handinger.com; cadenya.com, api.cadenya.com). */
const DASHBOARD_DOMAINS: Readonly<Record<ProviderId, readonly string[]>> = { handinger: ['handinger.com'], cadenya: ['cadenya.com'] };

/**
 * The URL when it may open as the provider's dashboard: http(s), on the provider's own
 * domain or a subdomain of it, or on the host of the configured base URL (self-hosting, the
 * sample server). Any other address the API returns stays text.
 */
export function dashboardLink(text: string | undefined, provider: ProviderId, baseUrl?: string): string | undefined {
  const link = safeLink(text);
  if (link === undefined) {
    return undefined;
  }
  const host = new URL(link).hostname.toLowerCase();
  let baseHost: string | undefined;
  try {
    baseHost = baseUrl === undefined ? undefined : new URL(baseUrl).hostname.toLowerCase();
  } catch {
    baseHost = undefined;
  }
  const own = DASHBOARD_DOMAINS[provider].some((domain) => host === domain || host.endsWith(`.${domain}`));
  return own || (baseHost !== undefined && baseHost !== '' && host === baseHost) ? link : undefined;
}

/**
 * The URL, normalised, when it is an absolute http: or https: URL; undefined for anything
 * else (`javascript:`, `command:`, `data:`, relative or unparsable text), which stays text.
 */
export function safeLink(text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  const trimmed = text.trim();
  // Control characters and whitespace inside a URL are a spoofing device, not an address.
  // eslint-disable-next-line no-control-regex
  if (trimmed === '' || /[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(trimmed)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!LINK_SCHEMES.has(url.protocol) || url.hostname === '') {
    return undefined;
  }
  return url.href;
}

/**
 * The path of a target URL, as a handler's route would spell it: `/webhooks/handinger` for
 * `https://api.example.com/webhooks/handinger?env=prod` (no query, fragment, trailing slash,
 * escapes decoded). Undefined when the URL is not http(s) or has no path beyond `/`: then
 * there is no handler to find, and the panel's button is off.
 */
export function handlerSearchQuery(targetUrl: string | undefined): string | undefined {
  const link = safeLink(targetUrl);
  if (link === undefined) {
    return undefined;
  }
  let path = new URL(link).pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes: search for the path as written.
  }
  path = path.replace(/\/+$/, '');
  return path === '' ? undefined : path;
}
