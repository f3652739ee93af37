// When the tree tells VS Code of a change (src/tree/changeTiming.ts), against a model of what
// VS Code 1.100 does with it (ExtHostTreeView: Event.debounce(onDidChangeTreeData, merge, 200,
// leading)): the first change of a quiet spell is passed on at once; one that follows within
// 200 ms is held, and each further change restarts the 200 ms.
import * as assert from 'node:assert/strict';
import { ChangeTiming, VSCODE_TREE_HOLD_MS } from '../../src/tree/changeTiming';

/** VS Code's side: when each change told at `toldAt` (one event per distinct time) reaches the screen. */
function shownAt(toldAt: readonly number[]): number[] {
  const events = [...new Set(toldAt)].sort((a, b) => a - b);
  const shown = new Map<number, number>();
  let timer: number | undefined; // when the pending 200 ms are up
  let calls = 0;
  let held: number[] = [];
  const runTimer = (until: number): void => {
    if (timer !== undefined && timer <= until) {
      if (calls > 1) {
        held.forEach((event) => shown.set(event, timer!));
      }
      held = [];
      calls = 0;
      timer = undefined;
    }
  };
  for (const t of events) {
    runTimer(t);
    calls++;
    if (timer === undefined) {
      shown.set(t, t); // leading: passed on at once
    } else {
      held.push(t);
    }
    timer = t + VSCODE_TREE_HOLD_MS;
  }
  runTimer(Number.POSITIVE_INFINITY);
  return toldAt.map((t) => shown.get(t)!);
}

/** Our side: changes asked for at `askedAt`, each told after the wait ChangeTiming gives (merged when one is already waiting). */
function toldAt(askedAt: readonly number[]): number[] {
  let clock = 0;
  const timing = new ChangeTiming(() => clock);
  const told: number[] = [];
  let waitingUntil: number | undefined;
  for (const asked of askedAt) {
    if (waitingUntil !== undefined && waitingUntil <= asked) {
      clock = waitingUntil;
      timing.told();
      waitingUntil = undefined;
    }
    clock = asked;
    if (waitingUntil !== undefined) {
      told.push(waitingUntil); // merged into the change already waiting
      continue;
    }
    waitingUntil = asked + timing.wait();
    told.push(waitingUntil);
  }
  return told;
}

describe('telling VS Code of tree changes', () => {
  it('a change right after another is held here until VS Code takes it at once: 200 ms sooner than it would show', () => {
    // A Load more click re-drew a row (t = 0); its page answered 55 ms later.
    const told = toldAt([0, 55]);
    assert.deepEqual(told, [0, 204]);
    const withTiming = shownAt(told);
    const without = shownAt([0, 55]);
    assert.equal(without[1], 255, 'VS Code alone holds the second change until 200 ms after it');
    assert.equal(withTiming[1], 204, 'told once the first 200 ms are up, it is passed on at once');
  });

  it('a change after a quiet spell is told at once', () => {
    assert.deepEqual(toldAt([0, 300, 900]), [0, 300, 900]);
    assert.deepEqual(shownAt([0, 300, 900]), [0, 300, 900]);
  });

  it('changes asked for while one waits go with it, and nothing is shown later than VS Code alone would show it', () => {
    const asked = [0, 20, 60, 150, 190, 260, 700, 710];
    const told = toldAt(asked);
    assert.deepEqual(told, [0, 204, 204, 204, 204, 408, 700, 904]);
    const withTiming = shownAt(told);
    const without = shownAt(asked);
    asked.forEach((_, index) => assert.ok(withTiming[index]! <= without[index]!, `change ${index}: ${withTiming[index]} > ${without[index]}`));
    // VS Code alone: every change from 20 to 260 waits until 460, the one at 710 until 910.
    assert.deepEqual(without, [0, 460, 460, 460, 460, 460, 700, 910]);
  });
});
