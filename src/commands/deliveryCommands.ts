// Commands on the tree's workers, agents and deliveries: refresh, load more, retry, filters,
// live refresh and "Go to delivery…".
import { accountIdOf } from '../model/accounts';
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { LiveRefresh } from '../tree/liveRefresh';
import { ContainerNode } from '../tree/containerNode';
import { ErrorNode, GapNode } from '../tree/messageNodes';
import type { TreeNode } from '../tree/node';
import { deliveryLabel, type DeliveryNode } from '../tree/deliveryNode';
import { NO_FILTER, type DeliveryFilter, type OutcomeFilter } from '../model/filter';
import { eventTypeLabel } from '../model/delivery';
import { CADENYA_EVENT_TYPES } from '../providers/cadenya/eventTypes';
import { formatLatency, oneLine, relativeTime } from '../tree/format';
import { resolveContainer } from './pickers';
import { COMMANDS } from './ids';
import { pickText } from '../model/safeText';
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
      if (argument instanceof GapNode && argument.parent instanceof ContainerNode) {
        const result = await argument.parent.feed.fillGap(argument.gap.beforeId);
        if (result.status === 'failed') {
          tree.reportError(result.error, argument.parent.account);
        }
      }
    }),
    vscode.commands.registerCommand(COMMANDS.loadMore, async (argument?: unknown) => {
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
      const next = given ? { ...node.filter, ...given } : await promptFilter(node);
      if (next) {
        node.setFilter(next);
        await view.reveal(node, { expand: true }).then(undefined, () => undefined);
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
    vscode.commands.registerCommand(COMMANDS.goToDelivery, async () => {
      // Over every feed, whatever its tree mode: a grouped node reveals the row in its group.
      const containers = tree.containers().filter((container) => container.loaded);
      const now = Date.now();
      const items = containers.flatMap((container) =>
        container.visibleDeliveries().map((delivery) => ({
          label: pickText(deliveryLabel(delivery)),
          description: [pickText(oneLine(container.container.name, 60)), relativeTime(delivery.time, now), formatLatency(delivery.latencyMs), delivery.id].filter(Boolean).join(' · '),
          detail: pickText(oneLine(delivery.errorMessage ?? delivery.targetUrl ?? '', 200)),
          container,
          delivery,
        })),
      );
      if (items.length === 0) {
        void vscode.window.showInformationMessage(
          containers.length === 0
            ? vscode.l10n.t('No deliveries are loaded yet: expand a worker or agent first.')
            : vscode.l10n.t('No loaded delivery matches the filters of your workers and agents.'),
        );
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(items, {
        placeHolder: vscode.l10n.t('Go to a loaded delivery by id, URL, status or error'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (picked) {
        await revealAndOpen(view, picked.container.nodeFor(picked.delivery));
      }
      return picked?.delivery.id;
    }),
  ];
}

async function revealAndOpen(view: vscode.TreeView<TreeNode>, node: DeliveryNode): Promise<void> {
  // The row's parent (its group, when grouped) is expanded on the way.
  await view.reveal(node, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
  await vscode.commands.executeCommand(COMMANDS.openDelivery, node);
}

async function promptFilter(node: ContainerNode): Promise<DeliveryFilter | undefined> {
  const current = node.filter;
  const cadenya = node.provider === 'cadenya';
  type Choice = { label: string; description?: string; apply: () => Promise<DeliveryFilter | undefined> };
  const outcome = (value: OutcomeFilter, label: string): Choice => ({
    label,
    description: current.outcome === value ? vscode.l10n.t('current') : undefined,
    apply: () => Promise.resolve({ ...current, outcome: value }),
  });
  const choices: Choice[] = [
    outcome('failed', `$(error) ${vscode.l10n.t('Failed only')}`),
    outcome('succeeded', `$(pass) ${vscode.l10n.t('Succeeded only')}`),
    outcome('pending', `$(clock) ${vscode.l10n.t('Pending only')}`),
    outcome('all', `$(list-flat) ${vscode.l10n.t('All outcomes')}`),
    {
      label: `$(search) ${vscode.l10n.t('Text…')}`,
      description: vscode.l10n.t('in the URL, error or id of loaded deliveries'),
      apply: async () => {
        const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter by text'), value: current.text ?? '' });
        return text === undefined ? undefined : { ...current, text: text.trim() || undefined };
      },
    },
  ];
  if (cadenya) {
    choices.push(
      {
        label: `$(symbol-event) ${vscode.l10n.t('Event type…')}`,
        description: current.eventType ? pickText(eventTypeLabel(current.eventType)) : vscode.l10n.t('asks the server'),
        apply: async () => {
          const seen = new Set([...CADENYA_EVENT_TYPES, ...node.deliveries.map((d) => d.eventType?.raw).filter((v): v is string => Boolean(v))]);
          const picked = await vscode.window.showQuickPick(
            [{ label: vscode.l10n.t('Any event type'), raw: undefined as string | undefined }, ...[...seen].map((raw) => ({ label: pickText(eventTypeLabel(raw)), description: pickText(raw), raw }))],
            { placeHolder: vscode.l10n.t('Show deliveries of one event type'), matchOnDescription: true },
          );
          return picked ? { ...current, eventType: picked.raw } : undefined;
        },
      },
      {
        label: `$(target) ${vscode.l10n.t('Objective id…')}`,
        description: current.objectiveId !== undefined ? pickText(current.objectiveId) : vscode.l10n.t('asks the server'),
        apply: async () => {
          const id = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter by objective id'), value: current.objectiveId ?? '', prompt: vscode.l10n.t('Leave empty for all objectives') });
          return id === undefined ? undefined : { ...current, objectiveId: id.trim() || undefined };
        },
      },
    );
  }
  choices.push({ label: `$(clear-all) ${vscode.l10n.t('Clear filter')}`, apply: () => Promise.resolve(NO_FILTER) });
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Filter {0}', pickText(node.container.name)) });
  return picked?.apply();
}
