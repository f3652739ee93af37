// "Find the handler": from a delivery's target URL, what a route declaring it looks like in
// source, and how well each line of a file matches. Pure (no VS Code), so the rules are
// unit-tested; src/handler/findHandler.ts reads the files and shows the results.
//
// A target is matched three ways, best first: the exact path in a string literal, a route
// template whose parameters (`:id`, `{id}`, `[id]`, `<int:id>`, `*`, `$id`, …) stand where the
// URL has ids, and the last segments alone (a router mounted under a prefix elsewhere). A line
// that declares a route (`router.post('/x', …)`, `@app.post("/x")`, `@PostMapping("/x")`, …)
// scores higher than a mere mention; so does a Next.js or SvelteKit route file whose folder
// path is the route. Nothing here builds a regular expression from its input.
import { handlerSearchQuery } from '../detail/links';

/** What to look for: the decoded path of a target URL, split into segments. */
export interface RouteTarget {
  /** `/webhooks/handinger`: no query, fragment or trailing slash. */
  readonly path: string;
  readonly segments: readonly string[];
  /** Per segment: a number, UUID, long hex or mixed letters-and-digits id. */
  readonly idLike: readonly boolean[];
  /** Lower-cased segments a matching line must contain one of (a cheap prefilter). */
  readonly needles: readonly string[];
}

export type MatchKind = 'exact' | 'template' | 'trailing' | 'file';

/** One line of one file that matches the target. Lines and columns are 0-based. */
export interface LineMatch {
  readonly line: number;
  /** The route text on the line, for the selection. */
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly kind: MatchKind;
  /** The line, trimmed and shortened for display. */
  readonly text: string;
}

export const SCORES = {
  exact: 100,
  template: 80,
  /** A trailing match of k segments scores trailing + trailingPerSegment * min(k, 3). */
  trailing: 40,
  trailingPerSegment: 5,
  /** Each template parameter standing where the URL has a word, not an id. */
  wordParameter: 5,
  /** A catch-all parameter (`*`, `[...slug]`, `<path:rest>`) that swallows segments. */
  catchAll: 10,
  caseInsensitive: 30,
  declaration: 20,
  /** A literal without a leading slash on a line that does not declare a route. */
  bareLiteral: 10,
  comment: 50,
  testFile: 15,
  /** Matches below this are dropped. */
  minimum: 20,
  /** The best match is opened without asking when it leads the next one by this much. */
  clearLead: 15,
} as const;

/** Lines longer than this (minified code, data) are not scanned. */
export const MAX_LINE_LENGTH = 4_000;
const MAX_LITERAL_LENGTH = 500;
const MAX_DISPLAY_LENGTH = 200;

// ------------------------------------------------------------------ the target

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX_ID = /^[0-9a-f]{8,}$/i;
const TOKEN = /^[A-Za-z0-9_-]+$/;
const VERSION = /^v\d+$/i;

/** An id rather than a word: where a route has a parameter. */
export function isIdLike(segment: string): boolean {
  if (/^\d+$/.test(segment) || UUID.test(segment)) {
    return true;
  }
  const hasDigit = /\d/.test(segment);
  if (!hasDigit || VERSION.test(segment)) {
    return false;
  }
  if (HEX_ID.test(segment)) {
    return true;
  }
  // Base62 and prefixed ids (`abcde9`, `whe_01K8…`, `wrk_vk81XUHKHG-qr4`): letters and digits mixed.
  return segment.length >= 6 && TOKEN.test(segment) && /[A-Za-z]/.test(segment);
}

/** The route to look for from a target URL; undefined when it is not http(s) or has no path. */
export function routeTarget(targetUrl: string | undefined): RouteTarget | undefined {
  const path = handlerSearchQuery(targetUrl);
  if (path === undefined) {
    return undefined;
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) {
    return undefined;
  }
  const idLike = segments.map(isIdLike);
  const words = segments.filter((_, index) => !idLike[index]);
  const needles = [...new Set((words.length > 0 ? words : segments).map((segment) => segment.toLowerCase()))];
  return { path: `/${segments.join('/')}`, segments, idLike, needles };
}

// ------------------------------------------------------------------ route templates

type Part = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'param' } | { readonly kind: 'catchAll' };

const PARAMETERS: readonly RegExp[] = [
  /^:[A-Za-z_$][\w$]*(\{[^}]*\}|\([^)]*\))?[?+]?$/, // Express, Hono, Rails: `:id`, `:id?`, `:id{[0-9]+}`, `:id(\\d+)`
  /^\{[^{}]+\}$/, // OpenAPI, Spring, ASP.NET, FastAPI, Go 1.22: `{id}`, `{id:int}`
  /^\[[^[\]]+\]$/, // Next.js, SvelteKit: `[id]`, `[id=integer]`
  /^<[^<>]+>$/, // Flask, Django: `<id>`, `<int:id>`
  /^\$[A-Za-z_][\w]*$/, // Remix, TanStack: `$id`
  /^\$\{[^{}]+\}$/, // a JS template literal: `${id}`
];
const CATCH_ALLS: readonly RegExp[] = [
  /^\*\*?[\w]*$/, // `*`, `**`, `*splat`, `*path` (Rails, Express 5)
  /^:[A-Za-z_$][\w$]*[*]$/, // `:path*`
  /^\{\*[^{}]*\}$/, // `{*rest}`
  /^\{[^{}]+\.\.\.\}$/, // Go 1.22: `{rest...}`
  /^\[{1,2}\.\.\.[^[\]]+\]{1,2}$/, // Next.js: `[...slug]`, `[[...slug]]`
  /^<path:[^<>]+>$/, // Flask, Django: `<path:rest>`
  /^\$$/, // Remix splat
];

function partOf(segment: string): Part {
  if (CATCH_ALLS.some((pattern) => pattern.test(segment))) {
    return { kind: 'catchAll' };
  }
  if (PARAMETERS.some((pattern) => pattern.test(segment))) {
    return { kind: 'param' };
  }
  return { kind: 'text', text: segment };
}

/** How a route's segments matched some of the target's. */
interface SegmentsMatch {
  readonly template: boolean;
  readonly caseInsensitive: boolean;
  readonly wordParameters: number;
  readonly catchAll: boolean;
}

/**
 * Matches route parts against target segments (from index `from` to the end). A template
 * needs at least one literal segment to agree, or `/:id` would match every id.
 */
function matchParts(parts: readonly Part[], target: RouteTarget, from: number): SegmentsMatch | undefined {
  let template = false;
  let caseInsensitive = false;
  let wordParameters = 0;
  let texts = 0;
  let index = from;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (part === undefined) {
      return undefined;
    }
    if (part.kind === 'catchAll' && p === parts.length - 1) {
      // It must swallow at least one segment.
      if (index >= target.segments.length) {
        return undefined;
      }
      return texts > 0 ? { template: true, caseInsensitive, wordParameters, catchAll: true } : undefined;
    }
    const segment = target.segments[index];
    if (segment === undefined) {
      return undefined;
    }
    // A catch-all before the end (`/hooks/*/events`) stands for one segment.
    if (part.kind !== 'text') {
      template = true;
      if (!target.idLike[index]) {
        wordParameters++;
      }
    } else if (part.text === segment) {
      texts++;
    } else if (part.text.toLowerCase() === segment.toLowerCase()) {
      texts++;
      caseInsensitive = true;
    } else {
      return undefined;
    }
    index++;
  }
  if (index !== target.segments.length || texts === 0) {
    return undefined;
  }
  return { template, caseInsensitive, wordParameters, catchAll: false };
}

export interface RouteScore {
  readonly kind: 'exact' | 'template' | 'trailing';
  readonly score: number;
}

/** How well a route path (as written in source, without quotes) matches the target. */
export function scoreRoute(route: string, target: RouteTarget): RouteScore | undefined {
  const segments = route.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.length > 64) {
    return undefined;
  }
  const parts = segments.map(partOf);
  const penalty = (match: SegmentsMatch): number =>
    match.wordParameters * SCORES.wordParameter + (match.catchAll ? SCORES.catchAll : 0) + (match.caseInsensitive ? SCORES.caseInsensitive : 0);

  const full = matchParts(parts, target, 0);
  if (full) {
    const exact = !full.template;
    return { kind: exact ? 'exact' : 'template', score: (exact ? SCORES.exact : SCORES.template) - penalty(full) };
  }
  // The route's segments are the end of the path: a router mounted under a prefix. A route
  // ending in a catch-all may start anywhere after the first segment.
  const start = target.segments.length - segments.length;
  const first = parts.at(-1)?.kind === 'catchAll' ? 1 : start;
  for (let from = Math.max(first, 1); from <= start; from++) {
    const tail = matchParts(parts, target, from);
    if (tail) {
      const length = target.segments.length - from;
      const base = SCORES.trailing + SCORES.trailingPerSegment * Math.min(length, 3);
      return { kind: 'trailing', score: base - penalty(tail) };
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ literals and lines

interface Literal {
  /** Column of the first character inside the quotes, and of the closing quote. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** String literals of one line ('…', "…", `…`), escapes respected; linear in the line. */
function literalsOf(line: string): Literal[] {
  const found: Literal[] = [];
  let index = 0;
  while (index < line.length) {
    const quote = line[index];
    if (quote !== "'" && quote !== '"' && quote !== '`') {
      index++;
      continue;
    }
    let end = index + 1;
    while (end < line.length && line[end] !== quote) {
      end += line[end] === '\\' ? 2 : 1;
    }
    if (end >= line.length) {
      break;
    }
    found.push({ start: index + 1, end, value: line.slice(index + 1, end) });
    index = end + 1;
  }
  return found;
}

const HTTP_METHOD_PREFIX = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\s+/;
const ROUTE_TEXT = /^[^\s'"`]+$/;

/** The route inside a literal (Go 1.22's `POST /x`, Django's `^x/$` cleaned), with its offset. */
function routeOfLiteral(value: string): { readonly route: string; readonly offset: number } | undefined {
  if (value.length < 2 || value.length > MAX_LITERAL_LENGTH) {
    return undefined;
  }
  let offset = 0;
  let route = value;
  const method = HTTP_METHOD_PREFIX.exec(route);
  if (method) {
    offset = method[0].length;
    route = route.slice(offset);
  }
  if (route.startsWith('^')) {
    offset++;
    route = route.slice(1);
  }
  route = route.replace(/\/?\$$/, '').replace(/\/\?$/, '');
  if (!ROUTE_TEXT.test(route) || route.includes('://') || !/[\p{L}\p{N}]/u.test(route)) {
    return undefined;
  }
  // A query string written into a route literal is not part of the route.
  const query = route.search(/\?[^/]*=/);
  if (query >= 0) {
    route = route.slice(0, query);
  }
  if (route.includes('%')) {
    try {
      route = decodeURIComponent(route);
    } catch {
      // Keep it as written.
    }
  }
  return { route, offset };
}

const VERBS = 'get|post|put|patch|delete|del|all|any|options|head|connect';
/** `router.post(`, `app.MapPost(`, `Route::post(`, `http.HandleFunc(`, `r.Post(`, `app.on('POST', ` … with the literal next. */
const CALL_BEFORE = new RegExp(
  `(?:[\\w$)\\]]\\s*(?:\\.|::|->)\\s*)(?:${VERBS}|route|handle|handlefunc|handler|add_url_rule|add_api_route|addroute|map(?:${VERBS}|methods)?|match|methodfunc|on)\\s*\\(\\s*(?:['"][A-Za-z|, ]+['"]\\s*,\\s*)?$`,
  'i',
);
/**
 * Ruby, Sinatra, Phoenix, Django: `post '/x'`, `post "/x", Controller`, `path('x/', view)`.
 * Never `\\s*\\(?\\s*`: two runs of spaces around an optional token backtrack quadratically,
 * and this pattern sees the whole line before each literal.
 */
const BARE_BEFORE = new RegExp(`^\\s*(?:${VERBS}|match|(?:re_)?path|url)\\s*(?:\\(\\s*)?$`, 'i');
/** Decorators and annotations: `@app.post(`, `@router.route(`, `@PostMapping(value = {`, `@Path(`, `@Post(`. */
const DECORATOR_BEFORE = new RegExp(
  `@(?:[\\w$]+\\.)*(?:${VERBS}|route|api_route|websocket|(?:get|post|put|patch|delete|request)mapping|path|http(?:get|post|put|patch|delete))\\s*\\(\\s*(?:(?:value|path|url|rule)\\s*=\\s*)?(?:\\{\\s*)?$`,
  'i',
);
/** C# and Rust attributes: `[HttpPost("x")]`, `[Route("x")]`, `#[post("/x")]`. */
const ATTRIBUTE_BEFORE = new RegExp(`#?\\[\\s*(?:http\\w+|route|${VERBS})\\s*\\(\\s*(?:template\\s*[:=]\\s*)?$`, 'i');
/** Fastify's `route({ method: 'POST', url: '/x', handler })` on one line. */
const PROPERTY_BEFORE = /\b(?:url|path)\s*:\s*$/i;
const STRING_PREFIX = /[rRbBuUfF]{1,2}$/;

/** `import … from 'x'`, `require('x')`: a module path, never a route. */
const MODULE_BEFORE = /\b(?:from|import|require|require_relative|include|load)\s*(?:\(\s*)?$/;

/** What declaresRoute needs to know of the whole line, read once per line to stay linear in it. */
interface LineFacts {
  readonly line: string;
  /** Whether `method:` appears anywhere on the line. */
  readonly hasMethod: boolean;
}

/**
 * Whether the literal is the path of a route this line declares. Only the first literal of a
 * line can follow a bare verb (any later one has quotes before it), so only it is tested.
 */
function declaresRoute({ line, hasMethod }: LineFacts, literal: Literal, first: boolean): boolean {
  const before = line.slice(Math.max(0, literal.start - 1 - 200), literal.start - 1).replace(STRING_PREFIX, '');
  const after = line.slice(literal.end + 1, literal.end + 80);
  if (CALL_BEFORE.test(before)) {
    // `request(app).post('/x')` in a test calls the route; a declaration passes a handler too.
    return /^\s*,/.test(after) || (/route\s*\(\s*$/i.test(before) && /^\s*\)/.test(after));
  }
  if (first && BARE_BEFORE.test(line.slice(0, literal.start - 1).replace(STRING_PREFIX, ''))) {
    return /^\s*(?:,|=>|do\b|\)|$)/.test(after);
  }
  if (DECORATOR_BEFORE.test(before) || ATTRIBUTE_BEFORE.test(before)) {
    return true;
  }
  return PROPERTY_BEFORE.test(before) && hasMethod;
}

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?!\[)|--|;|<!--)/;
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__|spec|e2e)\/|[._-](?:test|spec)\.[^/]+$|_test\.go$|(?:^|\/)test_[^/]+\.py$/i;

function display(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > MAX_DISPLAY_LENGTH ? `${trimmed.slice(0, MAX_DISPLAY_LENGTH - 1)}…` : trimmed;
}

/** The best match on one line, if any. */
function matchLine(line: string, lineNumber: number, target: RouteTarget, fileAdjustment: number): LineMatch | undefined {
  let best: Omit<LineMatch, 'text'> | undefined;
  const comment = COMMENT_LINE.test(line);
  const facts: LineFacts = { line, hasMethod: /\bmethod\s*:/i.test(line) };
  for (const [index, literal] of literalsOf(line).entries()) {
    const found = routeOfLiteral(literal.value);
    const scored = found && scoreRoute(found.route, target);
    if (!found || !scored || MODULE_BEFORE.test(line.slice(Math.max(0, literal.start - 40), literal.start - 1))) {
      continue;
    }
    const declaration = declaresRoute(facts, literal, index === 0);
    // A word alone ('handinger') is a route only where a route is declared.
    if (!found.route.includes('/') && !declaration) {
      continue;
    }
    let score = scored.score + fileAdjustment;
    if (declaration) {
      score += SCORES.declaration;
    } else if (!found.route.startsWith('/')) {
      score -= SCORES.bareLiteral;
    }
    if (comment) {
      score -= SCORES.comment;
    }
    if (score >= SCORES.minimum && (!best || score > best.score)) {
      const start = literal.start + found.offset;
      best = { line: lineNumber, start, end: start + found.route.length, score, kind: scored.kind };
    }
  }
  return best && { ...best, text: display(line) };
}

// ------------------------------------------------------------------ route files

const ROUTE_FILE = /^(?:route|\+server)\.(?:[cm]?[jt]sx?)$/;
const PAGES_API_FILE = /\.(?:[cm]?[jt]sx?)$/;
const METHOD_EXPORT =
  /^\s*export\s+(?:(?:async\s+)?function\s*(?:\*\s*)?|(?:const|let|var)\s+)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|^\s*export\s*\{[^}]*?\b(?:as\s+)?(GET|POST|PUT|PATCH|DELETE)\b[^}]*\}/;
const DEFAULT_EXPORT = /^\s*export\s+default\b/;

/**
 * The route a file declares by where it is: Next.js `app/**\/route.ts` and `pages/api/**`,
 * SvelteKit `routes/**\/+server.ts`. Route groups `(x)` and slots `@x` are not in the URL.
 */
export function fileRoute(relativePath: string): string | undefined {
  const segments = relativePath.replace(/\\/g, '/').split('/').filter((segment) => segment !== '');
  const name = segments.at(-1) ?? '';
  const urlSegments = (folders: readonly string[]): string =>
    '/' + folders.filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@')).join('/');
  if (ROUTE_FILE.test(name)) {
    const root = name.startsWith('+') ? 'routes' : 'app';
    const at = segments.lastIndexOf(root, segments.length - 2);
    return at >= 0 ? urlSegments(segments.slice(at + 1, -1)) : undefined;
  }
  const pages = segments.lastIndexOf('pages');
  if (pages >= 0 && segments[pages + 1] === 'api' && PAGES_API_FILE.test(name) && pages + 2 < segments.length) {
    const stem = name.replace(PAGES_API_FILE, '');
    const folders = segments.slice(pages + 1, -1);
    return urlSegments(stem === 'index' ? folders : [...folders, stem]);
  }
  return undefined;
}

/** Where `word` stands alone in `line`, at or after `from` (0 if nowhere). */
function wordIndex(line: string, word: string, from: number): number {
  for (let at = line.indexOf(word, from); at >= 0; at = line.indexOf(word, at + 1)) {
    if (!/[\w$]/.test(line[at - 1] ?? '') && !/[\w$]/.test(line[at + word.length] ?? '')) {
      return at;
    }
  }
  return 0;
}

/** A route file's handler line: its POST export, else another method's, else a default export. */
function routeFileMatch(lines: readonly string[], route: string, target: RouteTarget, fileAdjustment: number): LineMatch | undefined {
  const scored = scoreRoute(route, target);
  if (!scored) {
    return undefined;
  }
  let found: { line: number; start: number; end: number; bonus: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.length > MAX_LINE_LENGTH) {
      continue;
    }
    const method = METHOD_EXPORT.exec(line);
    const name = method?.[1] ?? method?.[2];
    if (method && name) {
      const start = wordIndex(line, name, method.index);
      const candidate = { line: index, start, end: start + name.length, bonus: name === 'POST' ? SCORES.declaration : 0 };
      if (!found || candidate.bonus > found.bonus) {
        found = candidate;
      }
    } else if (!found && DEFAULT_EXPORT.test(line)) {
      const start = line.indexOf('default');
      found = { line: index, start, end: start + 'default'.length, bonus: SCORES.declaration };
    }
  }
  if (!found) {
    return undefined;
  }
  const score = scored.score + found.bonus + fileAdjustment;
  if (score < SCORES.minimum) {
    return undefined;
  }
  return { line: found.line, start: found.start, end: found.end, score, kind: 'file', text: display(lines[found.line] ?? '') };
}

// ------------------------------------------------------------------ files and ranking

/** Whether a line might hold a match, before any parsing. */
function mayMatch(line: string, target: RouteTarget): boolean {
  const lower = line.toLowerCase();
  return target.needles.some((needle) => lower.includes(needle));
}

/**
 * Every line of a file that matches the target, one match per line, best first.
 * `relativePath` (forward slashes, relative to its workspace folder) lets a route file match
 * by its folders and marks test files down.
 */
export function matchFile(target: RouteTarget, relativePath: string, text: string): LineMatch[] {
  const lines = text.split(/\r\n|\r|\n/);
  const fileAdjustment = TEST_FILE.test(relativePath) ? -SCORES.testFile : 0;
  const matches: LineMatch[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.length > MAX_LINE_LENGTH || !mayMatch(line, target)) {
      continue;
    }
    const match = matchLine(line, index, target, fileAdjustment);
    if (match) {
      matches.push(match);
    }
  }
  const route = fileRoute(relativePath);
  if (route !== undefined) {
    const byFile = routeFileMatch(lines, route, target, fileAdjustment);
    if (byFile) {
      const same = matches.findIndex((match) => match.line === byFile.line);
      if (same < 0) {
        matches.push(byFile);
      } else if ((matches[same]?.score ?? 0) < byFile.score) {
        matches[same] = byFile;
      }
    }
  }
  return matches.sort((a, b) => b.score - a.score || a.line - b.line);
}

/** Sorts matches best first, then by file and line, so the order is stable. */
export function rankMatches<T extends { readonly score: number; readonly path: string; readonly line: number }>(matches: readonly T[]): T[] {
  return [...matches].sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line);
}

/** The best of ranked matches when it clearly outranks the next one. */
export function clearWinner<T extends { readonly score: number }>(ranked: readonly T[]): T | undefined {
  const [first, second] = ranked;
  if (!first) {
    return undefined;
  }
  return !second || first.score - second.score >= SCORES.clearLead ? first : undefined;
}
