// A small JSON-over-fetch client for APIs not reached through an SDK (Cadenya), plus the
// fetch helpers both providers use. Every request it makes: bearer key to a base URL that
// connection.ts has checked, redirects not followed, a per-attempt timeout that covers the
// body, bounded retries, a capped body size, and a body that is JSON or a 'malformed' error.

import type { ProviderId } from '../model/delivery';
import { ProviderError } from '../model/errors';
import { joinUrl } from './baseUrl';
import { errorForStatus, malformed, networkError, serverMessage } from './failures';
import type { LogFn } from './log';
import type { Connection } from './connection';
import { parseRetryAfter, withRetries } from './retry';
import { parseJson } from './validate';

/** A page of list data is well under this; anything larger is not an answer to our request. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Enough of an error body to find its message. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export type QueryValue = string | number | undefined;

export { assertSafeBaseUrl } from './baseUrl';

/**
 * Refuses ids that cannot be one path segment: empty and dot-only ids, which the URL
 * parser would resolve (`..`, even percent-encoded) and so send the request elsewhere.
 */
export function assertValidId(id: string, provider: ProviderId): void {
  if (/^(\.|%2e)*$/i.test(id)) {
    throw new ProviderError('notFound', { provider, message: `"${id}" is not a valid id. Check the id.` });
  }
}

/** An id as one percent-encoded path segment. */
export function pathSegment(id: string, provider: ProviderId): string {
  assertValidId(id, provider);
  return encodeURIComponent(id);
}

/**
 * Wraps fetch to log one line per request: method, path and query, status, time to
 * headers. Never headers or bodies, so the key cannot reach the log through here.
 */
export function loggingFetch(inner: typeof fetch, log: LogFn): typeof fetch {
  return async (input, init) => {
    const started = Date.now();
    const method = (init?.method ?? 'GET').toUpperCase();
    const target = describeTarget(input);
    try {
      const response = await inner(input, init);
      log(`${method} ${target} → ${response.status} (${Date.now() - started} ms)`);
      return response;
    } catch (error) {
      const reason = init?.signal?.aborted ? 'aborted' : 'failed';
      log(`${method} ${target} ${reason} after ${Date.now() - started} ms`);
      throw error;
    }
  };
}

const UTF8 = new TextDecoder();

function describeTarget(input: string | URL | Request): string {
  if (input instanceof URL) {
    return input.pathname + input.search;
  }
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    const url = new URL(href);
    return url.pathname + url.search;
  } catch {
    return '(unparsable URL)';
  }
}

/** Reads a body as text, giving up past `maxBytes` so a hostile server cannot exhaust memory. */
export async function readTextCapped(response: Response, maxBytes: number, provider: ProviderId): Promise<string> {
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  // Chunks are decoded once at the end: one flat string is cheaper for JSON.parse than a
  // long chain of concatenations.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return UTF8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw malformed(provider, `response larger than ${Math.round(maxBytes / 1024)} KiB`);
    }
    chunks.push(value);
  }
}

/** Statuses whose Response may not have a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The response with its body capped for a reader we do not control (an SDK): a declared
 * Content-Length over `maxBytes` fails the body at once, and a streamed body fails as soon
 * as its count passes `maxBytes`, so a hostile server cannot exhaust memory either way.
 * The failure is a 'malformed' ProviderError, as readTextCapped's.
 */
export function capResponse(response: Response, maxBytes: number, provider: ProviderId): Response {
  const body = response.body;
  if (!body || NULL_BODY_STATUSES.has(response.status)) {
    return response;
  }
  const tooLarge = (): ProviderError => malformed(provider, `response larger than ${Math.round(maxBytes / 1024)} KiB`);
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    void body.cancel().catch(() => undefined);
    return new Response(new ReadableStream<Uint8Array>({ start: (controller) => controller.error(tooLarge()) }), init);
  }
  let size = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          controller.error(tooLarge());
        } else {
          controller.enqueue(chunk);
        }
      },
    }),
  );
  return new Response(counted, init);
}

/** `text/html; charset=utf-8` → `text/html`. */
export function mediaType(contentType: string | null | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

export interface JsonClientOptions extends Connection {
  readonly provider: ProviderId;
}

export class JsonHttpClient {
  constructor(private readonly options: JsonClientOptions) {}

  /** GETs `path` (already percent-encoded) with the query, and returns the parsed JSON body. */
  getJson(path: string, query: Readonly<Record<string, QueryValue>>, signal?: AbortSignal): Promise<unknown> {
    const url = joinUrl(this.options.baseUrl, path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        url.searchParams.set(name, String(value));
      }
    }
    const { provider, policy } = this.options;
    return withRetries(
      policy,
      `GET ${url.pathname}`,
      signal,
      (attemptSignal) => this.attempt(url, attemptSignal),
      (error) => (error instanceof ProviderError ? error : networkError(provider, error)),
    );
  }

  private async attempt(url: URL, signal: AbortSignal): Promise<unknown> {
    const { provider, apiKey } = this.options;
    const response = await this.options.fetch(url, {
      method: 'GET',
      headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
      redirect: 'manual',
      signal,
    });
    const type = mediaType(response.headers.get('content-type'));
    if (!response.ok) {
      const text = await readTextCapped(response, MAX_ERROR_BODY_BYTES, provider).catch(() => '');
      const body = parseJson(text);
      throw errorForStatus(response.status, {
        provider,
        detail: body.ok ? serverMessage(body.value, apiKey) : undefined,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        foreignBody: !body.ok && text.trim() !== '' ? (type ?? 'text') : undefined,
      });
    }
    const text = await readTextCapped(response, MAX_BODY_BYTES, provider);
    const body = parseJson(text);
    if (!body.ok) {
      throw malformed(provider, `the body is not JSON${type ? ` (${type})` : ''}`);
    }
    return body.value;
  }
}
