// "Open JSON": the delivery's raw record as a read-only JSON document. A content provider
// on its own scheme makes the document genuinely read-only (VS Code offers no save for it)
// and needs no file on disk or in the workspace.
import * as vscode from 'vscode';
import type { Delivery } from '../model/delivery';
import { rawJson } from './labels';

export const JSON_SCHEME = 'webhook-delivery';

/** A file-name-safe form of an id (ids come from remote APIs). */
function safeName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);
  return name === '' ? 'delivery' : name;
}

export class DeliveryJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this),
      // Keep only what an open document can still show.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === JSON_SCHEME) {
          this.contents.delete(document.uri.toString());
        }
      }),
    );
  }

  uriFor(delivery: Delivery): vscode.Uri {
    return vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${delivery.provider}/${safeName(delivery.id)}.json` });
  }

  /** The delivery's document, its content set to this copy of the delivery. */
  prepare(delivery: Delivery): vscode.Uri {
    const uri = this.uriFor(delivery);
    const content = rawJson(delivery.raw);
    const previous = this.contents.get(uri.toString());
    this.contents.set(uri.toString(), content);
    if (previous !== undefined && previous !== content) {
      this.changed.fire(uri);
    }
    return uri;
  }

  async open(delivery: Delivery, viewColumn: vscode.ViewColumn): Promise<vscode.TextEditor> {
    const uri = this.prepare(delivery);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') {
      await vscode.languages.setTextDocumentLanguage(document, 'json');
    }
    return vscode.window.showTextDocument(document, { viewColumn, preview: true });
  }

  /** A refreshed delivery: an open document of it shows the new content. */
  update(delivery: Delivery): void {
    const key = this.uriFor(delivery).toString();
    if (this.contents.has(key)) {
      this.contents.set(key, rawJson(delivery.raw));
      this.changed.fire(this.uriFor(delivery));
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    // After a window reload the editor may come back before anyone opened the delivery.
    return this.contents.get(uri.toString()) ?? JSON.stringify({ message: vscode.l10n.t('Open the delivery again to see its JSON.') }, null, 2);
  }

  dispose(): void {
    this.contents.clear();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
