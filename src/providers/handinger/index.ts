// The Handinger provider: the workers the user added (there is no endpoint listing them),
// each worker's webhook executions paged by number with shift detection (paging.ts), and
// the task behind an execution.

import type { Container } from '../../model/container';
import type { Delivery, DeliveryPage, PageRead } from '../../model/delivery';
import { ProviderError } from '../../model/errors';
import { notWorkerCreator } from '../failures';
import { connect, usable } from '../connection';
import type { BulkRequest, DeliveryRequest, HandingerDeliveryProvider, ProviderConfig, RelatedRecord, SeekRequest, SeekResult, WorkerCheck } from '../types';
import { HandingerApi } from './client';
import { executionToDelivery, readExecutionList, taskToRelated, workerToContainer } from './mapping';
import type { PagePosition } from './paging';
import { FIRST_POSITION, HANDINGER_PAGE_SIZE, decodePosition, encodePosition, pageFor, planPage } from './paging';
import { Pacer } from './pacer';
import { seekByPageNumber } from './seek';

/** Pages read in one call while executions keep arriving faster than they are read. */
const MAX_MOVES = 4;
/** Worker checks in flight at once: enough to be quick, few enough not to trip the rate limit. */
const CHECK_CONCURRENCY = 4;
/** Rounds of `concurrency` pages one bulk read asks for, kept in flight as a sliding window. */
const BULK_ROUNDS = 4;

/**
 * Creates the provider. A bad base URL or an empty key does not throw here: every call
 * rejects with the ProviderError instead ('invalidBaseUrl' / 'unauthorized'), before any
 * request, so the UI handles it where it handles every other failure.
 */
export function createHandingerProvider(config: ProviderConfig): HandingerDeliveryProvider {
  const connection = connect('handinger', config);
  return new HandingerProvider(connection instanceof ProviderError ? connection : new HandingerApi(connection));
}

/** Executions of a worker; a 403 means the worker is someone else's (see notWorkerCreator). */
async function listOwnExecutions(api: HandingerApi, workerId: string, page: number, signal?: AbortSignal, paced = false): Promise<unknown> {
  try {
    return await api.listExecutions(workerId, page, signal, paced);
  } catch (error) {
    throw error instanceof ProviderError && error.kind === 'forbidden' ? notWorkerCreator(error) : error;
  }
}

class HandingerProvider implements HandingerDeliveryProvider {
  readonly id = 'handinger';
  /** Executions cannot be filtered server-side. */
  readonly supportedFilters = [] as const;

  /** Pages in flight at once during bulk reads, for every worker of this key. */
  private readonly pacer = new Pacer();

  constructor(private readonly apiOrError: HandingerApi | ProviderError) {}

  /** Pages a bulk read asks for at once now: 4, fewer after the server said 429. */
  get bulkConcurrency(): number {
    return this.pacer.concurrency;
  }

  private get api(): HandingerApi {
    return usable(this.apiOrError);
  }

  async getWorker(workerId: string, signal?: AbortSignal): Promise<Container> {
    return workerToContainer(await this.api.getWorker(workerId, signal));
  }

  async listContainers(workerIds: readonly string[], signal?: AbortSignal): Promise<WorkerCheck[]> {
    const results: WorkerCheck[] = new Array<WorkerCheck>(workerIds.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < workerIds.length; index = next++) {
        const id = workerIds[index] ?? '';
        try {
          results[index] = { id, ok: true, container: await this.getWorker(id, signal) };
        } catch (error) {
          if (!(error instanceof ProviderError) || error.kind === 'cancelled') {
            throw error;
          }
          results[index] = { id, ok: false, error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, workerIds.length) }, worker));
    return results;
  }

  async listDeliveries(container: Container, request: DeliveryRequest, signal?: AbortSignal): Promise<DeliveryPage> {
    const api = this.api;
    let position: PagePosition = request.continuation === undefined ? FIRST_POSITION : decodePosition(request.continuation);
    for (let moves = 0; ; moves++) {
      const list = readExecutionList(await listOwnExecutions(api, container.id, pageFor(position), signal));
      // The server echoes the page it served; the one asked for is what positions are measured by.
      const facts = { page: pageFor(position), count: list.logs.length, pageCount: list.pageCount, totalCount: list.totalCount };
      const plan = planPage(position, facts);
      if (plan.kind === 'moved') {
        if (moves < MAX_MOVES) {
          position = plan.position;
          continue;
        }
        // Still moving: hand back the new position with nothing in it; the feed reads on.
        return { items: [], continuation: encodePosition(plan.position), totalCount: list.totalCount };
      }
      return {
        items: list.logs.slice(plan.skip).map((log) => executionToDelivery(log, container.id)),
        continuation: plan.next && encodePosition(plan.next),
        totalCount: list.totalCount,
      };
    }
  }

  /** Handinger's pages have one size: a bulk page is a page. */
  bulkPage(container: Container, request: DeliveryRequest, signal?: AbortSignal): Promise<DeliveryPage> {
    return this.listDeliveries(container, request, signal);
  }

  /**
   * Up to `concurrency` numbered pages from the position on, asked for at once, then taken in
   * order by planPage as one-at-a-time reads would take them: executions that arrived between
   * the requests shift later pages, whose overlap is skipped; a page whose executions moved
   * past it is read again from the position reached. Nothing is skipped or read twice.
   */
  async readMany(container: Container, request: BulkRequest, signal?: AbortSignal): Promise<PageRead[]> {
    const api = this.api;
    let position: PagePosition = request.continuation === undefined ? FIRST_POSITION : decodePosition(request.continuation);
    const first = pageFor(position);
    const lastPage = position.total === undefined ? Number.MAX_SAFE_INTEGER : Math.max(first, Math.ceil(position.total / position.pageSize));
    // Up to four rounds of pages in one call, kept `concurrency` in flight (a new one as each
    // answers), so the slowest page of a round does not hold the next round back.
    const count = Math.max(1, Math.min(this.pacer.concurrency * BULK_ROUNDS, Math.ceil(request.wanted / position.pageSize), lastPage - first + 1));
    const lists = await this.pacer.map(
      count,
      async (index) => readExecutionList(await listOwnExecutions(api, container.id, first + index, signal, true)),
      signal,
    );
    const reads: PageRead[] = [];
    let requested = request.continuation;
    for (const [index, list] of lists.entries()) {
      const facts = { page: first + index, count: list.logs.length, pageCount: list.pageCount, totalCount: list.totalCount };
      const plan = planPage(position, facts);
      let page: DeliveryPage;
      if (plan.kind === 'take') {
        page = {
          items: list.logs.slice(plan.skip).map((log) => executionToDelivery(log, container.id)),
          continuation: plan.next && encodePosition(plan.next),
          totalCount: list.totalCount,
        };
      } else {
        // Moved since it was asked for (many arrived, or some expired): read from the position itself.
        page = await this.listDeliveries(container, { continuation: requested, filters: request.filters }, signal);
      }
      reads.push({ requested, page });
      if (page.continuation === undefined) {
        break;
      }
      requested = page.continuation;
      position = decodePosition(page.continuation);
    }
    return reads;
  }

  seek(container: Container, request: SeekRequest, signal?: AbortSignal): Promise<SeekResult> {
    const positionOf = (offset: number, total: number | undefined): string | undefined =>
      offset === 0 && total === undefined ? undefined : encodePosition({ offset, total, pageSize: HANDINGER_PAGE_SIZE });
    return seekByPageNumber(
      (offset, total) => this.listDeliveries(container, { continuation: positionOf(offset, total), filters: request.filters }, signal),
      positionOf,
      request,
    );
  }

  async getRelated(delivery: Delivery, signal?: AbortSignal): Promise<RelatedRecord | undefined> {
    if (delivery.related?.kind !== 'task') {
      return undefined;
    }
    return taskToRelated(await this.api.getTask(delivery.related.id, signal), delivery.related.id);
  }
}
