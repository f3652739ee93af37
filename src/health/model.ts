// Delivery health of the routes one source file declares: the loaded deliveries of each
// worker or agent grouped by the route line their target URL maps to (Find Handler's
// matching, src/handler/routeMatch.ts), with counts, p95 latency, the last time, the most
// common error and the failure rate. Pure (no VS Code, no requests), so it is unit-tested;
// esbuild.js bundles it into dist/health.js, loaded the first time a visible editor needs it.
import type { Delivery, ProviderId } from '../model/delivery';
import { nearestRank } from '../model/insights';
import { matchFile, routeTarget, type RouteTarget } from '../handler/routeMatch';

/** What the health of one worker or agent is computed from: what its filter shows. */
export interface FeedInput {
  /** The feed's key (`handinger/worker/<id>`, …). */
  readonly key: string;
  readonly provider: ProviderId;
  /** Display name of the worker or agent (remote text). */
  readonly name: string;
  /** `feed.visible()`: loaded deliveries the filter lets through, newest first. */
  readonly deliveries: readonly Delivery[];
}

/** The deliveries of one worker or agent whose target URL maps to one route line of the file. */
export interface RouteHealth {
  readonly key: string;
  readonly provider: ProviderId;
  readonly name: string;
  /** 0-based line and the route text's columns on it. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly total: number;
  readonly failed: number;
  readonly succeeded: number;
  /** failed / (failed + succeeded), 0–1; undefined while none has a verdict. */
  readonly failureRate: number | undefined;
  /** Nearest-rank p95 of the reported latencies, in ms. */
  readonly p95Ms: number | undefined;
  /** Epoch ms of the newest delivery with a time. */
  readonly lastTime: number | undefined;
  /** The error message failed deliveries share most (ties: the newest), with how many share it. */
  readonly commonError: { readonly message: string; readonly count: number } | undefined;
  /** The newest deliveries, newest first, at most RECENT_COUNT. */
  readonly recent: readonly Delivery[];
  /** Distinct target paths, most deliveries first. */
  readonly paths: readonly string[];
  /** A text filter that shows this route's deliveries in the tree (the shared path). */
  readonly filterText: string;
}

export const RECENT_COUNT = 5;
/** Distinct target paths matched against a file per computation; hostile data cannot make it more. */
export const MAX_TARGETS = 200;
/** Files larger than this are not read (Find Handler's limit). */
export const MAX_TEXT_LENGTH = 1024 * 1024;

interface Builder {
  readonly feed: FeedInput;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly deliveries: Delivery[];
  readonly paths: Map<string, number>;
}

/**
 * The health of every route line of a file (`relativePath`: forward slashes, relative to its
 * workspace folder, so a Next.js or SvelteKit route file matches by its folders). A target
 * path maps to its best line in the file only. Sorted by line, then provider and name.
 */
export function routeHealth(relativePath: string, text: string, feeds: readonly FeedInput[]): RouteHealth[] {
  if (text.length > MAX_TEXT_LENGTH) {
    return [];
  }
  const targets = new Map<string, RouteTarget | undefined>();
  const lines = new Map<string, { line: number; start: number; end: number } | undefined>();
  const lineOf = (url: string | undefined): { line: number; start: number; end: number; path: string } | undefined => {
    if (url === undefined) {
      return undefined;
    }
    let target = targets.get(url);
    if (!targets.has(url)) {
      target = routeTarget(url);
      targets.set(url, target);
    }
    if (!target) {
      return undefined;
    }
    if (!lines.has(target.path)) {
      if (lines.size >= MAX_TARGETS) {
        return undefined;
      }
      const best = matchFile(target, relativePath, text)[0];
      lines.set(target.path, best && { line: best.line, start: best.start, end: best.end });
    }
    const found = lines.get(target.path);
    return found && { ...found, path: target.path };
  };

  const builders = new Map<string, Builder>();
  for (const feed of feeds) {
    for (const delivery of feed.deliveries) {
      const found = lineOf(delivery.targetUrl);
      if (!found) {
        continue;
      }
      const id = `${found.line}\n${feed.key}`;
      let builder = builders.get(id);
      if (!builder) {
        builder = { feed, line: found.line, start: found.start, end: found.end, deliveries: [], paths: new Map() };
        builders.set(id, builder);
      }
      builder.deliveries.push(delivery);
      builder.paths.set(found.path, (builder.paths.get(found.path) ?? 0) + 1);
    }
  }
  return [...builders.values()]
    .map(summarise)
    .sort((a, b) => a.line - b.line || compare(a.provider, b.provider) || compare(a.name, b.name) || compare(a.key, b.key));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summarise({ feed, line, start, end, deliveries, paths }: Builder): RouteHealth {
  let failed = 0;
  let succeeded = 0;
  let lastTime: number | undefined;
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  for (const delivery of deliveries) {
    if (delivery.outcome === 'failed') {
      failed++;
      const message = delivery.errorMessage?.trim();
      if (message) {
        errors.set(message, (errors.get(message) ?? 0) + 1);
      }
    } else if (delivery.outcome === 'succeeded') {
      succeeded++;
    }
    if (Number.isFinite(delivery.time) && delivery.time > 0) {
      lastTime = Math.max(lastTime ?? 0, delivery.time);
    }
    if (delivery.latencyMs !== undefined && Number.isFinite(delivery.latencyMs) && delivery.latencyMs >= 0) {
      latencies.push(delivery.latencyMs);
    }
  }
  latencies.sort((a, b) => a - b);
  // The deliveries come newest first, and a Map keeps first insertion order: the first of
  // equal counts is the newest message.
  let commonError: RouteHealth['commonError'];
  for (const [message, count] of errors) {
    if (!commonError || count > commonError.count) {
      commonError = { message, count };
    }
  }
  const ranked = [...paths.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([path]) => path);
  const decided = failed + succeeded;
  return {
    key: feed.key,
    provider: feed.provider,
    name: feed.name,
    line,
    start,
    end,
    total: deliveries.length,
    failed,
    succeeded,
    failureRate: decided > 0 ? failed / decided : undefined,
    p95Ms: nearestRank(latencies, 95),
    lastTime,
    commonError,
    recent: deliveries.slice(0, RECENT_COUNT),
    paths: ranked,
    filterText: filterTextOf(ranked),
  };
}

/**
 * What the tree's text filter is given to show a route's deliveries: their path when they
 * share one, else the segments their paths start with (a template route's ids differ),
 * else the most common path.
 */
export function filterTextOf(paths: readonly string[]): string {
  const [first, ...rest] = paths;
  if (first === undefined) {
    return '';
  }
  if (rest.length === 0) {
    return first;
  }
  let common = first.split('/');
  for (const path of rest) {
    const segments = path.split('/');
    let index = 0;
    while (index < common.length && common[index] === segments[index]) {
      index++;
    }
    common = common.slice(0, index);
  }
  const prefix = common.join('/');
  return prefix.replace(/\//g, '') === '' ? first : `${prefix}/`;
}

/** Whether a route's failure rate is at or above a threshold given in percent (1–100). */
export function failingAbove(health: Pick<RouteHealth, 'failureRate'>, thresholdPercent: number): boolean {
  return health.failureRate !== undefined && health.failureRate * 100 >= thresholdPercent;
}
