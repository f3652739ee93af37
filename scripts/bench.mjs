// `npm run bench`: the performance figures with their budgets, with every set-up step they
// need (npm packages, the test VS Code, the development build that compiles the bench
// itself). The bench (test/bench-host/runBench.ts) makes its own production build in a
// temporary copy, so dist/ stays as the tests expect it. Prints a Markdown table and writes
// it with the raw numbers to .artifacts/bench/. Arguments are passed on: `--readme` also puts
// the table in README.md. Exits non-zero when a figure could not be measured, not when a
// budget is missed (the table says which are).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const steps = [
  ['npm packages', 'node', ['scripts/ensure-deps.mjs']],
  ['test VS Code', 'bash', ['scripts/setup-test-host.sh']],
  ['build', 'node', ['esbuild.js']],
  ['bench', 'node', ['out/test/bench-host/runBench.js', ...process.argv.slice(2)]],
];

for (const [name, command, args] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
