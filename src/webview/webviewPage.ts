// The life of a page in a webview panel, shared by the detail and insights panels: load it,
// know whether it runs (it says `ready`), and load it again when it does not. In VS Code for
// the Web a page restored after a reload can come up before the service worker that serves
// its bundle, and then never runs; a visible page that has not said `ready` in time is
// loaded again (the HTML has a new nonce, so it is a new document), a bounded number of
// times. A hidden page is destroyed (no retainContextWhenHidden) and says `ready` again.
import type * as vscode from 'vscode';

const READY_WAIT_MS = 5_000;
const MAX_PAGE_LOADS = 3;

export class WebviewPage implements vscode.Disposable {
  private loads = 0;
  private readyState = false;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    /** The page's HTML, made anew for every load. */
    private readonly html: () => string,
  ) {
    this.subscription = panel.onDidChangeViewState(({ webviewPanel }) => {
      if (!webviewPanel.visible) {
        this.readyState = false;
      } else {
        this.watch();
      }
    });
  }

  /** The page runs and can be posted to. */
  get ready(): boolean {
    return this.readyState && !this.disposed;
  }

  load(): void {
    this.loads++;
    this.readyState = false;
    this.panel.webview.html = this.html();
    this.watch();
  }

  /** The page said `ready`. */
  markReady(): void {
    this.readyState = true;
    clearTimeout(this.timer);
  }

  private watch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.readyState && !this.disposed && this.panel.visible && this.loads < MAX_PAGE_LOADS) {
        this.load();
      }
    }, READY_WAIT_MS);
  }

  dispose(): void {
    this.disposed = true;
    this.readyState = false;
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
