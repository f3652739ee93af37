// What an id typed or pasted says about itself. No vscode here.
import type { ProviderId } from '../model/delivery';
import { ulidTime } from '../model/seek';

/** The provider an id's prefix names: Handinger executions are `whe_…`, Cadenya deliveries `whd_…`. */
export function providerOfId(id: string): ProviderId | undefined {
  return /^whe_/i.test(id) ? 'handinger' : /^whd_/i.test(id) ? 'cadenya' : undefined;
}

/** Text typed in Go to Delivery that can only be an id (looked for on the server, not among loaded rows). */
export function looksLikeId(text: string): boolean {
  const value = text.trim();
  return value.length >= 8 && !/\s/.test(value) && (ulidTime(value) !== undefined || providerOfId(value) !== undefined);
}
