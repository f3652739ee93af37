// The launcher behind `npm start` (after scripts/start.mjs has installed and built): starts
// the sample API server unless real keys are in the environment, then opens VS Code with
// the extension under development: the desktop `code` when installed, otherwise the server
// build, whose URL it prints for a browser. Runs until Ctrl+C (or until `code` closes).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSampleServer, type SampleServer } from '../sample-server/server';
import { startCodeServer, writeSettings } from './codeServer';
import { workbenchUrl } from './workbench';
import { sampleEnv, sampleSettings } from './sampleHost';
import { CACHE_DIR, REPO_ROOT, TEST_WORKSPACE } from './paths';

async function main(): Promise<void> {
  const realKeys = Boolean(process.env.HANDINGER_API_KEY || process.env.CADENYA_API_KEY);
  let sample: SampleServer | undefined;
  if (!realKeys) {
    sample = await startSampleServer({ port: Number(process.env.SAMPLE_SERVER_PORT ?? 0) });
    console.log(`Sample API server: ${sample.url} (demo keys passed to VS Code through the environment)`);
  } else {
    console.log('Using HANDINGER_API_KEY / CADENYA_API_KEY from the environment against the real APIs.');
  }
  const settings = sample ? sampleSettings(sample) : {};
  const env = { ...process.env, ...(sample ? sampleEnv(sample) : {}) };
  const userDataDir = path.join(CACHE_DIR, 'start', 'user-data');
  const folder = process.env.WD_START_FOLDER ?? TEST_WORKSPACE;

  const desktop = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (desktop && process.env.WD_START_HOST !== 'server') {
    // Its own user-data folder makes a new VS Code instance, so the demo keys in the
    // environment reach it even when another VS Code window is open.
    writeSettings(userDataDir, settings);
    console.log(`Opening VS Code (${desktop}) with the extension under development…`);
    const code = spawn(
      desktop,
      ['--new-window', '--wait', '--user-data-dir', userDataDir, `--extensionDevelopmentPath=${REPO_ROOT}`, folder],
      { env, stdio: 'inherit' },
    );
    await new Promise((resolve) => code.once('exit', resolve));
    await sample?.close();
    return;
  }

  fs.mkdirSync(userDataDir, { recursive: true });
  const server = await startCodeServer({
    userDataDir,
    settings,
    env,
    port: Number(process.env.PORT ?? 0) || undefined,
  });
  const url = workbenchUrl({ serverUrl: server.url, folder });
  console.log(`\nVS Code ${server.version} (server build) is running with the extension under development.`);
  console.log(`Open this URL in a browser:\n\n  ${url}\n`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    await sample?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
