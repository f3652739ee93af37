// The few kinds of failure a user can act on. Every provider error ends as a ProviderError
// so the UI decides what to show from `kind` and `action` alone; `message` is plain
// English for logs and as a fallback (the UI localises by kind).

import type { ProviderId } from './delivery';

export type ErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'invalidBaseUrl'
  | 'cancelled';

/**
 * What the user should do next; the UI turns it into a button or a hint. 'removeWorker':
 * the key is fine but the worker is someone else's (Handinger: only its creator may read its
 * history), so the useful step is to stop asking for it.
 */
export type ErrorAction = 'setKey' | 'retry' | 'waitAndRetry' | 'checkId' | 'openSettings' | 'removeWorker' | 'none';

export interface ProviderErrorOptions {
  /** Replaces the default message for the kind. */
  readonly message?: string;
  /** Text from the server, appended to the message after truncation. */
  readonly detail?: string;
  readonly action?: ErrorAction;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly provider?: ProviderId;
  readonly cause?: unknown;
}

const DEFAULTS: Readonly<Record<ErrorKind, { message: string; action: ErrorAction }>> = {
  unauthorized: { message: 'The API key is missing or was rejected. Set a valid key.', action: 'setKey' },
  forbidden: {
    message: 'The API key is valid but has no access to this resource. Use a key that has access.',
    action: 'setKey',
  },
  notFound: { message: 'Not found. Check the id.', action: 'checkId' },
  rateLimited: { message: 'Too many requests. Wait, then try again.', action: 'waitAndRetry' },
  server: { message: 'The server failed to answer the request. Try again later.', action: 'retry' },
  network: { message: 'Could not reach the server. Check the connection and the base URL.', action: 'retry' },
  timeout: { message: 'The server took too long to answer. Try again.', action: 'retry' },
  malformed: { message: 'The server sent a response this extension cannot read.', action: 'retry' },
  invalidBaseUrl: {
    message: 'The base URL must use https:, or http: to a loopback address.',
    action: 'openSettings',
  },
  cancelled: { message: 'The request was cancelled.', action: 'none' },
};

/** Longest server-provided text kept in a message: enough to explain, never a whole page. */
export const MAX_DETAIL_LENGTH = 300;

export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly action: ErrorAction;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly provider?: ProviderId;
  /** The server's own explanation, one line and at most MAX_DETAIL_LENGTH characters; remote text. */
  readonly detail?: string;

  constructor(kind: ErrorKind, options: ProviderErrorOptions = {}) {
    const base = options.message ?? DEFAULTS[kind].message;
    const detail = options.detail === undefined ? '' : truncate(options.detail.trim(), MAX_DETAIL_LENGTH);
    super(detail ? `${base} (${detail})` : base, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.action = options.action ?? DEFAULTS[kind].action;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
    this.detail = detail || undefined;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/** Cuts text to `max` characters (ellipsis included) on one line. */
export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
