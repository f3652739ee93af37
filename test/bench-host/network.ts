// The user-felt figures of `npm run bench`, inside the real VS Code window's extension host
// (WD_BENCH_MODE=network), with the sample server adding 0, 50 and 150 ms to every request
// (PUT /__control/latency): each figure beside its network floor measured in the same run.
//   expand:     a worker's or agent's list asked for by VS Code (its feed reset while the node is
//               expanded in the visible view) → the rows handed back and the first one revealed;
//               floor: the added round trip + the same at no added latency;
//   load more:  Load more on a list of 50 → VS Code holds the 100 rows; floor as for expand;
//   load 2,000: Load the Last 2,000 (the feed operation the command runs) on the 30-day
//               archives, from the first page shown → VS Code holding the 2,000 rows; floor:
//               round trip × ⌈pages ÷ concurrency⌉ (Handinger), round trip × pages (Cadenya);
//   time range / Go to Delivery at page 150: the commands with their Given arguments; floor:
//               the requests made (server log) × round trip;
//   live refresh: 10 watched workers and agents, requests per interval and extension-host CPU per poll;
//   scale:      per-page cost (extension-host CPU of one appended page while the list is shown)
//               and tree cost (getChildren + getTreeItem) at 1,000, 10,000 and 50,000 loaded; heap at 50,000.
// The round trip is measured here too: a bare fetch of the same page (median of several).
// Each user-felt figure starts once the tree has been quiet for 250 ms (a person's pause):
// VS Code holds a tree change that follows another within 200 ms until the 200 ms are up.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import type { TreeNode } from '../../src/tree/node';
import { SAMPLE_IDS } from '../sample-server/data';

export const LATENCIES = [0, 50, 150] as const;
/** Live refresh's watched windows, each followed by an unwatched one of the same length. */
export const LIVE_SLICES = 4;

export interface LatencyRun {
  readonly latencyMs: number;
  /** Bare fetch of one page, ms (median of ROUND_TRIPS): Handinger page of 50, Cadenya page of 100 and of 500. */
  readonly roundTrip: { readonly handinger: number; readonly cadenya100: number; readonly cadenya500: number };
  readonly expand: { readonly handinger: readonly number[]; readonly cadenya: readonly number[] };
  /** Load more clicked (its command) on a list of 50 → VS Code holds the next page's rows. */
  readonly loadMore: { readonly handinger: readonly number[]; readonly cadenya: readonly number[] };
  readonly load: {
    /** `ms`: until VS Code holds the rows; `feedMs`: until the feed holds them (the network's part and ours, without the tree's). */
    readonly handinger: readonly { ms: number; feedMs: number; requests: number; pages: number; maxInFlight: number }[];
    readonly cadenya: readonly { ms: number; feedMs: number; requests: number; pages: number; limits: readonly number[] }[];
  };
  readonly timeRange: readonly { ms: number; requests: number }[];
  /** `ms`: the row selected in the tree; `feedMs`: the feed holds it; `panelMs`: the command done, its detail panel open. */
  readonly goTo: readonly { ms: number; feedMs: number; requests: number; panelMs: number }[];
}

export interface LiveRun {
  readonly latencyMs: number;
  readonly intervalSeconds: number;
  readonly nodes: readonly string[];
  readonly windowMs: number;
  /** Delivery requests per node in the window. */
  readonly requests: readonly number[];
  /** Polls in the window (refreshes the live timer started), and the extension host's CPU in it, ms. */
  readonly polls: number;
  readonly cpuMs: number;
  /** The same windows' CPU with nothing watched, ms: what the host spends anyway. */
  readonly idleCpuMs: number;
  /** Per window: (its CPU − the unwatched window's after it) ÷ its polls, ms. */
  readonly perPollMs: readonly number[];
}

export interface ScalePoint {
  readonly loaded: number;
  /** Extension-host CPU of one appended page while the list is shown (loadMore → VS Code has the rows), ms. */
  readonly pageCpuMs: readonly number[];
  /** Wall time of the same, ms. */
  readonly pageMs: readonly number[];
  /** getChildren + getTreeItem over every row (what VS Code asks for after a change), ms. */
  readonly treeMs: readonly number[];
  /** Times VS Code asked for the node's children during one append. */
  readonly refreshes: readonly number[];
}

export interface ScaleRun {
  readonly points: readonly ScalePoint[];
  /** heapUsed with the most loaded but the node collapsed (VS Code holds no rows of it). */
  readonly heapCollapsedBytes: number;
  readonly heapUsedBytes: number;
  readonly heapGrowthBytes: number;
  readonly gcForced: boolean;
}

export interface NetworkResult {
  readonly latencies: readonly LatencyRun[];
  readonly live?: LiveRun;
  readonly scale?: ScaleRun;
}

const ROUND_TRIPS = 7;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function sampleUrl(): string {
  const url = process.env.WD_SAMPLE_SERVER_URL;
  if (!url) {
    throw new Error('WD_SAMPLE_SERVER_URL is not set');
  }
  return url;
}

async function control(method: 'GET' | 'DELETE' | 'PUT', route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sampleUrl()}/__control/${route}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(`control ${method} ${route} answered ${response.status}`);
  }
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

interface Logged {
  path: string;
  query: string;
  at: number;
  inFlight?: number;
}

async function requestLog(): Promise<Logged[]> {
  return ((await control('GET', 'requests')) as { requests: Logged[] }).requests;
}

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(5);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function nodeOf(containers: readonly ContainerNode[], id: string): ContainerNode {
  const node = containers.find((n) => n.container.id === id);
  if (!node) {
    throw new Error(`no tree node for ${id}`);
  }
  return node;
}

function deliveriesPath(node: ContainerNode): string {
  return node.provider === 'handinger' ? `/${node.container.id}/webhook/executions` : `/agents/${node.container.id}/webhook_deliveries`;
}

/** Bare fetch of one page at the current latency, ms (median). */
async function roundTrip(url: string, key: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    await response.json();
    times.push(performance.now() - started);
  }
  return median(times.slice(1));
}

/**
 * Tells when VS Code itself asked the tree for a node's children and got them: the
 * provider's getChildren, wrapped on the instance VS Code calls.
 */
class ChildrenWatch {
  private readonly served = new Map<TreeNode, { at: number; count: number }>();
  /** Every time VS Code was served a node's children. */
  calls = 0;
  /** When the tree last told VS Code of a change. */
  private lastChange = 0;

  constructor(private readonly api: ExtensionApi) {
    const tree = api.tree;
    tree.onDidChangeTreeData(() => {
      this.lastChange = performance.now();
    });
    const original = tree.getChildren.bind(tree);
    tree.getChildren = async (node?: TreeNode): Promise<TreeNode[]> => {
      const children = await original(node);
      if (node) {
        this.calls++;
        this.served.set(node, { at: performance.now(), count: children.length });
      }
      return children;
    };
  }

  /**
   * Resolves once the tree has told VS Code nothing for `ms`: a person's pause between two
   * actions. VS Code holds a change that follows another within 200 ms until those 200 ms
   * have passed, so a figure started right after the previous one's last change would time
   * that hold, not the action.
   */
  async quiet(ms = 250): Promise<void> {
    await waitUntil('the tree to be quiet', () => performance.now() - this.lastChange >= ms);
  }

  /** Resolves when VS Code was served at least `count` children of `node` after `since`. */
  async until(node: TreeNode, since: number, count: number, timeoutMs = 60_000): Promise<number> {
    await waitUntil(`VS Code to ask for ${count} children`, () => {
      const last = this.served.get(node);
      return last !== undefined && last.at >= since && last.count >= count;
    }, timeoutMs);
    return this.served.get(node)!.at;
  }
}

/** The part a loaded delivery is shown in (a long list's part, or the node itself when short). */
function partOf(node: ContainerNode, index: number): TreeNode {
  const delivery = node.feed.items[index];
  return delivery ? (node.nodeFor(delivery).parent ?? node) : node;
}

/** Rows a part holds now (a long list's part), or every row of a short list. */
function rowsIn(node: ContainerNode, part: TreeNode): number {
  return part === node ? node.feed.visible().length : ((part as { deliveries?: readonly unknown[] }).deliveries?.length ?? 0);
}

/**
 * VS Code was served what a person sees after `since`: a short list's rows, or a long list's
 * parts and the rows of its newest part (which starts expanded; older parts are collapsed).
 */
async function shown(watch: ChildrenWatch, node: ContainerNode, since: number): Promise<void> {
  if (!node.chunked) {
    await watch.until(node, since, node.feed.visible().length);
    return;
  }
  await watch.until(node, since, 2);
  const newest = partOf(node, 0);
  await watch.until(newest, since, rowsIn(node, newest));
}

async function expanded(api: ExtensionApi, node: ContainerNode): Promise<void> {
  await api.view.reveal(node, { expand: true, select: false, focus: false });
}

/** The node started over and expanded, its first page read (what each figure starts from). */
async function firstPage(api: ExtensionApi, node: ContainerNode): Promise<void> {
  node.feed.reset();
  await expanded(api, node);
  await waitUntil('the first page', () => node.feed.loaded && node.feed.busy === undefined);
}

/** `run` for the worker and the agent `samples` times each, in turn, after one warm-up of each (JIT, connections). */
async function warmedPairs(samples: number, run: (node: 'worker' | 'agent') => Promise<number>): Promise<{ handinger: number[]; cadenya: number[] }> {
  const handinger: number[] = [];
  const cadenya: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const h = await run('worker');
    const c = await run('agent');
    if (i > 0) {
      handinger.push(h);
      cadenya.push(c);
    }
  }
  return { handinger, cadenya };
}

/** The list re-asked for by VS Code (feed reset while expanded) → rows served and the first revealed. */
async function expandOnce(api: ExtensionApi, watch: ChildrenWatch, node: ContainerNode): Promise<number> {
  await expanded(api, node);
  await node.feed.idle();
  await watch.quiet();
  const started = performance.now();
  node.feed.reset();
  await watch.until(node, started, 2);
  const first = node.visibleNodes()[0];
  if (first) {
    await api.view.reveal(first, { select: false, focus: false });
  }
  return performance.now() - started;
}

/** Load more on the first page (its command, as a click runs it) → VS Code served the next page's rows too. */
async function loadMoreOnce(api: ExtensionApi, watch: ChildrenWatch, node: ContainerNode): Promise<number> {
  await firstPage(api, node);
  await watch.quiet();
  const shownBefore = node.feed.visible().length;
  const started = performance.now();
  const clicked = vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
  await watch.until(node, started, shownBefore + 50);
  const ms = performance.now() - started;
  await clicked;
  return ms;
}

async function loadLast(api: ExtensionApi, watch: ChildrenWatch, node: ContainerNode, count: number): Promise<{ ms: number; feedMs: number; logged: Logged[] }> {
  await firstPage(api, node);
  await control('DELETE', 'requests');
  await watch.quiet();
  const started = performance.now();
  const result = await node.feed.loadAtLeast(count);
  const feedMs = performance.now() - started;
  if (result.status !== 'done' || node.feed.items.length < count) {
    throw new Error(`${node.container.id}: Load the Last ${count} ended ${result.status} with ${node.feed.items.length}`);
  }
  await shown(watch, node, started);
  const ms = performance.now() - started;
  const logged = (await requestLog()).filter((entry) => entry.path.endsWith(deliveriesPath(node)));
  return { ms, feedMs, logged };
}

async function timed(run: () => PromiseLike<unknown>, node: ContainerNode): Promise<{ ms: number; requests: number }> {
  await control('DELETE', 'requests');
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const requests = (await requestLog()).filter((entry) => entry.path.endsWith(deliveriesPath(node))).length;
  return { ms, requests };
}

async function executionsPage(page: number): Promise<{ id: string; time: number }[]> {
  const response = await fetch(`${sampleUrl()}/api/workers/${SAMPLE_IDS.archiveWorker}/webhook/executions?page=${page}`, {
    headers: { authorization: `Bearer ${process.env['HANDINGER_API_KEY'] ?? ''}` },
  });
  const body = (await response.json()) as { logs: { id: string; createdAt: string }[] };
  return body.logs.map((log) => ({ id: log.id, time: Date.parse(log.createdAt) }));
}

export async function latencyRuns(api: ExtensionApi, containers: readonly ContainerNode[], samples: number): Promise<LatencyRun[]> {
  const watch = new ChildrenWatch(api);
  const worker = nodeOf(containers, SAMPLE_IDS.archiveWorker);
  const agent = nodeOf(containers, SAMPLE_IDS.archiveAgent);
  for (const node of [worker, agent]) {
    node.setFilter({ outcome: 'all' });
    node.setGrouped(false);
  }
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  await waitUntil('the view to be visible', () => api.view.visible);
  const workspace = SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.archiveAgent] ?? '';
  const base = sampleUrl();
  const handingerKey = process.env['HANDINGER_API_KEY'] ?? '';
  const cadenyaKey = process.env['CADENYA_API_KEY'] ?? '';
  // The same pages the figures read, by the page at 150 (and the window three weeks back).
  const page150 = await executionsPage(150);
  const wanted = page150[17]!;
  const around = (await executionsPage(170))[20]!;
  const from = around.time - (around.time % 60_000) - 5 * 60_000;
  const range = { from, to: from + 15 * 60_000 - 1 };
  const runs: LatencyRun[] = [];
  for (const latencyMs of LATENCIES) {
    await control('PUT', 'latency', { ms: latencyMs });
    const roundTripMs = {
      handinger: await roundTrip(`${base}/api/workers/${SAMPLE_IDS.archiveWorker}/webhook/executions?page=20`, handingerKey),
      cadenya100: await roundTrip(`${base}/v1/workspaces/${workspace}/agents/${SAMPLE_IDS.archiveAgent}/webhook_deliveries?limit=100`, cadenyaKey),
      cadenya500: await roundTrip(`${base}/v1/workspaces/${workspace}/agents/${SAMPLE_IDS.archiveAgent}/webhook_deliveries?limit=500`, cadenyaKey),
    };
    const expand = await warmedPairs(samples, (which) => expandOnce(api, watch, which === 'worker' ? worker : agent));
    const loadMore = await warmedPairs(samples, (which) => loadMoreOnce(api, watch, which === 'worker' ? worker : agent));
    const loadH: LatencyRun['load']['handinger'][number][] = [];
    const loadC: LatencyRun['load']['cadenya'][number][] = [];
    for (let i = 0; i < samples; i++) {
      const h = await loadLast(api, watch, worker, 2_000);
      loadH.push({ ms: h.ms, feedMs: h.feedMs, requests: h.logged.length, pages: h.logged.length, maxInFlight: Math.max(0, ...h.logged.map((entry) => entry.inFlight ?? 0)) });
      const c = await loadLast(api, watch, agent, 2_000);
      loadC.push({ ms: c.ms, feedMs: c.feedMs, requests: c.logged.length, pages: c.logged.length, limits: c.logged.map((entry) => Number(new URLSearchParams(entry.query).get('limit'))) });
    }
    const timeRange: { ms: number; requests: number }[] = [];
    const goTo: { ms: number; feedMs: number; requests: number; panelMs: number }[] = [];
    for (let i = 0; i < samples; i++) {
      worker.setFilter({ outcome: 'all' });
      await firstPage(api, worker);
      await watch.quiet();
      timeRange.push(await timed(() => vscode.commands.executeCommand('webhookDeliveries.setTimeRange', worker, api.given({ range })), worker));
      await vscode.commands.executeCommand('webhookDeliveries.clearFilter', worker);
      await firstPage(api, worker);
      await control('DELETE', 'requests');
      await watch.quiet();
      const started = performance.now();
      let feedMs = Number.NaN;
      const holding = worker.feed.onDidChange(() => {
        if (Number.isNaN(feedMs) && worker.feed.get(wanted.id)) {
          feedMs = performance.now() - started;
        }
      });
      const going = vscode.commands.executeCommand('webhookDeliveries.goToDelivery', api.given({ id: wanted.id, container: worker.id }));
      await waitUntil('the row to be selected', () => (api.view.selection[0] as { delivery?: { id: string } } | undefined)?.delivery?.id === wanted.id);
      const selectedMs = performance.now() - started;
      await going;
      const panelMs = performance.now() - started;
      const requests = (await requestLog()).filter((entry) => entry.path.endsWith(deliveriesPath(worker))).length;
      holding.dispose();
      goTo.push({ ms: selectedMs, feedMs, requests, panelMs });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    runs.push({ latencyMs, roundTrip: roundTripMs, expand, loadMore, load: { handinger: loadH, cadenya: loadC }, timeRange, goTo });
  }
  await control('PUT', 'latency', { ms: 0 });
  for (const node of [worker, agent]) {
    node.feed.reset();
  }
  await vscode.commands.executeCommand('workbench.actions.treeView.webhookDeliveries.deliveries.collapseAll');
  return runs;
}

/** Extension-host CPU, ms, since `from` (process.cpuUsage). */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

export async function liveRun(api: ExtensionApi, containers: readonly ContainerNode[], latencyMs: number, windowMs: number): Promise<LiveRun> {
  const intervalSeconds = vscode.workspace.getConfiguration('webhookDeliveries').get<number>('liveRefresh.intervalSeconds', 15);
  const candidates = containers.filter((node) => node.id !== undefined && node.container.id !== SAMPLE_IDS.noWebhookWorker);
  const nodes = candidates.slice(0, 10);
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  await waitUntil('the view to be visible', () => api.view.visible);
  for (const node of nodes) {
    node.feed.reset();
    await api.tree.getChildren(node);
  }
  await control('PUT', 'latency', { ms: latencyMs });
  // Watched and unwatched windows in turn, each unwatched one right after a watched one: what
  // the host spends anyway (other extensions, VS Code, a gc landing late) drifts over a run,
  // and one long pair of windows measured that drift (an unwatched window once cost more).
  // Each window a whole number of intervals, starting half an interval after a poll: a window
  // of 2.5 intervals that began on a poll counted 3 polls in it, "1.2 per interval".
  const slices = LIVE_SLICES;
  const intervalMs = intervalSeconds * 1000;
  const sliceMs = Math.max(1, Math.round(windowMs / slices / intervalMs)) * intervalMs;
  const requests = nodes.map(() => 0);
  const cpuMs: number[] = [];
  const idleCpuMs: number[] = [];
  const polls: number[] = [];
  try {
    for (let slice = 0; slice < slices; slice++) {
      for (const node of nodes) {
        await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
      }
      // Each start refreshes at once, then every interval: the window starts between two polls.
      await sleep(1.5 * intervalMs);
      const from = Date.now();
      const started = process.cpuUsage();
      await sleep(sliceMs);
      cpuMs.push(cpuMsSince(started));
      const to = Date.now();
      const log = (await requestLog()).filter((entry) => entry.at >= from && entry.at < to);
      nodes.forEach((node, index) => (requests[index]! += log.filter((entry) => entry.path.endsWith(deliveriesPath(node))).length));
      polls.push(countPolls(log, nodes));
      idleCpuMs.push(await idleCpu(nodes, sliceMs));
    }
    return {
      latencyMs,
      intervalSeconds,
      nodes: nodes.map((node) => node.container.id),
      windowMs: sliceMs * slices,
      requests,
      polls: polls.reduce((a, b) => a + b, 0),
      cpuMs: cpuMs.reduce((a, b) => a + b, 0),
      idleCpuMs: idleCpuMs.reduce((a, b) => a + b, 0),
      perPollMs: cpuMs.map((cpu, slice) => (polls[slice]! > 0 ? (cpu - idleCpuMs[slice]!) / polls[slice]! : Number.NaN)),
    };
  } finally {
    for (const node of nodes) {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
    }
    await control('PUT', 'latency', { ms: 0 });
  }
}

/** What the host spends over the same window once nothing is watched. */
async function idleCpu(nodes: readonly ContainerNode[], windowMs: number): Promise<number> {
  for (const node of nodes) {
    await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
  }
  await sleep(2_000);
  const started = process.cpuUsage();
  await sleep(windowMs);
  return cpuMsSince(started);
}

/** Polls = each node's requests to its newest page (no continuation in the query). */
function countPolls(log: readonly Logged[], nodes: readonly ContainerNode[]): number {
  return nodes.reduce((sum, node) => {
    const newest = log.filter(
      (entry) => entry.path.endsWith(deliveriesPath(node)) && (node.provider === 'handinger' ? !/(^|&)page=([2-9]|\d\d)/.test(entry.query) : !/(^|&)cursor=/.test(entry.query)),
    );
    return sum + newest.length;
  }, 0);
}

export async function scaleRun(api: ExtensionApi, containers: readonly ContainerNode[], sizes: readonly number[], gc: (() => void) | undefined): Promise<ScaleRun> {
  const watch = new ChildrenWatch(api);
  const node = nodeOf(containers, SAMPLE_IDS.busyWorker);
  node.setFilter({ outcome: 'all' });
  node.setGrouped(false);
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  await waitUntil('the view to be visible', () => api.view.visible);
  await vscode.commands.executeCommand('workbench.actions.treeView.webhookDeliveries.deliveries.collapseAll');
  node.feed.reset();
  const settled = async (): Promise<number> => {
    if (gc) {
      gc();
      await sleep(50);
      gc();
    }
    return process.memoryUsage().heapUsed;
  };
  const before = await settled();
  const points: ScalePoint[] = [];
  let heapUsedBytes = 0;
  let heapCollapsedBytes = 0;
  for (const size of sizes) {
    // Loaded collapsed (VS Code asks for nothing), in bulk; then shown.
    await vscode.commands.executeCommand('workbench.actions.treeView.webhookDeliveries.deliveries.collapseAll');
    const loaded = await node.feed.loadAtLeast(size);
    if (loaded.status !== 'done' || node.feed.items.length < size) {
      throw new Error(`${node.container.id}: only ${node.feed.items.length} of ${size} loaded`);
    }
    if (size === sizes.at(-1)) {
      heapCollapsedBytes = await settled();
    }
    const shownAt = performance.now();
    await expanded(api, node);
    await shown(watch, node, shownAt);
    await sleep(200);
    const pageCpuMs: number[] = [];
    const pageMs: number[] = [];
    const treeMs: number[] = [];
    const refreshes: number[] = [];
    for (let i = 0; i <= 2; i++) {
      const count = node.feed.items.length;
      const calls = watch.calls;
      const cpu = process.cpuUsage();
      const started = performance.now();
      // As a click on Load more: the command reveals the first new row (in a long list, its part).
      await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
      const part = partOf(node, count);
      await watch.until(part, started, rowsIn(node, part));
      const ms = performance.now() - started;
      // Requests VS Code makes a little later (its refreshes are debounced) count too.
      await sleep(300);
      const cpuMs = cpuMsSince(cpu);
      if (i > 0) {
        pageCpuMs.push(cpuMs);
        pageMs.push(ms);
        refreshes.push(watch.calls - calls);
      }
      // What VS Code asks for after an append: the part the page went into (or the whole short list).
      const t0 = performance.now();
      const children = await api.tree.getChildren(part);
      for (const child of children) {
        api.tree.getTreeItem(child);
      }
      if (i > 0) {
        treeMs.push(performance.now() - t0);
      }
      await sleep(100);
    }
    points.push({ loaded: size, pageCpuMs, pageMs, treeMs, refreshes });
    if (size === sizes.at(-1)) {
      heapUsedBytes = await settled();
    }
  }
  const heapGrowthBytes = heapUsedBytes - before;
  await vscode.commands.executeCommand('workbench.actions.treeView.webhookDeliveries.deliveries.collapseAll');
  node.feed.reset();
  await settled();
  return { points, heapCollapsedBytes, heapUsedBytes, heapGrowthBytes, gcForced: gc !== undefined };
}
