// Setting a worker's or agent's filter from a command. A time range that ends in the past
// makes the feed seek to it (a binary search over Handinger's pages, a walk over Cadenya's
// cursor), shown as a notification with progress and Cancel; cancelling puts the previous
// filter back, so nothing loaded before is lost.
import * as vscode from 'vscode';
import type { ContainerNode } from '../tree/containerNode';
import type { TreeNode } from '../tree/node';
import { describeRange, hasRange, type DeliveryFilter } from '../model/filter';
import { messageText } from '../model/safeText';
import { withCancellableProgress } from '../commands/progress';
import type { OperationResult } from '../model/feed';

export async function applyFilter(node: ContainerNode, next: DeliveryFilter, view: vscode.TreeView<TreeNode>): Promise<OperationResult | undefined> {
  const previous = node.filter;
  node.setFilter(next);
  const feed = node.feed;
  let result: OperationResult | undefined;
  if (feed.windowed && !feed.loaded && hasRange(next.range)) {
    result = await withCancellableProgress(
      vscode.l10n.t('Finding {0} in {1}', describeRange(next.range), messageText(node.container.name)),
      (signal, progress) =>
        feed.loadFirst(signal, (passed) => progress.report({ message: vscode.l10n.t('{0} newer deliveries passed over', passed.toLocaleString()) })),
    );
    if (result.status === 'cancelled' && feed.filter === next) {
      node.setFilter(previous);
    }
  }
  await view.reveal(node, { expand: true }).then(undefined, () => undefined);
  return result;
}
