// The detail panel's webview type, for the serializer registered at activation and the
// panel loaded on first use (src/detail/lazy.ts).
export const VIEW_TYPE = 'webhookDeliveries.delivery';
