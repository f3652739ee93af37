// The official Handinger SDK, configured on purpose: key and base URL always passed (it
// would otherwise read HANDINGER_API_KEY / HANDINGER_BASE_URL), its logger off (it would
// otherwise follow HANDINGER_LOG), its retries off (ours cap Retry-After and tell a timeout
// from a cancel), redirects not followed (the key would follow them). Every result is
// returned as `unknown`: the SDK's types are a promise, not a check, and mapping.ts checks.

import type { Handinger } from '@ramensoft/handinger';
import { handingerSdk } from './sdk';
import { ProviderError } from '../../model/errors';
import { errorForStatus, malformed, networkError, serverMessage } from '../failures';
import { MAX_BODY_BYTES, assertValidId, capResponse, mediaType } from '../http';
import type { Connection } from '../connection';
import { isRetryable, parseRetryAfter, withRetries } from '../retry';

const silent = (): void => undefined;
const SILENT_LOGGER = { error: silent, warn: silent, info: silent, debug: silent };

/**
 * The fetch the SDK gets: every request carries exactly our two headers (the SDK would add
 * HANDINGER_CUSTOM_HEADERS from the environment after Authorization, able to replace it or
 * add its own, plus platform headers), and every body is capped as the Cadenya client's is.
 */
function exactFetch(options: Connection): typeof fetch {
  const headers = { Authorization: `Bearer ${options.apiKey}`, Accept: 'application/json' };
  return async (input, init) => capResponse(await options.fetch(input, { ...init, headers }), MAX_BODY_BYTES, 'handinger');
}

export class HandingerApi {
  private readonly sdk: Handinger;

  constructor(private readonly options: Connection) {
    this.sdk = new (handingerSdk().Handinger)({
      apiKey: options.apiKey,
      // The SDK appends `/api/…` to this: no trailing slash, and no query or fragment.
      baseURL: (options.baseUrl.origin + options.baseUrl.pathname).replace(/\/+$/, ''),
      maxRetries: 0,
      timeout: options.policy.timeoutMs,
      fetch: exactFetch(options),
      fetchOptions: { redirect: 'manual' },
      logLevel: 'off',
      logger: SILENT_LOGGER,
    });
  }

  /**
   * `GET /api/workers/{id}/webhook/executions?page=N` (1-based, 50 per page). With
   * `paced`, a 429 is thrown at once (with its Retry-After) for the caller to slow down.
   */
  listExecutions(workerId: string, page: number, signal?: AbortSignal, paced = false): Promise<unknown> {
    return this.call(
      `executions of a worker, page ${page}`,
      workerId,
      signal,
      (options) => this.sdk.workers.webhooks.listExecutions(workerId, { page }, options),
      paced ? (error) => error.kind !== 'rateLimited' && isRetryable(error) : isRetryable,
    );
  }

  /** `GET /api/workers/{id}`. */
  getWorker(workerId: string, signal?: AbortSignal): Promise<unknown> {
    return this.call('a worker', workerId, signal, (options) => this.sdk.workers.retrieve(workerId, {}, options));
  }

  /** `GET /api/tasks/{id}`. */
  getTask(taskId: string, signal?: AbortSignal): Promise<unknown> {
    return this.call('a task', taskId, signal, (options) => this.sdk.tasks.retrieve(taskId, options));
  }

  private async call(
    what: string,
    id: string,
    signal: AbortSignal | undefined,
    request: (options: Handinger.RequestOptions) => Promise<unknown>,
    retryable: (error: ProviderError) => boolean = isRetryable,
  ): Promise<unknown> {
    // The SDK would refuse these too, but only after building a request.
    assertValidId(id, 'handinger');
    return await withRetries(
      this.options.policy,
      `GET ${what}`,
      signal,
      // Awaiting the APIPromise reads and parses the body, so the deadline covers it too.
      (attemptSignal) => request({ signal: attemptSignal, maxRetries: 0 }),
      (error) => this.classify(error),
      retryable,
    );
  }

  /** The SDK's error classes (and what it lets through unwrapped) to ProviderError. */
  private classify(error: unknown): ProviderError {
    const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, HandingerError } = handingerSdk();
    if (error instanceof ProviderError) {
      return error;
    }
    if (error instanceof APIUserAbortError) {
      return new ProviderError('cancelled', { provider: 'handinger' });
    }
    if (error instanceof APIConnectionTimeoutError) {
      return new ProviderError('timeout', { provider: 'handinger' });
    }
    if (error instanceof APIConnectionError) {
      return networkError('handinger', error.cause);
    }
    if (error instanceof APIError) {
      // `instanceof` leaves the generic parameters as `any`; read them as what they are.
      const status: unknown = error.status;
      const headers: unknown = error.headers;
      const body: unknown = error.error;
      if (typeof status === 'number') {
        // Only the parsed body's message is used: the SDK's own message embeds the whole body.
        const header = (name: string): string | null => (headers instanceof Headers ? headers.get(name) : null);
        const type = mediaType(header('content-type'));
        // The SDK leaves `error` undefined when the body was not JSON.
        const foreign = body === undefined && type !== undefined && !type.includes('json');
        return errorForStatus(status, {
          provider: 'handinger',
          detail: serverMessage(body, this.options.apiKey),
          retryAfterMs: parseRetryAfter(header('retry-after')),
          foreignBody: foreign ? type : undefined,
        });
      }
    }
    if (error instanceof SyntaxError) {
      // The SDK parses a JSON content type with response.json(), which throws on a bad body.
      return malformed('handinger', 'the body is not valid JSON');
    }
    if (error instanceof HandingerError) {
      // Thrown before any request when an id cannot be a path segment (`..`, say).
      return new ProviderError('notFound', { provider: 'handinger', message: 'That id is not valid. Check the id.' });
    }
    // What remains is a transport failure surfacing while the body is read ("terminated").
    return networkError('handinger', error);
  }
}
