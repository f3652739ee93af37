// `npm run bench` (after scripts/bench.mjs has installed and built): the performance figures
// of the issue, each as a median over several runs with min and max, against its budget.
//   1. bundle sizes: the production build (`node esbuild.js --production`) run in a temporary
//      copy of the project, so dist/ here is left as the tests expect it; that copy is also
//      the extension every VS Code launch below loads, so the shipped bundle is what is timed;
//   2. client overhead: our providers against bare fetch, in this process (clientOverhead.ts);
//   3. activation, tree cost and heap: several launches of the test VS Code, each a fresh
//      extension host running test/bench-host/index.ts; the first also measures live refresh;
//   4. the detail panel, clicked open in the browser (detailPanel.ts);
//   5. the user-felt figures at 0, 50 and 150 ms added latency, each beside its network floor
//      from the same run, live refresh of 10 watched nodes, and per-page and tree cost at
//      1,000 / 10,000 / 50,000 loaded: one more launch (WD_BENCH_MODE=network, network.ts).
// The sample API server runs in its own process. Prints the machine and a Markdown table,
// writes both with the raw numbers to .artifacts/bench/, and with --readme puts the table in
// README.md between its bench markers.
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startCodeServer } from '../host/codeServer';
import { launchBrowser, workbenchUrl } from '../host/workbench';
import { SAMPLE_WORKERS } from '../host/sampleHost';
import { ARTIFACTS_DIR, REPO_ROOT, TEST_WORKSPACE } from '../host/paths';
import { measureOverhead, type OverheadResult } from './clientOverhead';
import { measureDetailPanel, type PanelResult } from './detailPanel';
import type { HostResult, LiveCount } from './index';
import type { NetworkResult } from './network';
import { BENCH_DELIVERIES, type SampleReady } from './shared';
import { atMost, markdownTable, notMeasured, summarize, updateReadme, type Row } from './stats';

const quick = process.env.WD_BENCH_QUICK === '1';
const LAUNCHES = Number(process.env.WD_BENCH_LAUNCHES ?? (quick ? 2 : 3));
const ROUNDS = Number(process.env.WD_BENCH_ROUNDS ?? (quick ? 5 : 10));
const PANEL_OPENS = Number(process.env.WD_BENCH_PANEL_OPENS ?? (quick ? 2 : 5));
const PAGES = 200;
const OUT_DIR = path.join(ARTIFACTS_DIR, 'bench');
const HOST_MODULE = path.join(REPO_ROOT, 'out', 'test', 'bench-host', 'index.js');
const LAUNCH_TIMEOUT_MS = 180_000;
const NETWORK_TIMEOUT_MS = 900_000;

const BUDGET = {
  treeMs: 50,
  heapMB: 30,
  activationMs: 50,
  extensionKB: 150,
  webviewKB: 200,
  /** Every user-felt figure ÷ its network floor. */
  floorRatio: 1.3,
  heapAt50kMB: 100,
  /** Requests per watched node per live-refresh interval. */
  livePerInterval: 1,
} as const;

interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly vscode: string;
  readonly loadAverageAtStart: readonly number[];
}

function machine(vscodeVersion: string): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const release = fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '';
  return {
    cpu,
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1] ?? `${os.type()} ${os.release()}`,
    node: process.version,
    vscode: vscodeVersion,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

function machineLine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, VS Code ${m.vscode} (server build in headless Chromium); load average at start ${m.loadAverageAtStart.join(' / ')}`;
}

// ---------------------------------------------------------------- production build

interface Bundles {
  /** A copy of the project holding the production build: the extension the launches load. */
  readonly extensionDir: string;
  readonly extensionBytes: number;
  readonly webviewBytes: number;
  readonly extensionGzipBytes: number;
  readonly webviewGzipBytes: number;
  /** Find Handler, a bundle of its own that the extension requires on first use. */
  readonly handlerBytes: number;
  /** The insights panel's extension side, also required on first use. */
  readonly insightsPanelBytes: number;
  readonly handingerSdkBytes: number;
  /** The insights page, the other webview bundle. */
  readonly insightsBytes: number;
}

/** WD_BENCH_SOURCE=dir builds another copy of the project instead (to try a change out). */
function productionBuild(source = process.env.WD_BENCH_SOURCE || REPO_ROOT): Bundles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-bench-ext-'));
  // The manifest's translations (package.nls*.json, l10n/) too: without them the view
  // container's title is its %placeholder% and the panel step cannot find it.
  const translations = fs.readdirSync(source).filter((name) => /^package\.nls(\..+)?\.json$/.test(name) || name === 'l10n');
  for (const entry of ['src', 'media', 'esbuild.js', 'package.json', 'tsconfig.json', ...translations]) {
    fs.cpSync(path.join(source, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`the production build failed:\n${build.stdout}${build.stderr}`);
  }
  const read = (name: string): Buffer => fs.readFileSync(path.join(dir, 'dist', name));
  const extension = read('extension.js');
  const webview = read('webview.js');
  return {
    extensionDir: dir,
    extensionBytes: extension.length,
    webviewBytes: webview.length,
    extensionGzipBytes: gzipSync(extension).length,
    webviewGzipBytes: gzipSync(webview).length,
    handlerBytes: read('handler.js').length,
    insightsPanelBytes: read('insights-panel.js').length,
    handingerSdkBytes: read('handinger-sdk.js').length,
    insightsBytes: read('insights.js').length,
  };
}

// ---------------------------------------------------------------- sample server

async function startSample(): Promise<{ child: ChildProcess; ready: SampleReady }> {
  const child = fork(path.join(__dirname, 'sampleProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<SampleReady>((resolve, reject) => {
    child.once('message', (message: SampleReady) => resolve(message));
    child.once('exit', (code) => reject(new Error(`the sample server exited with ${code}`)));
  });
  return { child, ready };
}

/** The network launch runs with a user's settings: Cadenya pages of 100, the default. */
function networkSettings(sample: SampleReady): Record<string, unknown> {
  const { ['webhookDeliveries.cadenya.pageSize']: _pageSize, ...rest } = hostSettings(sample);
  return { ...rest, 'webhookDeliveries.handinger.workers': [...SAMPLE_WORKERS] };
}

function hostSettings(sample: SampleReady): Record<string, unknown> {
  return {
    'webhookDeliveries.handinger.baseUrl': sample.url,
    'webhookDeliveries.cadenya.baseUrl': sample.url,
    'webhookDeliveries.handinger.workers': SAMPLE_WORKERS,
    // 20 pages of 500 reach 10,000 Cadenya deliveries; live refresh at its shortest interval.
    'webhookDeliveries.cadenya.pageSize': 500,
    'webhookDeliveries.liveRefresh.intervalSeconds': 2,
  };
}

function hostEnv(sample: SampleReady): NodeJS.ProcessEnv {
  return { HANDINGER_API_KEY: sample.handingerKey, CADENYA_API_KEY: sample.cadenyaKey, WD_SAMPLE_SERVER_URL: sample.url };
}

// ---------------------------------------------------------------- VS Code launches

async function launch(browser: Browser, sample: SampleReady, extensionDir: string, mode: 'full' | 'tree' | 'network', index: number): Promise<HostResult & { version: string }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-bench-host-'));
  const out = path.join(OUT_DIR, `host-${index}.json`);
  fs.rmSync(out, { force: true });
  const server = await startCodeServer({
    userDataDir,
    settings: mode === 'network' ? networkSettings(sample) : hostSettings(sample),
    env: { ...hostEnv(sample), WD_BENCH_OUT: out, WD_BENCH_MODE: mode, WD_BENCH_PROFILE_DIR: process.env.WD_BENCH_PROFILE ? OUT_DIR : '' },
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The workbench's own complaints about the closed network are not ours.
      if (type === 'error' && !/open-vsx|ENOTFOUND|Long running operations during shutdown/.test(JSON.stringify(args))) {
        console.error(`  [vscode] ${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`);
      }
    });
    await page.goto(workbenchUrl({ serverUrl: server.url, folder: TEST_WORKSPACE, extensionDevelopmentPath: extensionDir, extensionTestsPath: HOST_MODULE }));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), mode === 'network' ? NETWORK_TIMEOUT_MS : LAUNCH_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (!fs.existsSync(out)) {
      throw new Error(`launch ${index} (${mode}) wrote no result (${outcome === 'timeout' ? 'timed out' : `exit code ${outcome}`})`);
    }
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as HostResult;
    if (result.error) {
      throw new Error(`launch ${index} (${mode}) failed inside VS Code:\n${result.error}`);
    }
    return { ...result, version: server.version };
  } finally {
    await page.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const kB = (bytes: number): number => bytes / 1000;
const MB = (bytes: number): number => bytes / 1e6;

function overheadRows(result: OverheadResult, name: string): Row[] {
  const us = (summary: { median: number }): string => `${Math.round(summary.median)} µs`;
  const rows: Row[] = [
    {
      figure: `Client cost, ${name}: CPU per page through the provider, ${result.pages} pages (${result.deliveries.toLocaleString('en-US')} deliveries) × ${result.ratios.length} rounds; the bare fetch of the same page: ${us(result.bareCpuUs)}`,
      unit: 'µs',
      summary: result.providerCpuUs,
      budget: '—',
      digits: 0,
    },
  ];
  if (result.sdkAlone) {
    const sdkShare = result.sdkAlone.cpuUs.median - result.sdkAlone.bareCpuUs.median;
    // Each against the bare fetch paired with it in its own interleaved run.
    const ours = result.providerCpuUs.median - result.bareCpuUs.median - sdkShare;
    rows.push({
      figure: `↳ ${name}: the official SDK's own call for the same pages: its share over bare fetch ${Math.round(sdkShare)} µs a page; the provider's own (deadline, paging, mapping 50) ${Math.round(ours)} µs`,
      unit: 'µs',
      summary: result.sdkAlone.cpuUs,
      budget: '—',
      digits: 0,
    });
  }
  rows.push({ figure: `↳ ${name}: one page through the provider, wall time on loopback`, unit: 'ms', summary: result.providerPageMs, budget: '—', digits: 3 });
  return rows;
}

const ceil = Math.ceil;

/** A figure as ratios of its samples to their floor, with both in the text. */
function floorRow(figure: string, samples: readonly number[], floor: number, detail: string): Row {
  const ms = summarize(samples).median;
  return atMost(`${figure}: ${Math.round(ms).toLocaleString('en-US')} ms, floor ${Math.round(floor).toLocaleString('en-US')} ms (${detail})`, '× floor', summarize(samples.map((value) => value / floor)), BUDGET.floorRatio, 2);
}

function networkRows(network: NetworkResult | undefined): Row[] {
  if (!network) {
    return [notMeasured('User-felt figures against the network floor', `≤ ${BUDGET.floorRatio} × floor`, 'not measured: the network launch did not run')];
  }
  const rows: Row[] = [];
  const base = network.latencies.find((run) => run.latencyMs === 0);
  if (base) {
    const h = summarize(base.load.handinger.map((r) => r.ms));
    const c = summarize(base.load.cadenya.map((r) => r.ms));
    rows.push(
      { figure: `No added latency (the reference): expand → first page, Handinger ${summarize(base.expand.handinger).median.toFixed(0)} ms, Cadenya ${summarize(base.expand.cadenya).median.toFixed(0)} ms; Load more → next page, Handinger ${summarize(base.loadMore.handinger).median.toFixed(0)} ms, Cadenya ${summarize(base.loadMore.cadenya).median.toFixed(0)} ms; Load the Last 2,000, Handinger ${h.median.toFixed(0)} ms, Cadenya ${c.median.toFixed(0)} ms; one page's round trip ${base.roundTrip.handinger.toFixed(1)} ms`, unit: 'ms', summary: summarize(base.expand.handinger), budget: '—', digits: 0 },
    );
  }
  for (const run of network.latencies.filter((each) => each.latencyMs > 0)) {
    const L = run.latencyMs;
    const rt = run.roundTrip;
    const at = `+${L} ms`;
    if (base) {
      rows.push(
        floorRow(`${at}: expand a Handinger worker → first page shown`, run.expand.handinger, L + summarize(base.expand.handinger).median, `${L} ms + the same with no added latency`),
        floorRow(`${at}: expand a Cadenya agent → first page shown`, run.expand.cadenya, L + summarize(base.expand.cadenya).median, `${L} ms + the same with no added latency`),
        floorRow(`${at}: Load more on a Handinger worker → the next page shown`, run.loadMore.handinger, L + summarize(base.loadMore.handinger).median, `${L} ms + the same with no added latency`),
        floorRow(`${at}: Load more on a Cadenya agent → the next page shown`, run.loadMore.cadenya, L + summarize(base.loadMore.cadenya).median, `${L} ms + the same with no added latency`),
      );
    }
    const hPages = run.load.handinger[0]?.pages ?? 0;
    const hInFlight = Math.max(...run.load.handinger.map((r) => r.maxInFlight));
    const hFloors = run.load.handinger.map((r) => rt.handinger * ceil(r.pages / 4));
    rows.push(
      floorRow(`${at}: Load the Last 2,000, Handinger`, run.load.handinger.map((r, i) => (r.ms / hFloors[i]!) * hFloors[0]!), hFloors[0]!, `round trip ${rt.handinger.toFixed(0)} ms × ⌈${hPages} pages ÷ 4⌉; at most ${hInFlight} in flight`),
      { figure: `↳ ${at}: the same until the feed holds them (before the tree shows them), ÷ the floor`, unit: '× floor', summary: summarize(run.load.handinger.map((r, i) => r.feedMs / hFloors[i]!)), budget: '—', digits: 2 },
    );
    const cLimits = run.load.cadenya[0]?.limits ?? [];
    const cFloors = run.load.cadenya.map((r) => rt.cadenya500 * r.pages);
    rows.push(
      floorRow(`${at}: Load the Last 2,000, Cadenya`, run.load.cadenya.map((r, i) => (r.ms / cFloors[i]!) * cFloors[0]!), cFloors[0]!, `round trip of a page of 500 ${rt.cadenya500.toFixed(0)} ms × ${cLimits.length} pages of ${cLimits.join(', ')}`),
      { figure: `↳ ${at}: the same until the feed holds them (before the tree shows them), ÷ the floor`, unit: '× floor', summary: summarize(run.load.cadenya.map((r, i) => r.feedMs / cFloors[i]!)), budget: '—', digits: 2 },
    );
    const rangeFloors = run.timeRange.map((r) => rt.handinger * r.requests);
    rows.push(
      floorRow(`${at}: a 15-minute time range three weeks back, Handinger archive`, run.timeRange.map((r, i) => (r.ms / rangeFloors[i]!) * rangeFloors[0]!), rangeFloors[0]!, `${run.timeRange[0]?.requests ?? 0} requests × ${rt.handinger.toFixed(0)} ms`),
    );
    const goFloors = run.goTo.map((r) => rt.handinger * r.requests);
    rows.push(
      floorRow(`${at}: Go to Delivery by an id at page 150, Handinger archive → its row selected`, run.goTo.map((r, i) => (r.ms / goFloors[i]!) * goFloors[0]!), goFloors[0]!, `${run.goTo[0]?.requests ?? 0} requests × ${rt.handinger.toFixed(0)} ms`),
      { figure: `↳ ${at}: the same until the feed holds it (before the tree re-draws the worker and selects the row), ÷ the floor`, unit: '× floor', summary: summarize(run.goTo.map((r, i) => r.feedMs / goFloors[i]!)), budget: '—', digits: 2 },
      { figure: `↳ ${at}: the same until its detail panel is open (no network in between)`, unit: 'ms', summary: summarize(run.goTo.map((r) => r.panelMs)), budget: '—', digits: 0 },
    );
  }
  const live = network.live;
  if (live) {
    const intervals = live.windowMs / 1000 / live.intervalSeconds;
    const perInterval = live.requests.map((count) => count / intervals);
    const perPoll = live.perPollMs ?? [live.polls > 0 ? (live.cpuMs - live.idleCpuMs) / live.polls : Number.NaN];
    rows.push(
      atMost(`Live refresh, ${live.nodes.length} watched workers and agents, +${live.latencyMs} ms, interval ${live.intervalSeconds} s: requests per node per interval (${live.requests.reduce((a, b) => a + b, 0)} in ${live.windowMs / 1000} s)`, '', summarize(perInterval), BUDGET.livePerInterval, 2),
      { figure: `↳ extension-host CPU per poll (${live.polls} polls in ${perPoll.length} windows of ${live.windowMs / perPoll.length / 1000} s: ${live.cpuMs.toFixed(0)} ms, minus ${live.idleCpuMs.toFixed(0)} ms in a window of the same length with nothing watched after each; one figure per window)`, unit: 'ms', summary: summarize(perPoll), budget: '—', digits: 2 },
    );
  }
  const scale = network.scale;
  if (scale) {
    const first = scale.points[0];
    for (const point of scale.points) {
      const growth = first ? summarize(point.pageCpuMs).median / summarize(first.pageCpuMs).median : Number.NaN;
      rows.push(
        { figure: `Per-page cost at ${point.loaded.toLocaleString('en-US')} loaded: extension-host CPU of one appended page of 50 while the list is shown, as a click on Load more (×${growth.toFixed(2)} the cost at ${first?.loaded.toLocaleString('en-US')}; wall ${summarize(point.pageMs).median.toFixed(0)} ms; VS Code asked for children ${point.refreshes.join(', ')} times)`, unit: 'ms', summary: summarize(point.pageCpuMs), budget: '—', digits: 1 },
        { figure: `↳ tree update at ${point.loaded.toLocaleString('en-US')} loaded: getChildren + getTreeItem over what an append re-draws (the part the page went into: a list over 500 rows is shown in parts of 500)`, unit: 'ms', summary: summarize(point.treeMs), budget: '—', digits: 1 },
      );
    }
    rows.push(
      atMost(`Extension-host heap taken by ${(scale.points.at(-1)?.loaded ?? 0).toLocaleString('en-US')} loaded and shown${scale.gcForced ? ', after gc' : ''}: growth from none loaded (the host's whole heap: ${MB(scale.heapUsedBytes).toFixed(1)} MB, of which the other extensions and VS Code's own code hold what was there before)`, 'MB', summarize([MB(scale.heapGrowthBytes)]), BUDGET.heapAt50kMB, 1),
      { figure: `↳ the same loaded but collapsed (VS Code holds none of its rows): growth ${MB(scale.heapCollapsedBytes - (scale.heapUsedBytes - scale.heapGrowthBytes)).toFixed(1)} MB, whole heap`, unit: 'MB', summary: summarize([MB(scale.heapCollapsedBytes)]), budget: '—', digits: 1 },
    );
  }
  return rows;
}

/** Activation in its parts, as the extension timed them: its own work, and VS Code's in between. */
function activationParts(hosts: readonly HostResult[]): Row[] {
  const parts = hosts.flatMap((host) => (host.activation ? [host.activation] : []));
  if (parts.length === 0) {
    return [];
  }
  return [
    { figure: '↳ evaluating dist/extension.js (the extension\'s code as it loads, with VS Code making its `vscode` API object on the first require)', unit: 'ms', summary: summarize(parts.map((p) => p.evaluateMs)), budget: '—', digits: 1 },
    { figure: '↳ activate() itself (the tree, its view, the commands)', unit: 'ms', summary: summarize(parts.map((p) => p.activateMs)), budget: '—', digits: 1 },
    { figure: '↳ VS Code between the two (the extension\'s context: its storage, secrets)', unit: 'ms', summary: summarize(parts.map((p) => p.beforeActivateMs)), budget: '—', digits: 1 },
  ];
}

/** Requests per minute from the gaps between one node's consecutive polls. */
function perMinuteFromGaps(counts: readonly LiveCount[]): number[] {
  return counts.flatMap((count) => count.at.slice(1).map((at, i) => 60_000 / (at - count.at[i]!)));
}

function buildRows(data: {
  overhead: readonly OverheadResult[];
  hosts: readonly HostResult[];
  network: NetworkResult | undefined;
  bundles: Bundles;
  panel: PanelResult;
}): Row[] {
  const rows: Row[] = [...networkRows(data.network)];
  const [handinger, cadenya] = data.overhead;
  rows.push(...overheadRows(handinger!, 'Handinger'), ...overheadRows(cadenya!, 'Cadenya'));

  for (const provider of ['handinger', 'cadenya'] as const) {
    const costs = data.hosts.flatMap((host) => host.tree ?? []).filter((cost) => cost.provider === provider);
    const name = provider === 'handinger' ? 'Handinger' : 'Cadenya';
    const count = costs[0]?.deliveries.toLocaleString('en-US') ?? BENCH_DELIVERIES.toLocaleString('en-US');
    const runs = costs[0]?.runsMs.length ?? 0;
    rows.push(
      atMost(`Tree cost, ${name}: getChildren + getTreeItem for what expanding shows with ${count} loaded (${costs[0]?.children.toLocaleString('en-US') ?? '?'} rows: the parts of 500 and the newest part's rows), again (${costs.length} launch${costs.length === 1 ? '' : 'es'} × ${runs - 1} runs)`, 'ms', summarize(costs.flatMap((c) => c.runsMs.slice(1))), BUDGET.treeMs, 1),
      atMost(`↳ ${name}: the first pass after loading, which creates those nodes (one per launch)`, 'ms', summarize(costs.map((c) => c.runsMs[0] ?? Number.NaN)), BUDGET.treeMs, 1),
      atMost(`Heap growth, ${name}: ${count} deliveries loaded and shown${costs.every((c) => c.gcForced) ? ', after gc' : ' (gc not forced)'}`, 'MB', summarize(costs.map((c) => MB(c.heapGrowthBytes))), BUDGET.heapMB, 1),
    );
  }

  const activations = data.hosts.filter((host) => !host.wasActiveBefore).map((host) => host.activationMs);
  const reused = data.hosts.length - activations.length;
  rows.push(
    atMost(`Activation in a fresh extension host (${activations.length} launches${reused ? `; ${reused} launch(es) found it already active and were left out` : ''}): extension.activate() from the bench`, 'ms', summarize(activations), BUDGET.activationMs, 1),
    ...activationParts(data.hosts.filter((host) => !host.wasActiveBefore)),
    atMost(`Bundle dist/extension.js, minified: ${data.bundles.extensionBytes.toLocaleString('en-US')} bytes (gzip ${kB(data.bundles.extensionGzipBytes).toFixed(1)} kB)`, 'kB', summarize([kB(data.bundles.extensionBytes)]), BUDGET.extensionKB, 1),
    { figure: `↳ dist/handler.js (Find Handler), loaded on first use, not at activation: ${data.bundles.handlerBytes.toLocaleString('en-US')} bytes; with dist/extension.js ${(data.bundles.extensionBytes + data.bundles.handlerBytes).toLocaleString('en-US')} bytes`, unit: 'kB', summary: summarize([kB(data.bundles.handlerBytes)]), budget: '—', digits: 1 },
    { figure: `↳ dist/insights-panel.js (the insights panel), loaded on first use, not at activation: ${data.bundles.insightsPanelBytes.toLocaleString('en-US')} bytes`, unit: 'kB', summary: summarize([kB(data.bundles.insightsPanelBytes)]), budget: '—', digits: 1 },
    { figure: `↳ dist/handinger-sdk.js (the official Handinger SDK), loaded with the first Handinger client, not at activation: ${data.bundles.handingerSdkBytes.toLocaleString('en-US')} bytes`, unit: 'kB', summary: summarize([kB(data.bundles.handingerSdkBytes)]), budget: '—', digits: 1 },
    atMost(`Bundle dist/webview.js, minified: ${data.bundles.webviewBytes.toLocaleString('en-US')} bytes (gzip ${kB(data.bundles.webviewGzipBytes).toFixed(1)} kB)`, 'kB', summarize([kB(data.bundles.webviewBytes)]), BUDGET.webviewKB, 1),
    atMost(`Bundle dist/insights.js (the insights page), minified: ${data.bundles.insightsBytes.toLocaleString('en-US')} bytes`, 'kB', summarize([kB(data.bundles.insightsBytes)]), BUDGET.webviewKB, 1),
  );

  const live = data.hosts.find((host) => host.live)?.live;
  if (live) {
    const perInterval = 60 / live.intervalSeconds;
    const visible = perMinuteFromGaps(live.visible);
    const totals = live.visible.map((c) => `${c.at.length} in ${c.windowMs / 1000} s`).join(', ');
    rows.push(
      atMost(`Live refresh, view visible: requests/min per watched node, interval ${live.intervalSeconds} s (${live.visible.length} nodes: ${totals}; from the gaps between polls)`, '/min', summarize(visible), perInterval, 1),
      atMost(
        `Live refresh, view hidden: requests/min per watched node (${live.hidden.length} nodes over ${(live.hidden[0]?.windowMs ?? 0) / 1000} s${live.hiddenConfirmed ? '' : '; the view did not report hidden'})`,
        '/min',
        summarize(live.hidden.map((c) => (c.at.length * 60_000) / c.windowMs)),
        0,
        1,
      ),
    );
  } else {
    rows.push(notMeasured('Live refresh', '≤ 1 per interval; 0 hidden', 'not measured: the full launch did not run'));
  }

  if (data.panel.kind === 'measured') {
    const p = data.panel;
    rows.push(
      { figure: 'Detail panel: click on a delivery → its content shown, the first panel of the window', unit: 'ms', summary: summarize([p.firstMs]), budget: 'none set', digits: 0 },
      { figure: `↳ the same, a new panel after the previous one was closed (${p.newPanelMs.length} opens)`, unit: 'ms', summary: summarize(p.newPanelMs), budget: 'none set', digits: 0 },
      { figure: `↳ the same, another delivery in the panel already open (${p.samePanelMs.length} clicks)`, unit: 'ms', summary: summarize(p.samePanelMs), budget: 'none set', digits: 0 },
    );
  } else {
    rows.push(notMeasured('Detail panel: open command → content shown', 'none set', data.panel.reason));
  }
  return rows;
}

// ---------------------------------------------------------------- README

function readmeBlock(m: Machine, table: string, date: string): string {
  return `\`npm run bench\` measures these in the real VS Code window (code-server in headless Chromium)
against the sample API server, which adds 0, 50 or 150 ms to every request; each user-felt
figure is shown beside its network floor from the same run (round trips measured by a bare
fetch of the same page), as the median of 5 with min and max; \`npm run bench -- --readme\`
replaces this table (about 8 minutes). Latest run, ${date}, on ${m.cpu} (${m.cores} cores,
${m.memoryGiB} GiB RAM, shared), ${m.os}, Node ${m.node}, VS Code ${m.vscode}, load average at
start ${m.loadAverageAtStart.join(' / ')}. Raw numbers: \`.artifacts/bench/bench.json\`.

${table}`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const started = Date.now();
  const step = (what: string): void => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${what}`);
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });

  step('production build in a temporary copy');
  const bundles = productionBuild();
  step('sample API server');
  const sample = await startSample();
  let browser: Browser | undefined;
  try {
    if (sample.ready.handingerCount < BENCH_DELIVERIES || sample.ready.cadenyaCount < BENCH_DELIVERIES) {
      throw new Error('the sample server did not grow to the bench size');
    }
    const overhead: OverheadResult[] = [];
    for (const provider of ['handinger', 'cadenya'] as const) {
      step(`client overhead, ${provider}: ${PAGES} pages × ${ROUNDS} rounds, interleaved with bare fetch`);
      overhead.push(await measureOverhead(sample.ready, provider, { pages: PAGES, rounds: ROUNDS, cadenyaLimit: 50 }));
    }

    browser = await launchBrowser();
    // WD_BENCH_DEV_BUNDLE=1 runs the development bundle instead, whose names a profile can read.
    const extensionDir = process.env.WD_BENCH_DEV_BUNDLE === '1' ? REPO_ROOT : bundles.extensionDir;
    const hosts: (HostResult & { version: string })[] = [];
    for (let index = 0; index < LAUNCHES; index++) {
      const mode = index === 0 && process.env.WD_BENCH_LIVE !== '0' ? 'full' : 'tree';
      step(`VS Code launch ${index + 1} of ${LAUNCHES}: activation, tree cost, heap${mode === 'full' ? ', live refresh' : ''}`);
      hosts.push(await launch(browser, sample.ready, extensionDir, mode, index));
    }

    step('VS Code launch for the network figures: 0, 50 and 150 ms added latency, live refresh of 10 nodes, 1,000 / 10,000 / 50,000 loaded');
    const networkHost = process.env.WD_BENCH_NETWORK === '0' ? undefined : await launch(browser, sample.ready, extensionDir, 'network', LAUNCHES);
    const network = networkHost?.network;

    step('detail panel in the browser');
    let panel: PanelResult;
    // The panel's code is its own bundle, loaded on first open (dist/detail-panel.js).
    if (!fs.readFileSync(path.join(bundles.extensionDir, 'dist', 'detail-panel.js'), 'utf8').includes('createWebviewPanel')) {
      panel = { kind: 'notMeasured', reason: 'not measured: detail panel not built into the extension yet (its bundle creates no webview panel)' };
    } else {
      const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-bench-panel-'));
      try {
        panel = await measureDetailPanel({
          browser,
          userDataDir,
          settings: hostSettings(sample.ready),
          env: hostEnv(sample.ready),
          extensionDevelopmentPath: extensionDir,
          opens: PANEL_OPENS,
        });
      } finally {
        fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    }

    const m = machine(hosts[0]?.version ?? 'unknown');
    const rows = buildRows({ overhead, hosts, network, bundles, panel });
    const table = markdownTable(rows);
    const date = new Date().toISOString().slice(0, 10);
    const markdown = `# Performance, ${new Date().toISOString()}\n\n${machineLine(m)}\n\n${table}\n`;
    fs.writeFileSync(path.join(OUT_DIR, 'bench.md'), markdown);
    fs.writeFileSync(
      path.join(OUT_DIR, 'bench.json'),
      JSON.stringify({ date: new Date().toISOString(), machine: m, budgets: BUDGET, rows, overhead, hosts, network, bundles, panel }, null, 2),
    );
    console.log(`\nMachine: ${machineLine(m)}\n\n${table}\n`);
    if (process.argv.includes('--readme')) {
      const file = path.join(REPO_ROOT, 'README.md');
      fs.writeFileSync(file, updateReadme(fs.readFileSync(file, 'utf8'), readmeBlock(m, table, date)));
      console.log('README.md: Performance table updated.');
    }
    const missed = rows.filter((row) => row.met === false);
    step(`done: ${rows.filter((row) => row.met === true).length} budgets met, ${missed.length} missed; written to ${path.relative(REPO_ROOT, OUT_DIR)}/`);
    return 0;
  } finally {
    await browser?.close();
    sample.child.kill('SIGTERM');
    fs.rmSync(bundles.extensionDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
