// Typed Cadenya endpoints on the shared JSON client. Only workspace-scoped paths are used
// (the older `/v1/agents/{id}/…` form depends on a workspace implied by the token).

import type { Delivery } from '../../model/delivery';
import type { JsonHttpClient } from '../http';
import { pathSegment } from '../http';
import { readAgent, readDelivery, readList, readObjective, readWorkspace } from './mapping';
import type { WireAgent, WireList, WireObjective, WireWorkspace } from './types';

export interface PageQuery {
  readonly cursor?: string;
  readonly limit?: number;
}

export interface DeliveryQuery extends PageQuery {
  readonly eventType?: string;
  readonly objectiveId?: string;
}

/** Builds a path from literal parts and ids, each id one encoded segment. */
function path(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce(
    (built, part, index) => built + part + (index < ids.length ? pathSegment(ids[index] ?? '', 'cadenya') : ''),
    '',
  );
}

export class CadenyaApi {
  constructor(private readonly http: JsonHttpClient) {}

  async listWorkspaces(query: PageQuery, signal?: AbortSignal): Promise<WireList<WireWorkspace>> {
    const body = await this.http.getJson('/v1/workspaces', { ...query }, signal);
    return readList(body, readWorkspace, 'workspaces');
  }

  async listAgents(workspaceId: string, query: PageQuery, signal?: AbortSignal): Promise<WireList<WireAgent>> {
    const body = await this.http.getJson(path`/v1/workspaces/${workspaceId}/agents`, { ...query }, signal);
    return readList(body, readAgent, 'agents');
  }

  async listDeliveries(
    workspaceId: string,
    agentId: string,
    query: DeliveryQuery,
    signal?: AbortSignal,
  ): Promise<WireList<Delivery>> {
    const body = await this.http.getJson(
      path`/v1/workspaces/${workspaceId}/agents/${agentId}/webhook_deliveries`,
      { ...query },
      signal,
    );
    return readList(body, (item) => readDelivery(item, agentId, workspaceId), 'webhook deliveries');
  }

  async getObjective(workspaceId: string, objectiveId: string, signal?: AbortSignal): Promise<WireObjective> {
    const body = await this.http.getJson(path`/v1/workspaces/${workspaceId}/objectives/${objectiveId}`, {}, signal);
    return readObjective(body);
  }
}
