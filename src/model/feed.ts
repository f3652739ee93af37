// The one owner of a worker's or agent's deliveries. Every read (first page, Load more, Load
// the Last N, Refresh, a live poll, a deep-link search, a gap fill) is an operation on the
// feed, run one at a time in the order asked; an operation asked for while an equal one is
// queued or running joins it. Every page read is merged by id: unknown deliveries are placed
// in order, known ones are updated in place when their fields changed. A generation changes
// when the key, base URL or server-side filter changes; results of an older one are dropped.
// Views (tree, panels, insights, badge, status bar) listen to `onDidChange`. No vscode here.

import type { Delivery, DeliveryPage, PageRead } from './delivery';
import { hasRange, isFiltered, matchesFilter, NO_FILTER, rangeBounds, rangeEndInPast, serverFiltersDiffer, type DeliveryFilter } from './filter';
import { ProviderError, isProviderError } from './errors';
import { pageSpan, ulidTime, type FeedSeeker, type SeekResult } from './seek';

/** What the server filters on (Cadenya); passed to every page read of the feed. */
export interface ServerFilters {
  readonly eventType?: string;
  readonly objectiveId?: string;
}

/** Reads one page: `continuation` undefined means the newest page. */
export type FeedLoader = (continuation: string | undefined, filters: ServerFilters, signal: AbortSignal) => Promise<DeliveryPage>;

/**
 * Reads about `wanted` deliveries from `continuation` on, as several pages in order, in as few
 * round trips as the provider can (numbered pages at once, or larger pages).
 */
export type BulkLoader = (continuation: string | undefined, wanted: number, filters: ServerFilters, signal: AbortSignal) => Promise<readonly PageRead[]>;

/** Reads pages, and (when the provider can) seeks to a time and reads in bulk. */
export interface FeedSource {
  readonly read: FeedLoader;
  readonly seek?: FeedSeeker;
  /**
   * Whether a delivery about `between` below what is loaded (of `total`) is reached in no more
   * requests by reading on than by a seek; without it, only one nearer than NEAR_BY_DELIVERIES is.
   */
  readonly readOnIsCheaper?: (between: number, total: number | undefined) => boolean;
  /** Reads a page at the size seeks use (Cadenya's bulk size), to read a seek's page again. */
  readonly readBulk?: FeedLoader;
  /** Used by reads of many deliveries (Load the Last N, walks to an id); the rest read page by page. */
  readonly readMany?: BulkLoader;
}

export interface FeedOptions {
  /** Newest pages one refresh reads looking for the top of what is loaded. */
  readonly maxRefreshPages?: number;
  /** Pages one refresh or poll re-reads to settle pending deliveries (besides the newest). */
  readonly maxSettlePages?: number;
  /** Pages a click on the gap row reads. */
  readonly maxGapPages?: number;
  /** Pages in a row that may bring nothing new before Load more stops for this call. */
  readonly maxEmptyPages?: number;
  /** The clock rolling time ranges ("the last hour") are measured by. */
  readonly now?: () => number;
}

export const DEFAULT_FEED_OPTIONS: Required<FeedOptions> = {
  maxRefreshPages: 4,
  maxSettlePages: 3,
  maxGapPages: 10,
  maxEmptyPages: 20,
  now: () => Date.now(),
};

/** A delivery expected within this many below what is loaded is read to, not sought (or farther, when the source says reading on costs less). */
const NEAR_BY_DELIVERIES = 100;
/**
 * During a bulk read, pages are told to listeners at most this often (and at its end): the
 * tree re-sends every row it shows on each change (about 300 ms for 1,000 rows in the bench's
 * window), which would otherwise cost more than the network. Progress is reported meanwhile.
 */
const BULK_EMIT_INTERVAL_MS = 2_000;

/** How far an id's ULID time may be from its delivery's createdAt (clocks of two services). */
const ID_TIME_SLACK_MS = 5_000;

/** Deliveries newer than a refresh could read, between the new top and what was loaded. */
export interface FeedGap {
  /** The first (newest) delivery below the gap. */
  readonly beforeId: string;
  /** Where reading into the gap continues. */
  readonly continuation: string | undefined;
  /** How many deliveries are in it, when known (Handinger totals, or what a seek passed over). */
  readonly count: number | undefined;
  /** 'arrived': more came than one refresh reads; 'skipped': a jump to an older delivery passed over them. */
  readonly kind: 'arrived' | 'skipped';
}

export type FeedOperation = 'load' | 'refresh' | 'find' | 'gap';

export interface FeedChange {
  /** Deliveries placed in the list by this change. */
  readonly added: readonly Delivery[];
  /** Deliveries whose fields changed (the new copies). */
  readonly updated: readonly Delivery[];
  /** Ids no longer in the list. */
  readonly removed: readonly string[];
  /** The whole list was dropped (key, base URL or server filter changed). */
  readonly reset: boolean;
  /** Deliveries that became failed (arrived failed on top, or turned failed), each once. */
  readonly newFailures: readonly Delivery[];
}

export type OperationStatus = 'done' | 'failed' | 'cancelled' | 'stale';

export interface OperationResult {
  readonly status: OperationStatus;
  /** Deliveries this operation placed in the list. */
  readonly added: number;
  readonly error?: unknown;
}

export interface FindResult extends OperationResult {
  readonly delivery?: Delivery;
  /**
   * Set when the id's time is older than the oldest delivery the server returns: the
   * delivery has expired (or never was this worker's or agent's). That oldest time, in ms.
   */
  readonly olderThan?: number;
  /** The search used the id's ULID time to jump rather than reading page after page. */
  readonly jumped?: boolean;
}

export interface FeedError {
  readonly error: unknown;
  /** What failed: loading older pages ('load'), or reading the newest ('refresh'). */
  readonly during: 'load' | 'refresh';
}

/** What a bulk read placed and has not told listeners yet. */
interface PendingChange {
  readonly added: Delivery[];
  readonly updated: Delivery[];
  readonly newFailures: Delivery[];
  since: number;
}

interface Listener {
  (change: FeedChange): void;
}

interface QueuedOp<R extends OperationResult> {
  readonly key: string;
  readonly kind: FeedOperation;
  readonly generation: number;
  readonly controller: AbortController;
  readonly run: (signal: AbortSignal, generation: number) => Promise<R>;
  readonly promise: Promise<R>;
  resolve: (result: R) => void;
  /** Callers that can still use the result; the operation is aborted when it reaches 0. */
  interested: number;
  started: boolean;
}

const IN_MOTION = new Set<Delivery['outcome']>(['pending', 'unknown']);

/** Fields whose change makes a delivery "updated" (the ones a row, panel or chart shows). */
function changed(a: Delivery, b: Delivery): boolean {
  return (
    a.outcome !== b.outcome ||
    a.rawStatus !== b.rawStatus ||
    a.httpStatus !== b.httpStatus ||
    a.attemptCount !== b.attemptCount ||
    a.latencyMs !== b.latencyMs ||
    a.lastAttemptAt !== b.lastAttemptAt ||
    a.errorMessage !== b.errorMessage ||
    a.responseSize !== b.responseSize ||
    a.createdAt !== b.createdAt ||
    a.targetUrl !== b.targetUrl ||
    a.related?.id !== b.related?.id ||
    a.related?.title !== b.related?.title ||
    !sameRecord(a.responseHeaders, b.responseHeaders)
  );
}

function sameRecord(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (!a || !b) {
    return false;
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function cancelledResult<R extends OperationResult>(status: 'cancelled' | 'stale'): R {
  return { status, added: 0 } as R;
}

function isCancellation(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (isProviderError(error) && error.kind === 'cancelled');
}

export class DeliveryFeed {
  private list: Delivery[] = [];
  private readonly byId = new Map<string, Delivery>();
  /** The continuation that read each delivery's page last (undefined: the newest page). */
  private readonly origin = new Map<string, string | undefined>();
  /** Index of each delivery in `list`; rebuilt lazily after an insertion. */
  private positions: Map<string, number> | undefined;
  private continuation: string | undefined;
  private started = false;
  private total: number | undefined;
  private gapList: FeedGap[] = [];
  private errorState: FeedError | undefined;
  private filterState: DeliveryFilter = NO_FILTER;
  private generationNumber = 0;
  private readonly failuresNew = new Set<string>();
  private readonly queue: QueuedOp<OperationResult>[] = [];
  private runningOp: QueuedOp<OperationResult> | undefined;
  private readonly listeners = new Set<Listener>();
  private visibleCache: { version: number; filter: DeliveryFilter; from: number | undefined; items: Delivery[] } | undefined;
  /** Deliveries newer than the first loaded one that are not loaded (a range that starts in the past). */
  private above = 0;
  private readonly loader: FeedLoader;
  private readonly seeker: FeedSeeker | undefined;
  private readonly readOnIsCheaper: FeedSource['readOnIsCheaper'];
  private readonly bulkPageLoader: FeedLoader | undefined;
  /** Continuations of pages a seek found (read at the bulk size): settling reads them so again. */
  private readonly bulkOrigins = new Set<string | undefined>();
  private readonly bulkLoader: BulkLoader | undefined;
  private version = 0;
  private readonly options: Required<FeedOptions>;

  constructor(
    /** Stable key of the worker or agent, e.g. `handinger/worker/wrk_1`. */
    readonly key: string,
    source: FeedLoader | FeedSource,
    options: FeedOptions = {},
  ) {
    this.options = { ...DEFAULT_FEED_OPTIONS, ...options };
    this.loader = typeof source === 'function' ? source : source.read;
    this.seeker = typeof source === 'function' ? undefined : source.seek;
    this.readOnIsCheaper = typeof source === 'function' ? undefined : source.readOnIsCheaper;
    this.bulkPageLoader = typeof source === 'function' ? undefined : source.readBulk;
    this.bulkLoader = typeof source === 'function' ? undefined : source.readMany;
  }

  // ------------------------------------------------------------ state

  /** Loaded deliveries, newest first (before the outcome and text filters). */
  get items(): readonly Delivery[] {
    return this.list;
  }

  get(id: string): Delivery | undefined {
    return this.byId.get(id);
  }

  /** True once a first page arrived (an empty list is then really empty). */
  get loaded(): boolean {
    return this.started;
  }

  /** True until the first page was loaded, then while the server has older pages inside the time range. */
  get hasMore(): boolean {
    return !this.started || (this.continuation !== undefined && !this.reachedRangeStart);
  }

  /** Loading stopped at the start of the time range; the server has older deliveries. */
  get reachedRangeStart(): boolean {
    if (this.continuation === undefined) {
      return false;
    }
    const from = rangeBounds(this.filterState.range, this.options.now()).from;
    if (from === undefined) {
      return false;
    }
    for (let index = this.list.length - 1; index >= 0; index--) {
      const time = this.list[index]?.time ?? 0;
      if (time > 0) {
        return time < from;
      }
    }
    return false;
  }

  /** The list starts at a time range's end, in the past, rather than at the newest delivery. */
  get windowed(): boolean {
    return rangeEndInPast(this.filterState.range, this.options.now()) !== undefined;
  }

  /** Older deliveries not loaded yet, when the API reports a total. */
  get remaining(): number | undefined {
    if (!this.hasMore) {
      return 0;
    }
    if (this.total === undefined) {
      return undefined;
    }
    return Math.max(0, this.total - this.above - this.list.length - this.gapList.reduce((sum, gap) => sum + (gap.count ?? 0), 0));
  }

  /** Unread stretches between a refresh's new top and what was loaded, top to bottom. */
  get gaps(): readonly FeedGap[] {
    return this.gapList;
  }

  get error(): FeedError | undefined {
    return this.errorState;
  }

  /** The operation running now, if any. */
  get busy(): FeedOperation | undefined {
    return this.runningOp?.kind;
  }

  get generation(): number {
    return this.generationNumber;
  }

  get filter(): DeliveryFilter {
    return this.filterState;
  }

  /** Ids of deliveries that became failed and were not acknowledged yet. */
  get newFailureIds(): ReadonlySet<string> {
    return this.failuresNew;
  }

  isNewFailure(id: string): boolean {
    return this.failuresNew.has(id);
  }

  /** The loaded deliveries the filter lets through, newest first: what the views show. */
  visible(): readonly Delivery[] {
    if (!isFiltered(this.filterState)) {
      return this.list;
    }
    const now = this.options.now();
    // A rolling range moves with the clock: the cache holds for the second it was made in.
    const from = hasRange(this.filterState.range) ? Math.floor(now / 1000) : undefined;
    const cache = this.visibleCache;
    if (cache && cache.version === this.version && cache.filter === this.filterState && cache.from === from) {
      return cache.items;
    }
    const items = this.list.filter((delivery) => matchesFilter(delivery, this.filterState, now));
    this.visibleCache = { version: this.version, filter: this.filterState, from, items };
    return items;
  }

  /** New failures the filter lets through: what the badge counts. */
  visibleNewFailures(): Delivery[] {
    const result: Delivery[] = [];
    for (const id of this.failuresNew) {
      const delivery = this.byId.get(id);
      if (delivery && matchesFilter(delivery, this.filterState, this.options.now())) {
        result.push(delivery);
      }
    }
    return result;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  // ------------------------------------------------------------ changes of context

  /**
   * Sets the filter. A change of a server-side part (event type, objective, a range's fixed
   * end) starts the list over in a new generation; the other parts only change what
   * `visible()` returns (and where Load more stops).
   */
  setFilter(filter: DeliveryFilter): void {
    const restart = serverFiltersDiffer(this.filterState, filter);
    this.filterState = filter;
    if (restart) {
      this.reset();
    } else {
      this.emit({});
    }
  }

  /** Forgets everything (a new key or base URL); running and queued reads are dropped. */
  reset(): void {
    this.generationNumber++;
    const removed = this.list.map((delivery) => delivery.id);
    this.list = [];
    this.byId.clear();
    this.origin.clear();
    this.bulkOrigins.clear();
    this.positions = undefined;
    this.continuation = undefined;
    this.started = false;
    this.total = undefined;
    this.above = 0;
    this.gapList = [];
    this.errorState = undefined;
    this.failuresNew.clear();
    for (const op of [...this.queue]) {
      op.controller.abort();
    }
    this.runningOp?.controller.abort();
    this.emit({ removed, reset: true });
  }

  /** The user has seen these new failures (all of them when no ids are given). */
  acknowledge(ids?: Iterable<string>): number {
    let count = 0;
    for (const id of ids ?? [...this.failuresNew]) {
      if (this.failuresNew.delete(id)) {
        count++;
      }
    }
    if (count > 0) {
      this.emit({});
    }
    return count;
  }

  /**
   * Takes in a copy of a loaded delivery read elsewhere (the detail panel's Refresh): it
   * updates the list like a page would. Unknown deliveries are not placed (their position is unknown).
   */
  absorb(delivery: Delivery): boolean {
    const index = this.indexOf(delivery.id);
    const old = index === undefined ? undefined : this.list[index];
    if (index === undefined || !old || !changed(old, delivery)) {
      return false;
    }
    this.list[index] = delivery;
    this.byId.set(delivery.id, delivery);
    const newFailures: Delivery[] = [];
    if (delivery.outcome === 'failed' && old.outcome !== 'failed' && !this.failuresNew.has(delivery.id)) {
      this.failuresNew.add(delivery.id);
      newFailures.push(delivery);
    }
    this.emit({ updated: [delivery], newFailures });
    return true;
  }

  // ------------------------------------------------------------ operations

  /** The first page, once; later calls resolve at once (or join the load under way). */
  loadFirst(signal?: AbortSignal, progress?: (passed: number) => void): Promise<OperationResult> {
    if (this.started) {
      return Promise.resolve({ status: 'done', added: 0 });
    }
    // Its own operation: when it runs after another that already read the first page, it
    // reads nothing (a Load more queued instead would read one page too many). `progress`
    // hears how many deliveries a seek to a range in the past has passed over.
    return this.enqueue('first', 'load', signal, (opSignal, generation) =>
      this.started ? Promise.resolve({ status: 'done', added: 0 }) : this.readNext(opSignal, generation, progress),
    );
  }

  /** Appends the next page ("Load more"). A second call while one is queued joins it. */
  loadMore(signal?: AbortSignal): Promise<OperationResult> {
    return this.enqueue('more', 'load', signal, (opSignal, generation) => this.readNext(opSignal, generation));
  }

  /**
   * Loads page after page until at least `count` deliveries are loaded, the list ends, the
   * signal aborts or a read fails (what was loaded stays). `progress` hears the count loaded.
   */
  loadAtLeast(count: number, signal?: AbortSignal, progress?: (loaded: number) => void): Promise<OperationResult> {
    return this.enqueue(`atLeast:${count}`, 'load', signal, (opSignal, generation) =>
      this.readOlderWhile(() => this.list.length < count, opSignal, generation, progress, () => count - this.list.length),
    );
  }

  /**
   * Reads the newest deliveries: new ones go on top, known ones are updated, and pages that
   * hold pending deliveries are read again (newest first, at most `maxSettlePages`). When
   * more arrived than one refresh reads, what was loaded stays and a gap marks what was not read.
   */
  refresh(signal?: AbortSignal): Promise<OperationResult> {
    return this.enqueue('refresh', 'refresh', signal, (opSignal, generation) =>
      !this.started ? this.readNext(opSignal, generation) : this.windowed ? this.settleWindow(opSignal, generation) : this.readNewest(opSignal, generation),
    );
  }

  /** Reads into the gap above `beforeId` (the gap row's click); the topmost gap without one. */
  fillGap(beforeId?: string, signal?: AbortSignal): Promise<OperationResult> {
    const target = beforeId ?? this.gapList[0]?.beforeId;
    if (target === undefined) {
      return Promise.resolve({ status: 'done', added: 0 });
    }
    return this.enqueue(`gap:${target}`, 'gap', signal, (opSignal, generation) => this.readGap(target, opSignal, generation));
  }

  /**
   * Finds a delivery by id: the loaded one; else, when the id carries a ULID and the provider
   * can seek, the page its creation time points to (placed below what is loaded, with a row for
   * what was skipped); else older pages until it appears, the list ends, `maxLoaded`
   * deliveries are loaded, or the signal aborts.
   */
  find(id: string, maxLoaded: number, signal?: AbortSignal, progress?: (loaded: number) => void): Promise<FindResult> {
    const known = this.byId.get(id);
    if (known) {
      return Promise.resolve({ status: 'done', added: 0, delivery: known });
    }
    return this.enqueue<FindResult>(`find:${id}`, 'find', signal, async (opSignal, generation) => {
      let added = 0;
      if (!this.started) {
        const first = await this.readNext(opSignal, generation);
        added += first.added;
        if (first.status !== 'done') {
          return { ...first, added };
        }
      }
      const time = ulidTime(id);
      if (time !== undefined && this.seeker && !this.byId.has(id)) {
        const jumped = await this.jumpTo(id, time, maxLoaded, opSignal, generation, progress);
        return { ...jumped, added: added + jumped.added };
      }
      for (const gap of [...this.gapList]) {
        if (this.byId.has(id)) {
          break;
        }
        const filled = await this.readGap(gap.beforeId, opSignal, generation, Number.MAX_SAFE_INTEGER);
        added += filled.added;
        if (filled.status !== 'done') {
          return { ...filled, added };
        }
      }
      const older = await this.readOlderWhile(
        () => !this.byId.has(id) && this.list.length < maxLoaded,
        opSignal,
        generation,
        progress,
        () => maxLoaded - this.list.length,
      );
      return { ...older, added: added + older.added, delivery: this.byId.get(id), olderThan: this.olderThan(time) };
    });
  }

  /** Resolves once every operation asked for before it has settled (for reads of the list). */
  idle(): Promise<void> {
    const last = this.queue.at(-1) ?? this.runningOp;
    return last ? last.promise.then(() => this.idle()) : Promise.resolve();
  }

  // ------------------------------------------------------------ the queue

  private enqueue<R extends OperationResult>(
    key: string,
    kind: FeedOperation,
    signal: AbortSignal | undefined,
    run: (signal: AbortSignal, generation: number) => Promise<R>,
  ): Promise<R> {
    if (signal?.aborted) {
      return Promise.resolve(cancelledResult<R>('cancelled'));
    }
    const existing = [this.runningOp, ...this.queue].find(
      (op) => op !== undefined && op.key === key && op.generation === this.generationNumber && !op.controller.signal.aborted,
    ) as QueuedOp<R> | undefined;
    const op = existing ?? this.createOp<R>(key, kind, run);
    op.interested++;
    if (signal) {
      // A caller that stops waiting no longer counts; the read stops when no caller is left.
      signal.addEventListener(
        'abort',
        () => {
          op.interested--;
          if (op.interested <= 0) {
            op.controller.abort();
          }
        },
        { once: true },
      );
    }
    return signal ? Promise.race([op.promise, abortedResult<R>(signal)]) : op.promise;
  }

  private createOp<R extends OperationResult>(key: string, kind: FeedOperation, run: QueuedOp<R>['run']): QueuedOp<R> {
    let resolve!: (result: R) => void;
    const promise = new Promise<R>((done) => (resolve = done));
    const op: QueuedOp<R> = { key, kind, generation: this.generationNumber, controller: new AbortController(), run, promise, resolve, interested: 0, started: false };
    // A queued operation that is cancelled before it starts leaves the queue at once.
    op.controller.signal.addEventListener('abort', () => {
      const at = this.queue.indexOf(op as unknown as QueuedOp<OperationResult>);
      if (!op.started && at >= 0) {
        this.queue.splice(at, 1);
        op.resolve(cancelledResult<R>(op.generation === this.generationNumber ? 'cancelled' : 'stale'));
      }
    });
    this.queue.push(op as unknown as QueuedOp<OperationResult>);
    this.pump();
    return op;
  }

  private pump(): void {
    if (this.runningOp) {
      return;
    }
    const op = this.queue.shift();
    if (!op) {
      return;
    }
    op.started = true;
    this.runningOp = op;
    this.emit({});
    const finish = (result: OperationResult): void => {
      this.runningOp = undefined;
      op.resolve(result);
      this.emit({});
      this.pump();
    };
    if (op.generation !== this.generationNumber) {
      finish({ status: 'stale', added: 0 });
      return;
    }
    op.run(op.controller.signal, op.generation).then(finish, (error: unknown) => {
      // Reads report their own failures; anything else is a bug, but must not stall the queue.
      finish({ status: 'failed', added: 0, error });
    });
  }

  // ------------------------------------------------------------ reads

  /**
   * Older pages while `more()` holds and the list goes on; stops at a failure, keeping what was
   * read. With `wanted` (how many deliveries are still wanted) and a provider that reads in
   * bulk, each step reads several pages at once (still one operation, merged in order).
   */
  private async readOlderWhile(
    more: () => boolean,
    signal: AbortSignal,
    generation: number,
    progress?: (loaded: number) => void,
    wanted?: () => number,
  ): Promise<OperationResult> {
    let added = 0;
    let emptyPages = 0;
    const pending: PendingChange = { added: [], updated: [], newFailures: [], since: Date.now() };
    try {
      while (more() && this.hasMore) {
        const bulk = wanted !== undefined && this.bulkLoader !== undefined && (this.started || rangeEndInPast(this.filterState.range, this.options.now()) === undefined);
        const result = bulk ? await this.readMany(Math.max(1, wanted()), signal, generation, pending) : { ...(await this.readNext(signal, generation)), pages: 1 };
        added += result.added;
        progress?.(this.list.length);
        if (result.status !== 'done') {
          return { ...result, added };
        }
        emptyPages = result.added === 0 ? emptyPages + result.pages : 0;
        if (result.added === 0 && (!bulk || emptyPages >= this.options.maxEmptyPages)) {
          break;
        }
      }
    } finally {
      this.flush(pending, generation);
    }
    return { status: 'done', added };
  }

  /** Tells listeners what a bulk read placed since the last time, if anything (and the generation still holds). */
  private flush(pending: PendingChange, generation: number): void {
    if (generation === this.generationNumber && pending.added.length + pending.updated.length + pending.newFailures.length > 0) {
      this.emit({ added: pending.added.splice(0), updated: pending.updated.splice(0), newFailures: pending.newFailures.splice(0) });
    }
    pending.since = Date.now();
  }

  /** One bulk read: its pages merged in order, told to listeners with the pending change when it is due. */
  private async readMany(wanted: number, signal: AbortSignal, generation: number, pending: PendingChange): Promise<OperationResult & { pages: number }> {
    const requested = this.continuation;
    let reads: readonly PageRead[];
    try {
      reads = await this.bulkLoader!(requested, wanted, serverFiltersOf(this.filterState), signal);
    } catch (error) {
      return { ...this.failedRead(error, signal, generation, 'load'), pages: 0 };
    }
    if (generation !== this.generationNumber) {
      return { status: 'stale', added: 0, pages: 0 };
    }
    if (signal.aborted) {
      return { status: 'cancelled', added: 0, pages: 0 };
    }
    const change = pending;
    let added = 0;
    for (const { requested: at, page } of reads) {
      this.started = true;
      this.total = page.totalCount ?? this.total;
      this.continuation = page.continuation !== undefined && page.continuation === at ? undefined : page.continuation;
      // Read at a bulk size: settling reads this page again the same way.
      this.bulkOrigins.add(at);
      const merged = this.merge(page.items, at, this.list.length, false);
      added += merged.added.length;
      change.added.push(...merged.added);
      change.updated.push(...merged.updated);
      change.newFailures.push(...merged.newFailures);
      if (this.continuation === undefined) {
        break;
      }
    }
    this.clearError('load');
    if (Date.now() - pending.since >= BULK_EMIT_INTERVAL_MS) {
      this.flush(pending, generation);
    }
    return { status: 'done', added, pages: reads.length };
  }

  /** One page (the first, or the next older one), merged; skips pages that bring nothing new. */
  private async readNext(signal: AbortSignal, generation: number, progress?: (passed: number) => void): Promise<OperationResult> {
    const windowEnd = rangeEndInPast(this.filterState.range, this.options.now());
    if (!this.started && windowEnd !== undefined && this.seeker) {
      return this.readWindowStart(windowEnd, signal, generation, progress);
    }
    for (let empty = 0; this.hasMore && empty < this.options.maxEmptyPages; empty++) {
      const requested = this.continuation;
      const read = await this.read(requested, signal, generation, 'load');
      if (read.status !== 'done') {
        return read;
      }
      const page = read.page;
      this.started = true;
      this.total = page.totalCount ?? this.total;
      // A server answering with the cursor it was given would loop forever: treat it as the end.
      this.continuation = page.continuation !== undefined && page.continuation === requested ? undefined : page.continuation;
      const merged = this.merge(page.items, requested, this.list.length, false);
      this.clearError('load');
      this.emit(merged);
      if (merged.added.length > 0) {
        return { status: 'done', added: merged.added.length };
      }
    }
    return { status: 'done', added: 0 };
  }

  /** A range that ends in the past: the list starts at the page holding its end. */
  private async readWindowStart(end: number, signal: AbortSignal, generation: number, progress?: (passed: number) => void): Promise<OperationResult> {
    const sought = await this.seek({ before: end, progress }, signal, generation, 'load');
    if (sought.status !== 'done') {
      return sought;
    }
    const { page, requested, passed, startedAfter } = sought.result;
    this.bulkOrigins.add(requested);
    this.started = true;
    this.total = page.totalCount ?? this.total;
    this.above = startedAfter ? 0 : passed;
    this.continuation = page.continuation !== undefined && page.continuation === requested ? undefined : page.continuation;
    const merged = this.merge(page.items, requested, 0, false);
    this.clearError('load');
    this.emit(merged);
    return { status: 'done', added: merged.added.length };
  }

  /** Refresh of a range in the past: nothing newer belongs in it, but pending deliveries settle. */
  private async settleWindow(signal: AbortSignal, generation: number): Promise<OperationResult> {
    const settled = await this.settle(signal, generation, new Set());
    if (settled.status === 'done') {
      this.clearError('refresh');
      this.emit({});
    }
    return settled;
  }

  /**
   * Reaches the delivery created at `time` (from its id): inside what is loaded it can only be
   * in a gap; older than that, a seek finds its page, which goes below what is loaded with a
   * 'skipped' gap between. A few pages after the one found cover clocks that differ.
   */
  private async jumpTo(id: string, time: number, maxLoaded: number, signal: AbortSignal, generation: number, progress?: (loaded: number) => void): Promise<FindResult> {
    let added = 0;
    const oldest = this.oldestLoadedTime();
    // A delivery a page or two below what is loaded (or a few, where a seek reads as many) is
    // reached sooner by reading on than by a seek.
    const between = oldest === undefined ? undefined : this.expectedBetween(oldest, time);
    const near = between !== undefined && (between <= NEAR_BY_DELIVERIES || (this.readOnIsCheaper?.(between, this.total) ?? false));
    if (this.seeker && this.continuation !== undefined && oldest !== undefined && time + ID_TIME_SLACK_MS < oldest && !near) {
      const sought = await this.seek(
        { before: time + ID_TIME_SLACK_MS, after: this.continuation, progress: (passed) => progress?.(this.list.length + passed) },
        signal,
        generation,
        'load',
      );
      if (sought.status !== 'done') {
        return { ...sought, jumped: true };
      }
      added += this.placeJump(sought.result);
    }
    // Inside what is loaded: the gaps whose time span holds it.
    for (const gap of [...this.gapList]) {
      if (this.byId.has(id)) {
        break;
      }
      if (!this.gapMayHold(gap, time)) {
        continue;
      }
      const filled = await this.readGap(gap.beforeId, signal, generation, Number.MAX_SAFE_INTEGER);
      added += filled.added;
      if (filled.status !== 'done') {
        return { ...filled, added, jumped: true };
      }
    }
    // Right below: a few pages while they are not older than the id's time (minus the slack).
    const budget = Math.max(maxLoaded, this.list.length + 5 * 500);
    const older = await this.readOlderWhile(
      () => !this.byId.has(id) && this.list.length < budget && (this.oldestLoadedTime() ?? Infinity) >= time - ID_TIME_SLACK_MS,
      signal,
      generation,
      progress,
    );
    return { ...older, added: added + older.added, delivery: this.byId.get(id), olderThan: this.olderThan(time), jumped: true };
  }

  /** Places a seek's page: after the known deliveries it overlaps, or below everything with a 'skipped' gap. */
  private placeJump(result: SeekResult): number {
    const { page, requested, passed, startedAfter } = result;
    if (page.items.length === 0) {
      return 0;
    }
    this.bulkOrigins.add(requested);
    const bottom = this.list.at(-1)?.id;
    const overlaps = this.firstKnownIndex(page.items) !== undefined;
    let gap: FeedGap | undefined;
    if (!overlaps) {
      const counted = this.above + this.list.length + this.gapList.reduce((sum, each) => sum + (each.count ?? 0), 0);
      const count = startedAfter ? passed : this.total === undefined && page.totalCount === undefined ? undefined : Math.max(0, passed - counted);
      if (count !== 0) {
        gap = { beforeId: page.items[0]!.id, continuation: this.continuation, count, kind: 'skipped' };
      }
    }
    this.total = page.totalCount ?? this.total;
    const merged = this.merge(page.items, requested, this.list.length, false);
    if (gap) {
      this.gapList = [...this.gapList, gap];
    }
    // The page reaches below what was loaded: older pages continue after it.
    if (!overlaps || this.list.at(-1)?.id !== bottom) {
      this.continuation = page.continuation !== undefined && page.continuation === requested ? undefined : page.continuation;
    }
    this.emit(merged);
    return merged.added.length;
  }

  /** A gap's deliveries were created between the delivery above it and the one below. */
  private gapMayHold(gap: FeedGap, time: number): boolean {
    const below = this.indexOf(gap.beforeId);
    const belowTime = below === undefined ? 0 : (this.list[below]?.time ?? 0);
    const aboveTime = below === undefined || below === 0 ? Infinity : (this.list[below - 1]?.time ?? Infinity);
    return time <= aboveTime + ID_TIME_SLACK_MS && time >= belowTime - ID_TIME_SLACK_MS;
  }

  /** About how many deliveries lie between the oldest loaded and `time`, at the rate of those loaded. */
  private expectedBetween(oldest: number, time: number): number | undefined {
    const span = pageSpan(this.list);
    if (!span || this.list.length < 2 || span.newest <= span.oldest) {
      return undefined;
    }
    return ((oldest - time) * this.list.length) / (span.newest - span.oldest);
  }

  private oldestLoadedTime(): number | undefined {
    return pageSpan(this.list.slice(-50))?.oldest ?? pageSpan(this.list)?.oldest;
  }

  /** The oldest time the server returns, when the list ended above `time`. */
  private olderThan(time: number | undefined): number | undefined {
    // Gaps only hold deliveries between loaded ones: once the last page is read, the oldest loaded is the oldest there is.
    if (time === undefined || this.continuation !== undefined) {
      return undefined;
    }
    const oldest = this.oldestLoadedTime();
    return oldest !== undefined && oldest > time + ID_TIME_SLACK_MS ? oldest : undefined;
  }

  /** A seek through the provider, with the same failure, cancellation and generation handling as `read`. */
  private async seek(
    request: Parameters<FeedSeeker>[0],
    signal: AbortSignal,
    generation: number,
    during: FeedError['during'],
  ): Promise<{ status: 'done'; result: SeekResult } | { status: 'failed' | 'cancelled' | 'stale'; added: 0; error?: unknown }> {
    const seeker = this.seeker;
    if (!seeker) {
      return { status: 'failed', added: 0, error: new Error('This provider cannot seek.') };
    }
    const attempt = await this.attempt(() => seeker({ ...request, filters: serverFiltersOf(this.filterState) }, signal), signal, generation, during);
    return attempt.status === 'done' ? { status: 'done', result: attempt.value } : attempt;
  }

  private async readNewest(signal: AbortSignal, generation: number): Promise<OperationResult> {
    const previousTotal = this.total;
    const fresh: Delivery[] = [];
    const freshIds = new Set<string>();
    let continuation: string | undefined;
    let met = false;
    let totalNow: number | undefined;
    let requests = 0;
    let added = 0;
    const readPages: (string | undefined)[] = [];
    for (; requests < this.options.maxRefreshPages; requests++) {
      const requested = continuation;
      const read = await this.read(requested, signal, generation, 'refresh');
      if (read.status !== 'done') {
        return { ...read, added };
      }
      readPages.push(requested);
      const page = read.page;
      totalNow ??= page.totalCount;
      this.followFallen(requested, page);
      const knownInPage = page.items.some((item) => this.byId.has(item.id));
      if (knownInPage) {
        // The top of what is loaded: everything fresh so far goes above it, in order.
        const merged = this.merge([...fresh, ...page.items], requested, 0, true);
        added += merged.added.length;
        met = true;
        this.emit(merged);
        break;
      }
      for (const item of page.items) {
        if (!freshIds.has(item.id)) {
          freshIds.add(item.id);
          fresh.push(item);
          this.origin.set(item.id, requested);
        }
      }
      continuation = page.continuation;
      if (continuation === undefined) {
        break;
      }
    }
    if (!met && fresh.length > 0) {
      const beforeId = this.list[0]?.id;
      const merged = this.merge(fresh, undefined, 0, true);
      added += merged.added.length;
      if (beforeId === undefined) {
        // Nothing was loaded before: older pages continue where this read stopped.
        this.continuation = continuation;
      } else if (continuation !== undefined) {
        // More arrived than one refresh reads: what was loaded stays, the gap is marked.
        const arrived = totalNow !== undefined && previousTotal !== undefined ? totalNow - previousTotal : undefined;
        const count = arrived === undefined ? undefined : Math.max(0, arrived - merged.added.length);
        this.gapList = [{ beforeId, continuation, count, kind: 'arrived' }, ...this.gapList];
      }
      this.emit(merged);
    }
    if (totalNow !== undefined) {
      this.total = totalNow;
    }
    this.clearError('refresh');
    const settled = await this.settle(signal, generation, new Set(readPages));
    if (settled.status !== 'done') {
      return { ...settled, added };
    }
    this.emit({});
    return { status: 'done', added };
  }

  /** Re-reads the pages that hold pending or unknown deliveries, newest first, within the bound. */
  private async settle(signal: AbortSignal, generation: number, alreadyRead: Set<string | undefined>): Promise<OperationResult> {
    const pages: (string | undefined)[] = [];
    for (const delivery of this.list) {
      if (!IN_MOTION.has(delivery.outcome)) {
        continue;
      }
      const origin = this.origin.get(delivery.id);
      if (alreadyRead.has(origin) || pages.includes(origin)) {
        continue;
      }
      pages.push(origin);
      if (pages.length >= this.options.maxSettlePages) {
        break;
      }
    }
    for (const continuation of pages) {
      const read = await this.read(continuation, signal, generation, 'refresh', this.bulkOrigins.has(continuation));
      if (read.status !== 'done') {
        return read;
      }
      alreadyRead.add(continuation);
      this.followFallen(continuation, read.page);
      // A page holding nothing loaded any more says nothing about where its deliveries go.
      if (this.firstKnownIndex(read.page.items) !== undefined) {
        this.emit(this.merge(read.page.items, continuation, this.list.length, false));
      }
    }
    return { status: 'done', added: 0 };
  }

  private async readGap(beforeId: string, signal: AbortSignal, generation: number, maxPages = this.options.maxGapPages): Promise<OperationResult> {
    let added = 0;
    for (let pages = 0; pages < maxPages; pages++) {
      const at = this.gapList.findIndex((candidate) => candidate.beforeId === beforeId);
      const gap = this.gapList[at];
      if (!gap) {
        break;
      }
      const read = await this.read(gap.continuation, signal, generation, 'refresh');
      if (read.status !== 'done') {
        return { ...read, added };
      }
      const page = read.page;
      const below = this.indexOf(gap.beforeId) ?? this.list.length;
      const reachedBelow = page.items.some((item) => (this.indexOf(item.id) ?? -1) >= below);
      const merged = this.merge(page.items, gap.continuation, below, true);
      added += merged.added.length;
      const next = page.continuation;
      if (reachedBelow || next === undefined) {
        this.gapList.splice(at, 1);
      } else {
        this.gapList[at] = { ...gap, continuation: next, count: gap.count === undefined ? undefined : Math.max(0, gap.count - merged.added.length) };
      }
      this.emit(merged);
    }
    return { status: 'done', added };
  }

  /** One request; a failure is kept as the feed's error (and reported), cancellation is not. */
  private async read(
    continuation: string | undefined,
    signal: AbortSignal,
    generation: number,
    during: FeedError['during'],
    bulk = false,
  ): Promise<{ status: 'done'; page: DeliveryPage } | { status: 'failed' | 'cancelled' | 'stale'; added: 0; error?: unknown }> {
    const loader = bulk ? (this.bulkPageLoader ?? this.loader) : this.loader;
    const attempt = await this.attempt(() => loader(continuation, serverFiltersOf(this.filterState), signal), signal, generation, during);
    return attempt.status === 'done' ? { status: 'done', page: attempt.value } : attempt;
  }

  /** One call to the server: a failure becomes the feed's error; a cancelled or outdated answer is dropped. */
  private async attempt<T>(
    call: () => Promise<T>,
    signal: AbortSignal,
    generation: number,
    during: FeedError['during'],
  ): Promise<{ status: 'done'; value: T } | { status: 'failed' | 'cancelled' | 'stale'; added: 0; error?: unknown }> {
    let value: T;
    try {
      value = await call();
    } catch (error) {
      return this.failedRead(error, signal, generation, during);
    }
    if (generation !== this.generationNumber) {
      return { status: 'stale', added: 0 };
    }
    if (signal.aborted) {
      return { status: 'cancelled', added: 0 };
    }
    return { status: 'done', value };
  }

  private failedRead(error: unknown, signal: AbortSignal, generation: number, during: FeedError['during']): { status: 'failed' | 'cancelled' | 'stale'; added: 0; error?: unknown } {
    if (generation !== this.generationNumber) {
      return { status: 'stale', added: 0 };
    }
    if (isCancellation(error, signal)) {
      return { status: 'cancelled', added: 0 };
    }
    this.errorState = { error, during };
    this.emit({});
    return { status: 'failed', added: 0, error };
  }

  private clearError(during: FeedError['during']): void {
    if (this.errorState?.during === during) {
      this.errorState = undefined;
    }
  }

  // ------------------------------------------------------------ merging

  private indexOf(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map(this.list.map((delivery, index) => [delivery.id, index]));
    }
    return this.positions.get(id);
  }

  private firstKnownIndex(items: readonly Delivery[]): number | undefined {
    for (const item of items) {
      const index = this.indexOf(item.id);
      if (index !== undefined) {
        return index;
      }
    }
    return undefined;
  }

  /**
   * Merges one page (in server order, newest first): known deliveries are updated in place,
   * unknown ones go right after the known delivery before them in the page, else right before
   * the first known one after them, else at `anchor`. `arriving` marks deliveries newer than
   * what was loaded (a refresh or gap), whose failures count as new.
   */
  private merge(
    items: readonly Delivery[],
    requested: string | undefined,
    anchor: number,
    arriving: boolean,
  ): { added: Delivery[]; updated: Delivery[]; newFailures: Delivery[] } {
    const added: Delivery[] = [];
    const updated: Delivery[] = [];
    const newFailures: Delivery[] = [];
    const run: Delivery[] = [];
    const runIds = new Set<string>();
    let insertAt = anchor;
    const place = (at: number): void => {
      if (run.length === 0) {
        return;
      }
      if (at === this.list.length) {
        // Appended (the usual Load more): the positions known stay right, the new ones are added.
        const positions = this.positions;
        for (const delivery of run) {
          positions?.set(delivery.id, this.list.length);
          this.list.push(delivery);
        }
      } else {
        this.list.splice(at, 0, ...run);
        this.positions = undefined;
      }
      for (const delivery of run) {
        this.byId.set(delivery.id, delivery);
        added.push(delivery);
        if (arriving && delivery.outcome === 'failed') {
          this.failuresNew.add(delivery.id);
          newFailures.push(delivery);
        }
      }
      run.length = 0;
      runIds.clear();
    };
    let previousKnown: number | undefined;
    for (const item of items) {
      const index = this.indexOf(item.id);
      if (index === undefined) {
        if (!runIds.has(item.id)) {
          runIds.add(item.id);
          run.push(item);
          if (!this.origin.has(item.id)) {
            this.origin.set(item.id, requested);
          }
        }
        continue;
      }
      place(previousKnown !== undefined ? previousKnown + 1 : index);
      const current = this.indexOf(item.id) ?? index;
      const old = this.list[current];
      if (old && changed(old, item)) {
        this.list[current] = item;
        this.byId.set(item.id, item);
        updated.push(item);
        if (item.outcome === 'failed' && old.outcome !== 'failed' && !this.failuresNew.has(item.id)) {
          this.failuresNew.add(item.id);
          newFailures.push(item);
        }
      }
      this.origin.set(item.id, requested);
      previousKnown = current;
      insertAt = current + 1;
    }
    place(previousKnown !== undefined ? insertAt : anchor);
    return { added, updated, newFailures };
  }

  /**
   * Deliveries last seen on the page just read again but no longer on it moved further down
   * (newer ones arrived): they are found on the page after it from now on.
   */
  private followFallen(requested: string | undefined, page: DeliveryPage): void {
    const onPage = new Set(page.items.map((item) => item.id));
    for (const [id, origin] of this.origin) {
      if (origin === requested && !onPage.has(id)) {
        this.origin.set(id, page.continuation);
      }
    }
  }

  private emit(change: Partial<FeedChange>): void {
    this.version++;
    const full: FeedChange = {
      added: change.added ?? [],
      updated: change.updated ?? [],
      removed: change.removed ?? [],
      reset: change.reset ?? false,
      newFailures: change.newFailures ?? [],
    };
    for (const listener of [...this.listeners]) {
      listener(full);
    }
  }
}

function serverFiltersOf(filter: DeliveryFilter): ServerFilters {
  return { eventType: filter.eventType, objectiveId: filter.objectiveId };
}

function abortedResult<R extends OperationResult>(signal: AbortSignal): Promise<R> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(cancelledResult<R>('cancelled'));
      return;
    }
    signal.addEventListener('abort', () => resolve(cancelledResult<R>('cancelled')), { once: true });
  });
}

/** A ProviderError for a feed whose provider has no key; the loader throws it. */
export function noKeyError(provider: Delivery['provider']): ProviderError {
  return new ProviderError('unauthorized', { provider, message: 'No API key is set.' });
}
