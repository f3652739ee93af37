// How route health reads in the editor: lens titles and lenses, hover markdown and the
// Problems warning, and which documents are looked at. Loaded with the model the first time a
// visible editor needs it (dist/health.js, see ./lazy.ts), so it stays out of the extension
// bundle. Every piece of remote text goes through the safeText helpers (and, in the hover,
// escapeMarkdown): a name or an error message never becomes a link, an icon or HTML.
import * as vscode from 'vscode';
import type { Delivery } from '../model/delivery';
import { excludeGlob } from '../handler/files';
import { escapeMarkdown, formatLatency, relativeTime } from '../tree/format';
import { messageText, treeText } from '../model/safeText';
import { failingAbove, type RouteHealth } from './model';
import { HEALTH_COMMANDS, type RouteRef } from './ids';

export { routeHealth } from './model';

export const DIAGNOSTIC_SOURCE = 'Webhook Deliveries';
/** Longest error message a hover or a warning shows. */
const MAX_ERROR_LENGTH = 160;

const PROVIDER_LABELS = { handinger: 'Handinger', cadenya: 'Cadenya' } as const;

/** Not excluded by Find Handler's rules: dependencies, builds, `files.exclude`, `search.exclude`. */
export function isIncluded(document: vscode.TextDocument): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const exclude = excludeGlob(
    vscode.workspace.getConfiguration('files', folder?.uri).get<unknown>('exclude'),
    vscode.workspace.getConfiguration('search', folder?.uri).get<unknown>('exclude'),
  );
  return vscode.languages.match({ pattern: exclude }, document) === 0;
}

/**
 * The two lenses of a route: its deliveries in the tree, and their insights. `given` wraps
 * their argument in the extension bundle's Given (this bundle has its own copy of the class).
 */
export function lensesOf(health: readonly RouteHealth[], now: number, given: (ref: RouteRef) => unknown): vscode.CodeLens[] {
  return health.flatMap((route) => {
    const range = new vscode.Range(route.line, route.start, route.line, route.end);
    const ref = given({ key: route.key, filterText: route.filterText });
    return [
      new vscode.CodeLens(range, {
        title: lensTitle(route, now),
        tooltip: vscode.l10n.t('Show these deliveries in the Webhook Deliveries view'),
        command: HEALTH_COMMANDS.showRouteDeliveries,
        arguments: [ref],
      }),
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Insights'),
        tooltip: vscode.l10n.t('Show the insights of these deliveries'),
        command: HEALTH_COMMANDS.showRouteInsights,
        arguments: [ref],
      }),
    ];
  });
}

/** The hover of the routes on one line. */
export function hoverOf(here: readonly RouteHealth[], now: number): vscode.Hover | undefined {
  const first = here[0];
  if (!first) {
    return undefined;
  }
  const markdown = new vscode.MarkdownString(undefined, false);
  // Links may run this command only; remote text is escaped, so it never makes a link.
  markdown.isTrusted = { enabledCommands: [HEALTH_COMMANDS.openRouteDelivery] };
  markdown.supportHtml = false;
  here.forEach((route, index) => {
    if (index > 0) {
      markdown.appendMarkdown('\n\n---\n\n');
    }
    appendHover(markdown, route, now);
  });
  return new vscode.Hover(markdown, new vscode.Range(first.line, first.start, first.line, first.end));
}

/** Warnings for the routes whose failure rate reaches the threshold (percent). */
export function diagnosticsOf(health: readonly RouteHealth[], threshold: number): vscode.Diagnostic[] {
  return health
    .filter((route) => failingAbove(route, threshold))
    .map((route) => {
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(route.line, route.start, route.line, route.end),
        problemMessage(route, threshold),
        vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'delivery-failure-rate';
      return diagnostic;
    });
}

/** The path of a file inside its workspace folder, with forward slashes (its own path outside one). */
export function relativePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) {
    return uri.path;
  }
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : vscode.workspace.asRelativePath(uri, false);
}

/** "Handinger · Order sync" with the name made safe for a lens (which renders `$(icon)`). */
function owner(health: RouteHealth, max = 60): string {
  return `${PROVIDER_LABELS[health.provider]} · ${treeText(health.name, max)}`;
}

/** "Handinger · Order sync: 14 failed of 200 · p95 4.1 s · last 3m ago". */
export function lensTitle(health: RouteHealth, now: number): string {
  const parts = [`${owner(health)}: ${vscode.l10n.t('{0} failed of {1}', health.failed, health.total)}`];
  if (health.p95Ms !== undefined) {
    parts.push(vscode.l10n.t('p95 {0}', formatLatency(health.p95Ms)));
  }
  if (health.lastTime !== undefined) {
    const ago = relativeTime(health.lastTime, now);
    parts.push(ago === 'now' ? vscode.l10n.t('last just now') : vscode.l10n.t('last {0} ago', ago));
  }
  return parts.join(' · ');
}

function percent(rate: number | undefined): string {
  return rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

export function problemMessage(health: RouteHealth, threshold: number): string {
  const head = vscode.l10n.t(
    '{0}: {1} of {2} loaded deliveries to this route failed ({3}, threshold {4}%).',
    messageText(`${PROVIDER_LABELS[health.provider]} · ${health.name}`),
    health.failed,
    health.failed + health.succeeded,
    percent(health.failureRate),
    threshold,
  );
  const error = health.commonError;
  return error ? `${head} ${vscode.l10n.t('Most common error ({0}×): {1}', error.count, messageText(error.message, MAX_ERROR_LENGTH))}` : head;
}

/**
 * Remote text as one escaped line of a MarkdownString: every markdown and HTML character is
 * backslash-escaped, so it never makes a link, an image, HTML or emphasis; `$(` is broken too.
 */
function appendRemote(markdown: vscode.MarkdownString, text: string, max: number): void {
  markdown.appendMarkdown(escapeMarkdown(treeText(text, max)));
}

export function appendHover(markdown: vscode.MarkdownString, health: RouteHealth, now: number): void {
  markdown.appendMarkdown('**');
  appendRemote(markdown, owner(health), 100);
  markdown.appendMarkdown('**');
  markdown.appendText(
    ` — ${vscode.l10n.t('{0} failed of {1} ({2} of those with a verdict)', health.failed, health.total, percent(health.failureRate))}`,
  );
  markdown.appendMarkdown('  \n');
  markdown.appendText(vscode.l10n.t('Target path: '));
  appendRemote(markdown, health.paths.slice(0, 3).join(', ') + (health.paths.length > 3 ? ', …' : ''), 200);
  if (health.commonError) {
    markdown.appendMarkdown('  \n');
    markdown.appendText(vscode.l10n.t('Most common error ({0}×): ', health.commonError.count));
    appendRemote(markdown, health.commonError.message, MAX_ERROR_LENGTH);
  }
  markdown.appendMarkdown('\n\n');
  for (const delivery of health.recent) {
    const args = encodeURIComponent(JSON.stringify([health.key, delivery.id]));
    const status = delivery.httpStatus !== undefined && Number.isFinite(delivery.httpStatus) ? String(delivery.httpStatus) : vscode.l10n.t('no response');
    const when = delivery.time > 0 ? vscode.l10n.t('{0} ago', relativeTime(delivery.time, now)) : '';
    // The link text is the extension's own (outcome, status number, time); the error follows as text.
    const label = [outcomeLabel(delivery.outcome), status, when].filter(Boolean).join(' · ');
    markdown.appendMarkdown(`- [${label}](command:${HEALTH_COMMANDS.openRouteDelivery}?${args} "${vscode.l10n.t('Open this delivery')}")`);
    if (delivery.outcome === 'failed' && delivery.errorMessage) {
      markdown.appendText(' — ');
      appendRemote(markdown, delivery.errorMessage, 100);
    }
    markdown.appendMarkdown('\n');
  }
}

function outcomeLabel(outcome: Delivery['outcome']): string {
  switch (outcome) {
    case 'succeeded':
      return vscode.l10n.t('succeeded');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'pending':
      return vscode.l10n.t('pending');
    case 'disabled':
      return vscode.l10n.t('disabled');
    default:
      return vscode.l10n.t('unknown');
  }
}

