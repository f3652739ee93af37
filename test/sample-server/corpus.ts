// Text the dataset generator draws from: task and objective titles, endpoint hosts,
// failure messages in the style each platform produces, response-header values, and the
// hostile strings used by security tests.
//
// Only HOSTILE_* values contain markup, script URLs or control characters; everything else
// is plain text (with unicode on purpose), so a test can assert that hostile strings appear
// in the dedicated hostile worker/agent and nowhere else.

import type { Random } from './random';

/** Fills `{n}` (order-like number), `{w}` (week), `{s}` (score) and `{company}`. */
export function fillTemplate(template: string, random: Random): string {
  if (!template.includes('{')) {
    return template;
  }
  return template
    .replace(/\{n\}/g, () => String(random.int(10_000, 99_999)))
    .replace(/\{w\}/g, () => String(random.int(1, 52)))
    .replace(/\{s\}/g, () => String(random.int(61, 99)))
    .replace(/\{company\}/g, () => random.pick(COMPANIES));
}

export const COMPANIES = [
  'Globex',
  'Initech',
  'Umbrella Labs',
  'Stark Logistics',
  'Tyrell Biotech',
  'Müller & Söhne GmbH',
  'Société Générale des Eaux',
  'Café Ñandú',
  '株式会社サクラ',
  'Hooli',
] as const;

/** Order-sync worker: mixes scripts (Latin with accents, CJK, Arabic and Hebrew RTL) and emoji. */
export const ORDER_TASK_TITLES = [
  'Sync order #{n} to NetSuite',
  'Sync order #{n} to NetSuite',
  'Sync order #{n} to NetSuite',
  'Refund request for order #{n}',
  'Daily inventory reconciliation',
  '📦 Restock alert: SKU-{n}',
  'Résumé des ventes — semaine {w}',
  'Übersicht Lieferverzögerungen KW {w}',
  '注文 #{n} の配送状況を確認',
  '处理退货申请 #{n}',
  'تحديث حالة الطلب #{n}',
  'עדכון סטטוס הזמנה #{n}',
  'Customer asked: "Where is my parcel?" (order #{n})',
  'Fraud review 🚩 order #{n} — score {s}',
] as const;

export const LEAD_TASK_TITLES = [
  'Enrich lead: {company}',
  'Qualify inbound demo request from {company}',
  'Find decision makers at {company}',
  'Prüfe Firmendaten: {company}',
  'Señal de compra detectada en {company} 💡',
] as const;

export const AUDIT_TASK_TITLES = ['Weekly SEO audit for acme-shop.dev', 'Broken-link sweep — docs.acme-shop.dev'] as const;

/** Ledger-posting worker (the 30-day archive): bookkeeping chores, a few non-English ones. */
export const LEDGER_TASK_TITLES = [
  'Post invoice INV-{n} to the general ledger',
  'Post invoice INV-{n} to the general ledger',
  'Post payout batch #{n} to the general ledger',
  'Reconcile Stripe payouts for week {w}',
  'Accrue unbilled shipping for week {w}',
  'Book credit note CN-{n} for {company}',
  'Écriture de TVA — semaine {w}',
  'Buchung Eingangsrechnung RE-{n} ({company})',
] as const;

/** Objective opening messages per agent "domain" (Cadenya objectives have no title field). */
export const SUPPORT_OBJECTIVES = [
  'Triage ticket #{n}: customer cannot reset password',
  'Triage ticket #{n}: "charged twice for the same order"',
  'Triage ticket #{n}: Lieferung beschädigt angekommen',
  'Triage ticket #{n}: 返金について問い合わせ',
  'Triage ticket #{n}: شكوى بخصوص التأخير',
  'Summarise the weekend backlog for the on-call lead 🧯',
  'Draft a reply to {company} about the SSO outage',
] as const;

export const INVOICE_OBJECTIVES = [
  'Reconcile invoice INV-{n} against the purchase order',
  'Match {company} payments for week {w}',
  'Flag duplicate invoices from {company}',
  'Rapprocher la facture FAC-{n} — écart de 12,40 €',
] as const;

export const RELEASE_OBJECTIVES = [
  'Write release notes for v2.{w}.0',
  'Summarise merged PRs since v2.{w}.0 for the changelog',
] as const;

export const RESEARCH_OBJECTIVES = [
  'Summarise arXiv:24{w}.{n} for the reading group',
  'Compare retrieval baselines in the last {w} papers',
  'Extract the evaluation tables from "Attention Is All You Need" ✍️',
  'Clean up duplicated rows in the customers_2024 table',
] as const;

/** Ledger archiver objectives (the 30-day archive agent). */
export const LEDGER_OBJECTIVES = [
  'Archive journal entries for week {w} to cold storage',
  'Archive closed invoices from {company}',
  'Verify ledger export #{n} against the bank statement',
  'Prune draft entries older than {w} weeks',
] as const;

export const ASSISTANT_REPLIES = [
  'I found the relevant order and the refund has been issued.',
  'The ticket is a duplicate of an existing incident; linked and closed.',
  'Escalated to a human: the customer asked for a manager.',
  'Done. Summary posted to #support-triage.',
  'He revisado el pedido: llegará el jueves.',
] as const;

export const TOOL_NAMES = ['zendesk.get_ticket', 'stripe.refund', 'search_docs', 'slack.post_message', 'sql.query', 'http.fetch'] as const;

// ---------------------------------------------------------------- HTTP details

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const SERVER_HEADERS = ['nginx/1.25.3', 'cloudflare', 'Vercel', 'gunicorn', 'envoy', 'Kestrel', 'Caddy'] as const;

// ---------------------------------------------------------------- Handinger failures

/** Node-style network failures: no HTTP status. `{host}` is the endpoint's host. */
export const HANDINGER_NETWORK_ERRORS = [
  'timeout of 30000ms exceeded',
  'timeout of 30000ms exceeded',
  'connect ECONNREFUSED 10.0.0.12:443',
  'read ECONNRESET',
  'socket hang up',
  'certificate has expired',
  'unable to verify the first certificate',
] as const;

export const HANDINGER_RESPONSE_BODIES = [
  '{"error":"missing field \\"orderId\\""}',
  '{"message":"Invalid signature"}',
  'Service Unavailable',
  '{"errors":[{"code":"conflict","detail":"order already synced"}]}',
] as const;

/** A long, multi-line failure: the endpoint's own stack trace echoed back. */
export const HANDINGER_STACK_TRACE = [
  'Webhook endpoint responded with 500 Internal Server Error',
  'Response body (first 1 KB):',
  "TypeError: Cannot read properties of undefined (reading 'lineItems')",
  '    at mapOrder (/srv/acme-shop/dist/webhooks/handinger.js:58:31)',
  '    at Array.map (native)',
  '    at handleHandingerWebhook (/srv/acme-shop/dist/webhooks/handinger.js:22:40)',
  '    at Layer.handle [as handle_request] (/srv/acme-shop/node_modules/express/lib/router/layer.js:95:5)',
  '    at next (/srv/acme-shop/node_modules/express/lib/router/route.js:149:13)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

// ---------------------------------------------------------------- Cadenya failures

/** Go net/http-style failures; `{url}` is the endpoint URL. No HTTP status. */
export const CADENYA_NETWORK_ERRORS = [
  'Post "{url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  'Post "{url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  'Post "{url}": dial tcp 10.0.0.12:443: connect: connection refused',
  'Post "{url}": tls: failed to verify certificate: x509: certificate has expired or is not yet valid',
  'Post "{url}": read tcp 10.20.3.4:52814->34.117.59.81:443: read: connection reset by peer',
  'Post "{url}": EOF',
] as const;

/** Messages for a non-2xx answer; `{status}` is the HTTP status. Some are unicode. */
export const CADENYA_STATUS_ERRORS = [
  'unexpected status code {status} from webhook endpoint',
  'unexpected status code {status} from webhook endpoint',
  'unexpected status code {status} from webhook endpoint',
  'Ziel-Endpunkt antwortete mit {status}: Dienst vorübergehend nicht verfügbar ⚠️',
  'エンドポイントがエラーを返しました (HTTP {status})',
  'el endpoint rechazó la firma «webhook-signature» ({status}) ❌',
] as const;

export const CADENYA_TRACEBACK = [
  'unexpected status code 500 from webhook endpoint; response body (truncated to 1 KiB):',
  'Traceback (most recent call last):',
  '  File "/srv/app/hooks/views.py", line 88, in receive',
  '    payload = verify_and_parse(request)',
  '  File "/srv/app/hooks/signing.py", line 41, in verify_and_parse',
  '    raise SignatureMismatch(expected, received)',
  'hooks.signing.SignatureMismatch: expected v1,Zm9vYmFyYmF6 got v1,cXV4cXV1eA==',
].join('\n');

export const CADENYA_DISABLED_MESSAGE = 'webhook disabled after 25 consecutive failed deliveries; re-enable it in the agent settings';

// ---------------------------------------------------------------- hostile inputs

/** Strings that must be rendered as inert text; used only by the hostile worker and agent. */
export const HOSTILE_STRINGS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '[Open settings](command:workbench.action.openSettings) ![pixel](https://attacker.example/p.png)',
  'Invoice \u202Efdp.exe\u202C (right-to-left override)',
  '\u001b[31mred ANSI text\u001b[0m and a bell\u0007',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)}',
] as const;

export const HOSTILE_URL = 'javascript:alert(document.domain)';

export const HOSTILE_TITLE = '<h1>Quarterly report</h1><script>alert("title")</script>';

export const HOSTILE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  server: '<script>alert("server")</script>',
  'x-request-id': '"><img src=x onerror=alert(document.cookie)>',
  'set-cookie': 'session=<script>alert(1)</script>; Path=/',
  'x-debug': '[click me](command:workbench.action.terminal.new)',
};
