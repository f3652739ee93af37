// The official Handinger SDK as a bundle of its own (dist/handinger-sdk.js), loaded when the
// first Handinger client is made: it is a sixth of the extension's code, and a session with
// only Cadenya, or no key yet, never parses it. Only the SDK is here: every ProviderError is
// still made by client.ts in the main bundle, so `instanceof` holds across bundles.
export { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, Handinger, HandingerError } from '@ramensoft/handinger';
