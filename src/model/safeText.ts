// Remote text (API fields, deep links, workspace files) made safe for each kind of VS Code
// surface. Notifications turn `[text](command:…)` into a link that runs a command, quick
// picks, the status bar and window progress turn `$(name)` into an icon, and any surface
// shows direction and zero-width characters silently. No HTTP and no VS Code here.
import { isolateRtl, visibleText } from './text';

export type Surface = 'message' | 'quickPick' | 'tree' | 'statusBar';

/** The longest remote piece each surface shows, in UTF-16 units. */
export const SURFACE_LIMITS: Readonly<Record<Surface, number>> = { message: 100, quickPick: 200, tree: 120, statusBar: 40 };

/** U+2060 WORD JOINER: invisible, and splits `$(` and `](` so no parser sees its syntax. */
const JOINER = '\u2060';

/** What whitespace-only text shows, so the reader sees that the name is blank. */
export const BLANK = '""';

function bounded(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let end = Math.max(0, max - 1);
  // Never split a surrogate pair.
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) {
    end--;
  }
  return `${text.slice(0, end)}…`;
}

/**
 * One line of remote text for a surface: control, direction and zero-width characters shown
 * as `[U+XXXX]`, whitespace collapsed, at most `max` characters, right-to-left text isolated,
 * icon syntax (`$(…)`) broken everywhere and link syntax (`[…](…)`) broken in messages.
 * A `$` or `]` is followed by a word joiner even at the end, so that the text around a
 * remote piece (`{0}(…)`) cannot complete the syntax either.
 */
export function safeText(surface: Surface, text: string | undefined, max: number = SURFACE_LIMITS[surface]): string {
  const line = visibleText(withoutOwnMarks(text ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') {
    return BLANK;
  }
  const cut = bounded(line, max);
  const defused = surface === 'message' ? cut.replace(/[$\]]/g, (c) => c + JOINER) : cut.replace(/\$/g, `$${JOINER}`);
  return isolateRtl(defused);
}

/**
 * The marks safeText adds (a joiner after `$` and `]`, an isolate around right-to-left
 * text) taken off again, so that text made safe once (a tree label shown in a quick pick)
 * is made safe the same way twice instead of showing its marks as `[U+2060]`.
 */
function withoutOwnMarks(text: string): string {
  // Only an isolate exactly as isolateRtl makes it: around right-to-left text holding no
  // other direction mark. Any other isolate came from outside and stays visible.
  const inner = text.slice(1, -1);
  const ours = text.length >= 2 && text.startsWith('\u2068') && text.endsWith('\u2069') && isolateRtl(inner) !== inner && !/[\u202a-\u202e\u2066-\u2069]/.test(inner);
  return (ours ? inner : text).replace(/([$\]])\u2060/g, '$1');
}

/** Notification and progress text. */
export function messageText(text: string | undefined, max?: number): string {
  return safeText('message', text, max);
}

/** Quick pick label, description and detail, and quick pick titles. */
export function pickText(text: string | undefined, max?: number): string {
  return safeText('quickPick', text, max);
}

/** Tree item label and description. */
export function treeText(text: string | undefined, max?: number): string {
  return safeText('tree', text, max);
}

/** Status bar text and tooltip. */
export function statusText(text: string | undefined, max?: number): string {
  return safeText('statusBar', text, max);
}
