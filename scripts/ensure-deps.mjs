// Installs the npm dependencies when node_modules is missing or older than the lockfile, so
// `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.webhook-deliveries-deps');
const hash = createHash('sha256')
  .update(readFileSync(join(root, 'package.json')))
  .update(existsSync(join(root, 'package-lock.json')) ? readFileSync(join(root, 'package-lock.json')) : '')
  .digest('hex');

if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) {
  process.exit(0);
}
console.log('[deps] installing npm packages (npm ci)…');
execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: root, stdio: 'inherit' });
writeFileSync(marker, hash);
