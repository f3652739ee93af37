// A cancellable progress notification whose Cancel button aborts the AbortSignal that the
// tree's loads (ContainerNode.loadAtLeast) and the providers take.
import * as vscode from 'vscode';

export type ProgressReport = vscode.Progress<{ message?: string; increment?: number }>;

export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, progress: ProgressReport) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, progress);
      } finally {
        cancel.dispose();
      }
    }),
  );
}
