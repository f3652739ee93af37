// "Find Handler in Workspace": reads the workspace's source files (through
// `workspace.fs`, so virtual and remote workspaces work too), ranks the lines that declare
// the route of a delivery's target URL, and goes to the one that clearly wins, or lets the
// user pick. When nothing matches it falls back to a text search in the Search view.
import * as vscode from 'vscode';
import { INCLUDE_GLOB, MAX_FILE_BYTES, MAX_FILES, excludeGlob } from './files';
import type { MatchKind, RouteTarget } from './routeMatch';
import { clearWinner, matchFile, rankMatches, routeTarget } from './routeMatch';
import { messageText, pickText, statusText } from '../model/safeText';

/** For automation (tests, other commands): how to choose among matches without a quick pick. */
export interface FindHandlerOptions {
  /** `best`: open the best match even when others are close; `none`: open nothing, only report. */
  readonly pick?: 'best' | 'none';
  readonly viewColumn?: vscode.ViewColumn;
}

export interface HandlerMatch {
  readonly uri: vscode.Uri;
  /** 0-based, as in `vscode.Position`. */
  readonly line: number;
  readonly score: number;
  readonly kind: MatchKind;
  /** The route text on the line (or the method a route file exports). */
  readonly range: vscode.Range;
  /** The line, trimmed. */
  readonly text: string;
}

/**
 * `opened`: the clear winner (or, asked for, the best) was opened; `picked`: the user chose
 * a match; `listed`: matches reported, nothing shown; `searchView`: the Search view took over;
 * `cancelled`: the search or the pick was cancelled; `noPath`: the URL has no path to look for.
 */
export type FindHandlerOutcome = 'opened' | 'picked' | 'listed' | 'searchView' | 'cancelled' | 'noPath';

/** What the command returns. */
export interface FindHandlerResult {
  readonly outcome: FindHandlerOutcome;
  /** The path looked for, e.g. `/webhooks/handinger`. */
  readonly path?: string;
  /** Best first. */
  readonly matches: readonly HandlerMatch[];
  readonly opened?: { readonly uri: vscode.Uri; readonly line: number };
  /** More files than the search reads: some were left out. */
  readonly truncated: boolean;
}

const MAX_MATCHES = 100;
const MAX_PICK_ITEMS = 50;
const READ_CONCURRENCY = 8;

/** The automation options of a command's second argument; anything else (a menu's selection) is ignored. */
export function findHandlerOptions(argument: unknown): FindHandlerOptions {
  if (typeof argument !== 'object' || argument === null || !('pick' in argument)) {
    return {};
  }
  return argument.pick === 'best' || argument.pick === 'none' ? { pick: argument.pick } : {};
}

// One search at a time: starting another cancels the one running.
let running: vscode.CancellationTokenSource | undefined;

/** Finds the handler of a target URL's route and goes to it; see FindHandlerOutcome. */
export async function findHandler(targetUrl: string | undefined, options: FindHandlerOptions = {}): Promise<FindHandlerResult> {
  const target = routeTarget(targetUrl);
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The target URL of this delivery has no path to search for.'));
    return { outcome: 'noPath', matches: [], truncated: false };
  }
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    await openSearchView(target.path);
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to find the handler of {0}; searching open editors instead.', messageText(target.path, 200)));
    return { outcome: 'searchView', path: target.path, matches: [], truncated: false };
  }

  running?.cancel();
  const source = new vscode.CancellationTokenSource();
  running = source;
  let found: Found;
  let cancelled: boolean;
  try {
    found = await vscode.window.withProgress<Found>(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Finding the handler of {0}', messageText(target.path)), cancellable: true },
      (progress, token) => {
        const forwarding = token.onCancellationRequested(() => source.cancel());
        return searchWorkspace(target, source.token, progress).finally(() => {
          forwarding.dispose();
        });
      },
    );
    cancelled = source.token.isCancellationRequested;
  } finally {
    if (running === source) {
      running = undefined;
    }
    source.dispose();
  }
  if (cancelled) {
    return { outcome: 'cancelled', path: target.path, matches: found.matches, truncated: found.truncated };
  }

  const { matches, truncated } = found;
  const result = { path: target.path, matches, truncated };
  if (matches.length === 0) {
    await openSearchView(target.path);
    void vscode.window.showInformationMessage(vscode.l10n.t('No route matching {0} was found in the workspace; showing a text search instead.', messageText(target.path, 200)));
    return { ...result, outcome: 'searchView' };
  }
  if (options.pick === 'none') {
    return { ...result, outcome: 'listed' };
  }
  const winner = options.pick === 'best' ? matches[0] : clearWinner(matches);
  if (winner) {
    await openMatch(winner, options.viewColumn);
    vscode.window.setStatusBarMessage(
      vscode.l10n.t('Handler of {0}: {1}:{2}', statusText(target.path), statusText(vscode.workspace.asRelativePath(winner.uri), 200), winner.line + 1),
      5000,
    );
    return { ...result, outcome: 'opened', opened: { uri: winner.uri, line: winner.line } };
  }

  const chosen = await pickMatch(target, matches);
  if (chosen === undefined) {
    return { ...result, outcome: 'cancelled' };
  }
  if (chosen === 'search') {
    await openSearchView(target.path);
    return { ...result, outcome: 'searchView' };
  }
  await openMatch(chosen, options.viewColumn);
  return { ...result, outcome: 'picked', opened: { uri: chosen.uri, line: chosen.line } };
}

// ------------------------------------------------------------------ searching

interface Found {
  readonly matches: HandlerMatch[];
  readonly truncated: boolean;
}

interface Progress {
  report(value: { message?: string }): void;
}

/** Reads the source files of every workspace folder, up to MAX_FILES, and ranks their matches. */
async function searchWorkspace(target: RouteTarget, token: vscode.CancellationToken, progress: Progress): Promise<Found> {
  const dirty = new Map(
    vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => [document.uri.toString(), document.getText()]),
  );
  const found: (HandlerMatch & { readonly path: string })[] = [];
  let budget = MAX_FILES;
  let truncated = false;
  let read = 0;

  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (token.isCancellationRequested || budget <= 0) {
      truncated ||= budget <= 0;
      break;
    }
    // Settings are per folder in a multi-root workspace.
    const exclude = excludeGlob(
      vscode.workspace.getConfiguration('files', folder.uri).get<unknown>('exclude'),
      vscode.workspace.getConfiguration('search', folder.uri).get<unknown>('exclude'),
    );
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, INCLUDE_GLOB), exclude, budget + 1, token);
    truncated ||= uris.length > budget;
    const files = uris.slice(0, budget);
    budget -= files.length;

    await forEachConcurrently(files, READ_CONCURRENCY, token, async (uri) => {
      const text = dirty.get(uri.toString()) ?? (await readSource(uri));
      read++;
      if (read % 200 === 0) {
        progress.report({ message: vscode.l10n.t('{0} files read', read) });
      }
      if (text === undefined) {
        return;
      }
      const path = relativeTo(folder, uri);
      for (const match of matchFile(target, path, text)) {
        found.push({
          uri,
          path: uri.toString(),
          line: match.line,
          score: match.score,
          kind: match.kind,
          range: new vscode.Range(match.line, match.start, match.line, match.end),
          text: match.text,
        });
      }
    });
  }
  const matches = rankMatches(found)
    .slice(0, MAX_MATCHES)
    .map(({ path: _path, ...match }) => match);
  return { matches, truncated };
}

const decoder = new TextDecoder('utf-8');

/** A file's text, or undefined when it is too large, binary or unreadable. */
async function readSource(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES || (stat.type & vscode.FileType.File) === 0) {
      return undefined;
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_FILE_BYTES || bytes.subarray(0, 1024).includes(0)) {
      return undefined;
    }
    return decoder.decode(bytes);
  } catch {
    // Deleted since it was listed, or not readable: not a candidate.
    return undefined;
  }
}

/** The path of a file inside its workspace folder, with forward slashes. */
function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : vscode.workspace.asRelativePath(uri, false);
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, token: vscode.CancellationToken, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !token.isCancellationRequested) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ------------------------------------------------------------------ showing

async function openMatch(match: HandlerMatch, viewColumn: vscode.ViewColumn | undefined): Promise<void> {
  const editor = await vscode.window.showTextDocument(match.uri, { selection: match.range, viewColumn, preview: true });
  editor.revealRange(match.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** A literal text search, whatever the user's last search options were: a path has regex characters. */
async function openSearchView(path: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.findInFiles', {
    query: path,
    triggerSearch: true,
    isRegex: false,
    matchWholeWord: false,
    isCaseSensitive: false,
  });
}

function kindLabel(kind: MatchKind): string {
  switch (kind) {
    case 'exact':
      return vscode.l10n.t('exact path');
    case 'template':
      return vscode.l10n.t('route template');
    case 'trailing':
      return vscode.l10n.t('end of the path (router mounted under a prefix)');
    case 'file':
      return vscode.l10n.t('route file');
  }
}

interface PickItem extends vscode.QuickPickItem {
  readonly match?: HandlerMatch;
  readonly search?: true;
}

/** The matches, best first, and a last item for the Search view. */
async function pickMatch(target: RouteTarget, matches: readonly HandlerMatch[]): Promise<HandlerMatch | 'search' | undefined> {
  const items: PickItem[] = matches.slice(0, MAX_PICK_ITEMS).map((match) => ({
    // Workspace file names are someone else's text too: `$(alert).ts` would be an icon.
    label: `${pickText(vscode.workspace.asRelativePath(match.uri), 300)}:${match.line + 1}`,
    description: kindLabel(match.kind),
    detail: pickText(match.text),
    match,
  }));
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(search) ${vscode.l10n.t('Search in the Search view')}`, description: pickText(target.path), search: true },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Handlers of {0}', pickText(target.path)),
    placeHolder: vscode.l10n.t('Go to the route declaration that handles this delivery'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) {
    return undefined;
  }
  return picked.search ? 'search' : picked.match;
}
