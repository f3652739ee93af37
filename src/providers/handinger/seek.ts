// Handinger pages are numbered, newest first: the page holding the newest execution created
// at or before a time is found by binary search, about log2(pages) requests. Positions are
// measured against the totalCount the server last reported; when executions arrive during
// the search, every index found so far moves down by as many, so the search is not fooled.

import type { DeliveryPage } from '../../model/delivery';
import type { SeekRequest, SeekResult } from '../../model/seek';
import { HANDINGER_PAGE_SIZE } from './paging';

/** Reads from `offset` (0-based, newest first) as the list stood at `total`; items run to that page's end. */
export type ReadAt = (offset: number, total: number | undefined) => Promise<DeliveryPage>;

interface Read {
  /** Index of the page's first item, in the list as it stands at `total`. */
  offset: number;
  page: DeliveryPage;
  continuation: string | undefined;
}

/**
 * Whether a delivery about `between` below what is loaded is reached in no more requests by
 * reading on, page after page, than by the binary search over every page (about log2(pages)
 * + 1 requests for `total` executions). A delivery on page 3 of 52 is 2 pages read on, where
 * the search read 6 (pages 1, 27, 14, 8, 5 and 3).
 */
export function readOnIsCheaper(between: number, total: number | undefined, pageSize = HANDINGER_PAGE_SIZE): boolean {
  const pages = Math.ceil((total ?? 0) / pageSize);
  const searchRequests = pages > 1 ? Math.ceil(Math.log2(pages)) + 1 : 1;
  return Math.ceil(between / pageSize) <= searchRequests;
}

export async function seekByPageNumber(
  readAt: ReadAt,
  positionOf: (offset: number, total: number | undefined) => string | undefined,
  request: SeekRequest,
  pageSize = HANDINGER_PAGE_SIZE,
): Promise<SeekResult> {
  const { before } = request;
  let requests = 0;
  let total: number | undefined;
  const reads: Read[] = [];
  /** Index of the first (newest) execution at or before `before`, once one was seen: it is in [low, high]. */
  let low = 0;
  let high = Number.MAX_SAFE_INTEGER;
  const read = async (offset: number): Promise<Read> => {
    const page = await readAt(offset, total);
    requests++;
    const shift = total === undefined || page.totalCount === undefined ? 0 : page.totalCount - total;
    total = page.totalCount ?? total;
    if (shift !== 0) {
      // Newer executions arrived: what was measured moved down by as many places.
      for (const earlier of reads) {
        earlier.offset += shift;
      }
      low += shift;
      high += shift;
    }
    const result: Read = { offset: offset + shift, page, continuation: offset + shift === 0 ? undefined : positionOf(offset + shift, total) };
    reads.push(result);
    return result;
  };
  let found: Read | undefined;
  /** An execution at or before `before` was seen: `high` is its index. */
  let seen = false;
  let next = 0;
  for (;;) {
    const current = await read(next);
    const items = current.page.items;
    const at = items.findIndex((item) => item.time > 0 && item.time <= before);
    if (at >= 0) {
      seen = true;
      high = Math.min(high, current.offset + at);
      if (at > 0 || current.offset + at === low) {
        found = current;
        break;
      }
    } else {
      low = Math.max(low, current.offset + items.length);
    }
    const end = total ?? current.offset + items.length;
    if (!seen && (low >= end || current.page.continuation === undefined || items.length === 0)) {
      // Every execution is newer than the time asked for: the oldest page is the answer.
      found = items.length > 0 ? current : (reads.filter((candidate) => candidate.page.items.length > 0).sort((a, b) => b.offset - a.offset)[0] ?? current);
      break;
    }
    if (!seen) {
      high = end;
    }
    if (low >= high) {
      found = reads.find((candidate) => candidate.offset <= high && high < candidate.offset + candidate.page.items.length);
      if (!found) {
        found = await read(Math.floor(high / pageSize) * pageSize);
      }
      break;
    }
    request.progress?.(low);
    // The middle of what is left, on a page boundary, so that each read brings a whole page.
    const middle = low + Math.floor((high - low) / 2);
    next = Math.max(0, Math.floor(middle / pageSize) * pageSize);
    if (next + pageSize <= low) {
      next = Math.floor(low / pageSize) * pageSize;
    }
  }
  return { page: found.page, requested: found.continuation, passed: found.offset, startedAfter: false, requests };
}
