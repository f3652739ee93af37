// Handinger pages by number, newest first, so every execution that arrives between two loads
// pushes older ones one place further down: page 2 read after 3 new executions starts with
// the last 3 items of the old page 1. The continuation therefore records a position (how
// far into the list the reader is, and the totalCount it was measured against); when the
// total has grown by N, the position moves down by N and the page holding it is read.
// De-duplication in the feed (src/model/feed.ts) covers what overlaps; this keeps anything from being skipped.

import { ProviderError } from '../../model/errors';

export const HANDINGER_PAGE_SIZE = 50;

export interface PagePosition {
  /** 0-based index, newest first, of the next execution to read, as the list stood at `total`. */
  readonly offset: number;
  /** totalCount when `offset` was measured; undefined before the first page. */
  readonly total?: number;
  readonly pageSize: number;
}

export const FIRST_POSITION: PagePosition = { offset: 0, pageSize: HANDINGER_PAGE_SIZE };

/** What the server said about the page read at `page`. */
export interface PageFacts {
  readonly page: number;
  readonly count: number;
  readonly pageCount: number;
  readonly totalCount: number;
}

export type PagePlan =
  /** Use the page's items from index `skip`; `next` absent means the end. */
  | { readonly kind: 'take'; readonly skip: number; readonly next?: PagePosition }
  /** The executions wanted moved to another page: read the one holding `position`. */
  | { readonly kind: 'moved'; readonly position: PagePosition };

export function pageFor(position: PagePosition): number {
  return Math.floor(position.offset / position.pageSize) + 1;
}

export function planPage(position: PagePosition, facts: PageFacts): PagePlan {
  // Growth means newer executions on top; shrinkage (old ones expiring or deleted) is
  // treated the same way in reverse, which re-reads a few rather than risk skipping any.
  const shift = position.total === undefined ? 0 : facts.totalCount - position.total;
  const wanted = Math.max(0, position.offset + shift);
  // A full page (not the last) tells the server's real page size.
  const pageSize = facts.page < facts.pageCount && facts.count > 0 ? facts.count : position.pageSize;
  const first = (facts.page - 1) * pageSize;
  const end = first + facts.count;
  const stillAhead = wanted >= end && wanted < facts.totalCount && facts.count > 0;
  if (wanted < first || stillAhead) {
    return { kind: 'moved', position: { offset: wanted, total: facts.totalCount, pageSize } };
  }
  const more = facts.count > 0 && end < facts.totalCount;
  return {
    kind: 'take',
    skip: Math.min(Math.max(0, wanted - first), facts.count),
    next: more ? { offset: end, total: facts.totalCount, pageSize } : undefined,
  };
}

const TOKEN = /^h1\.(\d{1,9})\.(\d{1,9})\.(\d{1,4})$/;

export function encodePosition(position: PagePosition): string {
  return `h1.${position.offset}.${position.total ?? 0}.${position.pageSize}`;
}

export function decodePosition(token: string): PagePosition {
  const match = TOKEN.exec(token);
  const pageSize = Number(match?.[3]);
  if (!match || !(pageSize > 0)) {
    throw new ProviderError('malformed', {
      provider: 'handinger',
      message: 'The paging position is not valid. Refresh the list.',
    });
  }
  return { offset: Number(match[1]), total: Number(match[2]), pageSize };
}
