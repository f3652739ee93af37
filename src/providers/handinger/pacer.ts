// How many Handinger pages are in flight at once during a bulk read. Numbered pages can be
// asked for together; the API's rate limit decides how many. A 429 halves the concurrency
// (never below 1) and holds every new request until its Retry-After has passed; a run of
// answered requests doubles it back towards the default. One pacer per provider (per key).

import { ProviderError, isProviderError } from '../../model/errors';
import { MAX_RETRY_WAIT_MS, sleep } from '../retry';

export const DEFAULT_CONCURRENCY = 4;
/** Answered requests in a row after which a halved concurrency doubles again. */
const RECOVER_AFTER = 16;
/** 429s one page may get before the bulk read fails with it. */
const MAX_RATE_LIMITED = 3;
/** The wait after a 429 that names none. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

export class Pacer {
  private current: number;
  private answered = 0;
  /** Changes whenever the concurrency does: a 429 to a request sent before then does not halve it again. */
  private epoch = 0;
  private heldUntil = 0;

  constructor(
    readonly max = DEFAULT_CONCURRENCY,
    private readonly maxWaitMs = MAX_RETRY_WAIT_MS,
  ) {
    this.current = max;
  }

  get concurrency(): number {
    return this.current;
  }

  /**
   * `read(index)` for index 0 … count − 1, at most `concurrency` at once, results in index
   * order. A rate-limited read is asked again after the wait; any other failure ends it all.
   */
  map<T>(count: number, read: (index: number) => Promise<T>, signal: AbortSignal | undefined): Promise<T[]> {
    const results = new Array<T>(count);
    const queue = Array.from({ length: count }, (_, index) => index);
    const limited = new Array<number>(count).fill(0);
    let active = 0;
    let done = false;
    return new Promise<T[]>((resolve, reject) => {
      const fail = (error: unknown): void => {
        done = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const launch = (): void => {
        if (done) {
          return;
        }
        if (queue.length === 0 && active === 0) {
          done = true;
          resolve(results);
          return;
        }
        const hold = this.heldUntil - Date.now();
        if (hold > 0 && queue.length > 0) {
          if (active === 0) {
            sleep(hold, signal, 'handinger').then(launch, fail);
          }
          return;
        }
        while (active < this.current && queue.length > 0) {
          const index = queue.shift()!;
          const epoch = this.epoch;
          active++;
          read(index).then(
            (value) => {
              active--;
              results[index] = value;
              this.answeredOne(epoch);
              launch();
            },
            (error: unknown) => {
              active--;
              if (!isProviderError(error) || error.kind !== 'rateLimited' || ++limited[index]! > MAX_RATE_LIMITED) {
                fail(error);
                return;
              }
              const wait = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
              if (wait > this.maxWaitMs) {
                // Sleeping that long would freeze the view; the caller shows the wait instead.
                fail(error);
                return;
              }
              this.rateLimited(epoch, wait);
              queue.unshift(index);
              launch();
            },
          );
        }
      };
      if (signal?.aborted) {
        fail(new ProviderError('cancelled', { provider: 'handinger' }));
        return;
      }
      launch();
    });
  }

  private rateLimited(epoch: number, waitMs: number): void {
    this.heldUntil = Math.max(this.heldUntil, Date.now() + waitMs);
    this.answered = 0;
    if (epoch === this.epoch) {
      this.current = Math.max(1, Math.floor(this.current / 2));
      this.epoch++;
    }
  }

  /** Only answers to requests sent at the current concurrency count towards raising it. */
  private answeredOne(epoch: number): void {
    if (epoch === this.epoch && this.current < this.max && ++this.answered >= RECOVER_AFTER) {
      this.current = Math.min(this.max, this.current * 2);
      this.answered = 0;
      this.epoch++;
    }
  }
}
