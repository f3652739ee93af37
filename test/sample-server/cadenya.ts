// Route handlers for the Cadenya API subset the extension uses (see
// /work/shared/api/cadenya.md):
//   GET /v1/workspaces                                              (cursor, limit, sortOrder)
//   GET /v1/workspaces/{ws}/agents                                  (cursor, limit, sortOrder, query)
//   GET /v1/workspaces/{ws}/agents/{agentId}
//   GET /v1/workspaces/{ws}/agents/{agentId}/webhook_deliveries     (cursor, limit, eventType, objectiveId)
//   GET /v1/agents/{agentId}/webhook_deliveries                     (older, workspace implied)
//   GET /v1/workspaces/{ws}/objectives/{objectiveId}
//   GET /v1/workspaces/{ws}/objectives/{objectiveId}/events         (cursor, limit, sortOrder)
// Auth is `Authorization: Bearer <token>`; errors are google.rpc Status bodies
// `{ "code", "message", "details": [] }`.
//
// Lists answer `{ items, pagination: { nextCursor, total } }`: `items` is left out when
// empty, and `nextCursor` is "" on the last page (as the reference's example pages carry the
// field). `total` is given for agents and events but not for workspaces or deliveries
// (newer API versions drop it; clients must cope with both). `limit` defaults to 50 and must be 1..1000.
// Cursors are opaque (base64url of the last item's id): a page is "items after that id",
// so deliveries arriving meanwhile never shift later pages. Deliveries are always newest
// first; workspaces, agents and events default to oldest first (`sortOrder=asc|desc`).
// With a page cap (SampleServerOptions.cadenyaPageCap), delivery pages silently hold at most
// that many items whatever `limit` asks (up to 1000 is still accepted), as some real APIs
// do: clients must follow nextCursor rather than assume a short page is the last one.

import { faultKindOfKey, isFaultId } from './faults';
import { errorResponse } from './http';
import type { ApiRequest, ApiResponse } from './http';
import { CADENYA_IDS } from './cadenya-data';
import type { CadenyaAgent, CadenyaDelivery, CadenyaWorkspace, SampleDataset } from './types';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export interface CadenyaContext {
  dataset: SampleDataset;
  apiKey: string;
  /** Most deliveries a page holds, whatever `limit` asks; unset: `limit` decides. */
  pageCap?: number | undefined;
}

type Route =
  | { name: 'workspaces' }
  | { name: 'agents'; workspaceId: string }
  | { name: 'agent'; workspaceId: string; agentId: string }
  | { name: 'deliveries'; workspaceId: string | undefined; agentId: string }
  | { name: 'objective'; workspaceId: string; objectiveId: string }
  | { name: 'events'; workspaceId: string; objectiveId: string };

export function handleCadenya(request: ApiRequest, context: CadenyaContext): ApiResponse {
  const denied = authenticate(request.token, context.apiKey);
  if (denied) {
    return denied;
  }
  const route = matchRoute(request.segments);
  if (!route) {
    return errorResponse('cadenya', 404, `no route for ${request.method} /${request.segments.join('/')}`);
  }
  if (request.method !== 'GET') {
    return { ...errorResponse('cadenya', 405, `method ${request.method} not allowed`), headers: { allow: 'GET' } };
  }
  try {
    return dispatch(route, request.query, context.dataset, context.pageCap);
  } catch (error) {
    if (error instanceof InvalidArgument) {
      return errorResponse('cadenya', 400, error.message);
    }
    throw error;
  }
}

function dispatch(route: Route, query: URLSearchParams, dataset: SampleDataset, pageCap: number | undefined): ApiResponse {
  if (route.name === 'workspaces') {
    const order = sortOrder(query);
    return list(sortById(dataset.workspaces, (item) => item.metadata.id, order), (item) => item.metadata.id, order, query, false);
  }
  if (route.name === 'deliveries' && route.workspaceId === undefined) {
    const agent = findAgent(dataset, undefined, route.agentId);
    return agent ? listDeliveries(agent.deliveries, query, pageCap) : notFound(`agent ${route.agentId} not found`);
  }
  const workspace = findWorkspace(dataset, route.workspaceId ?? '');
  if (!workspace) {
    return notFound(`workspace ${route.workspaceId ?? ''} not found`);
  }
  switch (route.name) {
    case 'agents': {
      const search = query.get('query')?.trim().toLowerCase() ?? '';
      const agents = dataset.agents.filter(
        (agent) => agent.metadata.workspaceId === workspace.dataId && agent.metadata.name.toLowerCase().includes(search),
      );
      const order = sortOrder(query);
      return list(sortById(agents, (item) => item.metadata.id, order), (item) => item.metadata.id, order, query, true);
    }
    case 'agent': {
      const agent = findAgent(dataset, workspace, route.agentId);
      return agent ? { status: 200, body: agent.agent } : notFound(`agent ${route.agentId} not found`);
    }
    case 'deliveries': {
      const agent = findAgent(dataset, workspace, route.agentId);
      return agent ? listDeliveries(agent.deliveries, query, pageCap) : notFound(`agent ${route.agentId} not found`);
    }
    case 'objective':
    case 'events': {
      const objective = dataset.objectives.get(route.objectiveId);
      if (!objective || objective.metadata.workspaceId !== workspace.dataId) {
        return notFound(`objective ${route.objectiveId} not found`);
      }
      if (route.name === 'objective') {
        return { status: 200, body: objective };
      }
      const events = dataset.objectiveEvents.get(route.objectiveId) ?? [];
      const order = sortOrder(query);
      return list(order === 'desc' ? [...events].reverse() : events, (item) => item.metadata.id, order, query, true);
    }
  }
}

function authenticate(token: string | undefined, apiKey: string): ApiResponse | undefined {
  if (token === undefined) {
    return errorResponse('cadenya', 401, 'missing bearer token');
  }
  if (token !== apiKey && faultKindOfKey(token) === undefined) {
    return errorResponse('cadenya', 401, 'invalid or expired token');
  }
  return undefined;
}

function notFound(message: string): ApiResponse {
  return errorResponse('cadenya', 404, message);
}

function matchRoute(segments: readonly string[]): Route | undefined {
  const [version, collection, first, child, second, grandchild, ...rest] = segments;
  if (version !== 'v1' || rest.length > 0 || [first, second].includes('')) {
    return undefined;
  }
  if (collection === 'agents' && first !== undefined && child === 'webhook_deliveries' && second === undefined) {
    return { name: 'deliveries', workspaceId: undefined, agentId: first };
  }
  if (collection !== 'workspaces') {
    return undefined;
  }
  if (first === undefined) {
    return { name: 'workspaces' };
  }
  if (child === 'agents') {
    if (second === undefined) {
      return { name: 'agents', workspaceId: first };
    }
    if (grandchild === undefined) {
      return { name: 'agent', workspaceId: first, agentId: second };
    }
    if (grandchild === 'webhook_deliveries') {
      return { name: 'deliveries', workspaceId: first, agentId: second };
    }
  }
  if (child === 'objectives' && second !== undefined) {
    if (grandchild === undefined) {
      return { name: 'objective', workspaceId: first, objectiveId: second };
    }
    if (grandchild === 'events') {
      return { name: 'events', workspaceId: first, objectiveId: second };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- lookups

interface WorkspaceRecord {
  workspace: CadenyaWorkspace;
  /** The id its agents and objectives are stored under (differs for fault stand-ins). */
  dataId: string;
}

/** A workspace, or for a fault id (`ws_fault-slow`) a stand-in serving the first workspace's data. */
function findWorkspace(dataset: SampleDataset, id: string): WorkspaceRecord | undefined {
  const workspace = dataset.workspaces.find((candidate) => candidate.metadata.id === id);
  if (workspace) {
    return { workspace, dataId: id };
  }
  const template = dataset.workspaces[0];
  if (!isFaultId(id) || !template) {
    return undefined;
  }
  return { workspace: { ...template, metadata: { ...template.metadata, id } }, dataId: template.metadata.id };
}

interface AgentRecord {
  agent: CadenyaAgent;
  deliveries: readonly CadenyaDelivery[];
}

/**
 * An agent (in the given workspace, or anywhere for the older unscoped path), or for a
 * fault id (`agent_fault-slow`) a stand-in serving the small agent's data under that id.
 */
function findAgent(dataset: SampleDataset, workspace: WorkspaceRecord | undefined, agentId: string): AgentRecord | undefined {
  const agent = dataset.agents.find(
    (candidate) => candidate.metadata.id === agentId && (workspace === undefined || candidate.metadata.workspaceId === workspace.dataId),
  );
  if (agent) {
    return { agent, deliveries: dataset.deliveries.get(agentId) ?? [] };
  }
  const template = isFaultId(agentId) ? findAgent(dataset, undefined, CADENYA_IDS.smallAgent) : undefined;
  if (!template) {
    return undefined;
  }
  const workspaceId = workspace?.workspace.metadata.id ?? template.agent.metadata.workspaceId;
  return {
    agent: { ...template.agent, metadata: { ...template.agent.metadata, id: agentId, workspaceId } },
    deliveries: template.deliveries.map((delivery) => ({ ...delivery, data: { ...delivery.data, agentId } })),
  };
}

// ---------------------------------------------------------------- lists and cursors

class InvalidArgument extends Error {}

function listDeliveries(deliveries: readonly CadenyaDelivery[], query: URLSearchParams, pageCap: number | undefined): ApiResponse {
  const eventType = query.get('eventType') || undefined;
  const objectiveId = query.get('objectiveId') || undefined;
  const filtered = deliveries.filter(
    (delivery) =>
      (eventType === undefined || delivery.data.eventType === eventType) &&
      (objectiveId === undefined || delivery.data.objectiveId === objectiveId),
  );
  return list(filtered, (item) => item.metadata.id, 'desc', query, false, pageCap);
}

function sortOrder(query: URLSearchParams): 'asc' | 'desc' {
  const value = (query.get('sortOrder') || 'asc').toLowerCase();
  if (value !== 'asc' && value !== 'desc') {
    throw new InvalidArgument('sortOrder must be "asc" or "desc"');
  }
  return value;
}

function sortById<T>(items: readonly T[], idOf: (item: T) => string, order: 'asc' | 'desc'): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => (idOf(a) < idOf(b) ? -sign : idOf(a) > idOf(b) ? sign : 0));
}

export function encodeCursor(id: string): string {
  return Buffer.from(`v1:${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith('v1:') || text.length === 'v1:'.length) {
    throw new InvalidArgument('invalid pagination cursor');
  }
  return text.slice('v1:'.length);
}

function limitParam(query: URLSearchParams): number {
  const text = query.get('limit');
  if (text === null || text === '') {
    return DEFAULT_LIMIT;
  }
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidArgument(`limit must be an integer between 1 and ${MAX_LIMIT}`);
  }
  return limit;
}

/**
 * One page of `items`, which are sorted by id in `order`. The page starts after the
 * cursor's id, found by comparison rather than position, so the id need not still be in
 * the list and items inserted before it do not move the page. `pageCap`, when set, silently
 * shortens pages that `limit` would make longer.
 */
function list<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  order: 'asc' | 'desc',
  query: URLSearchParams,
  withTotal: boolean,
  pageCap?: number,
): ApiResponse {
  const limit = Math.min(limitParam(query), pageCap ?? MAX_LIMIT);
  const cursor = query.get('cursor');
  let start = 0;
  if (cursor) {
    const after = decodeCursor(cursor);
    const index = items.findIndex((item) => (order === 'desc' ? idOf(item) < after : idOf(item) > after));
    start = index < 0 ? items.length : index;
  }
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  const pagination: { nextCursor: string; total?: number } = {
    nextCursor: last !== undefined && start + limit < items.length ? encodeCursor(idOf(last)) : '',
  };
  if (withTotal) {
    pagination.total = items.length;
  }
  return { status: 200, body: page.length > 0 ? { items: page, pagination } : { pagination } };
}
