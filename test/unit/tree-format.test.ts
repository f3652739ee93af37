// What tree rows make of remote text: one line, no control or direction characters acting
// on the row, right-to-left titles kept to themselves; and the row's time and latency.
import assert from 'node:assert/strict';
import { formatLatency, oneLine, relativeTime } from '../../src/tree/format';
import { isolateRtl, visibleText } from '../../src/model/text';

describe('tree text', () => {
  it('leaves plain left-to-right text as it is, on one line', () => {
    assert.equal(oneLine('Résumé des ventes —\n semaine 5', 80), 'Résumé des ventes — semaine 5');
    assert.equal(oneLine('📦 Restock alert: SKU-67981', 80), '📦 Restock alert: SKU-67981');
  });

  it('shows a right-to-left override as text, so it cannot reorder the row', () => {
    assert.equal(oneLine('Invoice \u202Efdp.exe', 80), 'Invoice [U+202E]fdp.exe');
    assert.equal(oneLine('a\u001b[31mb\u200bc', 80), 'a[U+001B][31mb[U+200B]c');
  });

  it('isolates right-to-left titles so neighbouring digits stay outside them', () => {
    assert.equal(oneLine('עדכון סטטוס הזמנה #81984', 80), '\u2068עדכון סטטוס הזמנה #81984\u2069');
    assert.equal(oneLine('تحديث حالة الطلب #21479', 80), '\u2068تحديث حالة الطلب #21479\u2069');
    // An isolate sent by the API is shown, never trusted as markup of ours.
    assert.equal(oneLine('\u2068x\u2069', 80), '[U+2068]x[U+2069]');
    assert.equal(isolateRtl('plain'), 'plain');
  });

  it('cuts long text with an ellipsis, inside the isolate', () => {
    const cut = oneLine('ש'.repeat(100), 10);
    assert.equal(cut, `\u2068${'ש'.repeat(9)}…\u2069`);
    assert.equal(oneLine('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
  });

  it('keeps newlines and tabs for the panel, which shows them', () => {
    assert.equal(visibleText('a\r\nb\tc'), 'a\nb\tc');
  });
});

describe('tree times and latencies', () => {
  it('says how long ago, in the largest whole unit', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    assert.equal(relativeTime(now - 400, now), 'now');
    assert.equal(relativeTime(now - 12_000, now), '12s');
    assert.equal(relativeTime(now - 5 * 60_000, now), '5m');
    assert.equal(relativeTime(now - 3 * 3_600_000, now), '3h');
    assert.equal(relativeTime(now - 3 * 86_400_000, now), '3d');
    assert.equal(relativeTime(now + 60_000, now), 'now', 'a clock ahead of ours is not the future');
    assert.equal(relativeTime(0, now), '', 'no time, no text');
  });

  it('formats latency in ms under a second and seconds above', () => {
    assert.equal(formatLatency(84.4), '84 ms');
    assert.equal(formatLatency(1234), '1.2 s');
    assert.equal(formatLatency(30_000), '30 s');
    assert.equal(formatLatency(undefined), '');
    assert.equal(formatLatency(-1), '');
    assert.equal(formatLatency(Number.NaN), '');
  });
});
