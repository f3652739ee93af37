// How the sample API server reaches the extension in a test or demo VS Code: base URLs and
// the demo's worker ids as settings, the demo keys as environment variables (never settings).
import type { SampleServer } from '../sample-server/server';

export function sampleSettings(sample: SampleServer): Record<string, unknown> {
  return {
    'webhookDeliveries.handinger.baseUrl': sample.url,
    'webhookDeliveries.cadenya.baseUrl': sample.url,
  };
}

export function sampleEnv(sample: SampleServer): NodeJS.ProcessEnv {
  return {
    HANDINGER_API_KEY: sample.handingerKey,
    CADENYA_API_KEY: sample.cadenyaKey,
    WD_SAMPLE_SERVER_URL: sample.url,
  };
}
