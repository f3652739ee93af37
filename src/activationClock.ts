// When this bundle started to be evaluated and when activate() began and ended, so the bench
// can tell the extension's own share of activation (evaluating its code, running activate())
// from what VS Code does around it (reading the file, making the extension's context).
// Imported first by extension.ts, so it is the first module the bundle evaluates.
export const bundleStart = performance.now();

/**
 * When VS Code had made this extension's `vscode` API object, which it does on the first
 * require of 'vscode': its work, inside the time the bundle takes to evaluate.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const apiReady = (require('vscode') as unknown, performance.now());

export interface ActivationTimes {
  /** Evaluating the bundle's modules, ms, without `vscodeApiMs`. */
  readonly evaluateMs: number;
  /** VS Code making the `vscode` API object for the extension (its first require), ms. */
  readonly vscodeApiMs: number;
  /** From the end of evaluation to activate() being called (VS Code's part), ms. */
  readonly beforeActivateMs: number;
  /** activate() itself, ms. */
  readonly activateMs: number;
}

export function activationTimes(evaluated: number, activateStart: number, activateEnd: number): ActivationTimes {
  return {
    evaluateMs: evaluated - apiReady,
    vscodeApiMs: apiReady - bundleStart,
    beforeActivateMs: activateStart - evaluated,
    activateMs: activateEnd - activateStart,
  };
}
