// The pure parts of the debugging aids: grouping by trigger, CSV/JSON export and deep links.
import assert from 'node:assert/strict';
import type { Delivery, Outcome } from '../../src/model/delivery';
import { groupByTrigger, NO_TRIGGER_KEY, worstOutcome } from '../../src/model/grouping';
import { CSV_HEADER, csvField, exportFileName, toCsv, toJson } from '../../src/model/export';
import { formatLink, linkOf, parseLink, parseLinkText } from '../../src/model/deliveryLink';
import { readCsv } from '../support/csv';

const EXTENSION_ID = 'webhookdeliveries.webhook-deliveries';

function delivery(id: string, outcome: Outcome, extra: Partial<Delivery> = {}): Delivery {
  return { provider: 'handinger', id, containerId: 'w1', createdAt: '', time: 0, outcome, raw: { id }, ...extra };
}

describe('group by trigger', () => {
  const task = (id: string, title?: string) => ({ kind: 'task' as const, id, title });

  it('groups under each task, newest group first, counts outcomes and shows the worst', () => {
    const groups = groupByTrigger([
      delivery('d1', 'succeeded', { related: task('t2', 'Digest'), time: 500 }),
      delivery('d2', 'failed', { related: task('t1'), time: 400 }),
      delivery('d3', 'succeeded', { related: task('t2'), time: 300 }),
      delivery('d4', 'pending', { related: task('t1', 'Sync'), time: 200 }),
      delivery('d5', 'succeeded', { time: 600 }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.key, g.deliveries.map((d) => d.id), g.worst, g.trigger?.title]),
      [
        ['task:t2', ['d1', 'd3'], 'succeeded', 'Digest'],
        ['task:t1', ['d2', 'd4'], 'failed', 'Sync'],
        [NO_TRIGGER_KEY, ['d5'], 'succeeded', undefined],
      ],
    );
    assert.equal(groups[1]?.counts.failed, 1);
    assert.equal(groups[1]?.counts.pending, 1);
    assert.equal(groups[1]?.newest, 400);
  });

  it('keeps tasks and objectives with the same id apart', () => {
    const groups = groupByTrigger([
      delivery('a', 'succeeded', { related: task('x') }),
      delivery('b', 'succeeded', { provider: 'cadenya', related: { kind: 'objective', id: 'x' } }),
    ]);
    assert.deepEqual(groups.map((g) => g.key).sort(), ['objective:x', 'task:x']);
  });

  it('ranks outcomes failed, unknown, pending, disabled, succeeded', () => {
    assert.equal(worstOutcome(['succeeded', 'pending', 'unknown']), 'unknown');
    assert.equal(worstOutcome(['disabled', 'succeeded']), 'disabled');
    assert.equal(worstOutcome(['succeeded', 'failed']), 'failed');
    assert.equal(worstOutcome([]), 'succeeded');
  });

  it('returns nothing for nothing', () => {
    assert.deepEqual(groupByTrigger([]), []);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes, CR and LF, and reads back to the same text', () => {
    const nasty = 'Upstream said "no", then:\r\nline two\nline three, done';
    const csv = toCsv([delivery('d1', 'failed', { errorMessage: nasty, httpStatus: 500, latencyMs: 12.5, targetUrl: 'https://x.test/a,b' })]);
    const rows = readCsv(csv);
    assert.deepEqual(rows[0], [...CSV_HEADER]);
    assert.equal(rows.length, 2);
    const row = rows[1] ?? [];
    assert.equal(row.length, CSV_HEADER.length);
    assert.equal(row[CSV_HEADER.indexOf('error_message')], nasty);
    assert.equal(row[CSV_HEADER.indexOf('target_url')], 'https://x.test/a,b');
    assert.equal(row[CSV_HEADER.indexOf('http_status')], '500');
    assert.equal(row[CSV_HEADER.indexOf('latency_ms')], '12.5');
    assert.equal(row[CSV_HEADER.indexOf('workspace_id')], '');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    assert.equal(csvField('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField(-5), '-5', 'numbers stay numbers');
  });

  it('defuses formulas after leading whitespace and in fullwidth forms', () => {
    assert.equal(csvField(' =1+1'), "' =1+1");
    assert.equal(csvField('\t=cmd'), "'\t=cmd");
    assert.equal(csvField('\n@SUM(A1)'), `"'\n@SUM(A1)"`);
    assert.equal(csvField('\r\n +1'), `"'\r\n +1"`);
    assert.equal(csvField('\u3000=1'), "'\u3000=1");
    for (const sign of ['\uff1d', '\uff0b', '\uff0d', '\uff20']) {
      assert.equal(csvField(`${sign}HYPERLINK()`), `'${sign}HYPERLINK()`, sign);
      assert.equal(csvField(`  ${sign}1`), `'  ${sign}1`, sign);
    }
    assert.equal(csvField('a = b'), 'a = b', 'an equals sign inside text stays');
  });

  it('quotes leading or trailing spaces so they survive, and leaves plain text alone', () => {
    assert.equal(csvField(' padded '), '" padded "');
    assert.equal(csvField('plain text é 日本'), 'plain text é 日本');
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(Number.NaN), '');
  });

  it('writes only the header for no deliveries', () => {
    assert.equal(toCsv([]), `${CSV_HEADER.join(',')}\r\n`);
  });
});

describe('JSON export', () => {
  it('keeps the normalised fields, the raw record, and says where they came from', () => {
    const json = JSON.parse(
      toJson([delivery('d1', 'failed', { raw: { id: 'd1', extra: [1] }, responseHeaders: { 'content-type': 'text/plain' } })], {
        container: { provider: 'handinger', kind: 'worker', id: 'w1', name: 'Order sync' },
        filter: ['failed'],
        exportedAt: '2026-11-23T10:00:00.000Z',
        partial: true,
      }),
    ) as { source: { id: string }; count: number; partial: boolean; filter: string[]; deliveries: { id: string; outcome: string; raw: unknown; response_headers: unknown }[] };
    assert.equal(json.source.id, 'w1');
    assert.equal(json.count, 1);
    assert.equal(json.partial, true);
    assert.deepEqual(json.filter, ['failed']);
    assert.equal(json.deliveries[0]?.outcome, 'failed');
    assert.deepEqual(json.deliveries[0]?.raw, { id: 'd1', extra: [1] });
    assert.deepEqual(json.deliveries[0]?.response_headers, { 'content-type': 'text/plain' });
  });

  it('names files after the container, safely', () => {
    const date = new Date('2026-11-23T10:00:00Z');
    assert.equal(exportFileName('Order sync', 'csv', date), 'Order-sync-deliveries-2026-11-23.csv');
    assert.equal(exportFileName('../../etc/passwd', 'json', date), 'etc-passwd-deliveries-2026-11-23.json');
    assert.equal(exportFileName('売上 レポート', 'csv', date), '売上-レポート-deliveries-2026-11-23.csv');
    assert.equal(exportFileName('<>:"|?*', 'csv', date), 'deliveries-deliveries-2026-11-23.csv');
  });
});

describe('deep links', () => {
  it('round-trips a Handinger and a Cadenya delivery through text', () => {
    for (const d of [
      delivery('exec 1/ä?&=', 'failed', { containerId: 'worker#1' }),
      delivery('dlv_1', 'succeeded', { provider: 'cadenya', containerId: 'agent_1', workspaceId: 'ws_1' }),
    ]) {
      const link = linkOf(d);
      assert.ok(link);
      const text = formatLink(link, 'vscode', EXTENSION_ID);
      assert.ok(text.startsWith(`vscode://${EXTENSION_ID}/delivery?provider=${d.provider}&`), text);
      assert.deepEqual(parseLinkText(text, EXTENSION_ID), { ok: true, link });
    }
  });

  it('has no link for a Cadenya delivery without its workspace', () => {
    assert.equal(linkOf(delivery('d', 'failed', { provider: 'cadenya' })), undefined);
  });

  it('rejects links that are incomplete, for another extension, or hostile', () => {
    const bad: [string, string][] = [
      ['/delivery', 'provider=handinger&worker=w'],
      ['/delivery', 'provider=handinger&delivery=d'],
      ['/delivery', 'provider=cadenya&agent=a&delivery=d'],
      ['/delivery', 'provider=stripe&worker=w&delivery=d'],
      ['/settings', 'provider=handinger&worker=w&delivery=d'],
      ['/delivery', `provider=handinger&worker=w&delivery=${'x'.repeat(201)}`],
      ['/delivery', 'provider=handinger&worker=w&delivery=a%E2%80%AEb'],
      ['/delivery', 'provider=handinger&worker=w%00&delivery=d'],
      ['/delivery', 'provider=handinger&worker=w&delivery=%E0%A4%A'],
    ];
    for (const [path, query] of bad) {
      const parsed = parseLink(path, query);
      assert.equal(parsed.ok, false, `${path}?${query}`);
      assert.ok(!parsed.ok && parsed.reason.length > 0);
    }
    assert.equal(parseLinkText(`vscode://other.extension/delivery?provider=handinger&worker=w&delivery=d`, EXTENSION_ID).ok, false);
    assert.equal(parseLinkText('not a link', EXTENSION_ID).ok, false);
    assert.equal(parseLink('/delivery/', 'provider=handinger&worker=w&delivery=d').ok, true, 'a trailing slash is tolerated');
  });

  it('survives the one decoding VS Code applies before a URI handler sees the query', () => {
    const d = delivery('a&b=c%d+e f', 'failed', { containerId: 'w&x' });
    const link = linkOf(d);
    assert.ok(link);
    const text = formatLink(link, 'vscode', EXTENSION_ID);
    const url = new URL(text);
    // What a URI handler receives: path and query percent-decoded once.
    assert.deepEqual(parseLink(decodeURIComponent(url.pathname), decodeURIComponent(url.search.slice(1))), { ok: true, link });
    assert.ok(text.includes('delivery=a%2526b%253Dc%2525d%252Be%2520f'), text);
    assert.ok(formatLink({ provider: 'handinger', containerId: 'wrk_1', deliveryId: 'exec_9' }, 'vscode', EXTENSION_ID).endsWith('?provider=handinger&worker=wrk_1&delivery=exec_9'));
  });
});
