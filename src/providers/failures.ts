// HTTP statuses and transport failures to ProviderError, shared by the SDK-based Handinger
// client and the fetch-based Cadenya client so both report the same kinds the same way.

import type { ProviderId } from '../model/delivery';
import { MAX_DETAIL_LENGTH, ProviderError, truncate } from '../model/errors';
import { redact } from './log';
import { isRecord } from './validate';

export interface StatusErrorContext {
  readonly provider: ProviderId;
  /** Server-provided explanation, already redacted. */
  readonly detail?: string;
  readonly retryAfterMs?: number;
  /** Media type of a non-empty body that is not JSON (an HTML page), when that is what came. */
  readonly foreignBody?: string;
}

export function errorForStatus(status: number, context: StatusErrorContext): ProviderError {
  const { provider, detail, retryAfterMs, foreignBody } = context;
  const common = { provider, detail, status };
  if (status === 401) {
    return new ProviderError('unauthorized', common);
  }
  if (status === 403) {
    return new ProviderError('forbidden', common);
  }
  if (status === 404) {
    return new ProviderError('notFound', common);
  }
  if (status === 408) {
    return new ProviderError('timeout', common);
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` Wait ${Math.ceil(retryAfterMs / 1000)} s, then try again.`;
    return new ProviderError('rateLimited', {
      ...common,
      retryAfterMs,
      message: `Too many requests.${wait || ' Wait, then try again.'}`,
    });
  }
  if (status >= 300 && status < 400) {
    // Redirects are not followed: the key would go along to wherever they point.
    return new ProviderError('invalidBaseUrl', {
      ...common,
      message: `The server answered with a redirect (HTTP ${status}). Set the base URL to the address the API really lives at.`,
    });
  }
  if (status >= 500 && foreignBody !== undefined) {
    // Not the API's answer but something in front of it (a proxy's error page).
    return new ProviderError('malformed', {
      ...common,
      message: `The server sent a response this extension cannot read (HTTP ${status}, ${foreignBody} instead of JSON). Try again later.`,
    });
  }
  if (status >= 500) {
    return new ProviderError('server', { ...common, message: `The server failed (HTTP ${status}). Try again later.` });
  }
  // Other 4xx: the request itself was refused (a bad filter value, say); retrying will not help.
  return new ProviderError('server', {
    ...common,
    action: 'none',
    message: `The server refused the request (HTTP ${status}).`,
  });
}

/**
 * The human-readable part of an error body: Handinger's `{ error }`, google.rpc's
 * `{ message }`, or `{ error: { message } }`. Bodies that are not JSON (an HTML error page)
 * give nothing: dumping them would only bury the message.
 */
export function serverMessage(body: unknown, apiKey: string): string | undefined {
  if (!isRecord(body)) {
    return undefined;
  }
  const nested = isRecord(body['error']) ? body['error']['message'] : undefined;
  const candidate = [body['error'], body['message'], nested].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return candidate === undefined ? undefined : truncate(redact(candidate, apiKey), MAX_DETAIL_LENGTH);
}

/** A failure below HTTP (refused, reset, DNS), with the system error code as detail when there is one. */
export function networkError(provider: ProviderId, error: unknown): ProviderError {
  return new ProviderError('network', { provider, detail: systemErrorCode(error), cause: error });
}

function systemErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; isRecordLike(current) && depth < 5; depth++) {
    if (typeof current['code'] === 'string') {
      return current['code'];
    }
    current = current['cause'];
  }
  return undefined;
}

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A 403 on a Handinger worker's history: documented as "valid key, no access to that worker"
 * (only the worker's creator may read its history), so the action is to remove the worker,
 * not to change the key. Keeps the server's message, which says why.
 */
export function notWorkerCreator(error: ProviderError): ProviderError {
  return new ProviderError('forbidden', {
    provider: error.provider,
    status: error.status,
    detail: error.detail,
    action: 'removeWorker',
    message: 'Only the creator of this worker may read its deliveries. Remove the worker, or use its creator\u2019s key.',
    cause: error,
  });
}

export function malformed(provider: ProviderId, what: string): ProviderError {
  return new ProviderError('malformed', { provider, detail: what });
}
