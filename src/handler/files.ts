// Which files "Find the handler" reads: source-like extensions, never dependencies or build
// output, nor what the user excluded with `files.exclude` or `search.exclude`. Pure (the
// settings come in as values), so the glob building is unit-tested.

/** Extensions of files that may declare an HTTP route. */
export const SOURCE_EXTENSIONS: readonly string[] = [
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'vue', 'svelte', 'astro',
  'py', 'rb', 'go', 'java', 'kt', 'kts', 'scala', 'groovy', 'cs', 'fs', 'vb',
  'php', 'rs', 'ex', 'exs', 'erl', 'clj', 'swift', 'dart', 'lua', 'pl', 'cr', 'jl', 'hs',
];

export const INCLUDE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;

/** Folders skipped whatever the settings say. */
export const ALWAYS_EXCLUDED: readonly string[] = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/out/**',
  '**/build/**',
  '**/vendor/**',
  '**/.next/**',
  '**/__pycache__/**',
  '**/.venv/**',
  '**/target/**',
];

/** Files larger than this are not read (bundles, fixtures, data). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The search stops after reading this many files. */
export const MAX_FILES = 4_000;

const MAX_EXPANSIONS = 64;

/**
 * `a/{b,c}/d` as `a/b/d` and `a/c/d`: a pattern goes inside the one brace group the final
 * exclude glob is, and groups do not nest. Gives up (no patterns) past a few dozen.
 */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open < 0 ? -1 : pattern.indexOf('}', open);
  if (open < 0 || close < 0) {
    return pattern.includes('}') ? [] : [pattern];
  }
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const results: string[] = [];
  for (const choice of pattern.slice(open + 1, close).split(',')) {
    if (choice.includes('{')) {
      return [];
    }
    for (const rest of expandBraces(tail)) {
      results.push(head + choice + rest);
      if (results.length > MAX_EXPANSIONS) {
        return [];
      }
    }
  }
  return results;
}

/**
 * The patterns of a `files.exclude` or `search.exclude` value that are on (`true`);
 * conditional ones (`{ "when": … }`) are left out, so a sibling-dependent file is still read.
 */
export function enabledPatterns(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    return [];
  }
  return Object.entries(setting as Record<string, unknown>)
    .filter(([pattern, value]) => value === true && pattern.trim() !== '')
    .map(([pattern]) => pattern.trim());
}

/**
 * One glob for `workspace.findFiles`' exclude argument: the fixed folders and the user's
 * patterns. A pattern also excludes what is under it (`**\/.git` means the folder too).
 */
export function excludeGlob(...settings: readonly unknown[]): string {
  const patterns = new Set(ALWAYS_EXCLUDED);
  for (const pattern of settings.flatMap(enabledPatterns).flatMap(expandBraces)) {
    const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    // A comma left after expansion would split the brace group.
    if (trimmed === '' || trimmed.includes(',')) {
      continue;
    }
    patterns.add(trimmed);
    if (!trimmed.endsWith('/**')) {
      patterns.add(`${trimmed}/**`);
    }
  }
  return `{${[...patterns].join(',')}}`;
}
