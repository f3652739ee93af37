// Starts VS Code's server build (code-server, installed by scripts/setup-test-host.sh) on a
// free loopback port with its own user-data and extensions folders.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CACHE_DIR, CODE_SERVER_VERSION } from './paths';

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly version: string;
  /** Everything the server printed, for diagnosing a failed start. */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** A fresh folder per run keeps tests independent of each other and of `npm start`. */
  readonly userDataDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to the user-data folder's User and Machine settings before start. */
  readonly settings?: Record<string, unknown>;
  readonly port?: number;
  /** Where installed extensions live; `<userDataDir>/extensions` when not given. */
  readonly extensionsDir?: string;
}

export function codeServerBinary(): string {
  return path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

export function isCodeServerInstalled(): boolean {
  return fs.existsSync(path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`, '.installed'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Settings VS Code reads per machine: in the server build's remote window, only from Machine/. */
const MACHINE_SCOPED = /\.baseUrl$/;

/**
 * Writes settings where VS Code reads them: everything in User/, and the machine-scoped
 * ones also in Machine/ (a browser window of the server build is a remote window, so
 * machine-scoped settings come from the server's Machine folder there).
 */
export function writeSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const machine = Object.fromEntries(Object.entries(settings).filter(([key]) => MACHINE_SCOPED.test(key)));
  for (const [scope, values] of [['User', settings], ['Machine', machine]] as const) {
    const dir = path.join(userDataDir, scope);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(values, null, 2));
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!isCodeServerInstalled()) {
    throw new Error(`VS Code's server build is not installed in ${CACHE_DIR}: run \`bash scripts/setup-test-host.sh\` first`);
  }
  const port = options.port ?? (await freePort());
  const extensionsDir = options.extensionsDir ?? path.join(options.userDataDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(options.userDataDir, {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...options.settings,
  });

  let output = '';
  const child: ChildProcess = spawn(
    codeServerBinary(),
    [
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', options.userDataDir,
      '--extensions-dir', extensionsDir,
    ],
    {
      // Its config file would otherwise be written to ~/.config/code-server.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(options.userDataDir, 'xdg'), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child, () => output, 60_000);
  const version = /with Code (\S+)/.exec(spawnSync(codeServerBinary(), ['--version'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(options.userDataDir, 'xdg') } }).stdout)?.[1] ?? 'unknown';

  return {
    url,
    port,
    userDataDir: options.userDataDir,
    version,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Installs a VSIX the way a user does (`code-server --install-extension`), into the
 * extensions folder a following `startCodeServer` with the same options loads.
 */
export function installExtension(vsix: string, options: Pick<CodeServerOptions, 'userDataDir' | 'extensionsDir'>): void {
  if (!isCodeServerInstalled()) {
    throw new Error(`VS Code's server build is not installed in ${CACHE_DIR}: run \`bash scripts/setup-test-host.sh\` first`);
  }
  const extensionsDir = options.extensionsDir ?? path.join(options.userDataDir, 'extensions');
  const result = spawnSync(
    codeServerBinary(),
    ['--user-data-dir', options.userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(options.userDataDir, 'xdg') }, timeout: 60_000 },
  );
  if (result.status !== 0 || !/successfully installed/.test(result.stdout)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}
