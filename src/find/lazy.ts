// The find feature's prompts are loaded the first time one is needed: esbuild.js builds
// src/find/ui.ts as dist/find-ui.js beside dist/extension.js (as Find Handler's dist/handler.js).
import type * as FindUi from './ui';

let loaded: typeof FindUi | undefined;

export function findUi(): typeof FindUi {
  // A literal path esbuild.js leaves as it is: at run time it is resolved from dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./find-ui.js') as typeof FindUi;
  return loaded;
}
