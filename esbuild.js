// Builds the extension (Node, CommonJS; the Handinger SDK, Find Handler, the find prompts, route health, the
// insights panel, the delivery detail panel and the export formats as bundles of their own,
// loaded on first use) and the two pages (browser, ESM), and, for development, transpiles
// src/ and test/ into out/ for mocha.
//   node esbuild.js               development build: bundles with source maps + out/
//   node esbuild.js --production  minified bundles, no source maps, no out/
//   node esbuild.js --watch       rebuild on change
// Errors are printed as `✘ [ERROR] message` followed by `    file:line:column:`, the
// format the `$esbuild-watch` problem matcher reads.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) {
        console.log('[watch] build started');
      }
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (watch) {
        console.log('[watch] build finished');
      }
    });
  },
};

/** Every .ts file under dir, recursively. */
function tsFiles(dir) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return tsFiles(full);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcher],
};

/**
 * Bundles the extension loads on first use (see src/handler/lazy.ts): the extension bundle
 * leaves `require('./handler.js')` as it is, resolved beside dist/extension.js at run time.
 * @type {import('esbuild').Plugin}
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/(handler|insights-panel|find-ui|health|detail-panel|export|handinger-sdk)\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * One namespace object for `vscode` per bundle. An external CommonJS module imported as
 * `import * as vscode` is wrapped by esbuild at every module that imports it, each wrap
 * copying every property of VS Code's API object (28 copies in dist/extension.js, all at
 * activation); here every module imports one ES module that re-exports it once.
 * @type {import('esbuild').Plugin}
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, lazyBundles, oneVscodeNamespace],
  },
  {
    ...common,
    entryPoints: ['src/handler/findHandler.ts'],
    outfile: 'dist/handler.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, oneVscodeNamespace],
  },
  {
    ...common,
    entryPoints: ['src/find/ui.ts'],
    outfile: 'dist/find-ui.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, oneVscodeNamespace],
  },
  {
    ...common,
    entryPoints: ['src/health/present.ts'],
    outfile: 'dist/health.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, oneVscodeNamespace],
  },
  {
    ...common,
    entryPoints: ['src/insights/insightsPanel.ts'],
    outfile: 'dist/insights-panel.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, oneVscodeNamespace],
  },
  {
    ...common,
    entryPoints: ['src/detail/deliveryPanel.ts'],
    outfile: 'dist/detail-panel.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, oneVscodeNamespace],
  },
  {
    ...common,
    entryPoints: ['src/providers/handinger/handinger-sdk.ts'],
    outfile: 'dist/handinger-sdk.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/model/export.ts'],
    outfile: 'dist/export.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/detail/page/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['src/insights/page/main.ts'],
    outfile: 'dist/insights.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
];

if (!production) {
  // Tests import src/ modules directly, so both trees are transpiled file by file.
  builds.push({
    entryPoints: [...tsFiles('src'), ...tsFiles('test')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'silent',
    plugins: [problemMatcher],
  });
}

async function main() {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  let failed = false;
  for (const ctx of contexts) {
    try {
      await ctx.rebuild();
    } catch {
      failed = true;
    }
    await ctx.dispose();
  }
  if (failed) {
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
