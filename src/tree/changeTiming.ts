// When to tell VS Code that tree rows changed. VS Code passes a tree's change on at once when
// none came in the 200 ms before it; one that follows within 200 ms is held until 200 ms after
// *it* (each change restarts the wait). A change told right after another (a read ending
// 150 ms after the one before it, a part after its rows) reached the screen 200 ms after it was
// told. Held here until the first one's 200 ms are up instead, it is the first again and
// shown at once: up to 200 ms sooner, never later. No vscode here: the clock is given.

/** VS Code's wait (ExtHostTreeView debounces onDidChangeTreeData by 200 ms, leading). */
export const VSCODE_TREE_HOLD_MS = 200;
/** A little past it: VS Code's own timer, started when we told it, must have run first. */
const MARGIN_MS = 4;

export class ChangeTiming {
  private lastTold = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number,
    private readonly holdMs = VSCODE_TREE_HOLD_MS + MARGIN_MS,
  ) {}

  /** How long to wait before telling a change so VS Code passes it on at once (0: now). */
  wait(): number {
    return Math.max(0, Math.ceil(this.lastTold + this.holdMs - this.now()));
  }

  /** A change was told now. */
  told(): void {
    this.lastTold = this.now();
  }
}
