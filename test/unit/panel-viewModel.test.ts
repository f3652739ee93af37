// The detail panel's view model: what a delivery looks like on screen, decided in Node.
import * as assert from 'node:assert/strict';
import type { Delivery } from '../../src/model/delivery';
import type { DetailViewModel, FieldModel, SectionModel } from '../../src/detail/protocol';
import { handlerSearchQuery, safeLink } from '../../src/detail/links';
import {
  buildViewModel,
  englishL10n,
  errorKindMessage,
  formatAbsoluteTime,
  formatBytes,
  formatLatency,
  formatRelativeTime,
  headerRows,
  httpStatus,
  isSensitiveHeader,
  panelTitle,
  visibleText,
  type Localizer,
  type ViewModelOptions,
} from '../../src/detail/viewModel';

const NOW = Date.parse('2026-11-23T12:30:00Z');
const OPTIONS: ViewModelOptions = { now: NOW, locale: 'en-US', timeZone: 'UTC' };

const HOSTILE = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '[Open settings](command:workbench.action.openSettings) ![pixel](https://attacker.example/p.png)',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)}',
];

const cadenyaDelivery: Delivery = {
  provider: 'cadenya',
  id: 'whd_01K9ZQ3D4T8M2N6P0R5S7V9X1Y',
  containerId: 'agent_01K63TW6ADAG424P8A225GYWJA',
  workspaceId: 'ws_01K5CK4WD3FTMJ8NCZ7VD70FBF',
  createdAt: '2026-11-23T12:13:45.120Z',
  time: Date.parse('2026-11-23T12:13:45.120Z'),
  outcome: 'failed',
  rawStatus: 'WEBHOOK_DELIVERY_STATUS_FAILED',
  httpStatus: 503,
  latencyMs: 1234,
  attemptCount: 3,
  lastAttemptAt: '2026-11-23T12:19:52.000Z',
  targetUrl: 'https://hooks.northwind-support.io/webhooks/cadenya?env=prod',
  webhookId: 'webhook_01K63TW6ADAG424P8A225GYWJA',
  eventType: { raw: 'OBJECTIVE_EVENT_TYPE_TOOL_ERROR', label: 'Tool error' },
  errorMessage: 'Webhook endpoint responded with 503 Service Unavailable\n    at handler (/srv/app.js:58:31)',
  responseHeaders: {
    'content-type': 'application/json',
    'set-cookie': '__cf_bm=abc; path=/; HttpOnly',
    'x-webhook-signature': 'v1,abcdef=',
    'retry-after': '30',
  },
  responseSize: 1532,
  related: { kind: 'objective', id: 'obj_01K8' },
  labels: { env: 'prod', team: 'support' },
  raw: { metadata: { id: 'whd_01K9ZQ3D4T8M2N6P0R5S7V9X1Y' }, data: { status: 'WEBHOOK_DELIVERY_STATUS_FAILED' } },
};

const handingerDelivery: Delivery = {
  provider: 'handinger',
  id: 'whe_01K9ZQ3D4T8M2N6P0R5S7V9X1Y',
  containerId: 'wrk_vk81XUHKHG-qr4',
  createdAt: '2026-11-23T10:02:11.000Z',
  time: Date.parse('2026-11-23T10:02:11.000Z'),
  outcome: 'succeeded',
  rawStatus: 'success',
  httpStatus: 202,
  latencyMs: 84,
  targetUrl: 'https://crm.northwind.io/api/handinger/webhook',
  related: { kind: 'task', id: 'tsk_01K9ZQ2', title: 'Enrich lead: Müller & Söhne GmbH' },
  raw: { id: 'whe_01K9ZQ3D4T8M2N6P0R5S7V9X1Y', requestStatus: 'success', responseStatus: 202 },
};

/** A delivery with nothing but what every record has. */
const bareDelivery: Delivery = { provider: 'cadenya', id: 'whd_bare', containerId: '', createdAt: '', time: 0, outcome: 'unknown', raw: undefined };

function section(model: DetailViewModel, id: string): SectionModel | undefined {
  return model.sections.find((candidate) => candidate.id === id);
}

function field(model: DetailViewModel, id: string): FieldModel | undefined {
  return model.sections.flatMap((candidate) => candidate.fields).find((candidate) => candidate.id === id);
}

function allText(model: DetailViewModel): string[] {
  const texts: string[] = [model.title, model.heading.subtitle, model.raw.json];
  for (const candidate of model.sections) {
    texts.push(candidate.label, ...candidate.fields.flatMap((f) => [f.label, f.value, f.detail ?? '', f.hint ?? '']));
  }
  texts.push(...model.headers.rows.flatMap((row) => [row.name, row.value]));
  if (model.error) {
    texts.push(model.error.message);
  }
  return texts;
}

describe('Header masking', function () {
  it('masks authorization, cookie and set-cookie', function () {
    for (const name of ['authorization', 'Authorization', 'proxy-authorization', 'cookie', 'Set-Cookie']) {
      assert.equal(isSensitiveHeader(name), true, name);
    }
  });

  it('masks any name containing token, secret, signature or key', function () {
    for (const name of ['x-api-key', 'X-Webhook-Signature', 'x-handinger-token', 'client-secret', 'X-Hub-Signature-256', 'x-amz-security-token', 'api_key', 'x-db-password']) {
      assert.equal(isSensitiveHeader(name), true, name);
    }
  });

  it('leaves ordinary headers readable', function () {
    for (const name of ['content-type', 'content-length', 'date', 'server', 'x-request-id', 'retry-after', 'x-ratelimit-remaining', 'x-webhook-receipt', 'keep-alive']) {
      assert.equal(isSensitiveHeader(name), false, name);
    }
  });

  it('keeps header order and values, marking the sensitive rows', function () {
    const model = buildViewModel(cadenyaDelivery, OPTIONS);
    assert.deepEqual(model.headers.rows, [
      { name: 'content-type', value: 'application/json', sensitive: false },
      { name: 'set-cookie', value: '__cf_bm=abc; path=/; HttpOnly', sensitive: true },
      { name: 'x-webhook-signature', value: 'v1,abcdef=', sensitive: true },
      { name: 'retry-after', value: '30', sensitive: false },
    ]);
  });

  it('masks with a fixed text that does not reveal the length of the secret', function () {
    const model = buildViewModel(cadenyaDelivery, OPTIONS);
    assert.equal(model.headers.maskedText, '••••••••');
    assert.equal(model.headers.revealLabel, 'Show sensitive values');
  });

  it('masks the same header values in the raw JSON until the reveal toggle', function () {
    const raw = {
      metadata: { id: 'whd_1' },
      data: { responseHeaders: { Authorization: 'Bearer sk_live_raw', 'X-Webhook-Signature': 'sig_raw', 'Content-Type': 'application/json' }, apiKeyHint: 'stays' },
    };
    const model = buildViewModel({ ...cadenyaDelivery, raw }, OPTIONS);
    for (const secret of ['sk_live_raw', 'sig_raw']) {
      assert.ok(!model.raw.json.includes(secret), `${secret} masked`);
      assert.ok(model.raw.revealedJson?.includes(secret), `${secret} after the reveal toggle`);
    }
    assert.ok(model.raw.json.includes('application/json'), 'other headers stay');
    assert.ok(model.raw.json.includes('stays'), 'fields outside headers stay');
    assert.equal(buildViewModel(handingerDelivery, OPTIONS).raw.revealedJson, undefined, 'nothing to reveal, nothing sent twice');
  });

  it('says whether headers were never recorded or the response had none', function () {
    assert.equal(buildViewModel(handingerDelivery, OPTIONS).headers.emptyText, 'No response headers were recorded.');
    assert.equal(buildViewModel({ ...cadenyaDelivery, responseHeaders: {} }, OPTIONS).headers.emptyText, 'The response had no headers.');
  });
});

describe('Hostile data', function () {
  it('keeps markup, template and markdown strings exactly as text everywhere', function () {
    for (const hostile of HOSTILE) {
      const delivery: Delivery = {
        ...cadenyaDelivery,
        errorMessage: hostile,
        eventType: { raw: hostile, label: hostile },
        webhookId: hostile,
        responseHeaders: { server: hostile, [hostile]: 'value' },
        labels: { note: hostile },
        related: { kind: 'task', id: hostile, title: hostile },
      };
      const model = buildViewModel(delivery, OPTIONS);
      assert.equal(model.error?.message, hostile);
      assert.equal(model.title, hostile);
      assert.equal(model.heading.eventType, hostile);
      assert.equal(field(model, 'webhookId')?.value, hostile);
      assert.equal(model.headers.rows.find((row) => row.name === 'server')?.value, hostile);
      assert.ok(model.headers.rows.some((row) => row.name === hostile));
      assert.equal(section(model, 'labels')?.fields[0]?.value, hostile);
      assert.equal(field(model, 'relatedTitle')?.value, hostile);
      // Not escaped either: the page sets textContent, so entities would show literally.
      assert.ok(allText(model).every((text) => !text.includes('&lt;')));
    }
  });

  it('makes control and direction-changing characters visible instead of letting them act', function () {
    assert.equal(visibleText('Invoice \u202Efdp.exe\u202C'), 'Invoice [U+202E]fdp.exe[U+202C]');
    assert.equal(visibleText('\u001b[31mred\u001b[0m bell\u0007'), '[U+001B][31mred[U+001B][0m bell[U+0007]');
    assert.equal(visibleText('zero\u200bwidth\ufeff'), 'zero[U+200B]width[U+FEFF]');
    assert.equal(visibleText('line 1\r\n\tline 2'), 'line 1\n\tline 2');
    const model = buildViewModel({ ...cadenyaDelivery, errorMessage: 'a\u202Eb', responseHeaders: { server: 'x\u0000y' } }, OPTIONS);
    assert.equal(model.error?.message, 'a[U+202E]b');
    assert.equal(model.headers.rows[0]?.value, 'x[U+0000]y');
  });

  it('keeps the full error message, multi-line, however long', function () {
    const long = `${'TypeError: boom\n    at frame (/srv/app.js:1:1)\n'.repeat(400)}end`;
    assert.equal(buildViewModel({ ...cadenyaDelivery, errorMessage: long }, OPTIONS).error?.message, long);
  });

  it('keeps unicode and right-to-left text as it is', function () {
    const title = 'تحديث حالة الطلب #48213 · 注文 #48213 の配送状況を確認 📦';
    const model = buildViewModel({ ...handingerDelivery, related: { kind: 'task', id: 't', title } }, OPTIONS);
    assert.equal(model.title, title);
  });
});

describe('Links', function () {
  it('turns only absolute http: and https: URLs into links', function () {
    assert.equal(safeLink('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(safeLink('http://127.0.0.1:8080/hook'), 'http://127.0.0.1:8080/hook');
    assert.equal(safeLink('  HTTPS://Example.com/x  '), 'https://example.com/x');
    for (const url of [
      'javascript:alert(document.domain)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'command:workbench.action.terminal.new',
      'vscode://settings',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative/path',
      'https://exa\u202Emple.com',
      'https://',
      '',
      undefined,
    ]) {
      assert.equal(safeLink(url), undefined, String(url));
    }
  });

  it('offers "Open in dashboard" only on the provider’s own hosts or the configured base URL’s host', function () {
    const withUrl = (url: string, baseUrl?: string) =>
      buildViewModel(handingerDelivery, { ...OPTIONS, baseUrl, related: { kind: 'task', id: 'tsk_1', url }, relatedState: 'loaded' });
    for (const url of ['https://handinger.com/t/1', 'https://v3.handinger.com/t/1']) {
      assert.equal(section(withUrl(url), 'related')?.link?.url, url, url);
    }
    assert.equal(section(withUrl('http://127.0.0.1:4010/t/1', 'http://127.0.0.1:4010'), 'related')?.link?.url, 'http://127.0.0.1:4010/t/1');
    for (const url of ['https://evil.example/t/1', 'https://handinger.com.evil.example/t/1', 'https://evilhandinger.com/t/1', 'https://cadenya.com/t/1', 'http://127.0.0.1:4011/x']) {
      const model = withUrl(url, 'https://self.hosted.example');
      assert.equal(section(model, 'related')?.link, undefined, url);
      assert.equal(field(model, 'relatedUrl')?.value, url, `${url} shown as text`);
      assert.equal(field(model, 'relatedUrl')?.link, undefined, url);
      assert.deepEqual(section(model, 'related')?.copy, { label: 'Copy dashboard URL', what: 'relatedUrl' }, `${url} can be copied`);
    }
    assert.equal(section(withUrl('https://handinger.com/t/1'), 'related')?.copy, undefined, 'a dashboard link needs no copy button');
  });

  it('shows a javascript: target URL as plain text, never as a link', function () {
    const model = buildViewModel({ ...cadenyaDelivery, targetUrl: 'javascript:alert(document.domain)' }, OPTIONS);
    const url = field(model, 'url');
    assert.equal(url?.value, 'javascript:alert(document.domain)');
    assert.equal(url?.link, undefined);
    assert.equal(url?.detail, 'not a web address; shown as text');
    assert.equal(model.actions.find((action) => action.id === 'searchHandler')?.enabled, false);
    assert.equal(model.actions.find((action) => action.id === 'copyUrl')?.enabled, true);
  });

  it('links an https target URL and offers "Open in dashboard" only for an http(s) dashboard URL', function () {
    const model = buildViewModel(handingerDelivery, {
      ...OPTIONS,
      related: { kind: 'task', id: 'tsk_1', title: 'Enrich lead', status: 'completed', url: 'https://handinger.com/workers/w/tasks/tsk_1' },
      relatedState: 'loaded',
    });
    assert.equal(field(model, 'url')?.link, 'https://crm.northwind.io/api/handinger/webhook');
    assert.deepEqual(section(model, 'related')?.link, { label: 'Open in dashboard', url: 'https://handinger.com/workers/w/tasks/tsk_1' });

    const hostile = buildViewModel(handingerDelivery, {
      ...OPTIONS,
      related: { kind: 'task', id: 'tsk_1', url: 'javascript:alert(1)' },
      relatedState: 'loaded',
    });
    assert.equal(section(hostile, 'related')?.link, undefined);
    assert.equal(field(hostile, 'relatedUrl')?.value, 'javascript:alert(1)');
    assert.equal(field(hostile, 'relatedUrl')?.link, undefined);
  });

  it('searches the workspace for the path of the target URL', function () {
    assert.equal(handlerSearchQuery('https://api.acme-shop.dev/webhooks/handinger'), '/webhooks/handinger');
    assert.equal(handlerSearchQuery('https://api.acme-shop.dev/v1/hooks/handinger?env=prod#x'), '/v1/hooks/handinger');
    assert.equal(handlerSearchQuery('https://hooks.zapier.com/hooks/catch/1234567/abcde9/'), '/hooks/catch/1234567/abcde9');
    assert.equal(handlerSearchQuery('https://example.com/caf%C3%A9/hook'), '/café/hook');
    assert.equal(handlerSearchQuery('https://example.com/'), undefined);
    assert.equal(handlerSearchQuery('https://example.com'), undefined);
    assert.equal(handlerSearchQuery('javascript:alert(document.domain)'), undefined);
    assert.equal(handlerSearchQuery(undefined), undefined);
  });
});

describe('Times and numbers in the user locale', function () {
  const time = Date.parse('2026-11-23T12:13:45Z');

  it('formats absolute times with the locale and zone', function () {
    assert.equal(formatAbsoluteTime(time, 'en-US', 'UTC'), 'Nov 23, 2026, 12:13:45 PM');
    assert.equal(formatAbsoluteTime(time, 'de-DE', 'UTC'), '23.11.2026, 12:13:45');
    assert.equal(formatAbsoluteTime(time, 'ja', 'Asia/Tokyo'), '2026/11/23 21:13:45');
    assert.equal(formatAbsoluteTime(0, 'en-US', 'UTC'), '');
  });

  it('falls back to English for a language tag Intl cannot use', function () {
    assert.equal(formatAbsoluteTime(time, 'not a locale!', 'UTC'), 'Nov 23, 2026, 12:13:45 PM');
    assert.equal(formatAbsoluteTime(time, 'en-US', 'Not/AZone'), formatAbsoluteTime(time, 'en-US'));
  });

  it('formats relative times with the locale', function () {
    assert.equal(formatRelativeTime(time, NOW, 'en'), '16 minutes ago');
    assert.equal(formatRelativeTime(NOW - 2_000, NOW, 'en'), '2 seconds ago');
    assert.equal(formatRelativeTime(NOW, NOW, 'en'), 'now');
    assert.equal(formatRelativeTime(NOW - 26 * 3600_000, NOW, 'en'), 'yesterday');
    assert.equal(formatRelativeTime(NOW - 3 * 86400_000, NOW, 'de'), 'vor 3 Tagen');
    assert.equal(formatRelativeTime(NOW + 3 * 3600_000, NOW, 'en'), 'in 3 hours');
    assert.equal(formatRelativeTime(0, NOW, 'en'), '');
  });

  it('formats latency and sizes', function () {
    assert.equal(formatLatency(84, 'en'), '84 ms');
    assert.equal(formatLatency(1234, 'en'), '1.23 sec');
    assert.equal(formatLatency(30_040, 'en'), '30 sec');
    assert.equal(formatLatency(1234, 'de'), '1,23 Sek.');
    assert.equal(formatLatency(undefined, 'en'), '');
    assert.equal(formatLatency(-1, 'en'), '');
    assert.equal(formatBytes(512, 'en'), '512 bytes');
    assert.equal(formatBytes(1, 'en'), '1 byte');
    assert.equal(formatBytes(512, 'de'), '512 Byte');
    assert.equal(formatBytes(1532, 'en'), '1.5 kB');
    assert.equal(formatBytes(3_400_000, 'en'), '3.4 MB');
    assert.equal(formatBytes(undefined, 'en'), '');
  });

  it('shows created and last attempt times with absolute, relative and the ISO value as sent', function () {
    const model = buildViewModel(cadenyaDelivery, OPTIONS);
    assert.deepEqual(field(model, 'created'), {
      id: 'created',
      label: 'Created',
      value: 'Nov 23, 2026, 12:13:45 PM',
      detail: '16 minutes ago',
      hint: '2026-11-23T12:13:45.120Z',
    });
    assert.equal(field(model, 'lastAttempt')?.value, 'Nov 23, 2026, 12:19:52 PM');
    assert.equal(field(model, 'latency')?.value, '1.23 sec');
    assert.equal(field(model, 'attempts')?.value, '3');
    assert.equal(field(model, 'size')?.value, '1.5 kB');
    assert.equal(field(model, 'size')?.hint, '1,532 bytes');
    assert.equal(buildViewModel(cadenyaDelivery, { ...OPTIONS, locale: 'de-DE' }).lang, 'de-DE');
  });

  it('shows an unparsable time as sent rather than hiding it', function () {
    const model = buildViewModel({ ...cadenyaDelivery, createdAt: 'yesterday-ish', time: 0 }, OPTIONS);
    assert.equal(field(model, 'created')?.value, 'yesterday-ish');
  });
});

describe('The summary header', function () {
  it('shows outcome, HTTP status with its reason phrase, and the event type', function () {
    const model = buildViewModel(cadenyaDelivery, OPTIONS);
    assert.deepEqual(model.heading.outcome, { kind: 'failed', label: 'Failed', hint: 'WEBHOOK_DELIVERY_STATUS_FAILED' });
    assert.deepEqual(model.heading.status, { text: 'HTTP 503 Service Unavailable', tone: 'error' });
    assert.equal(model.title, 'Tool error');
    assert.equal(model.heading.eventType, 'OBJECTIVE_EVENT_TYPE_TOOL_ERROR');
    assert.equal(model.heading.subtitle, 'Cadenya · whd_01K9ZQ3D4T8M2N6P0R5S7V9X1Y');
    assert.equal(panelTitle(model), 'Failed: Tool error');
  });

  it('describes status codes by class, and a missing one as "No response"', function () {
    assert.deepEqual(httpStatus(200), { text: 'HTTP 200 OK', tone: 'success' });
    assert.deepEqual(httpStatus(302), { text: 'HTTP 302 Found', tone: 'neutral' });
    assert.deepEqual(httpStatus(418), { text: 'HTTP 418', tone: 'error' });
    assert.deepEqual(httpStatus(undefined), { text: 'No response', tone: 'neutral' });
  });

  it('uses the task title when there is no event type', function () {
    const model = buildViewModel(handingerDelivery, OPTIONS);
    assert.equal(model.title, 'Enrich lead: Müller & Söhne GmbH');
    assert.equal(model.heading.eventType, undefined);
    assert.equal(model.heading.outcome.label, 'Succeeded');
  });

  it('keeps panel titles short and on one line', function () {
    const model = buildViewModel({ ...handingerDelivery, related: { kind: 'task', id: 't', title: `Line one\nline two ${'x'.repeat(100)}` } }, OPTIONS);
    const title = panelTitle(model);
    assert.equal(title.length, 48);
    assert.ok(title.startsWith('Succeeded: Line one line two'));
    assert.ok(title.endsWith('…'));
  });
});

describe('Both providers', function () {
  it('Cadenya: agent, workspace, webhook id, objective, labels', function () {
    const model = buildViewModel(cadenyaDelivery, OPTIONS);
    assert.deepEqual(
      model.sections.map((candidate) => candidate.id),
      ['timing', 'target', 'response', 'related', 'labels'],
    );
    assert.equal(field(model, 'container')?.label, 'Agent');
    assert.equal(field(model, 'workspace')?.value, 'ws_01K5CK4WD3FTMJ8NCZ7VD70FBF');
    assert.equal(field(model, 'webhookId')?.value, 'webhook_01K63TW6ADAG424P8A225GYWJA');
    assert.equal(section(model, 'related')?.label, 'Related objective');
    assert.deepEqual(
      section(model, 'labels')?.fields.map((f) => [f.label, f.value]),
      [
        ['env', 'prod'],
        ['team', 'support'],
      ],
    );
  });

  it('Handinger: worker and task, no headers, size or attempts', function () {
    const model = buildViewModel(handingerDelivery, OPTIONS);
    assert.equal(field(model, 'container')?.label, 'Worker');
    assert.equal(field(model, 'container')?.value, 'wrk_vk81XUHKHG-qr4');
    assert.equal(section(model, 'related')?.label, 'Related task');
    assert.equal(field(model, 'relatedTitle')?.value, 'Enrich lead: Müller & Söhne GmbH');
    assert.equal(field(model, 'attempts'), undefined);
    assert.equal(field(model, 'size'), undefined);
    assert.equal(field(model, 'workspace'), undefined);
    assert.equal(model.headers.rows.length, 0);
    assert.equal(section(model, 'labels'), undefined);
  });

  it('shows the related record loading, loaded and failed', function () {
    const loading = buildViewModel(cadenyaDelivery, { ...OPTIONS, relatedState: 'loading' });
    assert.equal(section(loading, 'related')?.note, 'Loading details…');
    const loaded = buildViewModel(cadenyaDelivery, {
      ...OPTIONS,
      relatedState: 'loaded',
      related: { kind: 'objective', id: 'obj_01K8', title: 'Triage ticket #48213', status: 'failed' },
    });
    assert.equal(section(loaded, 'related')?.note, undefined);
    assert.equal(field(loaded, 'relatedStatus')?.value, 'failed');
    assert.equal(field(loaded, 'relatedTitle')?.value, 'Triage ticket #48213');
    const failed = buildViewModel(cadenyaDelivery, { ...OPTIONS, relatedState: 'failed', relatedError: errorKindMessage('forbidden') });
    assert.equal(section(failed, 'related')?.note, 'Could not load the details: The API key has no access to this delivery.');
    assert.equal(field(failed, 'relatedId')?.value, 'obj_01K8');
  });
});

describe('Missing fields', function () {
  it('renders a delivery with only id, provider and outcome', function () {
    const model = buildViewModel(bareDelivery, OPTIONS);
    assert.equal(model.deliveryId, 'whd_bare');
    assert.equal(model.title, 'Webhook delivery');
    assert.deepEqual(model.heading.status, { text: 'No response', tone: 'neutral' });
    assert.deepEqual(model.heading.outcome, { kind: 'unknown', label: 'Unknown', hint: undefined });
    assert.equal(model.error, undefined);
    assert.deepEqual(
      model.sections.map((candidate) => candidate.id),
      ['target', 'response'],
    );
    assert.deepEqual(
      model.sections.flatMap((candidate) => candidate.fields.map((f) => f.id)),
      ['deliveryId', 'httpStatus'],
    );
    assert.equal(model.headers.rows.length, 0);
    assert.equal(model.raw.json, 'null');
  });

  it('disables copy URL and handler search without a target URL, and copy link without a workspace, keeps the rest', function () {
    const model = buildViewModel(bareDelivery, OPTIONS);
    assert.deepEqual(
      model.actions.map((action) => [action.id, action.enabled]),
      [
        ['refresh', true],
        ['copyJson', true],
        ['openJson', true],
        ['copyId', true],
        ['copyUrl', false],
        ['copyLink', false],
        ['searchHandler', false],
      ],
    );
  });

  it('drops header and label values that are not strings', function () {
    const odd = { a: 'x', b: 5, c: null } as unknown as Record<string, string>;
    assert.deepEqual(headerRows(odd), [{ name: 'a', value: 'x', sensitive: false }]);
  });
});

describe('Raw JSON and strings', function () {
  it('shows the record as received, pretty-printed', function () {
    const model = buildViewModel(cadenyaDelivery, OPTIONS);
    assert.equal(model.raw.json, JSON.stringify(cadenyaDelivery.raw, null, 2));
  });

  it('takes every user-facing string from the localizer', function () {
    const marked: Localizer = { t: (message, ...args) => `«${englishL10n.t(message, ...args)}»` };
    const model = buildViewModel(cadenyaDelivery, { ...OPTIONS, l10n: marked });
    const labels = [
      model.heading.outcome.label,
      model.actionsLabel,
      model.error?.label ?? '',
      model.headers.label,
      model.headers.nameLabel,
      model.headers.valueLabel,
      model.headers.revealLabel,
      model.headers.maskedLabel,
      model.raw.label,
      ...Object.values(model.strings),
      ...model.actions.map((action) => action.label),
      ...model.sections.filter((candidate) => candidate.id !== 'labels').flatMap((candidate) => [candidate.label, ...candidate.fields.map((f) => f.label)]),
    ];
    for (const label of labels) {
      assert.match(label, /^«.*»$/s, label);
    }
  });

  it('localises every error kind', function () {
    for (const kind of ['unauthorized', 'forbidden', 'notFound', 'rateLimited', 'server', 'network', 'timeout', 'malformed', 'invalidBaseUrl', 'cancelled'] as const) {
      assert.ok(errorKindMessage(kind).length > 10, kind);
    }
  });
});
