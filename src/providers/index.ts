// What the UI imports from the provider layer: the two factories, the contract types and
// the base URL check (for validating a setting as it is typed).

export { createCadenyaProvider } from './cadenya';
export { createHandingerProvider } from './handinger';
export { assertSafeBaseUrl, isLoopbackHost } from './baseUrl';
export type {
  CadenyaDeliveryProvider,
  Container,
  ContainerPage,
  Delivery,
  DeliveryFilterName,
  DeliveryFilters,
  DeliveryPage,
  DeliveryProvider,
  DeliveryRequest,
  HandingerDeliveryProvider,
  ProviderConfig,
  ProviderId,
  RelatedRecord,
  WorkerCheck,
} from './types';
