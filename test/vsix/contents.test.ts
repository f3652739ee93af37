// What the VSIX holds, read from its zip directory: what runs, and nothing else.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../host/paths';
import { findTestFiles } from '../support/findTests';
import { PACKAGE_TIMEOUT_MS, packagedVsix } from './packaged';
import { Zip } from './zip';

/** vsce puts the extension's own files under this folder of the zip. */
const EXT = 'extension/';

/** Every kind of file that may ship; anything else in the VSIX is a packaging mistake. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^extension\/dist\/[^/]+\.(js|css)$/,
  /^extension\/media\/.+\.(png|svg|css|md)$/,
];

const FORBIDDEN = [
  /\.ts$/,
  /\.map$/,
  /(^|\/)(src|test|out|scripts|node_modules|docs|\.vscode-test|\.artifacts|\.ci|\.git)\//,
  /(^|\/)(tsconfig[^/]*\.json|eslint\.config\.mjs|esbuild\.js|package-lock\.json|\.vscodeignore|\.gitignore|\.mocharc[^/]*)$/,
];

interface Manifest {
  readonly main: string;
  /** The folder of vscode.l10n's string bundles, when the extension has translations. */
  readonly l10n?: string;
  readonly icon: string;
  readonly repository: { readonly url: string };
  readonly contributes: {
    readonly viewsContainers?: Record<string, readonly { readonly icon?: string }[]>;
    readonly views?: Record<string, readonly { readonly icon?: string }[]>;
    readonly commands?: readonly { readonly icon?: string | { readonly light: string; readonly dark: string } }[];
    readonly walkthroughs?: readonly {
      readonly steps: readonly { readonly media: { readonly markdown?: string; readonly svg?: string; readonly image?: string | { readonly light: string; readonly dark: string } } }[];
    }[];
  };
}

/** The files a manifest names (codicons like `$(refresh)` are not files). */
function filesNamedBy(manifest: Manifest): string[] {
  const icons = (icon: string | { light: string; dark: string } | undefined) =>
    icon === undefined ? [] : typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
  const { contributes } = manifest;
  return [
    manifest.main,
    manifest.icon,
    ...Object.values(contributes.viewsContainers ?? {}).flat().flatMap((c) => icons(c.icon)),
    ...Object.values(contributes.views ?? {}).flat().flatMap((v) => icons(v.icon)),
    ...(contributes.commands ?? []).flatMap((c) => icons(c.icon)),
    ...(contributes.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => [...icons(s.media.markdown), ...icons(s.media.svg), ...icons(s.media.image)])),
  ]
    .filter((file) => !file.startsWith('$('))
    .map((file) => path.posix.normalize(file));
}

/**
 * The extension's own files the source loads at run time: the literal segments of every
 * `joinPath(…extensionUri, 'dir', 'file')` in src/ (webview scripts, styles, resource roots).
 */
function filesLoadedBySource(): string[] {
  const sources = findTestFiles(path.join(REPO_ROOT, 'src'), '.ts');
  const call = /joinPath\(\s*[\w.]*extensionUri\s*,((?:\s*'[^']+'\s*,?)+)\)/g;
  return sources.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(call)].map((match) =>
      [...(match[1] ?? '').matchAll(/'([^']+)'/g)].map((segment) => segment[1]).join('/'),
    ),
  );
}

/**
 * The bundles the build writes to dist/: every `outfile` of esbuild.js (the extension, the
 * bundles it loads on first use, the two pages), whatever dist/ holds when the tests run.
 */
function bundlesBuilt(): string[] {
  const script = fs.readFileSync(path.join(REPO_ROOT, 'esbuild.js'), 'utf8');
  return [...script.matchAll(/outfile:\s*'(dist\/[^']+\.js)'/g)].map((match) => match[1]!);
}

/**
 * The bundles the extension loads on first use: every literal `require('./name.js')` in src/
 * (src/handler/lazy.ts and the like), resolved beside dist/extension.js at run time.
 */
function bundlesRequiredBySource(): string[] {
  const sources = findTestFiles(path.join(REPO_ROOT, 'src'), '.ts');
  return sources.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/\brequire\(\s*'\.\/([^'/]+\.js)'\s*\)/g)].map((match) => `dist/${match[1]}`));
}

describe('VSIX contents', function () {
  let zip: Zip;
  let names: string[];
  let manifest: Manifest;

  before(async function () {
    this.timeout(PACKAGE_TIMEOUT_MS + 10_000);
    zip = Zip.open((await packagedVsix()).vsix);
    names = zip.names;
    manifest = JSON.parse(zip.read(`${EXT}package.json`).toString('utf8')) as Manifest;
  });

  it('holds the manifest, readme, changelog, licence, every bundle the build writes and the icon', function () {
    const bundles = bundlesBuilt();
    assert.ok(bundles.includes('dist/extension.js') && bundles.includes('dist/detail-panel.js'), `read the bundles from esbuild.js (${bundles.join(', ')})`);
    for (const file of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', ...bundles, 'media/icon.png']) {
      assert.ok(names.includes(EXT + file), `${file} is in the VSIX`);
    }
  });

  it('holds every file the manifest names: main, icons, walkthrough pages', function () {
    const named = filesNamedBy(manifest);
    assert.ok(named.length >= 6, `the manifest names its files (${named.join(', ')})`);
    for (const file of named) {
      assert.ok(names.includes(EXT + file), `${file}, named by package.json, is in the VSIX`);
    }
  });

  it('holds every file and folder the extension loads from its own install folder', function () {
    const loaded = filesLoadedBySource();
    assert.ok(loaded.includes('dist/webview.js') && loaded.includes('media/detail.css'), `found the detail page's files in src/ (${loaded.join(', ')})`);
    for (const file of loaded) {
      assert.ok(
        names.includes(EXT + file) || names.some((name) => name.startsWith(`${EXT}${file}/`)),
        `${file}, loaded by the extension, is in the VSIX`,
      );
    }
  });

  it('holds every bundle the extension loads on first use, and the build writes each', function () {
    const required = bundlesRequiredBySource();
    assert.ok(required.includes('dist/handler.js') && required.includes('dist/detail-panel.js'), `found the lazy bundles in src/ (${required.join(', ')})`);
    const built = bundlesBuilt();
    for (const file of required) {
      assert.ok(built.includes(file), `${file}, loaded on first use, is written by esbuild.js`);
      assert.ok(names.includes(EXT + file), `${file}, loaded on first use, is in the VSIX`);
    }
  });

  it('holds every file the build writes to dist/, source maps aside', function () {
    // The development build (npm test's build stage) emits the same files as the production
    // one, plus maps: a stylesheet a webview bundle imports lands here too.
    const built = fs.readdirSync(path.join(REPO_ROOT, 'dist')).filter((file) => !file.endsWith('.map'));
    assert.ok(built.includes('extension.js'), `the build ran (dist/: ${built.join(', ')})`);
    for (const file of built) {
      assert.ok(names.includes(`${EXT}dist/${file}`), `dist/${file} is in the VSIX`);
    }
  });

  it('ships no sources, source maps, tests, node_modules or tool configuration', function () {
    const wrong = names.filter((name) => FORBIDDEN.some((pattern) => pattern.test(name)));
    assert.deepEqual(wrong, []);
  });

  it('ships only the manifest, docs for the gallery, bundles and media', function () {
    const unexpected = names.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
  });

  it('defines every %placeholder% of the manifest in the package.nls.json it ships', function () {
    const text = zip.read(`${EXT}package.json`).toString('utf8');
    const keys = [...new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]!))];
    if (keys.length === 0) {
      return;
    }
    assert.ok(names.includes(`${EXT}package.nls.json`), `package.nls.json ships for ${keys.length} placeholders`);
    const strings = JSON.parse(zip.read(`${EXT}package.nls.json`).toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(keys.filter((key) => typeof strings[key] !== 'string'), [], 'placeholders without a string');
  });

  it("holds vscode.l10n's string bundles when the manifest names their folder", function () {
    if (manifest.l10n === undefined) {
      assert.ok(!names.some((name) => name.startsWith(`${EXT}l10n/`)), 'no bundles without the l10n field');
      return;
    }
    const folder = path.posix.normalize(manifest.l10n).replace(/\/$/, '');
    assert.ok(names.some((name) => name.startsWith(`${EXT}${folder}/bundle.l10n`)), `${folder}/ ships its bundles`);
  });

  it('carries the production bundles: minified, with no source-map reference', function () {
    for (const bundle of bundlesBuilt()) {
      const text = zip.read(EXT + bundle).toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, `${bundle} names no source map`);
      // esbuild's unminified output labels each module with a `// path/to/file` comment.
      assert.doesNotMatch(text, /^\s*\/\/ (src|node_modules)\//m, `${bundle} is minified`);
    }
  });

  it("points README's screenshot at the repository, since docs/ does not ship", function () {
    const readme = zip.read(`${EXT}readme.md`).toString('utf8');
    const repository = manifest.repository.url.replace(/\.git$/, '');
    assert.match(readme, new RegExp(`\\]\\(${repository.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/raw/HEAD/docs/screenshot\\.png\\)`));
    assert.doesNotMatch(readme, /\]\((?!https?:|#|mailto:)[^)]+\)/, 'no relative link is left');
  });
});
