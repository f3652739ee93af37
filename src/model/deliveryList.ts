// The loaded deliveries of one container, in the server's order (newest first). This is
// where "no duplicate and no gap" holds for every provider: pages are de-duplicated by id,
// a page that brings nothing new is followed by the next one, and loads never overlap.
// It does no I/O itself: it calls the page loader it was given.

import type { Delivery, DeliveryPage } from './delivery';

/** Loads one page; `continuation` undefined means the newest page. */
export type PageLoader = (continuation: string | undefined, signal?: AbortSignal) => Promise<DeliveryPage>;

export interface DeliveryListOptions {
  /**
   * How many pages `refreshNewest` reads looking for an already-known delivery before it
   * gives up bridging and starts the list over from the newest pages (a gap is never kept).
   */
  readonly maxRefreshPages?: number;
  /** How many pages in a row may bring nothing new before `loadMore` stops for this call. */
  readonly maxEmptyPages?: number;
}

export class DeliveryList {
  private list: Delivery[] = [];
  private known = new Set<string>();
  private continuation: string | undefined;
  private started = false;
  private total: number | undefined;
  /** Tail of the chain every load joins, so two loads never run at once. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by reset(); a load asked for before it discards its result. */
  private generation = 0;
  private readonly maxRefreshPages: number;
  private readonly maxEmptyPages: number;

  constructor(
    private readonly loadPage: PageLoader,
    options: DeliveryListOptions = {},
  ) {
    this.maxRefreshPages = options.maxRefreshPages ?? 5;
    this.maxEmptyPages = options.maxEmptyPages ?? 20;
  }

  get items(): readonly Delivery[] {
    return this.list;
  }

  /** True until the first page was loaded, then while the server has more. */
  get hasMore(): boolean {
    return !this.started || this.continuation !== undefined;
  }

  /** True once a first page arrived (an empty list is then really empty). */
  get loaded(): boolean {
    return this.started;
  }

  /** Deliveries not loaded yet, when the API reports a total. */
  get remaining(): number | undefined {
    if (!this.hasMore) {
      return 0;
    }
    return this.total === undefined ? undefined : Math.max(0, this.total - this.list.length);
  }

  /**
   * Appends the next page and returns what it added. Calls made while another load runs
   * wait for it, then load the page after it, so no page is fetched twice.
   */
  loadMore(signal?: AbortSignal): Promise<readonly Delivery[]> {
    return this.exclusive((generation) => this.loadNext(signal, generation));
  }

  /**
   * Reads the newest page(s) and puts deliveries not seen before on top, stopping at the
   * first known one. Returns the new deliveries, newest first. When more arrived than
   * `maxRefreshPages` can bridge, the list starts over from the newest pages instead of
   * keeping a hole between old and new.
   */
  refreshNewest(signal?: AbortSignal): Promise<readonly Delivery[]> {
    return this.exclusive((generation) =>
      this.started ? this.loadNewest(signal, generation) : this.loadNext(signal, generation),
    );
  }

  /** Forgets everything; loads asked for before the reset finish without touching the list. */
  reset(): void {
    this.generation++;
    this.list = [];
    this.known = new Set();
    this.continuation = undefined;
    this.started = false;
    this.total = undefined;
  }

  /**
   * Runs `task` once every load asked for earlier has settled. A task whose list was reset
   * while it waited is skipped; the generation it belongs to is passed on so that one reset
   * while it runs is noticed too.
   */
  private exclusive(task: (generation: number) => Promise<readonly Delivery[]>): Promise<readonly Delivery[]> {
    const generation = this.generation;
    const start = (): Promise<readonly Delivery[]> => (generation === this.generation ? task(generation) : Promise.resolve([]));
    const run = this.queue.then(start, start);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNext(signal: AbortSignal | undefined, generation: number): Promise<readonly Delivery[]> {
    for (let empty = 0; this.hasMore && empty < this.maxEmptyPages; empty++) {
      const requested = this.continuation;
      const page = await this.loadPage(requested, signal);
      if (generation !== this.generation) {
        return [];
      }
      this.started = true;
      this.total = page.totalCount ?? this.total;
      // A server answering with the cursor it was given would loop forever: treat it as the end.
      this.continuation = page.continuation !== undefined && page.continuation === requested ? undefined : page.continuation;
      const added = this.unseen(page.items);
      this.list.push(...added);
      if (added.length > 0) {
        return added;
      }
    }
    return [];
  }

  private async loadNewest(signal: AbortSignal | undefined, generation: number): Promise<readonly Delivery[]> {
    const fresh: Delivery[] = [];
    const freshIds = new Set<string>();
    let continuation: string | undefined;
    let total: number | undefined;
    for (let pages = 0; pages < this.maxRefreshPages; pages++) {
      const page = await this.loadPage(continuation, signal);
      if (generation !== this.generation) {
        return [];
      }
      total ??= page.totalCount;
      for (const item of page.items) {
        if (this.known.has(item.id)) {
          // Met the top of what is already shown: everything before it is new.
          this.list.unshift(...fresh);
          fresh.forEach((delivery) => this.known.add(delivery.id));
          this.total = total ?? this.total;
          return fresh;
        }
        if (!freshIds.has(item.id)) {
          freshIds.add(item.id);
          fresh.push(item);
        }
      }
      continuation = page.continuation;
      if (continuation === undefined) {
        break;
      }
    }
    // No known delivery within reach: either the server no longer lists what is shown, or
    // too many arrived to bridge. Either way the fresh pages become the list, without a gap.
    this.list = fresh;
    this.known = freshIds;
    this.continuation = continuation;
    this.total = total;
    return fresh;
  }

  /** Items of a page not already in the list (or earlier in the same page), recorded as seen. */
  private unseen(items: readonly Delivery[]): Delivery[] {
    const added: Delivery[] = [];
    for (const item of items) {
      if (!this.known.has(item.id)) {
        this.known.add(item.id);
        added.push(item);
      }
    }
    return added;
  }
}
