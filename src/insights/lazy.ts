// The insights panel (its view model and the statistics) is loaded the first time a panel
// opens or is restored: esbuild.js builds it as dist/insights-panel.js beside
// dist/extension.js, so activation does not parse it (as Find Handler's dist/handler.js).
import type * as InsightsPanelModule from './insightsPanel';

export { INSIGHTS_VIEW_TYPE } from './viewType';

let loaded: typeof InsightsPanelModule | undefined;

export function insightsPanelModule(): typeof InsightsPanelModule {
  // A literal path esbuild.js leaves as it is: at run time it is resolved from dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./insights-panel.js') as typeof InsightsPanelModule;
  return loaded;
}
