// Commands on the tree's workers, agents and deliveries: refresh, load more, retry, filters
// and live refresh. Finding deliveries (Go to Delivery…, time ranges, saved filters) is in src/find/.
import { accountIdOf } from '../model/accounts';
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { LiveRefresh } from '../tree/liveRefresh';
import { ContainerNode } from '../tree/containerNode';
import { ErrorNode, GapNode } from '../tree/messageNodes';
import type { TreeNode } from '../tree/node';
import { NO_FILTER, type DeliveryFilter } from '../model/filter';
import { findUi } from '../find/lazy';
import { applyFilter } from '../find/applyFilter';
import { resolveContainer } from './pickers';
import { COMMANDS } from './ids';
import { givenValue } from './given';

interface Reloadable {
  loadMore(): Promise<unknown>;
}

function isReloadable(value: unknown): value is Reloadable & TreeNode {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Reloadable>).loadMore === 'function';
}

export function registerDeliveryCommands(
  tree: DeliveriesTreeProvider,
  view: vscode.TreeView<TreeNode>,
  live: LiveRefresh,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.refresh, async () => {
      // Re-list workers, workspaces and agents (each keeps its feed; a failed listing keeps
      // what was listed, with an error row), and read the newest deliveries of every loaded
      // worker or agent: new ones on top, pending ones settled, nothing loaded replaced.
      tree.handingerRoot.resetAll();
      tree.cadenyaRoot.resetAll();
      tree.refresh();
      const loaded = tree.feeds.all().filter((feed) => feed.loaded);
      const results = await Promise.all(loaded.map((feed) => feed.refresh()));
      results.forEach((result, index) => {
        const container = tree.feeds.containerOf(loaded[index]!);
        if (result.status === 'failed' && container) {
          tree.reportError(result.error, { provider: container.provider, accountId: accountIdOf(container) });
        }
      });
      return results.map((result) => result.status);
    }),
    vscode.commands.registerCommand(COMMANDS.refreshNode, async (argument?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Refresh which worker or agent?'));
      await node?.refreshNewest();
    }),
    vscode.commands.registerCommand(COMMANDS.fillGap, async (argument?: unknown) => {
      if (argument instanceof GapNode && argument.owner instanceof ContainerNode) {
        const result = await argument.owner.feed.fillGap(argument.gap.beforeId);
        if (result.status === 'failed') {
          tree.reportError(result.error, argument.owner.account);
        }
      }
    }),
    vscode.commands.registerCommand(COMMANDS.loadMore, async (argument?: unknown) => {
      if (argument instanceof ContainerNode) {
        const shown = argument.visibleDeliveries().length;
        await argument.loadMore();
        // In a long list the page goes into its last part, which may be collapsed: show its first row.
        const first = argument.visibleDeliveries()[shown];
        if (first && argument.chunked) {
          await view.reveal(argument.nodeFor(first), { select: false, focus: false }).then(undefined, () => undefined);
        }
        return;
      }
      if (isReloadable(argument)) {
        await argument.loadMore();
        return;
      }
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Load more deliveries of…'), (n) => n.loaded && n.hasMore);
      await node?.loadMore();
    }),
    vscode.commands.registerCommand(COMMANDS.retryNode, (argument?: unknown) => {
      if (argument instanceof ErrorNode) {
        argument.runRetry();
      }
    }),
    // A filter skips the prompt only as a Given, never as JSON from a command link.
    vscode.commands.registerCommand(COMMANDS.filter, async (argument?: unknown, givenFilter?: unknown) => {
      const given = givenValue(givenFilter, (value): value is Partial<DeliveryFilter> => typeof value === 'object' && value !== null);
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Filter the deliveries of…'));
      if (!node) {
        return;
      }
      const next = given ? { ...node.filter, ...given } : await findUi().promptFilter(node);
      if (next) {
        await applyFilter(node, next, view);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.clearFilter, async (argument?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Clear the filter of…'), (n) => n.filter !== NO_FILTER);
      node?.setFilter(NO_FILTER);
    }),
    vscode.commands.registerCommand(COMMANDS.startLiveRefresh, async (argument?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Watch which worker or agent?'), (n) => !n.live);
      if (node) {
        live.start(node);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.stopLiveRefresh, async (argument?: unknown) => {
      const node = await resolveContainer(tree, argument, vscode.l10n.t('Stop watching…'), (n) => n.live);
      if (node) {
        live.stop(node);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.showNewFailures, async () => {
      await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
      live.acknowledge();
    }),
  ];
}
