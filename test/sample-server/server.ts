// The sample API server: a real HTTP server on 127.0.0.1 that serves the Handinger and
// Cadenya endpoints the extension uses, from a deterministic seeded dataset, with fault
// injection and a control API. Used by unit, integration and browser tests, and for demos
// (`npm run sample-server`, see main.ts).
//
//   const server = await startSampleServer();           // free port, DEFAULT_SEED
//   fetch(`${server.url}/api/workers/${SAMPLE_IDS.busyWorker}`, { headers: { authorization: `Bearer ${server.handingerKey}` } });
//   server.injectFault({ kind: '503', times: 2 });
//   await server.close();
//
// Routing: /api/… is Handinger (handinger.ts), /v1/… is Cadenya (cadenya.ts), /__control/…
// is the control API (control.ts). Faults (faults.ts) are applied before routing.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleCadenya } from './cadenya';
import { handleControl } from './control';
import type { ControlContext } from './control';
import { addCadenyaDelivery, addHandingerExecution, generateDataset } from './data';
import type { CadenyaDeliveryFields } from './data';
import { FaultQueue, UnknownFaultKindError, parseFaultRule, respondWithFault, selectFault } from './faults';
import type { FaultRule, SelectedFault } from './faults';
import { handleHandinger } from './handinger';
import {
  MAX_BURST,
  Timeline,
  burstTimes,
  cadenyaBurstFields,
  cadenyaSettleScript,
  findDelivery,
  findExecution,
  handingerBurstFields,
  handingerSettleScript,
  updateDelivery,
  updateExecution,
} from './motion';
import type { BurstOptions, CadenyaDataFields, HandingerExecutionFields, MotionOptions } from './motion';
import { bearerToken, errorResponse, keyFingerprint, send, sendJson, splitPath } from './http';
import type { ApiFlavor, ApiRequest, ApiResponse, RequestLogEntry } from './http';
import { Random } from './random';
import type {
  CadenyaDelivery,
  CadenyaDeliveryData,
  CadenyaDeliveryMetadata,
  HandingerExecution,
  SampleDataset,
} from './types';

export { SAMPLE_IDS, generateDataset } from './data';
export type {
  CadenyaAgent,
  CadenyaDelivery,
  CadenyaDeliveryData,
  CadenyaDeliveryMetadata,
  CadenyaObjective,
  CadenyaObjectiveEvent,
  CadenyaWorkspace,
  HandingerExecution,
  HandingerTask,
  HandingerWebhook,
  HandingerWorker,
  SampleDataset,
} from './data';
export { FAULT_KINDS } from './faults';
export { CREATOR_ONLY_MESSAGE } from './handinger-data';
export type { FaultKind, FaultRule } from './faults';
export type { BurstOptions, CadenyaDataFields, HandingerExecutionFields, MotionOptions, ScriptStep, SettleOutcome } from './motion';
export type { RequestLogEntry } from './http';
export { keyFingerprint } from './http';

export const DEFAULT_SEED = 20261123;
export const DEMO_HANDINGER_KEY = 'hdg_live_demo_4f8c2a9e7b1d';
export const DEMO_CADENYA_KEY = 'cdy_demo_9a3e5f1c7d2b';

/** Requests kept in `requestLog`; older entries are dropped. */
const REQUEST_LOG_LIMIT = 10_000;

export interface SampleServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number;
  /** Reference time of the dataset; default: the start time truncated to the minute. */
  now?: Date;
  handingerKey?: string;
  cadenyaKey?: string;
  /**
   * Most Cadenya deliveries a page holds: larger `limit`s (still accepted up to 1000) are
   * silently cut to this, with a nextCursor to the rest, as some real APIs do. Default:
   * unset, `limit` decides. A positive integer.
   */
  cadenyaPageCap?: number;
  /**
   * Added to every API request before it is answered, ms (a client 20–200 ms from the API
   * sees its pages this much later). Default 0; changed at run time by `setLatency` or
   * `PUT /__control/latency`.
   */
  latencyMs?: number;
}

export interface SampleServer {
  /** e.g. http://127.0.0.1:43123 (no trailing slash); base URL for both APIs. */
  url: string;
  handingerKey: string;
  cadenyaKey: string;
  /** The live dataset (mutated by the add* methods and control endpoints). */
  dataset: SampleDataset;
  /**
   * Adds the newest execution (createdAt = now) for a dataset worker; see data.ts. `motion`
   * makes it change later (motion.ts): `script` steps patch it, `settleAfterMs` adds its
   * retries as new executions of the same task.
   */
  addHandingerExecution(workerId: string, fields?: Partial<HandingerExecution>, motion?: MotionOptions<HandingerExecutionFields>): HandingerExecution;
  /**
   * Adds the newest delivery for a dataset agent; see data.ts. `motion` makes it change
   * later: `script` steps, or `settleAfterMs` (PENDING, retried at 1/3 and 2/3, then FAILED
   * with HTTP 502 after three attempts, or COMPLETED with `settleOutcome: 'success'`).
   */
  addCadenyaDelivery(
    workspaceId: string,
    agentId: string,
    fields?: Partial<CadenyaDeliveryData> & { metadata?: Partial<CadenyaDeliveryMetadata> },
    motion?: MotionOptions<CadenyaDataFields>,
  ): CadenyaDelivery;
  /** Sets fields of an existing execution now (same id and position); throws for an unknown one. */
  updateHandingerExecution(workerId: string, executionId: string, fields: HandingerExecutionFields): HandingerExecution;
  /** Sets fields of an existing delivery now; a grown attemptCount moves lastAttemptAt to now unless given. */
  updateCadenyaDelivery(workspaceId: string, agentId: string, deliveryId: string, fields: CadenyaDataFields): CadenyaDelivery;
  /** Adds `count` executions at once, newest on top, mixed outcomes; returns them newest first. */
  addHandingerBurst(workerId: string, options: BurstOptions): HandingerExecution[];
  /** Adds `count` deliveries at once, newest on top, mixed outcomes (some PENDING); returns them newest first. */
  addCadenyaBurst(workspaceId: string, agentId: string, options: BurstOptions): CadenyaDelivery[];
  /** Applies scripted changes whose time has come (requests do this themselves); returns how many. */
  applyDueChanges(): number;
  /** Queues a fault for the next `times` matching API requests; throws on an invalid rule. */
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** API requests (not control requests) in arrival order. */
  requestLog: ReadonlyArray<RequestLogEntry>;
  /** The added latency per API request, ms. */
  readonly latencyMs: number;
  setLatency(ms: number): void;
  /** Most API requests in flight at once since the start or the last `resetMaxInFlight`. */
  readonly maxInFlight: number;
  resetMaxInFlight(): void;
  /** Stops listening and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

export async function startSampleServer(options: SampleServerOptions = {}): Promise<SampleServer> {
  const seed = options.seed ?? DEFAULT_SEED;
  const dataset = generateDataset(seed, options.now ?? startOfMinute(new Date()));
  const handingerKey = options.handingerKey ?? DEMO_HANDINGER_KEY;
  const cadenyaKey = options.cadenyaKey ?? DEMO_CADENYA_KEY;
  const cadenyaPageCap = options.cadenyaPageCap;
  const latency = { ms: checkLatency(options.latencyMs ?? 0), inFlight: 0, maxInFlight: 0 };
  if (cadenyaPageCap !== undefined && !(Number.isInteger(cadenyaPageCap) && cadenyaPageCap >= 1)) {
    throw new RangeError(`cadenyaPageCap must be a positive integer, got ${cadenyaPageCap}`);
  }
  const liveRandom = new Random(seed).fork('live-additions');
  const faults = new FaultQueue();
  const requestLog: RequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const timeline = new Timeline();
  const motionRandom = new Random(seed).fork('motion');

  const addExecution = (
    workerId: string,
    fields: Partial<HandingerExecution> = {},
    motion: MotionOptions<HandingerExecutionFields> = {},
  ): HandingerExecution => {
    timeline.applyDue();
    const execution = addHandingerExecution(dataset, liveRandom, timeline.now(), workerId, fields);
    const addedAt = timeline.now();
    for (const step of motion.script ?? []) {
      timeline.at(addedAt + step.afterMs, () => updateExecution(execution, step.set));
    }
    if (motion.settleAfterMs !== undefined) {
      for (const step of handingerSettleScript(motion.settleAfterMs, motion.settleOutcome ?? 'failure')) {
        // A retry is a new execution of the same task, to the same URL.
        timeline.at(addedAt + step.afterMs, () =>
          addHandingerExecution(dataset, liveRandom, timeline.now(), workerId, {
            taskId: execution.taskId,
            url: execution.url,
            ...(step.set as Partial<HandingerExecution>),
          }),
        );
      }
    }
    return execution;
  };
  const addDelivery = (
    workspaceId: string,
    agentId: string,
    fields: CadenyaDeliveryFields = {},
    motion: MotionOptions<CadenyaDataFields> = {},
  ): CadenyaDelivery => {
    timeline.applyDue();
    const delivery = addCadenyaDelivery(dataset, liveRandom, timeline.now(), workspaceId, agentId, fields);
    const addedAt = timeline.now();
    const steps = [
      ...(motion.script ?? []),
      ...(motion.settleAfterMs === undefined ? [] : cadenyaSettleScript(motion.settleAfterMs, motion.settleOutcome ?? 'failure', motionRandom)),
    ];
    for (const step of steps) {
      timeline.at(addedAt + step.afterMs, () => updateDelivery(delivery, step.set, timeline.now()));
    }
    return delivery;
  };
  const updateExecutionNow = (workerId: string, executionId: string, fields: HandingerExecutionFields): HandingerExecution => {
    timeline.applyDue();
    return updateExecution(findExecution(dataset, workerId, executionId), fields);
  };
  const updateDeliveryNow = (workspaceId: string, agentId: string, deliveryId: string, fields: CadenyaDataFields): CadenyaDelivery => {
    timeline.applyDue();
    return updateDelivery(findDelivery(dataset, workspaceId, agentId, deliveryId), fields, timeline.now());
  };
  const handingerBurst = (workerId: string, options: BurstOptions): HandingerExecution[] => {
    checkBurst(options);
    timeline.applyDue();
    const newest = dataset.executions.get(workerId)?.[0]?.createdAt;
    return burstTimes(options.count, timeline.now(), newest)
      .map((atMs) => {
        const { fields, retrying } = handingerBurstFields(motionRandom, new Date(atMs).toISOString());
        return addExecution(workerId, fields, retrying && options.settleAfterMs !== undefined ? { settleAfterMs: options.settleAfterMs } : {});
      })
      .reverse();
  };
  const cadenyaBurst = (workspaceId: string, agentId: string, options: BurstOptions): CadenyaDelivery[] => {
    checkBurst(options);
    timeline.applyDue();
    const newest = dataset.deliveries.get(agentId)?.[0]?.metadata.createdAt;
    return burstTimes(options.count, timeline.now(), newest)
      .map((atMs, index) => {
        const { fields, pending } = cadenyaBurstFields(motionRandom, new Date(atMs).toISOString());
        const motion: MotionOptions<CadenyaDataFields> =
          pending && options.settleAfterMs !== undefined ? { settleAfterMs: options.settleAfterMs, settleOutcome: index % 2 === 0 ? 'failure' : 'success' } : {};
        return addDelivery(workspaceId, agentId, fields, motion);
      })
      .reverse();
  };

  const control: ControlContext = {
    url: '',
    handingerKey,
    cadenyaKey,
    dataset,
    faults,
    requestLog,
    addHandingerExecution: addExecution,
    addCadenyaDelivery: addDelivery,
    updateHandingerExecution: updateExecutionNow,
    updateCadenyaDelivery: updateDeliveryNow,
    addHandingerBurst: handingerBurst,
    addCadenyaBurst: cadenyaBurst,
    latency: {
      get: () => latency.ms,
      set: (ms) => {
        latency.ms = checkLatency(ms);
      },
    },
  };

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = splitPath(url.pathname);
    if (segments === undefined) {
      sendJson(res, 400, { error: 'malformed percent-encoding in path' });
      return;
    }
    timeline.applyDue();
    if (segments[0] === '__control') {
      send(res, await handleControl(req, segments, control));
      return;
    }

    latency.inFlight++;
    latency.maxInFlight = Math.max(latency.maxInFlight, latency.inFlight);
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      status: 0,
      at: Date.now(),
      keyFingerprint: keyFingerprint(bearerToken(req.headers.authorization)),
      inFlight: latency.inFlight,
    };
    requestLog.push(entry);
    if (requestLog.length > REQUEST_LOG_LIMIT) {
      requestLog.splice(0, requestLog.length - REQUEST_LOG_LIMIT);
    }
    res.on('close', () => {
      latency.inFlight--;
      if (entry.status === 0 && res.headersSent) {
        entry.status = res.statusCode;
      }
    });
    if (latency.ms > 0) {
      // The network's share: the answer reflects the data as it stands when it is sent.
      await delay(latency.ms);
      if (res.destroyed || res.writableEnded) {
        return;
      }
      timeline.applyDue();
    }
    const reply = (response: ApiResponse): void => {
      entry.status = response.status;
      send(res, response);
    };

    const flavor: ApiFlavor | undefined = segments[0] === 'api' ? 'handinger' : segments[0] === 'v1' ? 'cadenya' : undefined;
    const token = bearerToken(req.headers.authorization);
    let fault: SelectedFault | undefined;
    try {
      fault = selectFault(faults, { path: url.pathname, segments, query: url.searchParams, token });
    } catch (error) {
      if (error instanceof UnknownFaultKindError) {
        reply(errorResponse(flavor ?? 'handinger', 400, error.message));
        return;
      }
      throw error;
    }
    if (fault && fault.kind !== 'slow') {
      entry.status = respondWithFault(res, fault, flavor ?? 'handinger');
      return;
    }
    if (fault) {
      await delay(fault.delayMs);
      if (res.destroyed || res.writableEnded) {
        return; // the client gave up while we were being slow
      }
    }

    const request: ApiRequest = { method: req.method ?? 'GET', segments, query: url.searchParams, token };
    if (flavor === 'handinger') {
      reply(handleHandinger(request, { dataset, apiKey: handingerKey }));
    } else if (flavor === 'cadenya') {
      reply(handleCadenya(request, { dataset, apiKey: cadenyaKey, pageCap: cadenyaPageCap }));
    } else {
      reply(errorResponse('handinger', 404, 'Not found'));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else {
        sendJson(res, 500, { error: `sample server failure: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  control.url = url;

  return {
    url,
    handingerKey,
    cadenyaKey,
    dataset,
    addHandingerExecution: addExecution,
    addCadenyaDelivery: addDelivery,
    updateHandingerExecution: updateExecutionNow,
    updateCadenyaDelivery: updateDeliveryNow,
    addHandingerBurst: handingerBurst,
    addCadenyaBurst: cadenyaBurst,
    applyDueChanges: () => timeline.applyDue(),
    injectFault(rule: FaultRule): void {
      const parsed = parseFaultRule(rule);
      if (typeof parsed === 'string') {
        throw new TypeError(`Invalid fault rule: ${parsed}`);
      }
      faults.add(parsed);
    },
    clearFaults(): void {
      faults.clear();
    },
    requestLog,
    get latencyMs(): number {
      return latency.ms;
    },
    setLatency(ms: number): void {
      latency.ms = checkLatency(ms);
    },
    get maxInFlight(): number {
      return latency.maxInFlight;
    },
    resetMaxInFlight(): void {
      latency.maxInFlight = latency.inFlight;
    },
    close(): Promise<void> {
      for (const timer of timers) {
        clearTimeout(timer);
      }
      timers.clear();
      timeline.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) {
        socket.destroy();
      }
      return closed;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function checkBurst(options: BurstOptions): void {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_BURST) {
    throw new RangeError(`count must be an integer between 1 and ${MAX_BURST}`);
  }
  if (options.settleAfterMs !== undefined && (!Number.isFinite(options.settleAfterMs) || options.settleAfterMs < 0)) {
    throw new RangeError('settleAfterMs must be a non-negative number');
  }
}

function checkLatency(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
    throw new RangeError(`latencyMs must be an integer between 0 and 60000, got ${ms}`);
  }
  return ms;
}

function startOfMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}
