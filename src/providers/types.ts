// The contract between the UI and the provider clients. Providers speak HTTP and map to the
// common model; the UI sees only these types and ProviderError.

import type { Container, ContainerPage } from '../model/container';
import type { Delivery, DeliveryPage, ProviderId } from '../model/delivery';
import type { ProviderError } from '../model/errors';
import type { SeekRequest, SeekResult } from '../model/seek';
import type { PageRead } from '../model/delivery';

export type { Container, ContainerPage } from '../model/container';
export type { Delivery, DeliveryPage, ProviderId } from '../model/delivery';
export type { SeekRequest, SeekResult } from '../model/seek';

export interface ProviderConfig {
  /** Must be https:, or http: to a loopback address; checked before any key is sent. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Per request (one attempt), body included. Default 15 000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for 429, 5xx and connection failures. Default 2. */
  readonly maxRetries?: number;
  /** Receives one line per request and per retry; never headers, bodies or the key. */
  readonly logger?: (line: string) => void;
  /** Replaces the global fetch (a proxy-aware fetch, for instance). */
  readonly fetch?: typeof fetch;
}

/** Filters the API applies server-side. */
export interface DeliveryFilters {
  readonly eventType?: string;
  readonly objectiveId?: string;
}

export type DeliveryFilterName = keyof DeliveryFilters;

export interface DeliveryRequest {
  /** From the previous page; absent for the newest page. */
  readonly continuation?: string;
  readonly filters?: DeliveryFilters;
  /** Page size, where the API lets the client choose one (Cadenya). */
  readonly limit?: number;
}

export interface BulkRequest extends DeliveryRequest {
  /** Deliveries the caller still wants; the provider reads about that many, in few round trips. */
  readonly wanted: number;
}

/** The task or objective a delivery came from. */
export interface RelatedRecord {
  readonly kind: 'task' | 'objective';
  readonly id: string;
  readonly title?: string;
  /** Lower-case, e.g. 'completed', 'running'. */
  readonly status?: string;
  /** Dashboard link, when the API gives one. */
  readonly url?: string;
  readonly raw: unknown;
}

export interface DeliveryProvider {
  readonly id: ProviderId;
  /** Filters `listDeliveries` passes to the server; others are ignored. */
  readonly supportedFilters: readonly DeliveryFilterName[];
  listDeliveries(container: Container, request: DeliveryRequest, signal?: AbortSignal): Promise<DeliveryPage>;
  /**
   * The page holding the newest delivery created at or before `request.before`, without
   * reading every page above it; the oldest page when every delivery is newer.
   */
  seek(container: Container, request: SeekRequest, signal?: AbortSignal): Promise<SeekResult>;
  /** One page at the largest size the provider reads in bulk (what `seek` reads with). */
  bulkPage(container: Container, request: DeliveryRequest, signal?: AbortSignal): Promise<DeliveryPage>;
  /**
   * Several pages from `request.continuation` on, in order, as fast as the API allows
   * (Handinger: numbered pages a few at a time; Cadenya: the largest page size it accepts).
   * Every page is as `listDeliveries` would return it; the last one's continuation goes on.
   */
  readMany(container: Container, request: BulkRequest, signal?: AbortSignal): Promise<PageRead[]>;
  /** The related task or objective; undefined when the delivery names none. */
  getRelated(delivery: Delivery, signal?: AbortSignal): Promise<RelatedRecord | undefined>;
}

/** One worker id the user added, checked against the API. */
export type WorkerCheck =
  | { readonly id: string; readonly ok: true; readonly container: Container }
  | { readonly id: string; readonly ok: false; readonly error: ProviderError };

export interface HandingerDeliveryProvider extends DeliveryProvider {
  readonly id: 'handinger';
  /** One worker; a missing one rejects with kind 'notFound'. */
  getWorker(workerId: string, signal?: AbortSignal): Promise<Container>;
  /** The workers the user added, each checked by a request; one failure does not hide the others. */
  listContainers(workerIds: readonly string[], signal?: AbortSignal): Promise<WorkerCheck[]>;
}

export interface CadenyaDeliveryProvider extends DeliveryProvider {
  readonly id: 'cadenya';
  listWorkspaces(continuation?: string, signal?: AbortSignal): Promise<ContainerPage>;
  listAgents(workspaceId: string, continuation?: string, signal?: AbortSignal): Promise<ContainerPage>;
}
