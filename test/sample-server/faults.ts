// Fault injection for the sample API server: makes chosen requests fail the way real
// servers, proxies and networks fail, so clients can be tested against each failure.
//
// SELECTING A FAULT. A request gets at most one fault; the first mechanism that applies wins,
// in this order:
//   1. Programmatic queue: `server.injectFault(rule)` in the same process, or over HTTP
//      `POST /__control/faults` with a JSON FaultRule body (`DELETE /__control/faults`
//      clears the queue; `server.clearFaults()` likewise). A rule applies to the next
//      `times` (default 1) API requests that match it: whose path contains `pathIncludes`
//      and is exactly `path` (query aside), each only when given; default: any.
//   2. Query flag: `__fault=<kind>` on any API request, e.g. `?page=2&__fault=429`.
//      An unknown kind is answered with 400 so a typo does not pass silently.
//   3. API key: the Bearer token `fault-<kind>` (e.g. `fault-503`) is accepted as valid by
//      both APIs, and every request made with it fails that way.
//   4. Id in the path: any path segment containing `fault-<kind>` (a worker, workspace,
//      agent, task or objective id such as `wrk_fault-500` or `agent_fault-429`) makes every
//      request to that path fail that way. The id need not exist in the dataset; for `slow`
//      the eventual answer is served as if the id named a real worker/workspace/agent.
// Whatever selected the fault, the query parameters `__delayMs=N` and `__retryAfter=N`
// override its delay (`slow`) and its Retry-After seconds (`429`); `__retryAfterDate=1` (or
// the rule's `retryAfterDate: true`) sends that wait as an HTTP date instead of seconds, as
// RFC 9110 allows and some servers and proxies do. Control endpoints (/__control/…) are
// never faulted.
//
// WHAT EACH KIND DOES.
//   401 403 404 500 503  that status with the API's own error body: Handinger
//                        `{ "error": "…" }`, Cadenya google.rpc Status
//                        `{ "code": <gRPC code>, "message": "…", "details": [] }`.
//   429           429, `Retry-After` header (default 1 s) and the API's error body.
//   slow          waits (default 1500 ms) and then answers normally.
//   hang          sends 200 and JSON headers plus the first bytes of a body, then never
//                 finishes; the socket stays open until the client gives up or the server
//                 closes.
//   malformed     200, `content-type: application/json`, a truncated JSON body.
//   html          502 with a `text/html` error page, as a reverse proxy produces.
//   wrong-shape   200 with valid JSON of the wrong shape (lists are strings, …).
//   reset         destroys the connection (TCP RST) without any response.

import type { ServerResponse } from 'node:http';
import type { ApiFlavor } from './http';
import { errorBody, sendJson } from './http';

export const FAULT_KINDS = ['401', '403', '404', '429', '500', '503', 'slow', 'hang', 'malformed', 'html', 'wrong-shape', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** How many matching requests the rule applies to; default 1. */
  times?: number;
  /** Only requests whose path contains this string match; default: every API request. */
  pathIncludes?: string;
  /**
   * Only requests to exactly this path (query aside) match: `/v1/workspaces` is the list of
   * workspaces and not an agent's deliveries under `/v1/workspaces/…`.
   */
  path?: string;
  /** For 429 (and 503 if given): the Retry-After header; default 1. */
  retryAfterSeconds?: number;
  /**
   * Send Retry-After as an HTTP date (now + the seconds, e.g. `Wed, 02 Dec 2026 17:00:07 GMT`)
   * instead of delta-seconds. For 429, and for 503 (which then gets the default 1 s too).
   */
  retryAfterDate?: boolean;
  /** For slow: how long to wait before answering; default 1500. */
  delayMs?: number;
}

export type FaultSource = 'programmatic' | 'query' | 'key' | 'id';

/** A fault chosen for one request, with its parameters resolved. */
export interface SelectedFault {
  kind: FaultKind;
  source: FaultSource;
  delayMs: number;
  /** Undefined: no Retry-After header (except 429, which defaults to 1). */
  retryAfterSeconds: number | undefined;
  /** Retry-After as an HTTP date rather than seconds. */
  retryAfterDate: boolean;
}

export const DEFAULT_SLOW_DELAY_MS = 1500;
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

/** `fault-<kind>` as an API key: the kind, or undefined. */
export function faultKindOfKey(token: string | undefined): FaultKind | undefined {
  const kind = token?.startsWith('fault-') ? token.slice('fault-'.length) : undefined;
  return isFaultKind(kind) ? kind : undefined;
}

/** Longest kinds first so that no kind is mistaken for a prefix of another. */
const ID_PATTERN = new RegExp(`fault-(${[...FAULT_KINDS].sort((a, b) => b.length - a.length).join('|')})`);

/** The kind named by a `fault-<kind>` id among the path segments, or undefined. */
export function faultKindInSegments(segments: readonly string[]): FaultKind | undefined {
  for (const segment of segments) {
    const kind = ID_PATTERN.exec(segment)?.[1];
    if (isFaultKind(kind)) {
      return kind;
    }
  }
  return undefined;
}

export function isFaultId(id: string): boolean {
  return faultKindInSegments([id]) !== undefined;
}

/** Validates a FaultRule from untrusted JSON; returns an error message or the rule. */
export function parseFaultRule(value: unknown): FaultRule | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'fault rule must be a JSON object';
  }
  const record = value as Record<string, unknown>;
  const known = new Set(['kind', 'times', 'pathIncludes', 'path', 'retryAfterSeconds', 'retryAfterDate', 'delayMs']);
  const unknown = Object.keys(record).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    return `unknown fault rule field(s): ${unknown.join(', ')}`;
  }
  if (!isFaultKind(record.kind)) {
    return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  }
  const rule: FaultRule = { kind: record.kind };
  for (const key of ['times', 'retryAfterSeconds', 'delayMs'] as const) {
    const number = record[key];
    if (number === undefined) {
      continue;
    }
    if (typeof number !== 'number' || !Number.isInteger(number) || number < (key === 'times' ? 1 : 0)) {
      return `${key} must be a ${key === 'times' ? 'positive' : 'non-negative'} integer`;
    }
    rule[key] = number;
  }
  if (record.retryAfterDate !== undefined) {
    if (typeof record.retryAfterDate !== 'boolean') {
      return 'retryAfterDate must be a boolean';
    }
    rule.retryAfterDate = record.retryAfterDate;
  }
  for (const key of ['pathIncludes', 'path'] as const) {
    const text = record[key];
    if (text === undefined) {
      continue;
    }
    if (typeof text !== 'string') {
      return `${key} must be a string`;
    }
    rule[key] = text;
  }
  return rule;
}

/** The programmatic queue: rules are used up by the requests they match, oldest rule first. */
export class FaultQueue {
  private readonly rules: Array<{ rule: FaultRule; remaining: number }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule: { ...rule }, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** Takes one use of the first rule matching the path. */
  take(path: string): FaultRule | undefined {
    const index = this.rules.findIndex(
      ({ rule }) => (rule.pathIncludes === undefined || path.includes(rule.pathIncludes)) && (rule.path === undefined || path === rule.path),
    );
    const entry = this.rules[index];
    if (!entry) {
      return undefined;
    }
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.rules.splice(index, 1);
    }
    return entry.rule;
  }

  get pending(): ReadonlyArray<Readonly<FaultRule> & { remaining: number }> {
    return this.rules.map(({ rule, remaining }) => ({ ...rule, remaining }));
  }
}

export interface FaultRequest {
  path: string;
  segments: readonly string[];
  query: URLSearchParams;
  token: string | undefined;
}

export class UnknownFaultKindError extends Error {}

/** Chooses the fault for a request (see the header comment for the order), or none. */
export function selectFault(queue: FaultQueue, request: FaultRequest): SelectedFault | undefined {
  const chosen = chooseFault(queue, request);
  if (!chosen) {
    return undefined;
  }
  return {
    kind: chosen.rule.kind,
    source: chosen.source,
    delayMs: queryInteger(request.query, '__delayMs') ?? chosen.rule.delayMs ?? DEFAULT_SLOW_DELAY_MS,
    retryAfterSeconds: queryInteger(request.query, '__retryAfter') ?? chosen.rule.retryAfterSeconds,
    retryAfterDate: request.query.get('__retryAfterDate') === '1' || chosen.rule.retryAfterDate === true,
  };
}

function chooseFault(queue: FaultQueue, request: FaultRequest): { rule: FaultRule; source: FaultSource } | undefined {
  const queued = queue.take(request.path);
  if (queued) {
    return { rule: queued, source: 'programmatic' };
  }
  const flag = request.query.get('__fault');
  if (flag !== null) {
    if (!isFaultKind(flag)) {
      throw new UnknownFaultKindError(`unknown __fault kind "${flag}"; expected one of ${FAULT_KINDS.join(', ')}`);
    }
    return { rule: { kind: flag }, source: 'query' };
  }
  const keyKind = faultKindOfKey(request.token);
  if (keyKind) {
    return { rule: { kind: keyKind }, source: 'key' };
  }
  const idKind = faultKindInSegments(request.segments);
  if (idKind) {
    return { rule: { kind: idKind }, source: 'id' };
  }
  return undefined;
}

function queryInteger(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || !/^\d+$/.test(text)) {
    return undefined;
  }
  return Number(text);
}

const STATUS_MESSAGES: Readonly<Record<string, string>> = {
  '401': 'Invalid API key',
  '403': 'You do not have access to this resource',
  '404': 'Not found',
  '429': 'Rate limit exceeded, retry later',
  '500': 'Internal server error',
  '503': 'Service temporarily unavailable',
};

/** Truncated bodies that start like the real thing. */
const MALFORMED_BODIES: Readonly<Record<ApiFlavor, string>> = {
  handinger: '{"logs":[{"id":"whe_01K8F3W2SZJ8MJ2FQTR3M1K9D","createdAt":"2026-11-2',
  cadenya: '{"items":[{"data":{"agentId":"agent_01K63TW6ADAG424P8A225GYWJA","status":"WEBHOOK_DELIVERY_ST',
};

const WRONG_SHAPE_BODIES: Readonly<Record<ApiFlavor, unknown>> = {
  handinger: { data: 'unexpected', logs: 'not-an-array', page: '1', pageCount: null, error: { nested: true } },
  cadenya: { data: 'unexpected', items: 'not-an-array', pagination: 'none', code: 'OK' },
};

const PROXY_ERROR_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/**
 * Answers a request with a fault. `slow` is not handled here (the server waits, then
 * answers normally). Returns the HTTP status sent, 0 when none was (reset).
 */
export function respondWithFault(res: ServerResponse, fault: SelectedFault, flavor: ApiFlavor): number {
  switch (fault.kind) {
    case '401':
    case '403':
    case '404':
    case '500':
    case '503':
    case '429': {
      const status = Number(fault.kind);
      const withDefault = status === 429 || (status === 503 && fault.retryAfterDate);
      const retryAfter = fault.retryAfterSeconds ?? (withDefault ? DEFAULT_RETRY_AFTER_SECONDS : undefined);
      // An HTTP date has one-second resolution: rounded up so the wait is never shorter than asked.
      const value = retryAfter === undefined ? undefined : fault.retryAfterDate ? retryAfterDate(retryAfter) : String(retryAfter);
      const headers: Record<string, string> = value === undefined ? {} : { 'retry-after': value };
      sendJson(res, status, errorBody(flavor, status, STATUS_MESSAGES[fault.kind] ?? 'Error'), headers);
      return status;
    }
    case 'malformed':
      sendRaw(res, 200, 'application/json; charset=utf-8', MALFORMED_BODIES[flavor]);
      return 200;
    case 'html':
      sendRaw(res, 502, 'text/html; charset=utf-8', PROXY_ERROR_PAGE);
      return 502;
    case 'wrong-shape':
      sendJson(res, 200, WRONG_SHAPE_BODIES[flavor]);
      return 200;
    case 'hang':
      // Chunked (no content-length), so the client cannot tell the body will never end.
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.write(flavor === 'handinger' ? '{"logs":[' : '{"items":[');
      return 200;
    case 'reset':
      res.socket?.resetAndDestroy();
      return 0;
    case 'slow':
      throw new Error('respondWithFault: slow is handled by the server');
  }
}

/** `now + seconds` as an IMF-fixdate, rounded up to the next whole second. */
export function retryAfterDate(seconds: number, nowMs = Date.now()): string {
  return new Date(Math.ceil((nowMs + seconds * 1000) / 1000) * 1000).toUTCString();
}

function sendRaw(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
