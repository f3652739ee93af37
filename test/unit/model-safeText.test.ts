// Remote text stays text on every surface: a hostile corpus through each surface helper, and
// a scan of src/ for notification, progress and quick pick text that skips the helper.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Surface } from '../../src/model/safeText';
import { BLANK, SURFACE_LIMITS, messageText, pickText, safeText, statusText, treeText } from '../../src/model/safeText';

/** Strings an API, a deep link or a workspace file could hold. */
export const HOSTILE: readonly string[] = [
  '[click me](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '[docs](https://evil.example/)',
  '[x](command:webhookDeliveries.setApiKey?["handinger","stolen"] "title")',
  'a]',
  '[a',
  '](command:x)',
  '$(error) Fake error $(sync~spin)',
  '$',
  '\\$(alert)',
  '<img src=x onerror=alert(1)><a href="command:x">y</a>',
  '**bold** _it_ `code` # heading',
  'Invoice \u202Efdp.exe',
  '\u2066isolate\u2069 \u200Bzero\u200Cwidth\u200D\uFEFF\u2060',
  'line\nbreak\r\nand\u2028separator\u2029end',
  '\u001b[31mred\u001b[0m\u0007',
  'שלום $(x) مرحبا',
  'x'.repeat(10_000),
  '😀'.repeat(5_000),
  'javascript:alert(document.domain)',
  'command:workbench.action.openSettings',
  '   ',
  '\t\n \r',
  '',
];

const SURFACES: readonly Surface[] = ['message', 'quickPick', 'tree', 'statusBar'];

/** VS Code's icon syntax (`$(name)`, `$(name~spin)`), as its label renderer parses it. */
const ICON = /\$\([a-z0-9-]+?(?:~[a-z0-9-]*?)?\)/i;
/** The link syntax notifications turn into anchors (parseLinkedText). */
const LINK = /\[[^\]]+\]\([^)\s]+(?: (["']).+?\1)?\)/;
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/** What a reader sees: without the word joiners and the isolate the helper adds. */
function seen(text: string): string {
  return text.replace(/\u2060/g, '').replace(/^\u2068|\u2069$/g, '');
}

/** Every way the output could still be active; an empty list means it is inert text. */
function activeParts(surface: Surface, output: string): string[] {
  const problems: string[] = [];
  if (ICON.test(output) || output.includes('$(')) {
    problems.push('icon syntax');
  }
  if (surface === 'message' && (LINK.test(output) || output.includes(']('))) {
    problems.push('link syntax');
  }
  if (UNSAFE_CHARS.test(output.replace(/^\u2068|\u2069$/g, ''))) {
    problems.push('control, direction or zero-width character');
  }
  if (seen(output).length > SURFACE_LIMITS[surface]) {
    problems.push(`longer than ${SURFACE_LIMITS[surface]}`);
  }
  if (seen(output).trim() === '') {
    problems.push('blank');
  }
  return problems;
}

describe('Remote text: one helper per surface', function () {
  it(`leaves ${HOSTILE.length} hostile strings × ${SURFACES.length} surfaces inert`, function () {
    let active = 0;
    const failures: string[] = [];
    for (const text of HOSTILE) {
      for (const surface of SURFACES) {
        const problems = activeParts(surface, safeText(surface, text));
        if (problems.length > 0) {
          active++;
          failures.push(`${surface} ${JSON.stringify(text.slice(0, 40))}: ${problems.join(', ')}`);
        }
      }
    }
    assert.equal(active, 0, failures.join('\n'));
  });

  it('even when the text around a remote piece would complete the syntax', function () {
    assert.ok(!`${messageText('[x]')}(command:y)`.includes(']('));
    assert.ok(!`${pickText('a $')}(error)`.includes('$('));
    assert.ok(!`${messageText('$')}(error)`.includes('$('));
  });

  it('makes text already made safe (a tree label shown in a quick pick) safe the same way again', function () {
    for (const text of [...HOSTILE, 'עדכון סטטוס הזמנה #79952', '$(bug) [run](command:x)']) {
      assert.ok(!pickText(treeText(text)).includes('[U+2068]'), 'no isolate of its own shown as text');
      for (const first of SURFACES) {
        for (const second of SURFACES) {
          const once = safeText(second, text);
          const twice = safeText(second, safeText(first, text));
          // Text cut by the first surface differs by its ellipsis; everything else must not differ.
          if (!safeText(first, text).endsWith('…') && !once.endsWith('…')) {
            assert.equal(twice, once, `${first} then ${second} of ${JSON.stringify(text.slice(0, 30))}`);
          }
        }
      }
    }
  });

  it('keeps ordinary names as they read', function () {
    assert.equal(messageText('Order sync'), 'Order sync');
    assert.equal(pickText('Research agent · v2'), 'Research agent · v2');
    assert.equal(treeText('Résumé des ventes —\n semaine 5'), 'Résumé des ventes — semaine 5');
    assert.equal(statusText('ok'), 'ok');
  });

  it('shows direction and zero-width characters as code points', function () {
    assert.equal(treeText('Invoice \u202Efdp.exe'), 'Invoice [U+202E]fdp.exe');
    assert.equal(seen(messageText('a\u200Bb')), 'a[U+200B]b');
  });

  it('says a blank name is blank, and cuts long text with an ellipsis', function () {
    assert.equal(messageText('   '), BLANK);
    assert.equal(pickText(undefined), BLANK);
    const long = statusText('x'.repeat(10_000));
    assert.equal(long.length, SURFACE_LIMITS.statusBar);
    assert.ok(long.endsWith('…'));
    assert.ok(!/[\ud800-\udbff]…$/.test(treeText('😀'.repeat(100), 8)), 'no half surrogate pair');
  });
});

// ------------------------------------------------------------------ the source scan

const SRC = path.join(__dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'page' ? [] : sourceFiles(full);
    }
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The argument list of the call that starts at `open` (the index of its `(`). */
function callArguments(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** Remote values as the code names them. */
const REMOTE = /\.(?:name|containerId|deliveryId|workspaceId|targetUrl|errorMessage|message|reason|path|fsPath|status|description|title|text|label)\b|\bid\b/;
const HELPER = /\b(?:messageText|pickText|treeText|statusText|safeText)\(/;
/** Text built for other code to show, each caller passing it through the helper (file: argument). */
const BUILT_FOR_CALLERS: readonly string[] = ['tree/errorText.ts: error instanceof Error ? error.message : String(error)'];

describe('Remote text: every surface goes through the helper', function () {
  it('no vscode.l10n.t argument in src/ names a remote value without the helper', function () {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (let at = text.indexOf('vscode.l10n.t('); at >= 0; at = text.indexOf('vscode.l10n.t(', at + 1)) {
        const args = callArguments(text, at + 'vscode.l10n.t'.length);
        // Split off the message template; look at each remaining top-level argument.
        const rest = args.replace(/^\s*(['`])(?:\\.|(?!\1).)*\1\s*,?/s, '');
        for (const arg of splitTopLevel(rest)) {
          if (REMOTE.test(arg) && !HELPER.test(arg) && !/\bNAMES\[|providerName\(|ENV_NAMES\[|\.length\b|\.kind\b|^\s*error\.status\s*$/.test(arg)) {
            if (!BUILT_FOR_CALLERS.includes(`${path.relative(SRC, file)}: ${arg.trim()}`)) {
              offenders.push(`${path.relative(SRC, file)}:${text.slice(0, at).split('\n').length}: ${arg.trim()}`);
            }
          }
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});

function splitTopLevel(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 0) {
      parts.push(args.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(args.slice(start));
  return parts.filter((part) => part.trim() !== '');
}
