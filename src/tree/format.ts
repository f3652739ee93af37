// Plain formatting for tree labels and descriptions. No VS Code import, so it is unit-tested
// in Node; strings that need translating are passed in by the caller.
import { treeText } from '../model/safeText';
import { visibleText } from '../model/text';

/** "12s", "5m", "3h", "2d" before `now`; "now" for under a second, future times too. */
export function relativeTime(time: number, now: number): string {
  if (!time) {
    return '';
  }
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 1) {
    return 'now';
  }
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours}h`;
  }
  return `${Math.floor(hours / 24)}d`;
}

/** "84 ms", "1.2 s", "30 s". */
export function formatLatency(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

/** Escapes text for a MarkdownString so remote values cannot add links, images or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~"']/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

/**
 * Remote text as one tree line of at most `max` characters: control and direction
 * characters shown as `[U+XXXX]` (a right-to-left override cannot reorder the row), and
 * right-to-left text isolated so that it keeps to itself beside the row's other parts.
 */
export function oneLine(text: string, max: number): string {
  return visibleText(text).trim() === '' ? '' : treeText(text, max);
}
