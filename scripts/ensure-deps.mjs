// Installs the npm dependencies when node_modules is missing or older than the lockfile, so
// `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.webhook-deliveries-deps');
// Only what npm installs from counts: editing a script must not reinstall node_modules.
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const installed = ['dependencies', 'devDependencies', 'optionalDependencies', 'overrides'].map((field) => manifest[field] ?? null);
const hash = createHash('sha256')
  .update(JSON.stringify(installed))
  .update(existsSync(join(root, 'package-lock.json')) ? readFileSync(join(root, 'package-lock.json')) : '')
  .digest('hex');

if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) {
  process.exit(0);
}
console.log('[deps] installing npm packages (npm ci)…');
execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: root, stdio: 'inherit' });
writeFileSync(marker, hash);
