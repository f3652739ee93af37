// Route health's model (with Find Handler's route matching) and its presentation are loaded
// the first time a visible editor needs them: esbuild.js builds src/health/present.ts as
// dist/health.js beside dist/extension.js, so neither weighs on the extension bundle or on
// activation.
import type * as HealthModule from './present';

let loaded: typeof HealthModule | undefined;

export function healthModule(): typeof HealthModule {
  // A literal path esbuild.js leaves as it is: at run time it is resolved from dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./health.js') as typeof HealthModule;
  return loaded;
}
