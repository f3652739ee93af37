// Runs test/integration inside a real VS Code extension host, on the first host that can be
// had: a desktop build through @vscode/test-electron (VSCODE_EXECUTABLE_PATH, a cached or
// downloaded build, and a display), otherwise VS Code's server build in headless Chromium.
// Either way the sample API server runs here and its URL and demo keys reach the extension
// through settings and the environment. Never skips: no host, or no results, is a failure.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSampleServer, type SampleServer } from '../sample-server/server';
import { startCodeServer, writeSettings } from './codeServer';
import { sampleEnv, sampleSettings } from './sampleHost';
import { launchBrowser, workbenchUrl } from './workbench';
import { CACHE_DIR, REPO_ROOT, RESULTS_DIR, SCREENSHOTS_DIR, VSCODE_VERSION } from './paths';
import type { HostInfo, StageResult } from '../support/results';

const TESTS_PATH = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const RESULTS_FILE = path.join(RESULTS_DIR, 'integration.json');
const RUN_TIMEOUT_MS = Number(process.env.WD_INTEGRATION_TIMEOUT_MS ?? 20 * 60_000);

/** Renders console arguments the way Node's console does for %s/%d/%i/%j placeholders. */
export function formatConsole(args: readonly unknown[]): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  const [first, ...rest] = args;
  if (typeof first !== 'string' || !/%[sdij]/.test(first)) {
    return args.map(text).join(' ');
  }
  const remaining = [...rest];
  const formatted = first.replace(/%[sdij]/g, () => (remaining.length > 0 ? text(remaining.shift()) : ''));
  return [formatted, ...remaining.map(text)].join(' ');
}

type Host = { kind: 'electron'; executable: string } | { kind: 'server'; reason: string };

async function chooseHost(): Promise<Host> {
  const forced = process.env.WD_TEST_HOST;
  if (forced === 'server') {
    return { kind: 'server', reason: 'WD_TEST_HOST=server' };
  }
  if (process.env.VSCODE_EXECUTABLE_PATH) {
    return { kind: 'electron', executable: process.env.VSCODE_EXECUTABLE_PATH };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    return { kind: 'server', reason: 'no display for a desktop build (DISPLAY is unset)' };
  }
  try {
    const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
    const executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath: CACHE_DIR });
    return { kind: 'electron', executable };
  } catch (error) {
    if (forced === 'electron') {
      throw error;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { kind: 'server', reason: `no desktop build could be had (${reason})` };
  }
}

async function runOnElectron(executable: string, sample: SampleServer): Promise<void> {
  const { runTests } = await import('@vscode/test-electron');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-electron-'));
  writeSettings(userDataDir, sampleSettings(sample, { hostile: true }));
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: TESTS_PATH,
    launchArgs: [path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: {
      ...sampleEnv(sample),
      WD_RESULTS_FILE: RESULTS_FILE,
      WD_HOST_KIND: 'desktop (test-electron)' satisfies HostInfo['kind'],
    },
  });
}

async function runOnServer(sample: SampleServer): Promise<void> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-server-'));
  const server = await startCodeServer({
    userDataDir,
    settings: sampleSettings(sample, { hostile: true }),
    env: {
      ...sampleEnv(sample),
      WD_RESULTS_FILE: RESULTS_FILE,
      WD_HOST_KIND: 'server build (code-server) in headless Chromium' satisfies HostInfo['kind'],
      WD_TEST_GREP: process.env.WD_TEST_GREP ?? '',
    },
  });
  console.log(`VS Code server build ${server.version} listening on ${server.url}`);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = formatConsole(args);
      (type === 'error' ? console.error : console.log)(`  [vscode] ${line}`);
    });
    page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
    await page.goto(workbenchUrl({ serverUrl: server.url, extensionTestsPath: TESTS_PATH }));

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), RUN_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout' || outcome !== 0) {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'integration-failure.png') }).catch(() => undefined);
      if (outcome === 'timeout') {
        throw new Error(`the integration tests did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
      }
    }
  } catch (error) {
    console.error(server.output().split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<number> {
  fs.rmSync(RESULTS_FILE, { force: true });
  const sample = await startSampleServer();
  console.log(`Sample API server on ${sample.url}`);
  try {
    const host = await chooseHost();
    if (host.kind === 'electron') {
      console.log(`Host: VS Code desktop build via @vscode/test-electron (${host.executable})`);
      await runOnElectron(host.executable, sample).catch((error: unknown) => console.error(error));
    } else {
      console.log(`Host: VS Code server build (code-server) in headless Chromium: ${host.reason}`);
      await runOnServer(sample);
    }
  } finally {
    await sample.close();
  }

  if (!fs.existsSync(RESULTS_FILE)) {
    console.error('The integration suite produced no results: it did not run inside VS Code.');
    return 1;
  }
  const result = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as StageResult;
  for (const test of result.tests) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    console.log(`  ${mark} ${test.title} (${test.durationMs} ms)`);
    if (test.error) {
      console.log(test.error.replace(/^/gm, '      '));
    }
  }
  console.log(`Integration tests ran on: ${result.host?.kind ?? 'unknown host'}, VS Code ${result.host?.vscodeVersion ?? '?'} (${result.host?.detail ?? ''})`);
  console.log(`Integration: ${result.passed} passed, ${result.failed} failed, ${result.pending} pending`);
  return result.failed > 0 || result.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
