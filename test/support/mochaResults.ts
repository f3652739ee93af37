// Collects a mocha run's outcome as a StageResult (see results.ts) and writes it where
// scripts/test.mjs reads it. Shared by the Node runs and the run inside VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { StageResult, TestRecord } from './results';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

export function formatError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}

export function collectResults(runner: Mocha.Runner, stage: string, onEnd: (result: StageResult) => void): void {
  const tests: TestRecord[] = [];
  runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
    tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
  });
  runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: unknown) => {
    tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: formatError(error) });
  });
  runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
    tests.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 });
  });
  runner.once(EVENT_RUN_END, () => {
    onEnd({
      stage,
      passed: tests.filter((t) => t.state === 'passed').length,
      failed: tests.filter((t) => t.state === 'failed').length,
      pending: tests.filter((t) => t.state === 'pending').length,
      tests,
    });
  });
}

export function writeResults(file: string, result: StageResult): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
}
