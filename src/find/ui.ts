// The find feature's prompts (filter menu, time range, status classes, saved filters, Go to
// Delivery's pick), built as dist/find-ui.js and loaded on first use (src/find/lazy.ts), so
// activation does not parse them. Only stateless UI lives here: the feeds, the tree and the
// searches stay in dist/extension.js.
export { promptClasses, promptFilter, promptRange } from './filterPrompt';
export { deleteSavedFilter, pickSavedFilter, saveFilterAs } from './savedFilters';
export { pickDelivery, type PickedDelivery } from './goToPick';
