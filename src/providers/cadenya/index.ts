// The Cadenya provider: workspaces, then a workspace's agents, then an agent's webhook
// deliveries, all cursor-paged. Cursors do not shift when deliveries arrive, so the
// continuation is the server's cursor as is; the feed still de-duplicates.

import type { Container, ContainerPage } from '../../model/container';
import type { Delivery, DeliveryPage } from '../../model/delivery';
import { ProviderError } from '../../model/errors';
import { connect, usable } from '../connection';
import { JsonHttpClient } from '../http';
import type { CadenyaDeliveryProvider, DeliveryRequest, ProviderConfig, RelatedRecord } from '../types';
import { CadenyaApi } from './client';
import { agentToContainer, objectiveToRelated, workspaceToContainer } from './mapping';

/** No default is documented; 100 keeps pages few without making one slow. */
const DEFAULT_PAGE_SIZE = 100;

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

  constructor(private readonly apiOrError: CadenyaApi | ProviderError) {}

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

  async getRelated(delivery: Delivery, signal?: AbortSignal): Promise<RelatedRecord | undefined> {
    if (delivery.related?.kind !== 'objective' || delivery.workspaceId === undefined) {
      return undefined;
    }
    const objective = await this.api.getObjective(delivery.workspaceId, delivery.related.id, signal);
    return objectiveToRelated(objective);
  }
}
