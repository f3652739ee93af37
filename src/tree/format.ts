// Plain formatting for tree labels and descriptions. No VS Code import, so it is unit-tested
// in Node; strings that need translating are passed in by the caller.

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

/** Cuts text to one line of at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
