// Reaching deliveries far from the newest without reading every page in between: a seek
// asks the provider for the page that holds the newest delivery created at or before a time.
// Handinger finds it by binary search on page numbers, Cadenya by walking its cursor at the
// largest page size the server accepts (src/providers/*/seek.ts). Ids that carry a ULID tell
// their creation time, so "go to delivery whe_01…" becomes a seek too. No vscode here.

import type { DeliveryPage } from './delivery';

export interface SeekRequest {
  /** Epoch ms: the page wanted holds the newest delivery created at or before this time. */
  readonly before: number;
  /** Server-side filters, as for every page of the feed. */
  readonly filters?: { readonly eventType?: string; readonly objectiveId?: string };
  /**
   * Where a cursor walk may start (the continuation after what is loaded) when the caller
   * knows everything above it is newer than `before`; pages are then not read twice.
   */
  readonly after?: string;
  /** Hears how many deliveries the seek has passed over so far. */
  readonly progress?: (passed: number) => void;
}

export interface SeekResult {
  /** The page found, as `listDeliveries` would return it (items, continuation, totalCount). */
  readonly page: DeliveryPage;
  /** The continuation that reads this page again (undefined: the newest page). */
  readonly requested: string | undefined;
  /** Deliveries between where the seek started (the newest, or `after`) and the page's first item. */
  readonly passed: number;
  /** The seek started at `after` (cursor walks do; a binary search starts at the newest). */
  readonly startedAfter: boolean;
  /** Pages the seek read (a page Handinger moved while it was read counts once). */
  readonly requests: number;
}

export type FeedSeeker = (request: SeekRequest, signal: AbortSignal) => Promise<SeekResult>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID at the end of an id, after a prefix such as `whe_` or `whd_`. */
const ULID_AT_END = /(?:^|[_-])([0-7][0-9A-HJKMNP-TV-Z]{25})$/i;
/** Times before this are not ULID times of webhook deliveries (2015-01-01). */
const EARLIEST = Date.UTC(2015, 0, 1);

/** The creation time encoded in an id's ULID (first ten characters), or undefined when it has none. */
export function ulidTime(id: string): number | undefined {
  const match = ULID_AT_END.exec(id.trim());
  if (!match?.[1]) {
    return undefined;
  }
  let time = 0;
  for (const char of match[1].slice(0, 10).toUpperCase()) {
    time = time * 32 + CROCKFORD.indexOf(char);
  }
  // A far-future time means the id only looks like a ULID.
  return time >= EARLIEST && time <= Date.UTC(2100, 0, 1) ? time : undefined;
}

/** The oldest and newest dated items of a page (items with no date are left out). */
export function pageSpan(items: readonly { readonly time: number }[]): { newest: number; oldest: number } | undefined {
  let newest = -Infinity;
  let oldest = Infinity;
  for (const item of items) {
    if (item.time > 0) {
      newest = Math.max(newest, item.time);
      oldest = Math.min(oldest, item.time);
    }
  }
  return newest === -Infinity ? undefined : { newest, oldest };
}
