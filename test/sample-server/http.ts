// HTTP plumbing shared by the sample server's route handlers: the request/response values
// handlers work with, JSON output, each API's error body, bearer tokens and request bodies.
//
// Handlers are pure functions from an ApiRequest to an ApiResponse; only server.ts and
// faults.ts touch node:http objects.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ApiFlavor = 'handinger' | 'cadenya';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface ApiRequest {
  method: string;
  /** Path segments, percent-decoded. `/api/workers/x` → ['api', 'workers', 'x']. */
  segments: readonly string[];
  query: URLSearchParams;
  /** The Bearer token, if the Authorization header carried one. */
  token: string | undefined;
}

export interface ApiResponse {
  status: number;
  /** JSON body; undefined sends no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** HTTP status → google.rpc.Code, for Cadenya's Status error body. */
const GRPC_CODES: Readonly<Record<number, number>> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  405: 12, // UNIMPLEMENTED
  409: 6, // ALREADY_EXISTS
  429: 8, // RESOURCE_EXHAUSTED
  500: 13, // INTERNAL
  501: 12, // UNIMPLEMENTED
  503: 14, // UNAVAILABLE
  504: 4, // DEADLINE_EXCEEDED
};

export function grpcCode(status: number): number {
  return GRPC_CODES[status] ?? 2; // UNKNOWN
}

/** Handinger: `{ error }`; Cadenya: google.rpc Status `{ code, message, details }`. */
export function errorBody(flavor: ApiFlavor, status: number, message: string): unknown {
  return flavor === 'handinger' ? { error: message } : { code: grpcCode(status), message, details: [] };
}

export function errorResponse(flavor: ApiFlavor, status: number, message: string, headers?: Record<string, string>): ApiResponse {
  return { status, body: errorBody(flavor, status, message), ...(headers && { headers }) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function send(res: ServerResponse, response: ApiResponse): void {
  if (response.body === undefined) {
    res.writeHead(response.status, response.headers ?? {});
    res.end();
    return;
  }
  sendJson(res, response.status, response.body, response.headers);
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Percent-decoded path segments, or undefined when an escape is malformed. */
export function splitPath(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses a JSON request body (empty body → `{}`); throws BodyError. */
export async function readJsonBody(req: IncomingMessage, limitBytes = 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      throw new BodyError(413, `request body larger than ${limitBytes} bytes`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') {
    return {};
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'request body is not valid JSON');
  }
}

/** Parses an integer query parameter; undefined when absent, NaN when not an integer. */
export function integerParam(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) {
    return undefined;
  }
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** One API request as recorded for tests (never includes headers, so never the API key). */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The raw query string without `?`, '' when none. */
  query: string;
  /** Status sent; 0 while unanswered or when the connection was reset. */
  status: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  /**
   * A fingerprint of the bearer token the request carried (see keyFingerprint), so a test can
   * tell which key reached which server without the log holding a credential.
   */
  keyFingerprint?: string;
  /** API requests in flight when this one arrived, itself included. */
  inFlight?: number;
}

/** The first 16 hex digits of the key's SHA-256; undefined without a key. */
export function keyFingerprint(key: string | undefined): string | undefined {
  return key === undefined ? undefined : createHash('sha256').update(key).digest('hex').slice(0, 16);
}
