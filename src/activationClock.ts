// When this bundle started to be evaluated and when activate() began and ended, so the bench
// can tell the extension's own share of activation (evaluating its code, running activate())
// from what VS Code does around it (reading the file, making the extension's context).
// Imported first by extension.ts, so it is the first module the bundle evaluates.
export const bundleStart = performance.now();

export interface ActivationTimes {
  /** Evaluating the bundle's modules (VS Code makes the extension's `vscode` API object meanwhile, on its first require), ms. */
  readonly evaluateMs: number;
  /** From the end of evaluation to activate() being called (VS Code's part), ms. */
  readonly beforeActivateMs: number;
  /** activate() itself, ms. */
  readonly activateMs: number;
}

export function activationTimes(evaluated: number, activateStart: number, activateEnd: number): ActivationTimes {
  return { evaluateMs: evaluated - bundleStart, beforeActivateMs: activateStart - evaluated, activateMs: activateEnd - activateStart };
}
