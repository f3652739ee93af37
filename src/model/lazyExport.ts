// The export formats (CSV and JSON) are loaded the first time a worker or agent is exported:
// esbuild.js builds src/model/export.ts as dist/export.js beside dist/extension.js (as Find
// Handler's dist/handler.js). Pure functions only, with no state and no classes, so nothing
// crosses the boundary but strings and plain deliveries.
import type * as ExportModule from './export';

let loaded: typeof ExportModule | undefined;

export function exportModule(): typeof ExportModule {
  // A literal path esbuild.js leaves as it is: at run time it is resolved from dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./export.js') as typeof ExportModule;
  return loaded;
}
