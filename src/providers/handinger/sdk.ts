// Loads dist/handinger-sdk.js (see handinger-sdk.ts) on first use. The literal path is left
// as it is by esbuild.js and resolved beside this file at run time: dist/ for the extension,
// out/src/providers/handinger/ for the unit tests, where the transpiled module sits.
import type * as HandingerSdk from './handinger-sdk';

let loaded: typeof HandingerSdk | undefined;

export function handingerSdk(): typeof HandingerSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./handinger-sdk.js') as typeof HandingerSdk;
  return loaded;
}
