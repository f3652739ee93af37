// How the sample API server reaches the extension in a test or demo VS Code: base URLs and
// the sample workers as settings, the demo keys as environment variables (never settings).
import { SAMPLE_IDS, type SampleServer } from '../sample-server/server';

/** The sample Handinger workers with the labels a user might give them. */
export const SAMPLE_WORKERS = [
  { id: SAMPLE_IDS.busyWorker, label: 'Order sync' },
  { id: SAMPLE_IDS.smallWorker, label: 'Support triage' },
  { id: SAMPLE_IDS.tinyWorker, label: 'Weekly digest' },
  { id: SAMPLE_IDS.emptyWorker },
  { id: SAMPLE_IDS.noWebhookWorker, label: 'Draft worker (no webhook)' },
  // 12,000 executions over 30 days: time ranges and ids far back.
  { id: SAMPLE_IDS.archiveWorker, label: 'Ledger archive' },
] as const;

export function sampleSettings(sample: SampleServer, options: { hostile?: boolean } = {}): Record<string, unknown> {
  return {
    'webhookDeliveries.handinger.baseUrl': sample.url,
    'webhookDeliveries.cadenya.baseUrl': sample.url,
    'webhookDeliveries.handinger.workers': [
      ...SAMPLE_WORKERS,
      ...(options.hostile ? [{ id: SAMPLE_IDS.hostileWorker, label: 'Hostile inputs' }] : []),
    ],
  };
}

export function sampleEnv(sample: SampleServer): NodeJS.ProcessEnv {
  return {
    HANDINGER_API_KEY: sample.handingerKey,
    CADENYA_API_KEY: sample.cadenyaKey,
    WD_SAMPLE_SERVER_URL: sample.url,
  };
}
