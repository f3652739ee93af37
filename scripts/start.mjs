// `npm start`: installs what is missing, builds, and opens VS Code with the extension under
// development. Without HANDINGER_API_KEY / CADENYA_API_KEY in the environment it runs against
// the built-in sample API server with demo keys.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
};

run('node', ['scripts/ensure-deps.mjs']);
const desktop = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (!desktop || process.env.WD_START_HOST === 'server') {
  run('bash', ['scripts/setup-test-host.sh']);
}
run('node', ['esbuild.js']);
run('node', ['out/test/host/startProduct.js', ...process.argv.slice(2)]);
