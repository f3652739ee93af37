// `npm test`: the whole suite, with every set-up step it needs. Stages: npm packages, the
// test VS Code (and its Debian packages), build, lint, type check, unit tests (Node),
// integration tests (inside a real VS Code), browser tests (Playwright), and the packaged
// VSIX (its file list, and a smoke test of it installed in the test VS Code). Ends with one
// line `N passed, N failed` over all of them and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const resultsDir = join(root, '.artifacts', 'results');

/** [name, command, args, kind]: 'setup' stops the run on failure, 'check' counts as one failure, 'tests' reports counts. */
const stages = [
  ['npm packages', 'node', ['scripts/ensure-deps.mjs'], 'setup'],
  ['test VS Code', 'bash', ['scripts/setup-test-host.sh'], 'setup'],
  ['build', 'node', ['esbuild.js'], 'setup'],
  ['lint', () => bin('eslint'), ['--max-warnings', '0', '.'], 'check'],
  ['type check', () => bin('tsc'), ['--noEmit', '-p', '.'], 'check'],
  ['unit', 'node', ['out/test/support/runNodeStage.js', 'unit', 'out/test/unit'], 'tests'],
  ['integration', 'node', ['out/test/host/runIntegration.js'], 'tests'],
  ['browser', 'node', ['out/test/support/runNodeStage.js', 'browser', 'out/test/browser'], 'tests'],
  ['vsix', 'node', ['out/test/support/runNodeStage.js', 'vsix', 'out/test/vsix'], 'tests'],
];

const only = process.env.WD_STAGES?.split(',').map((s) => s.trim());
rmSync(resultsDir, { recursive: true, force: true });

const summary = [];
let passed = 0;
let failed = 0;
for (const [name, command, args, kind] of stages) {
  if (only && kind !== 'setup' && !only.includes(name)) {
    continue;
  }
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const run = spawnSync(typeof command === 'function' ? command() : command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  if (kind === 'tests') {
    const file = join(resultsDir, `${name}.json`);
    const result = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    const p = result?.passed ?? 0;
    // A stage that crashed before reporting, or reported nothing, counts as a failure.
    const f = result ? result.failed + (ok ? 0 : result.failed === 0 ? 1 : 0) : 1;
    passed += p;
    failed += f;
    const host = result?.host ? ` on ${result.host.kind}${result.host.vscodeVersion ? `, VS Code ${result.host.vscodeVersion}` : ''}` : '';
    summary.push(`${name.padEnd(13)} ${String(p).padStart(4)} passed ${String(f).padStart(3)} failed  ${seconds.padStart(6)} s${host}`);
  } else {
    summary.push(`${name.padEnd(13)} ${ok ? 'ok    ' : 'FAILED'}                ${seconds.padStart(6)} s`);
    if (!ok) {
      failed += 1;
      if (kind === 'setup') {
        break;
      }
    }
  }
}

console.log('\n━━ summary ━━');
for (const line of summary) {
  console.log(`  ${line}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
