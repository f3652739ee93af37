// The Cadenya provider: workspaces, then a workspace's agents, then an agent's webhook
// deliveries, all cursor-paged. Cursors do not shift when deliveries arrive, so the
// continuation is the server's cursor as is; the feed still de-duplicates.

import type { Container, ContainerPage } from '../../model/container';
import type { Delivery, DeliveryPage, PageRead } from '../../model/delivery';
import { ProviderError } from '../../model/errors';
import { connect, usable } from '../connection';
import { JsonHttpClient } from '../http';
import type { BulkRequest, CadenyaDeliveryProvider, DeliveryRequest, ProviderConfig, RelatedRecord, SeekRequest, SeekResult } from '../types';
import { isProviderError } from '../../model/errors';
import { CadenyaApi } from './client';
import { agentToContainer, objectiveToRelated, workspaceToContainer } from './mapping';

/** No default is documented; 100 keeps pages few without making one slow. */
const DEFAULT_PAGE_SIZE = 100;
/** Bulk reads (seeks) ask for this many a page at most; a server that gives fewer teaches a smaller size. */
export const MAX_BULK_PAGE_SIZE = 500;
/** Below this a refused size is not halved further: the refusal is about something else. */
const MIN_BULK_PAGE_SIZE = 50;

/**
 * Creates the provider. A bad base URL or an empty key does not throw here: every call
 * rejects with the ProviderError instead ('invalidBaseUrl' / 'unauthorized'), before any
 * request, so the UI handles it where it handles every other failure.
 */
export function createCadenyaProvider(config: ProviderConfig): CadenyaDeliveryProvider {
  const connection = connect('cadenya', config);
  return new CadenyaProvider(
    connection instanceof ProviderError ? connection : new CadenyaApi(new JsonHttpClient({ provider: 'cadenya', ...connection })),
  );
}

class CadenyaProvider implements CadenyaDeliveryProvider {
  readonly id = 'cadenya';
  readonly supportedFilters = ['eventType', 'objectiveId'] as const;

  /** The largest page size the server has accepted and filled; learned from its answers. */
  private bulkPageSize = MAX_BULK_PAGE_SIZE;

  constructor(private readonly apiOrError: CadenyaApi | ProviderError) {}

  /** Page size bulk reads use now: at most 500, less once the server has shown it gives less. */
  get bulkLimit(): number {
    return this.bulkPageSize;
  }

  private get api(): CadenyaApi {
    return usable(this.apiOrError);
  }

  async listWorkspaces(continuation?: string, signal?: AbortSignal): Promise<ContainerPage> {
    const page = await this.api.listWorkspaces({ cursor: continuation }, signal);
    return { items: page.items.map(workspaceToContainer), continuation: page.nextCursor };
  }

  async listAgents(workspaceId: string, continuation?: string, signal?: AbortSignal): Promise<ContainerPage> {
    const page = await this.api.listAgents(workspaceId, { cursor: continuation }, signal);
    return { items: page.items.map((agent) => agentToContainer(agent, workspaceId)), continuation: page.nextCursor };
  }

  async listDeliveries(container: Container, request: DeliveryRequest, signal?: AbortSignal): Promise<DeliveryPage> {
    const workspaceId = container.workspaceId;
    if (container.kind !== 'agent' || workspaceId === undefined) {
      throw new ProviderError('notFound', {
        provider: 'cadenya',
        message: 'Deliveries are listed per agent of a workspace; this item is not one.',
        action: 'none',
      });
    }
    const page = await this.api.listDeliveries(
      workspaceId,
      container.id,
      {
        cursor: request.continuation,
        limit: request.limit ?? DEFAULT_PAGE_SIZE,
        eventType: request.filters?.eventType,
        objectiveId: request.filters?.objectiveId,
      },
      signal,
    );
    return {
      items: page.items,
      continuation: page.nextCursor,
      totalCount: page.total,
    };
  }

  /**
   * Cursor pages cannot be skipped: walks from the newest page (or `request.after`) at the
   * bulk page size until a page holds a delivery created at or before `request.before`.
   */
  async seek(container: Container, request: SeekRequest, signal?: AbortSignal): Promise<SeekResult> {
    let continuation = request.after;
    let passed = 0;
    let requests = 0;
    for (;;) {
      const page = await this.bulkPage(container, { continuation, filters: request.filters }, signal);
      requests++;
      const reached = page.items.some((item) => item.time > 0 && item.time <= request.before);
      if (reached || page.continuation === undefined || page.items.length === 0) {
        return { page, requested: continuation, passed, startedAfter: request.after !== undefined, requests };
      }
      passed += page.items.length;
      request.progress?.(passed);
      continuation = page.continuation;
    }
  }

  /**
   * Load the Last N, id walks: one page at the largest size the server accepts (learned from
   * its answers, at most 500), no larger than what is wanted, no smaller than the configured
   * page size. Cursors are read one after another, so the page size is what saves round trips.
   */
  async readMany(container: Container, request: BulkRequest, signal?: AbortSignal): Promise<PageRead[]> {
    const cap = Math.max(request.limit ?? DEFAULT_PAGE_SIZE, request.wanted);
    return [{ requested: request.continuation, page: await this.bulkPage(container, request, signal, cap) }];
  }

  /** One page at the bulk size (at most `cap`); a refused size is halved, a short page with more to come caps it. */
  async bulkPage(container: Container, request: DeliveryRequest, signal?: AbortSignal, cap = MAX_BULK_PAGE_SIZE): Promise<DeliveryPage> {
    for (;;) {
      const limit = Math.min(this.bulkPageSize, cap);
      try {
        const page = await this.listDeliveries(container, { ...request, limit }, signal);
        if (page.continuation !== undefined && page.items.length > 0 && page.items.length < limit) {
          this.bulkPageSize = Math.max(1, page.items.length);
        }
        return page;
      } catch (error) {
        // 400 with a message about the limit: the server's maximum is smaller.
        const refused = isProviderError(error) && error.status === 400 && /limit|page.?size/i.test(error.message);
        if (!refused || limit <= MIN_BULK_PAGE_SIZE) {
          throw error;
        }
        this.bulkPageSize = Math.max(MIN_BULK_PAGE_SIZE, Math.floor(limit / 2));
      }
    }
  }

  async getRelated(delivery: Delivery, signal?: AbortSignal): Promise<RelatedRecord | undefined> {
    if (delivery.related?.kind !== 'objective' || delivery.workspaceId === undefined) {
      return undefined;
    }
    const objective = await this.api.getObjective(delivery.workspaceId, delivery.related.id, signal);
    return objectiveToRelated(objective);
  }
}
