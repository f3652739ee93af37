// Deep links to one delivery: `vscode://webhookdeliveries.webhook-deliveries/delivery?…`
// naming the provider, the worker (Handinger) or the workspace and agent (Cadenya), the
// delivery id and the account's id. Building and reading them is pure, so a link from anywhere is checked here
// before the extension acts on it. No HTTP and no VS Code here.
import type { Delivery, ProviderId } from './delivery';
import { accountIdOf, isAccountId } from './accounts';

export const LINK_PATH = '/delivery';

export interface DeliveryLink {
  readonly provider: ProviderId;
  /** Handinger worker id or Cadenya agent id. */
  readonly containerId: string;
  /** Cadenya only. */
  readonly workspaceId?: string;
  readonly deliveryId: string;
  /** The account's id; absent in links copied before accounts existed (then the user may be asked). */
  readonly accountId?: string;
}

/** Longest id accepted from a link; real ids are far shorter. */
const MAX_ID_LENGTH = 200;

function usableId(value: string | null): value is string {
  // eslint-disable-next-line no-control-regex
  return value !== null && value.length > 0 && value.length <= MAX_ID_LENGTH && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value);
}

export function linkOf(delivery: Delivery): DeliveryLink | undefined {
  if (delivery.provider === 'cadenya' && delivery.workspaceId === undefined) {
    return undefined;
  }
  const link = { provider: delivery.provider, containerId: delivery.containerId, deliveryId: delivery.id };
  const placed = delivery.workspaceId === undefined || delivery.provider !== 'cadenya' ? link : { ...link, workspaceId: delivery.workspaceId };
  return { ...placed, accountId: accountIdOf(delivery) };
}

// VS Code hands a URI handler its query already percent-decoded once, so `&`, `=` or `%`
// inside an id would be indistinguishable from separators. Values are therefore encoded
// twice: after VS Code's decoding each one is still encoded once and splits cleanly. Plain
// ids (letters, digits, `_`, `-`) read the same either way.
const encodeValue = (value: string): string => encodeURIComponent(encodeURIComponent(value));

/** The query string of a link (without `?`), parameters in a fixed order. */
export function linkQuery(link: DeliveryLink): string {
  const pairs: [string, string][] = [['provider', link.provider]];
  if (link.provider === 'handinger') {
    pairs.push(['worker', link.containerId]);
  } else {
    pairs.push(['workspace', link.workspaceId ?? ''], ['agent', link.containerId]);
  }
  // The account before the delivery, so a link still ends with the delivery id as it did.
  if (link.accountId !== undefined) {
    pairs.push(['account', link.accountId]);
  }
  pairs.push(['delivery', link.deliveryId]);
  return pairs.map(([key, value]) => `${key}=${encodeValue(value)}`).join('&');
}

/** The full link for a URI scheme (`vscode`, `vscode-insiders`, …) and extension id. */
export function formatLink(link: DeliveryLink, scheme: string, extensionId: string): string {
  return `${scheme}://${extensionId}${LINK_PATH}?${linkQuery(link)}`;
}

export type LinkParse = { readonly ok: true; readonly link: DeliveryLink } | { readonly ok: false; readonly reason: string };

/** The parameters of a query decoded once (as a URI handler receives it); undefined when malformed. */
function readParams(query: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') {
      continue;
    }
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    try {
      params.set(key, decodeURIComponent(at < 0 ? '' : pair.slice(at + 1)));
    } catch {
      return undefined;
    }
  }
  return params;
}

/**
 * Reads a link's path and query as a URI handler receives them (decoded once). Every part
 * is checked: an unknown provider, a missing or oversized id, or control characters make
 * it invalid, with a reason for the user.
 */
export function parseLink(path: string, query: string): LinkParse {
  if (path.replace(/\/+$/, '') !== LINK_PATH) {
    return { ok: false, reason: `unknown link path "${path.slice(0, 40)}"` };
  }
  const params = readParams(query);
  if (!params) {
    return { ok: false, reason: 'the link is malformed' };
  }
  const get = (key: string): string | null => params.get(key) ?? null;
  const provider = get('provider');
  const delivery = get('delivery');
  if (!usableId(delivery)) {
    return { ok: false, reason: 'the link names no delivery' };
  }
  const accountId = get('account');
  if (accountId !== null && !isAccountId(accountId)) {
    return { ok: false, reason: 'the link names no valid account' };
  }
  const inAccount = accountId === null ? {} : { accountId };
  if (provider === 'handinger') {
    const worker = get('worker');
    return usableId(worker)
      ? { ok: true, link: { provider, containerId: worker, deliveryId: delivery, ...inAccount } }
      : { ok: false, reason: 'the link names no worker' };
  }
  if (provider === 'cadenya') {
    const workspace = get('workspace');
    const agent = get('agent');
    if (!usableId(workspace) || !usableId(agent)) {
      return { ok: false, reason: 'the link names no workspace and agent' };
    }
    return { ok: true, link: { provider, containerId: agent, workspaceId: workspace, deliveryId: delivery, ...inAccount } };
  }
  return { ok: false, reason: 'the link names no known provider' };
}

/**
 * Reads a whole link as text; it must be addressed to `extensionId`. Path and query are
 * decoded once first, as VS Code does before calling a URI handler.
 */
export function parseLinkText(text: string, extensionId: string): LinkParse {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'it is not a link' };
  }
  if (url.host.toLowerCase() !== extensionId.toLowerCase()) {
    return { ok: false, reason: 'it is not a Webhook Deliveries link' };
  }
  try {
    return parseLink(decodeURIComponent(url.pathname), decodeURIComponent(url.search.replace(/^\?/, '')));
  } catch {
    return { ok: false, reason: 'the link is malformed' };
  }
}
