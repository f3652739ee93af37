// Deep links: "Copy Link" on a delivery, and the URI handler (plus "Open Delivery Link…"
// for a pasted link) that finds that delivery in the tree, loading pages until it appears,
// and opens it. A link can come from any web page, so it only ever opens and reads: it
// never changes settings, and adding a missing worker takes the user's click.
import * as vscode from 'vscode';
import type { DeliveriesTreeProvider } from '../tree/deliveriesTree';
import type { ContainerNode } from '../tree/containerNode';
import type { TreeNode } from '../tree/node';
import type { ProviderHub } from '../services/providerHub';
import { formatLink, linkOf, parseLink, type DeliveryLink } from '../model/deliveryLink';
import { targetDelivery } from '../detail/detailPanel';
import { providerName } from '../detail/labels';
import { matchesFilter } from '../model/filter';
import { COMMANDS, EXTENSION_ID } from './ids';
import { withCancellableProgress } from './progress';
import type { FindResult } from '../model/feed';
import { presentError } from '../tree/errorText';
import { messageText, pickText } from '../model/safeText';
import { accounts } from '../config/settings';
import type { Account } from '../model/accounts';
import { accountLabel, pickAccount } from './pickers';
import { givenValue, isString } from './given';
import { ulidTime } from '../model/seek';


/** How many deliveries a link may make us load looking for its delivery. */
export const MAX_LINK_SEARCH = 2_000;

/** What opening a link resolves to (tests read it). */
export interface LinkOpenResult {
  readonly opened: boolean;
  readonly deliveryId?: string;
  readonly reason?: string;
}

export function registerLinkCommands(tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>, hub: ProviderHub): vscode.Disposable[] {
  const open = (uri: vscode.Uri): Promise<LinkOpenResult> => openUri(uri, tree, view, hub);
  return [
    vscode.window.registerUriHandler({
      handleUri: async (uri) => {
        await open(uri);
      },
    }),
    vscode.commands.registerCommand(COMMANDS.copyDeliveryLink, async (argument?: unknown) => {
      const delivery = targetDelivery(argument);
      const link = delivery && linkOf(delivery);
      if (!link) {
        if (delivery) {
          void vscode.window.showInformationMessage(vscode.l10n.t('This delivery names no workspace, so it has no link.'));
        }
        return undefined;
      }
      const text = formatLink(link, vscode.env.uriScheme, EXTENSION_ID);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Link to the delivery copied to the clipboard.'), 3000);
      return text;
    }),
    vscode.commands.registerCommand(COMMANDS.openLink, async (given?: unknown) => {
      // Link text skips the prompt only as a Given from the extension's own code.
      const text =
        givenValue(given, isString) ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Open delivery link'),
          prompt: vscode.l10n.t('Paste a link copied with Copy Link'),
          placeHolder: `${vscode.env.uriScheme}://${EXTENSION_ID}/delivery?provider=…`,
          ignoreFocusOut: true,
        }));
      if (!text?.trim()) {
        return undefined;
      }
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(text.trim(), true);
      } catch {
        return fail(vscode.l10n.t('This is not a Webhook Deliveries link.'));
      }
      if (uri.authority.toLowerCase() !== EXTENSION_ID) {
        return fail(vscode.l10n.t('This is not a Webhook Deliveries link.'));
      }
      return open(uri);
    }),
  ];
}

function fail(message: string, ...actions: { title: string; run: () => unknown }[]): LinkOpenResult {
  void vscode.window.showWarningMessage(message, ...actions.map((a) => a.title)).then((choice) => actions.find((a) => a.title === choice)?.run());
  return { opened: false, reason: message };
}

function matches(node: ContainerNode, link: DeliveryLink, accountId: string): boolean {
  return (
    node.provider === link.provider &&
    node.account.accountId === accountId &&
    node.container.id === link.containerId &&
    (link.provider === 'handinger' || node.container.workspaceId === link.workspaceId)
  );
}

async function openUri(uri: vscode.Uri, tree: DeliveriesTreeProvider, view: vscode.TreeView<TreeNode>, hub: ProviderHub): Promise<LinkOpenResult> {
  // A URI handler receives path and query decoded once; parseLink expects exactly that.
  const parsed = parseLink(uri.path, uri.query);
  if (!parsed.ok) {
    return fail(vscode.l10n.t('This delivery link cannot be opened: {0}.', messageText(parsed.reason)));
  }
  const link = parsed.link;
  const target = await accountOfLink(link);
  if (!target) {
    return { opened: false, reason: 'no account chosen' };
  }
  const accountId = target.id;
  const connected = await hub.connected(link.provider, accountId);
  if (!connected) {
    return fail(vscode.l10n.t('Set your {0} API key to open this link.', accountLabel(target)), {
      title: vscode.l10n.t('Set API key'),
      run: () => vscode.commands.executeCommand(COMMANDS.setApiKey, { provider: link.provider, accountId }),
    });
  }
  const node = (await tree.listAllContainers()).find((candidate) => matches(candidate, link, accountId));
  if (!node) {
    if (link.provider === 'handinger') {
      return fail(vscode.l10n.t('Worker {0} is not in your list. Add it, then open the link again.', messageText(link.containerId)), {
        title: vscode.l10n.t('Add worker'),
        run: () => vscode.commands.executeCommand(COMMANDS.addWorker, { provider: 'handinger', accountId }),
      });
    }
    return fail(vscode.l10n.t('Agent {0} was not found in workspace {1}.', messageText(link.containerId), messageText(link.workspaceId)));
  }
  return openInNode(node, link.deliveryId, view);
}

/**
 * Finds a delivery in a worker's or agent's feed (jumping by its id's time when it can, else
 * loading older pages, with progress and Cancel), then reveals and opens it; says plainly why
 * when it cannot. Deep links and Go to Delivery by id both end here.
 */
export async function openInNode(node: ContainerNode, deliveryId: string, view: vscode.TreeView<TreeNode>): Promise<LinkOpenResult> {
  const found = await findInNode(node, deliveryId);
  const delivery = found.delivery;
  if (found.status === 'cancelled' || found.status === 'stale') {
    // Another link was opened, the user cancelled, or the key changed: nothing to report.
    return { opened: false, reason: found.status };
  }
  if (found.status === 'failed') {
    return fail(vscode.l10n.t('Could not look for delivery {0} in {1}: {2}', messageText(deliveryId), messageText(node.container.name), messageText(presentError(found.error).message)));
  }
  if (!delivery) {
    const created = ulidTime(deliveryId);
    if (found.olderThan !== undefined && created !== undefined) {
      return fail(
        vscode.l10n.t(
          'Delivery {0} was created {1}, before the oldest delivery {2} still returns for {3} ({4}). It has expired or belongs to another worker or agent.',
          messageText(deliveryId),
          dateText(created),
          providerName(node.provider),
          messageText(node.container.name),
          dateText(found.olderThan),
        ),
      );
    }
    return fail(
      node.hasMore
        ? vscode.l10n.t('Delivery {0} is not among the newest {1} deliveries of {2}.', messageText(deliveryId), node.deliveries.length, messageText(node.container.name))
        : vscode.l10n.t('Delivery {0} was not found in {1}.', messageText(deliveryId), messageText(node.container.name)),
    );
  }
  const shown = matchesFilter(delivery, node.filter) ? node.nodeFor(delivery) : undefined;
  if (shown) {
    // Right after accounts or workers changed, the view may still hold the rows it had before
    // and refuse the reveal; by the second try it has caught up with them.
    const reveal = () => view.reveal(shown, { select: true, focus: false, expand: true });
    await reveal().then(undefined, () => reveal().then(undefined, () => undefined));
  }
  await vscode.commands.executeCommand(COMMANDS.openDelivery, shown ?? delivery);
  return { opened: true, deliveryId: delivery.id };
}

function dateText(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The account a link is for: the one it names when that is set up here; otherwise (an older
 * link naming none, or an account unknown here) the only account, or the user's pick.
 */
async function accountOfLink(link: DeliveryLink): Promise<Account | undefined> {
  const list = accounts(link.provider);
  const named = link.accountId === undefined ? undefined : list.find((a) => a.id === link.accountId);
  if (named) {
    return named;
  }
  if (link.accountId === undefined && list.length === 1) {
    return list[0];
  }
  const placeHolder =
    link.accountId === undefined
      ? vscode.l10n.t('The link names no account. Look for the delivery in which {0} account?', providerName(link.provider))
      : vscode.l10n.t('The link names account {0}, which is not set up here. Look for the delivery in which {1} account?', pickText(link.accountId), providerName(link.provider));
  return pickAccount(list, placeHolder);
}

/** The search of the link opened last; a new link cancels it (links are handled one at a time). */
let currentSearch: AbortController | undefined;

/** The delivery from the node's feed, reading older pages (with progress) until it appears. */
async function findInNode(node: ContainerNode, id: string): Promise<FindResult> {
  const feed = node.feed;
  const known = feed.get(id);
  currentSearch?.abort();
  if (known) {
    return { status: 'done', added: 0, delivery: known };
  }
  const search = new AbortController();
  currentSearch = search;
  try {
    return await withCancellableProgress(vscode.l10n.t('Looking for delivery {0} in {1}', messageText(id), messageText(node.container.name)), async (signal, progress) => {
      signal.addEventListener('abort', () => search.abort(), { once: true });
      const result = await feed.find(id, MAX_LINK_SEARCH, search.signal, (loaded) => {
        progress.report({ message: vscode.l10n.t('{0} deliveries read', loaded.toLocaleString()) });
      });
      return result;
    });
  } finally {
    if (currentSearch === search) {
      currentSearch = undefined;
    }
  }
}
