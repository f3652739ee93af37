// The detail panel (its panel class, view model, page protocol and saved-state reader) is
// loaded the first time a delivery opens or VS Code restores a panel: esbuild.js builds
// src/detail/deliveryPanel.ts as dist/detail-panel.js beside dist/extension.js, so activation
// does not parse it (as the insights panel's dist/insights-panel.js).
//
// The boundary: the panels' state (the open panels, the following one, the last active one,
// the JSON documents) lives in src/detail/detailPanel.ts, in dist/extension.js; the lazy
// bundle holds no module-level state and checks no class of the extension bundle with
// `instanceof` (a ProviderError thrown in dist/extension.js is not an instance of the copy in
// dist/detail-panel.js): the panel asks its host for an error's kind instead.
import type * as DeliveryPanelModule from './deliveryPanel';

export { VIEW_TYPE } from './viewType';

let loaded: typeof DeliveryPanelModule | undefined;

export function detailPanelModule(): typeof DeliveryPanelModule {
  // A literal path esbuild.js leaves as it is: at run time it is resolved from dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./detail-panel.js') as typeof DeliveryPanelModule;
  return loaded;
}
