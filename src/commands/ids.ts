// Every command id in one place; package.json contributes the same ids.
/** The extension's id (publisher.name), which deep links are addressed to. */
export const EXTENSION_ID = 'webhookdeliveries.webhook-deliveries';

export const COMMANDS = {
  refresh: 'webhookDeliveries.refresh',
  refreshNode: 'webhookDeliveries.refreshNode',
  setApiKey: 'webhookDeliveries.setApiKey',
  clearApiKey: 'webhookDeliveries.clearApiKey',
  addWorker: 'webhookDeliveries.addWorker',
  renameWorker: 'webhookDeliveries.renameWorker',
  removeWorker: 'webhookDeliveries.removeWorker',
  loadMore: 'webhookDeliveries.loadMore',
  fillGap: 'webhookDeliveries.fillGap',
  retryNode: 'webhookDeliveries.retry',
  filter: 'webhookDeliveries.filter',
  clearFilter: 'webhookDeliveries.clearFilter',
  startLiveRefresh: 'webhookDeliveries.startLiveRefresh',
  stopLiveRefresh: 'webhookDeliveries.stopLiveRefresh',
  goToDelivery: 'webhookDeliveries.goToDelivery',
  showNewFailures: 'webhookDeliveries.showNewFailures',
  openDelivery: 'webhookDeliveries.openDelivery',
  openDeliveryJson: 'webhookDeliveries.openDeliveryJson',
  groupByTrigger: 'webhookDeliveries.groupByTrigger',
  ungroup: 'webhookDeliveries.ungroup',
  showInsights: 'webhookDeliveries.showInsights',
  loadRecent: 'webhookDeliveries.loadRecent',
  selectForCompare: 'webhookDeliveries.selectForCompare',
  compareWithSelected: 'webhookDeliveries.compareWithSelected',
  exportDeliveries: 'webhookDeliveries.exportDeliveries',
  filterByObjective: 'webhookDeliveries.filterByObjective',
  copyDeliveryLink: 'webhookDeliveries.copyDeliveryLink',
  openLink: 'webhookDeliveries.openLink',
} as const;
