// Client overhead: our provider against a bare `fetch` loop over the same URLs, in the same
// process and the same run. The URLs are the ones the provider itself sent (read back from
// the sample server's request log), the bare loop sends the same Authorization header and
// parses the JSON, and the two alternate page by page (which goes first alternates too),
// so drift in the machine's load falls on both alike.
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

  const ratios: number[] = [];
  const pairRatios: number[] = [];
  const providerPages: number[] = [];
  const barePages: number[] = [];
  const providerRounds: number[] = [];
  const bareRounds: number[] = [];
  // Round 0 warms up both paths (JIT, connection pool) and is not counted.
  for (let round = 0; round <= options.rounds; round++) {
    let providerTotal = 0;
    let bareTotal = 0;
    const pageTimes: [number, number][] = [];
    for (let index = 0; index < options.pages; index++) {
      let a: number;
      let b: number;
      if ((index + round) % 2 === 0) {
        a = await loadProvider(index);
        b = await loadBare(index);
      } else {
        b = await loadBare(index);
        a = await loadProvider(index);
      }
      providerTotal += a;
      bareTotal += b;
      pageTimes.push([a, b]);
    }
    if (round === 0) {
      continue;
    }
    ratios.push(providerTotal / bareTotal);
    providerRounds.push(providerTotal);
    bareRounds.push(bareTotal);
    for (const [a, b] of pageTimes) {
      providerPages.push(a);
      barePages.push(b);
      pairRatios.push(a / b);
    }
  }

  return {
    provider: which,
    pages: options.pages,
    deliveries,
    ratios,
    ratio: summarize(ratios),
    pairRatio: summarize(pairRatios),
    providerPageMs: summarize(providerPages),
    barePageMs: summarize(barePages),
    providerRoundMs: summarize(providerRounds),
    bareRoundMs: summarize(bareRounds),
  };
}
