// The insights panel's webview type, for the serializer registered at activation and the
// panel loaded on first use (src/insights/lazy.ts).
export const INSIGHTS_VIEW_TYPE = 'webhookDeliveries.insights';
