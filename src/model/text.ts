// Remote text made safe to show: control, invisible and direction-changing characters
// become visible code points, so an ANSI escape or a right-to-left override cannot hide or
// reorder what a reader sees ("Invoice \u202Efdp.exe"). Used by the tree and both pages.
// No HTTP and no VS Code here.

// C0 controls except tab and newline, DEL, C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates, zero-width characters, line/paragraph separators.
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Control, invisible and direction characters as `[U+XXXX]`; newlines and tabs stay. */
export function visibleText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(CONTROL, (char) => `[${codePoint(char)}]`)
    .replace(INVISIBLE, (char) => `[${codePoint(char)}]`);
}

/**
 * Right-to-left text wrapped in a first-strong isolate (U+2068 … U+2069), so that on a line
 * with other text (a status code before it, "3m · 80 ms" after it) the bidi algorithm
 * cannot pull neighbouring digits into it. Left-to-right text is returned unchanged.
 * Apply to text that went through visibleText (which shows any isolate it had as text).
 */
export function isolateRtl(text: string): string {
  return RTL.test(text) ? `\u2068${text}\u2069` : text;
}
