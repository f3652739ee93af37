// Find Handler is loaded on first use. Its route matcher is close to a tenth of the
// extension's code and most sessions never run it, so esbuild.js builds it as its own
// bundle, dist/handler.js, beside dist/extension.js, and nothing parses it at activation.
import type * as FindHandler from './findHandler';

let loaded: typeof FindHandler | undefined;

export function findHandlerModule(): typeof FindHandler {
  // A literal path esbuild.js leaves as it is: at run time it is resolved from dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./handler.js') as typeof FindHandler;
  return loaded;
}
