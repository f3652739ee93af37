// Timeouts, cancellation and bounded retries shared by both providers. The Handinger SDK's
// own retries are switched off in favour of these: its retry sleeps as long as Retry-After
// says (an hour, if the server says so), and it cannot tell a timeout from a cancel.

import type { ProviderId } from '../model/delivery';
import { ProviderError } from '../model/errors';
import type { LogFn } from './log';

export interface RetryPolicy {
  readonly provider: ProviderId;
  /** One attempt, from sending the request to the end of the body. */
  readonly timeoutMs: number;
  /** Attempts after the first one. */
  readonly maxRetries: number;
  /** Longest wait before a retry; a longer Retry-After fails at once with `retryAfterMs`. */
  readonly maxRetryWaitMs: number;
  /** First backoff when the server gives no Retry-After; doubles per retry. */
  readonly baseDelayMs: number;
  readonly log: LogFn;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RETRIES = 2;
export const MAX_RETRY_WAIT_MS = 10_000;
const BASE_DELAY_MS = 250;
const MAX_BACKOFF_MS = 8_000;

export function retryPolicy(
  provider: ProviderId,
  config: { timeoutMs?: number; maxRetries?: number },
  log: LogFn,
): RetryPolicy {
  return {
    provider,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: Math.max(0, Math.floor(config.maxRetries ?? DEFAULT_MAX_RETRIES)),
    maxRetryWaitMs: MAX_RETRY_WAIT_MS,
    baseDelayMs: BASE_DELAY_MS,
    log,
  };
}

/**
 * An AbortSignal that fires when the caller cancels or when `timeoutMs` passes, and
 * remembers which of the two it was.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private expired = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCancel = (): void => this.controller.abort();

  constructor(
    private readonly caller: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    this.signal = this.controller.signal;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, timeoutMs);
    caller?.addEventListener('abort', this.onCancel, { once: true });
    if (caller?.aborted) {
      this.controller.abort();
    }
  }

  /** The caller cancelled (checked first: a cancel racing the timer is still a cancel). */
  get cancelled(): boolean {
    return this.caller?.aborted === true;
  }

  get timedOut(): boolean {
    return this.expired && !this.cancelled;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCancel);
  }
}

export function cancelledError(provider: ProviderId): ProviderError {
  return new ProviderError('cancelled', { provider });
}

/** Waits `ms`, or rejects with a 'cancelled' error as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, provider: ProviderId): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError(provider));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError(provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as milliseconds from `now`: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** 429, 5xx and dropped connections are worth another attempt; timeouts are not (they would multiply the wait). */
export function isRetryable(error: ProviderError): boolean {
  switch (error.kind) {
    case 'rateLimited':
    case 'network':
      return true;
    case 'server':
      return error.status === undefined || error.status >= 500;
    case 'malformed':
      // A proxy's error page is as transient as the failure behind it; a bad 200 body is not.
      return error.status !== undefined && error.status >= 500;
    default:
      return false;
  }
}

function backoffMs(policy: RetryPolicy, retry: number): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** retry, MAX_BACKOFF_MS);
  // Up to 25 % less, so clients that failed together do not retry together.
  return Math.round(exponential * (1 - Math.random() * 0.25));
}

/**
 * Runs `attempt` under a per-attempt Deadline, retrying retryable failures with backoff
 * (or the server's Retry-After, when it is within `maxRetryWaitMs`). Whatever `attempt`
 * throws is turned into a ProviderError by `classify`, except that a fired deadline always
 * reads as 'cancelled' or 'timeout', whichever caused it.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  what: string,
  signal: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<T>,
  classify: (error: unknown) => ProviderError,
  /** Which failures are retried here; a caller that paces itself (bulk reads) may take 429s back. */
  retryable: (error: ProviderError) => boolean = isRetryable,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) {
      throw cancelledError(policy.provider);
    }
    const deadline = new Deadline(signal, policy.timeoutMs);
    let failure: ProviderError;
    try {
      return await attempt(deadline.signal);
    } catch (error) {
      if (deadline.cancelled) {
        throw cancelledError(policy.provider);
      }
      failure = deadline.timedOut
        ? new ProviderError('timeout', {
            provider: policy.provider,
            message: `The server did not answer within ${policy.timeoutMs} ms. Try again.`,
          })
        : classify(error);
    } finally {
      deadline.dispose();
    }
    if (!retryable(failure) || retry >= policy.maxRetries) {
      throw failure;
    }
    const wait = failure.retryAfterMs ?? backoffMs(policy, retry);
    if (wait > policy.maxRetryWaitMs) {
      // Sleeping that long would freeze the view; the caller shows the wait instead.
      throw failure;
    }
    policy.log(`${what}: ${failure.kind}${failure.status ? ` ${failure.status}` : ''}; retry ${retry + 1} of ${policy.maxRetries} in ${wait} ms`);
    await sleep(wait, signal, policy.provider);
  }
}
