// The bench module VS Code loads as `extensionTestsPath` (see runBench.ts): it runs inside
// the real extension host, with the extension not yet activated, and writes what it
// measured to WD_BENCH_OUT. Every launch measures activation, then the tree over 10,000
// loaded deliveries and the heap they take; the `full` launch also measures live refresh's
// request rate (WD_BENCH_MODE=full).
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ContainerNode } from '../../src/tree/containerNode';
import { SAMPLE_IDS } from '../sample-server/data';
import { latencyRuns, liveRun, scaleRun, type NetworkResult } from './network';
import { BENCH_DELIVERIES, EXTENSION_ID, SCALE_SIZES } from './shared';

export interface TreeCost {
  readonly provider: 'handinger' | 'cadenya';
  readonly deliveries: number;
  /** Rows VS Code is given on expanding: deliveries (or parts and the newest part's deliveries) plus "Load more". */
  readonly children: number;
  /** Pages it took to load them, and how long, ms. */
  readonly pages: number;
  readonly loadMs: number;
  /** getChildren + getTreeItem for every child, one value per run; the first run creates the nodes. */
  readonly runsMs: readonly number[];
  /** The two parts of each run, ms. */
  readonly getChildrenMs: readonly number[];
  readonly getTreeItemMs: readonly number[];
  /** A CPU profile of the runs, when WD_BENCH_PROFILE_DIR asked for one. */
  readonly profile?: string;
  /** heapUsed after loading and one pass, minus heapUsed before loading, bytes. */
  readonly heapGrowthBytes: number;
  readonly gcForced: boolean;
}

export interface LiveCount {
  readonly node: string;
  /** Server arrival times of this node's delivery requests in the window, epoch ms. */
  readonly at: readonly number[];
  readonly windowMs: number;
}

export interface HostResult {
  readonly vscodeVersion: string;
  readonly detail: string;
  readonly wasActiveBefore: boolean;
  readonly activationMs: number;
  /** The extension's own account of it: evaluating its bundle, VS Code's part before activate(), activate(). */
  readonly activation?: { readonly evaluateMs: number; readonly beforeActivateMs: number; readonly activateMs: number };
  readonly tree?: readonly TreeCost[];
  readonly live?: {
    readonly intervalSeconds: number;
    readonly visible: readonly LiveCount[];
    readonly hidden: readonly LiveCount[];
    readonly hiddenConfirmed: boolean;
  };
  /** The user-felt figures at 0, 50 and 150 ms added latency (WD_BENCH_MODE=network). */
  readonly network?: NetworkResult;
  readonly error?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** V8's gc(), exposed at run time (the extension host is not started with --expose-gc). */
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  if (gc) {
    gc();
    await sleep(50);
    gc();
  }
  return process.memoryUsage().heapUsed;
}

async function control(method: 'GET' | 'DELETE', route: string): Promise<unknown> {
  const url = process.env.WD_SAMPLE_SERVER_URL;
  if (!url) {
    throw new Error('WD_SAMPLE_SERVER_URL is not set');
  }
  const response = await fetch(`${url}/__control/${route}`, { method });
  if (!response.ok) {
    throw new Error(`control ${method} ${route} answered ${response.status}`);
  }
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function requestLog(): Promise<{ path: string; at: number }[]> {
  return ((await control('GET', 'requests')) as { requests: { path: string; at: number }[] }).requests;
}

async function waitUntil(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(50);
  }
}

function find(containers: readonly ContainerNode[], id: string): ContainerNode {
  const node = containers.find((n) => n.container.id === id);
  if (!node) {
    throw new Error(`no tree node for ${id}`);
  }
  return node;
}

/** A CPU profile of this extension host, through the inspector (for finding where tree time goes). */
async function startProfiler(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    async stop(file: string): Promise<string> {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

async function treeCost(api: ExtensionApi, node: ContainerNode, runs: number, gc: (() => void) | undefined): Promise<TreeCost> {
  node.feed.reset();
  const before = await settledHeap(gc);
  const started = performance.now();
  let pages = 1;
  await api.tree.getChildren(node);
  while (node.deliveries.length < BENCH_DELIVERIES && node.hasMore) {
    await node.loadMore();
    pages++;
  }
  const loadMs = performance.now() - started;
  if (node.deliveries.length < BENCH_DELIVERIES) {
    throw new Error(`${node.container.id}: only ${node.deliveries.length} deliveries loaded`);
  }
  const runsMs: number[] = [];
  const getChildrenMs: number[] = [];
  const getTreeItemMs: number[] = [];
  let children = 0;
  const profiler = process.env.WD_BENCH_PROFILE_DIR ? await startProfiler() : undefined;
  for (let run = 0; run < runs; run++) {
    // What VS Code asks for when the worker is expanded: its rows, or for a long list its
    // parts and the rows of the newest part (which starts expanded; older parts collapsed).
    const t0 = performance.now();
    const nodes = await api.tree.getChildren(node);
    const newest = nodes[0] && api.tree.getTreeItem(nodes[0]).contextValue?.startsWith('part.') ? await api.tree.getChildren(nodes[0]) : [];
    const t1 = performance.now();
    for (const child of [...nodes, ...newest]) {
      api.tree.getTreeItem(child);
    }
    const t2 = performance.now();
    runsMs.push(t2 - t0);
    getChildrenMs.push(t1 - t0);
    getTreeItemMs.push(t2 - t1);
    children = nodes.length + newest.length;
  }
  const profile = profiler ? await profiler.stop(path.join(process.env.WD_BENCH_PROFILE_DIR ?? '', `tree-${node.provider}-${Date.now()}.cpuprofile`)) : undefined;
  const after = await settledHeap(gc);
  const result: TreeCost = {
    provider: node.provider,
    deliveries: node.deliveries.length,
    children,
    pages,
    loadMs,
    runsMs,
    getChildrenMs,
    getTreeItemMs,
    profile,
    heapGrowthBytes: after - before,
    gcForced: gc !== undefined,
  };
  node.feed.reset();
  await settledHeap(gc);
  return result;
}

function deliveriesPath(node: ContainerNode): string {
  return node.provider === 'handinger' ? `/${node.container.id}/webhook/executions` : `/agents/${node.container.id}/webhook_deliveries`;
}

async function countRequests(nodes: readonly ContainerNode[], windowMs: number): Promise<LiveCount[]> {
  await control('DELETE', 'requests');
  const from = Date.now();
  await sleep(windowMs);
  const log = await requestLog();
  return nodes.map((node) => ({
    node: node.container.id,
    at: log.filter((r) => r.at >= from && r.path.endsWith(deliveriesPath(node))).map((r) => r.at),
    windowMs,
  }));
}

async function liveRefresh(api: ExtensionApi, containers: readonly ContainerNode[]): Promise<NonNullable<HostResult['live']>> {
  const intervalSeconds = vscode.workspace.getConfiguration('webhookDeliveries').get<number>('liveRefresh.intervalSeconds', 15);
  const nodes = [find(containers, SAMPLE_IDS.smallWorker), find(containers, SAMPLE_IDS.smallAgent)];
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
  await waitUntil('the view to be visible', () => api.view.visible);
  for (const node of nodes) {
    node.feed.reset();
    await api.tree.getChildren(node);
  }
  for (const node of nodes) {
    await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
  }
  const windowMs = Number(process.env.WD_BENCH_LIVE_WINDOW_MS ?? 20_000);
  try {
    const visible = await countRequests(nodes, windowMs);
    // The user switches to the Explorer: the view is hidden, the nodes stay watched.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitUntil('the view to be hidden', () => !api.view.visible);
    const hidden = await countRequests(nodes, windowMs / 2);
    return { intervalSeconds, visible, hidden, hiddenConfirmed: !api.view.visible && nodes.every((n) => n.live) };
  } finally {
    for (const node of nodes) {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
    }
  }
}

export async function run(): Promise<void> {
  const out = process.env.WD_BENCH_OUT ?? path.join(__dirname, 'bench-host.json');
  const mode = process.env.WD_BENCH_MODE ?? 'activation';
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`extension ${EXTENSION_ID} is not installed in the bench host`);
  }
  const base = {
    vscodeVersion: vscode.version,
    detail: `appHost ${vscode.env.appHost}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, Node ${process.version}`,
  };
  const wasActiveBefore = extension.isActive;
  // Let the window's own start-up settle, as it has by the time someone opens the view.
  await sleep(Number(process.env.WD_BENCH_SETTLE_MS ?? 1500));
  const t0 = performance.now();
  const api = await extension.activate();
  const activationMs = performance.now() - t0;
  let result: HostResult = { ...base, wasActiveBefore, activationMs, activation: api.activation };
  try {
    const gc = exposeGc();
    const runs = Number(process.env.WD_BENCH_TREE_RUNS ?? 5);
    const containers = await api.tree.listAllContainers();
    if (mode === 'network') {
      const samples = Number(process.env.WD_BENCH_SAMPLES ?? 5);
      const latencies = await latencyRuns(api, containers, samples);
      const live = await liveRun(api, containers, 50, Number(process.env.WD_BENCH_LIVE_WINDOW_MS ?? 20_000));
      const scale = await scaleRun(api, containers, SCALE_SIZES, gc);
      result = { ...result, network: { latencies, live, scale } };
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(result, null, 2));
      return;
    }
    const tree = [
      await treeCost(api, find(containers, SAMPLE_IDS.busyWorker), runs, gc),
      await treeCost(api, find(containers, SAMPLE_IDS.busyAgent), runs, gc),
    ];
    result = { ...result, tree };
    if (mode === 'full') {
      result = { ...result, live: await liveRefresh(api, containers) };
    }
  } catch (error) {
    result = { ...result, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  if (result.error) {
    throw new Error(result.error);
  }
}
