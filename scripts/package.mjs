// `npm run package`: the production bundles packed into a VSIX by vsce, in .artifacts/vsix/.
//   node scripts/package.mjs          prints the VSIX path, its size and file count
//   node scripts/package.mjs --json   prints only {"vsix","bytes","files"} on stdout (for tests)
//
// It never touches dist/: that holds the development build the tests and `npm start` use,
// and other work in this tree may be rebuilding it. Instead `esbuild.js --production` writes
// a scratch build folder's dist/, and vsce packs a scratch copy of this folder: the files
// .vscodeignore lets into a package (as `vsce ls` lists them here), with that dist/.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(root, 'node_modules', '.bin', 'vsce');
const outDir = join(root, '.artifacts', 'vsix');
const json = process.argv.includes('--json');

class StepFailed extends Error {}

/** Runs a command with its output on stderr (stdout stays free for --json); throws on failure. */
function run(command, args, cwd, capture = false) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', capture ? 'pipe' : 2, 'inherit'] });
  if (result.status !== 0) {
    throw new StepFailed(`[package] failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
  }
  return result.stdout ?? '';
}

/** The number of entries in a zip, from its end-of-central-directory record (no comment). */
function zipEntryCount(file) {
  const fd = openSync(file, 'r');
  try {
    const record = Buffer.alloc(22);
    readSync(fd, record, 0, 22, statSync(file).size - 22);
    if (record.readUInt32LE(0) !== 0x06054b50) {
      throw new Error(`${file} does not end with a zip directory record`);
    }
    return record.readUInt16LE(10);
  } finally {
    closeSync(fd);
  }
}

/** Builds and packs; returns the VSIX path. */
function packageVsix() {
  run('node', [join(root, 'scripts', 'ensure-deps.mjs')], root);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  const included = run(vsce, ['ls', '--no-dependencies'], root, true)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  const scratch = mkdtempSync(join(tmpdir(), 'wd-vsix-'));
  try {
    // esbuild.js names its entry points and outputs relative to the working folder.
    const build = join(scratch, 'build');
    mkdirSync(build);
    symlinkSync(join(root, 'src'), join(build, 'src'), 'dir');
    symlinkSync(join(root, 'esbuild.js'), join(build, 'esbuild.js'), 'file');
    run('node', ['esbuild.js', '--production'], build);

    const stage = join(scratch, 'package');
    for (const file of ['.vscodeignore', ...included.filter((f) => !f.startsWith('dist/'))]) {
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      cpSync(join(root, file), join(stage, file));
    }
    cpSync(join(build, 'dist'), join(stage, 'dist'), { recursive: true });
    mkdirSync(outDir, { recursive: true });
    rmSync(vsix, { force: true });
    run(vsce, ['package', '--no-dependencies', '--out', vsix], stage);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return vsix;
}

try {
  const vsix = packageVsix();
  const bytes = statSync(vsix).size;
  const files = zipEntryCount(vsix);
  if (json) {
    console.log(JSON.stringify({ vsix, bytes, files }));
  } else {
    console.log(`\nVSIX: ${relative(process.cwd(), vsix)}`);
    console.log(`      ${(bytes / 1024).toFixed(1)} KiB (${bytes.toLocaleString('en')} bytes), ${files} files (including vsce's manifest and content types)`);
  }
} catch (error) {
  console.error(error instanceof StepFailed ? error.message : error);
  process.exitCode = 1;
}
