// While a worker's or agent's feed reads for the user (Load more, Load the Last N, Go to
// Delivery, a skipped stretch), the view's own progress bar runs. The rows themselves do not
// change to say so: VS Code holds a tree change that follows another within 200 ms until those
// 200 ms have passed, so a "Loading…" row drawn on the click held back the page that answered
// 50 ms later by 200 ms. The bar is not a tree change; the page's rows are then the only one.
import * as vscode from 'vscode';
import type { FeedOperation } from '../model/feed';
import type { FeedRegistry } from '../model/feeds';

/** Reads a person asked for; refreshes (live refresh polls every few seconds) run quietly. */
const SHOWN: ReadonlySet<FeedOperation> = new Set<FeedOperation>(['load', 'find', 'gap']);

export function showReadProgress(feeds: FeedRegistry, viewId: string): vscode.Disposable {
  const reading = new Set<string>();
  let finish: (() => void) | undefined;
  const subscription = feeds.onDidChange((feed) => {
    const busy = feed.busy;
    if (busy !== undefined && SHOWN.has(busy)) {
      reading.add(feed.key);
    } else {
      reading.delete(feed.key);
    }
    if (reading.size > 0 && !finish) {
      const done = new Promise<void>((resolve) => (finish = resolve));
      void vscode.window.withProgress({ location: { viewId } }, () => done);
    } else if (reading.size === 0 && finish) {
      finish();
      finish = undefined;
    }
  });
  return {
    dispose: () => {
      subscription.dispose();
      finish?.();
    },
  };
}
