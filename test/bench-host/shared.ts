// What the bench's processes agree on: the runner, the sample server's process and the
// module inside VS Code.

export const EXTENSION_ID = 'webhookdeliveries.webhook-deliveries';

/** Deliveries of the busy worker and the busy agent, and what the tree and client figures load. */
export const BENCH_DELIVERIES = 10_000;

/** Loaded deliveries at which per-page and tree costs are measured; the busy worker holds a little more. */
export const SCALE_SIZES = [1_000, 10_000, 50_000] as const;
export const SCALE_DELIVERIES = 50_500;

/** What the sample server's process reports once it listens with the grown data. */
export interface SampleReady {
  readonly type: 'ready';
  readonly url: string;
  readonly handingerKey: string;
  readonly cadenyaKey: string;
  readonly handingerCount: number;
  readonly cadenyaCount: number;
}
