// Client overhead: our provider against a bare `fetch` loop over the same URLs, in the same
// process and the same run. The URLs are the ones the provider itself sent (read back from
// the sample server's request log), the bare loop sends the same Authorization header and
// parses the JSON, and the two alternate page by page (which goes first alternates too),
// so drift in the machine's load falls on both alike. For Handinger, the official SDK's
// own call for the same pages is measured against bare fetch the same way: the part of the
// overhead that comes with the SDK whatever the provider does around it.
import { Handinger } from '@ramensoft/handinger';
import { performance } from 'node:perf_hooks';
import { createCadenyaProvider, createHandingerProvider } from '../../src/providers';
import type { Container, DeliveryProvider } from '../../src/providers';
import { SAMPLE_IDS } from '../sample-server/data';
import type { SampleReady } from './shared';
import { summarize, type Summary } from './stats';

export interface OverheadResult {
  readonly provider: 'handinger' | 'cadenya';
  readonly pages: number;
  readonly deliveries: number;
  /** Sum of provider page times / sum of bare page times, one value per round. */
  readonly ratios: readonly number[];
  readonly ratio: Summary;
  /** provider ÷ bare for each page's pair, over all rounds: robust to a stall in one request. */
  readonly pairRatio: Summary;
  /** Per-page times over all rounds, ms. */
  readonly providerPageMs: Summary;
  readonly barePageMs: Summary;
  /** Total of one round, ms. */
  readonly providerRoundMs: Summary;
  readonly bareRoundMs: Summary;
  /** This process's CPU per page (user + system), µs, one value per round. */
  readonly providerCpuUs: Summary;
  readonly bareCpuUs: Summary;
  /** Handinger only: the SDK's own call (configured as the provider configures it) ÷ bare fetch. */
  readonly sdkAlone?: {
    readonly ratio: Summary;
    readonly pairRatio: Summary;
    readonly pageMs: Summary;
    readonly barePageMs: Summary;
    readonly cpuUs: Summary;
    readonly bareCpuUs: Summary;
  };
}

export interface OverheadOptions {
  readonly pages: number;
  readonly rounds: number;
  /** Cadenya page size (Handinger's is fixed at 50). */
  readonly cadenyaLimit: number;
}

interface LoggedRequest {
  readonly path: string;
  readonly query: string;
}

async function control(sample: SampleReady, method: 'GET' | 'DELETE', path: string): Promise<unknown> {
  const response = await fetch(`${sample.url}/__control/${path}`, { method });
  if (!response.ok) {
    throw new Error(`control ${method} ${path} answered ${response.status}`);
  }
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function requestLog(sample: SampleReady): Promise<LoggedRequest[]> {
  return ((await control(sample, 'GET', 'requests')) as { requests: LoggedRequest[] }).requests;
}

interface Subject {
  readonly provider: DeliveryProvider;
  readonly container: Container;
  readonly apiKey: string;
  readonly limit?: number;
  /** Requests to this path are the page loads. */
  readonly pathIncludes: string;
}

/** As the extension configures it: a log sink below the output channel's level drops every line. */
const discard = (): void => undefined;

async function subject(sample: SampleReady, which: 'handinger' | 'cadenya', limit: number): Promise<Subject> {
  if (which === 'handinger') {
    const provider = createHandingerProvider({ baseUrl: sample.url, apiKey: sample.handingerKey, logger: discard });
    const container = await provider.getWorker(SAMPLE_IDS.busyWorker);
    return { provider, container, apiKey: sample.handingerKey, pathIncludes: '/webhook/executions' };
  }
  const provider = createCadenyaProvider({ baseUrl: sample.url, apiKey: sample.cadenyaKey, logger: discard });
  const agents = await provider.listAgents(SAMPLE_IDS.busyWorkspace);
  const container = agents.items.find((agent) => agent.id === SAMPLE_IDS.busyAgent);
  if (!container) {
    throw new Error('the busy Cadenya agent is not listed');
  }
  return { provider, container, apiKey: sample.cadenyaKey, limit, pathIncludes: '/webhook_deliveries' };
}

export async function measureOverhead(sample: SampleReady, which: 'handinger' | 'cadenya', options: OverheadOptions): Promise<OverheadResult> {
  const s = await subject(sample, which, options.cadenyaLimit);

  // Walk the pages once through the provider: the continuations it uses, and (from the
  // server's log) the exact URLs it sends for them.
  await control(sample, 'DELETE', 'requests');
  const continuations: (string | undefined)[] = [];
  let continuation: string | undefined;
  let deliveries = 0;
  for (let page = 0; page < options.pages; page++) {
    continuations.push(continuation);
    const result = await s.provider.listDeliveries(s.container, { continuation, limit: s.limit });
    deliveries += result.items.length;
    continuation = result.continuation;
    if (continuation === undefined && page < options.pages - 1) {
      throw new Error(`${which}: only ${page + 1} pages, ${options.pages} wanted`);
    }
  }
  const urls = (await requestLog(sample))
    .filter((r) => r.path.includes(s.pathIncludes))
    .map((r) => `${sample.url}${r.path}${r.query ? `?${r.query}` : ''}`);
  if (urls.length !== options.pages) {
    throw new Error(`${which}: ${urls.length} page requests logged for ${options.pages} pages`);
  }

  const headers = { Authorization: `Bearer ${s.apiKey}` };
  const loadProvider = async (index: number): Promise<number> => {
    const started = performance.now();
    const page = await s.provider.listDeliveries(s.container, { continuation: continuations[index], limit: s.limit });
    const elapsed = performance.now() - started;
    if (page.items.length === 0) {
      throw new Error(`${which}: page ${index + 1} came back empty`);
    }
    return elapsed;
  };
  const loadBare = async (index: number): Promise<number> => {
    const started = performance.now();
    const response = await fetch(urls[index]!, { headers });
    const body = (await response.json()) as unknown;
    const elapsed = performance.now() - started;
    if (!response.ok || body === null) {
      throw new Error(`${which}: bare fetch of page ${index + 1} answered ${response.status}`);
    }
    return elapsed;
  };

  const main = await interleave(loadProvider, loadBare, options);
  const result: OverheadResult = {
    provider: which,
    pages: options.pages,
    deliveries,
    ratios: main.ratios,
    ratio: summarize(main.ratios),
    pairRatio: summarize(main.pairRatios),
    providerPageMs: summarize(main.aPages),
    barePageMs: summarize(main.bPages),
    providerRoundMs: summarize(main.aRounds),
    bareRoundMs: summarize(main.bRounds),
    providerCpuUs: summarize(main.aCpuUs),
    bareCpuUs: summarize(main.bCpuUs),
  };
  if (which !== 'handinger') {
    return result;
  }

  // The SDK as the provider configures it (no retries, the same timeout, redirects not
  // followed, logging off), called without a signal: the least any use of it costs.
  const sdk = new Handinger({
    apiKey: s.apiKey,
    baseURL: sample.url,
    maxRetries: 0,
    timeout: 15_000,
    fetchOptions: { redirect: 'manual' },
    logLevel: 'off',
  });
  const pageNumbers = urls.map((url) => Number(new URL(url).searchParams.get('page') ?? '1'));
  const loadSdk = async (index: number): Promise<number> => {
    const started = performance.now();
    const body = await sdk.workers.webhooks.listExecutions(SAMPLE_IDS.busyWorker, { page: pageNumbers[index] }, { maxRetries: 0 });
    const elapsed = performance.now() - started;
    if (body === null || typeof body !== 'object') {
      throw new Error(`handinger: the SDK's call for page ${index + 1} returned no object`);
    }
    return elapsed;
  };
  const floor = await interleave(loadSdk, loadBare, options);
  return {
    ...result,
    sdkAlone: {
      ratio: summarize(floor.ratios),
      pairRatio: summarize(floor.pairRatios),
      pageMs: summarize(floor.aPages),
      barePageMs: summarize(floor.bPages),
      cpuUs: summarize(floor.aCpuUs),
      bareCpuUs: summarize(floor.bCpuUs),
    },
  };
}

interface Interleaved {
  /** Sum of a's page times / sum of b's, one value per counted round. */
  readonly ratios: number[];
  readonly pairRatios: number[];
  readonly aPages: number[];
  readonly bPages: number[];
  readonly aRounds: number[];
  readonly bRounds: number[];
  /** CPU of this process per page during a's and b's calls, µs, one value per round. */
  readonly aCpuUs: number[];
  readonly bCpuUs: number[];
}

function cpuUs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return used.user + used.system;
}

/** Loads every page by `a` and by `b`, alternating which goes first, for 1 + `rounds` rounds. */
async function interleave(
  a: (index: number) => Promise<number>,
  b: (index: number) => Promise<number>,
  options: OverheadOptions,
): Promise<Interleaved> {
  const out: Interleaved = { ratios: [], pairRatios: [], aPages: [], bPages: [], aRounds: [], bRounds: [], aCpuUs: [], bCpuUs: [] };
  // Round 0 warms up both paths (JIT, connection pool) and is not counted.
  for (let round = 0; round <= options.rounds; round++) {
    let aTotal = 0;
    let bTotal = 0;
    let aCpu = 0;
    let bCpu = 0;
    const pageTimes: [number, number][] = [];
    // The server runs in another process: this process's CPU during a call is the client's.
    const runA = async (index: number): Promise<number> => {
      const cpu = process.cpuUsage();
      const elapsed = await a(index);
      aCpu += cpuUs(cpu);
      return elapsed;
    };
    const runB = async (index: number): Promise<number> => {
      const cpu = process.cpuUsage();
      const elapsed = await b(index);
      bCpu += cpuUs(cpu);
      return elapsed;
    };
    for (let index = 0; index < options.pages; index++) {
      let ta: number;
      let tb: number;
      if ((index + round) % 2 === 0) {
        ta = await runA(index);
        tb = await runB(index);
      } else {
        tb = await runB(index);
        ta = await runA(index);
      }
      aTotal += ta;
      bTotal += tb;
      pageTimes.push([ta, tb]);
    }
    if (round === 0) {
      continue;
    }
    out.ratios.push(aTotal / bTotal);
    out.aRounds.push(aTotal);
    out.bRounds.push(bTotal);
    out.aCpuUs.push(aCpu / options.pages);
    out.bCpuUs.push(bCpu / options.pages);
    for (const [ta, tb] of pageTimes) {
      out.aPages.push(ta);
      out.bPages.push(tb);
      out.pairRatios.push(ta / tb);
    }
  }
  return out;
}
