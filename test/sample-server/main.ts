// Command-line entry point of the sample API server, for demos and for test scripts that
// need the server in its own process (`npm run sample-server`).
//
//   node out/test/sample-server/main.js [--port N] [--seed N] [--cadenya-page-cap N] [--latency MS]
//
// --latency MS adds MS milliseconds to every API request, as a network 20–200 ms away would
// (changed at run time with PUT /__control/latency { "ms": N }).
// The port comes from --port, else SAMPLE_SERVER_PORT, else 0 (a free port).
// --cadenya-page-cap N makes Cadenya delivery pages hold at most N items whatever `limit`
// asks (SampleServerOptions.cadenyaPageCap); by default `limit` decides. Besides the
// human-readable banner it prints one line a script can parse:
//   SAMPLE_SERVER_READY {"url":"http://127.0.0.1:…","handingerKey":"…","cadenyaKey":"…","workerIds":[…],…}
// Exits cleanly on SIGINT and SIGTERM.

import { DEFAULT_SEED, SAMPLE_IDS, startSampleServer } from './server';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === `--${name}`) {
      return args[i + 1];
    }
    if (arg.startsWith(`--${name}=`)) {
      return arg.slice(name.length + 3);
    }
  }
  return undefined;
}

function integer(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined || text === '') {
    return fallback;
  }
  if (!/^\d+$/.test(text)) {
    throw new Error(`${what} must be a non-negative integer, got "${text}"`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const port = integer(option('port') ?? process.env.SAMPLE_SERVER_PORT, 'port', 0);
  const seed = integer(option('seed'), 'seed', DEFAULT_SEED);
  const pageCapText = option('cadenya-page-cap');
  const cadenyaPageCap = pageCapText === undefined ? undefined : integer(pageCapText, 'cadenya-page-cap', 0);
  const latencyMs = integer(option('latency'), 'latency', 0);
  const server = await startSampleServer({ port, seed, latencyMs, ...(cadenyaPageCap !== undefined && { cadenyaPageCap }) });
  const workerIds = server.dataset.workers.map((worker) => worker.id);
  const workspaceIds = server.dataset.workspaces.map((workspace) => workspace.metadata.id);

  console.log(`Sample API server listening on ${server.url}  (seed ${seed})`);
  console.log(`  Handinger: baseURL ${server.url}  key ${server.handingerKey}  workers: ${workerIds.join(' ')}`);
  console.log(`  Cadenya:   baseURL ${server.url}  key ${server.cadenyaKey}  workspaces: ${workspaceIds.join(' ')}`);
  console.log(`             busy agent ${SAMPLE_IDS.busyAgent} in ${SAMPLE_IDS.busyWorkspace}`);
  if (cadenyaPageCap !== undefined) {
    console.log(`             delivery pages capped at ${cadenyaPageCap} items whatever the limit`);
  }
  if (latencyMs > 0) {
    console.log(`  Latency:   ${latencyMs} ms added to every API request`);
  }
  console.log(`  Faults:    key or id "fault-<kind>", query "__fault=<kind>", or POST ${server.url}/__control/faults`);
  console.log(
    `SAMPLE_SERVER_READY ${JSON.stringify({
      url: server.url,
      handingerKey: server.handingerKey,
      cadenyaKey: server.cadenyaKey,
      workerIds,
      workspaceIds,
    })}`,
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`Received ${signal}, stopping the sample API server.`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
