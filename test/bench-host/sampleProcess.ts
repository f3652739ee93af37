// The sample API server in a process of its own for `npm run bench`, so that its work is
// not counted against the client measured in the bench process (on a 2-core machine they
// then run side by side, as a client and a remote server would). The busy Handinger worker
// is grown to SCALE_DELIVERIES (the 50,000-loaded figures) and the busy Cadenya agent to
// BENCH_DELIVERIES deliveries: the extra ones are older than the seeded ones, spread over the
// days before, as a long history would be. Added latency starts at 0 (PUT /__control/latency).
//
//   fork('out/test/bench-host/sampleProcess.js') → message { type: 'ready', ... }; SIGTERM stops it.
import { SAMPLE_IDS, startSampleServer } from '../sample-server/server';
import { BENCH_DELIVERIES, SCALE_DELIVERIES, type SampleReady } from './shared';

/** Spacing of the added history, older than the oldest seeded delivery. */
const SPACING_MS = 37_000;

async function main(): Promise<void> {
  const server = await startSampleServer();
  const executions = server.dataset.executions.get(SAMPLE_IDS.busyWorker) ?? [];
  let oldest = Date.parse(executions.at(-1)?.createdAt ?? new Date().toISOString());
  for (let i = 0; executions.length < SCALE_DELIVERIES; i++) {
    oldest -= SPACING_MS;
    server.addHandingerExecution(SAMPLE_IDS.busyWorker, {
      createdAt: new Date(oldest).toISOString(),
      ...(i % 9 === 0 ? { responseStatus: 500 } : {}),
    });
  }
  const workspaceId = SAMPLE_IDS.workspaceOfAgent[SAMPLE_IDS.busyAgent] ?? SAMPLE_IDS.busyWorkspace;
  const deliveries = server.dataset.deliveries.get(SAMPLE_IDS.busyAgent) ?? [];
  oldest = Date.parse(deliveries.at(-1)?.metadata.createdAt ?? new Date().toISOString());
  for (let i = 0; deliveries.length < BENCH_DELIVERIES; i++) {
    oldest -= SPACING_MS;
    server.addCadenyaDelivery(workspaceId, SAMPLE_IDS.busyAgent, {
      metadata: { createdAt: new Date(oldest).toISOString() },
      ...(i % 9 === 0 ? { status: 'WEBHOOK_DELIVERY_STATUS_FAILED' as const } : {}),
    });
  }
  const ready: SampleReady = {
    type: 'ready',
    url: server.url,
    handingerKey: server.handingerKey,
    cadenyaKey: server.cadenyaKey,
    handingerCount: executions.length,
    cadenyaCount: deliveries.length,
  };
  process.send?.(ready);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
