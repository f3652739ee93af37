// Builds what the detail page shows from a Delivery: labels, formatted values, header rows,
// links. Pure (no vscode import): every formatting decision is unit-tested in Node. Strings
// go through the `l10n` passed in, which is `vscode.l10n` in the extension; the calls are
// written `l10n.t('…')` so that `@vscode/l10n-dev export` finds them.
import { linkOf } from '../model/deliveryLink';
import { visibleText } from '../model/text';
import type { Delivery } from '../model/delivery';
import type { ErrorKind } from '../model/errors';
import type {
  ActionModel,
  DetailViewModel,
  FieldModel,
  HeaderRowModel,
  RelatedSummary,
  SectionModel,
  Tone,
} from './protocol';
import { dashboardLink, handlerSearchQuery, safeLink } from './links';
import type { Localizer } from './labels';
import { englishL10n, outcomeLabel, providerName, rawJson, shortText } from './labels';

export type { Localizer } from './labels';
export { englishL10n, outcomeLabel, providerName, rawJson, shortText } from './labels';

export type RelatedState = 'loading' | 'loaded' | 'failed';

export interface ViewModelOptions {
  /** Epoch ms the relative times are measured from. */
  readonly now: number;
  /** BCP 47 tag, e.g. `vscode.env.language`. Unknown tags fall back to English. */
  readonly locale: string;
  /** IANA zone for absolute times; the host's zone when absent (tests pin it). */
  readonly timeZone?: string;
  readonly l10n?: Localizer;
  /** The loaded task or objective; `delivery.related` is used until it arrives. */
  readonly related?: RelatedSummary;
  readonly relatedState?: RelatedState;
  /** Why loading the related record failed (already localised). */
  readonly relatedError?: string;
  /** The configured base URL of the delivery's account: its host may serve the dashboard too. */
  readonly baseUrl?: string;
  /** The account's name, when its provider has several (user text). */
  readonly accountName?: string;
}

// ---------------------------------------------------------------- text safety

export { visibleText } from '../model/text';
// shortText, with the outcome labels, provider names and rawJson: see ./labels.

// ---------------------------------------------------------------- headers

const SENSITIVE_HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const SENSITIVE_HEADER_PARTS = ['token', 'secret', 'signature', 'key', 'password', 'credential'];

/**
 * Whether a response header may carry a credential: authorization, cookie and set-cookie,
 * and any name containing token, secret, signature, key, password or credential
 * (x-api-key, x-webhook-signature, client-secret, x-handinger-token…). Case-insensitive.
 */
export function isSensitiveHeader(name: string): boolean {
  const normalized = name.trim().toLowerCase();
  return SENSITIVE_HEADER_NAMES.has(normalized) || SENSITIVE_HEADER_PARTS.some((part) => normalized.includes(part));
}

export function headerRows(headers: Readonly<Record<string, string>> | undefined): HeaderRowModel[] {
  if (!headers) {
    return [];
  }
  return Object.entries(headers)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ({ name: visibleText(name), value: visibleText(value), sensitive: isSensitiveHeader(name) }));
}

// ---------------------------------------------------------------- numbers and times

/** The locale if Intl knows it, else English; a bad tag never throws later. */
export function usableLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** "Nov 23, 2026, 12:13:45 PM" in the locale; '' for a missing or unparsable time. */
export function formatAbsoluteTime(time: number, locale: string, timeZone?: string): string {
  if (!Number.isFinite(time) || time <= 0) {
    return '';
  }
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };
  try {
    return new Intl.DateTimeFormat(usableLocale(locale), { ...options, timeZone }).format(time);
  } catch {
    return new Intl.DateTimeFormat(usableLocale(locale), options).format(time);
  }
}

const RELATIVE_UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "5 minutes ago", "yesterday", "in 3 hours" in the locale; '' for a missing time. */
export function formatRelativeTime(time: number, now: number, locale: string): string {
  if (!Number.isFinite(time) || time <= 0) {
    return '';
  }
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat(usableLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return '';
}

function formatUnit(value: number, unit: string, locale: string, fractionDigits: number, unitDisplay: 'short' | 'long' = 'short'): string {
  return new Intl.NumberFormat(usableLocale(locale), {
    style: 'unit',
    unit,
    unitDisplay,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** "84 ms", "1.5 s", "30 s"; '' when absent or negative. */
export function formatLatency(ms: number | undefined, locale: string): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '';
  }
  if (ms < 1000) {
    return formatUnit(Math.round(ms), 'millisecond', locale, 0);
  }
  const seconds = ms / 1000;
  return formatUnit(seconds, 'second', locale, seconds < 10 ? 2 : seconds < 100 ? 1 : 0);
}

/** "512 bytes", "1.2 kB", "3.4 MB" (decimal units); '' when absent or negative. */
export function formatBytes(bytes: number | undefined, locale: string): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
    return '';
  }
  if (bytes < 1000) {
    // The short form ("512 byte") reads like a typo in English; the long one is still short.
    return formatUnit(bytes, 'byte', locale, 0, 'long');
  }
  if (bytes < 1_000_000) {
    return formatUnit(bytes / 1000, 'kilobyte', locale, 1);
  }
  if (bytes < 1_000_000_000) {
    return formatUnit(bytes / 1_000_000, 'megabyte', locale, 1);
  }
  return formatUnit(bytes / 1_000_000_000, 'gigabyte', locale, 1);
}

export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(usableLocale(locale)).format(count);
}

// ---------------------------------------------------------------- HTTP status

// Protocol tokens from RFC 9110, not prose: shown as sent on the wire, untranslated.
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function httpStatus(status: number | undefined, l10n: Localizer = englishL10n): { text: string; tone: Tone } {
  if (status === undefined) {
    return { text: l10n.t('No response'), tone: 'neutral' };
  }
  const reason = REASON_PHRASES[status];
  const text = reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
  const tone: Tone = status >= 200 && status < 300 ? 'success' : status >= 400 ? 'error' : 'neutral';
  return { text, tone };
}

// ---------------------------------------------------------------- labels

// outcomeLabel and providerName: see ./labels.

/** A sentence for an error kind, localised; the provider's English message is the fallback detail. */
export function errorKindMessage(kind: ErrorKind, l10n: Localizer = englishL10n): string {
  switch (kind) {
    case 'unauthorized':
      return l10n.t('The API key is missing or was rejected. Set a valid key.');
    case 'forbidden':
      return l10n.t('The API key has no access to this delivery.');
    case 'notFound':
      return l10n.t('This delivery can no longer be found.');
    case 'rateLimited':
      return l10n.t('Too many requests. Wait, then try again.');
    case 'server':
      return l10n.t('The server failed to answer the request. Try again later.');
    case 'network':
      return l10n.t('Could not reach the server. Check the connection and the base URL.');
    case 'timeout':
      return l10n.t('The server took too long to answer. Try again.');
    case 'malformed':
      return l10n.t('The server sent a response this extension cannot read.');
    case 'invalidBaseUrl':
      return l10n.t('The base URL must use https:, or http: to a loopback address.');
    case 'cancelled':
      return l10n.t('The request was cancelled.');
  }
}

// ---------------------------------------------------------------- the model

function field(
  id: string,
  label: string,
  value: string | undefined,
  extra: Partial<Omit<FieldModel, 'id' | 'label' | 'value'>> = {},
): FieldModel[] {
  if (value === undefined || value === '') {
    return [];
  }
  const result: FieldModel = { id, label, value: visibleText(value), ...extra };
  return [result];
}

function timeField(id: string, label: string, iso: string | undefined, options: Context): FieldModel[] {
  if (!iso) {
    return [];
  }
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) {
    // Unparsable: show what the API sent rather than nothing.
    return field(id, label, iso, { monospace: true });
  }
  return field(id, label, formatAbsoluteTime(time, options.locale, options.timeZone), {
    detail: formatRelativeTime(time, options.now, options.locale),
    hint: visibleText(iso),
  });
}

/** A URL field: a link when http(s), otherwise plain text marked as such. */
function urlField(id: string, label: string, url: string | undefined, l10n: Localizer): FieldModel[] {
  if (url === undefined || url === '') {
    return [];
  }
  const link = safeLink(url);
  return link === undefined
    ? field(id, label, url, { monospace: true, detail: l10n.t('not a web address; shown as text') })
    : field(id, label, url, { monospace: true, link, hint: l10n.t('Open {0}', link) });
}

interface Context {
  readonly accountName?: string;
  readonly now: number;
  readonly locale: string;
  readonly timeZone?: string;
  readonly l10n: Localizer;
}

function timingSection(delivery: Delivery, context: Context): SectionModel {
  const { l10n, locale } = context;
  return {
    id: 'timing',
    label: l10n.t('Timing'),
    fields: [
      ...timeField('created', l10n.t('Created'), delivery.createdAt, context),
      ...field('latency', l10n.t('Latency'), formatLatency(delivery.latencyMs, locale)),
      ...field('attempts', l10n.t('Attempts'), delivery.attemptCount === undefined ? undefined : formatCount(delivery.attemptCount, locale)),
      ...(delivery.lastAttemptAt !== undefined && delivery.lastAttemptAt !== delivery.createdAt
        ? timeField('lastAttempt', l10n.t('Last attempt'), delivery.lastAttemptAt, context)
        : []),
    ],
  };
}

function targetSection(delivery: Delivery, context: Context): SectionModel {
  const { l10n } = context;
  const containerLabel = delivery.provider === 'handinger' ? l10n.t('Worker') : l10n.t('Agent');
  return {
    id: 'target',
    label: l10n.t('Target'),
    fields: [
      ...urlField('url', l10n.t('URL'), delivery.targetUrl, l10n),
      ...field('webhookId', l10n.t('Webhook ID'), delivery.webhookId, { monospace: true }),
      ...field('deliveryId', l10n.t('Delivery ID'), delivery.id, { monospace: true }),
      ...field('account', l10n.t('Account'), context.accountName),
      ...field('container', containerLabel, delivery.containerId, { monospace: true }),
      ...field('workspace', l10n.t('Workspace'), delivery.workspaceId, { monospace: true }),
    ],
  };
}

function responseSection(delivery: Delivery, context: Context): SectionModel {
  const { l10n, locale } = context;
  const status = httpStatus(delivery.httpStatus, l10n);
  const size = formatBytes(delivery.responseSize, locale);
  return {
    id: 'response',
    label: l10n.t('Response'),
    fields: [
      ...field('httpStatus', l10n.t('Status'), status.text),
      ...field('size', l10n.t('Size'), size, {
        hint: delivery.responseSize === undefined ? undefined : l10n.t('{0} bytes', formatCount(delivery.responseSize, locale)),
      }),
    ],
  };
}

function relatedSection(
  delivery: Delivery,
  options: ViewModelOptions,
  context: Context,
): SectionModel | undefined {
  const { l10n } = context;
  const related = options.related ?? delivery.related;
  if (!related) {
    return undefined;
  }
  const loaded = options.related;
  const url = dashboardLink(loaded?.url, delivery.provider, options.baseUrl);
  let note: string | undefined;
  if (options.relatedState === 'loading') {
    note = l10n.t('Loading details…');
  } else if (options.relatedState === 'failed') {
    note = options.relatedError
      ? l10n.t('Could not load the details: {0}', options.relatedError)
      : l10n.t('Could not load the details.');
  }
  return {
    id: 'related',
    label: related.kind === 'task' ? l10n.t('Related task') : l10n.t('Related objective'),
    fields: [
      ...field('relatedId', l10n.t('ID'), related.id, { monospace: true }),
      ...field('relatedTitle', l10n.t('Title'), related.title),
      ...field('relatedStatus', l10n.t('Status'), loaded?.status),
      // A dashboard URL off the provider's hosts, or not http(s), is still worth seeing, as text.
      ...(loaded?.url !== undefined && url === undefined
        ? field('relatedUrl', l10n.t('Dashboard'), loaded.url, { monospace: true, detail: l10n.t('not on the provider’s dashboard; shown as text') })
        : []),
    ],
    note,
    link: url === undefined ? undefined : { label: l10n.t('Open in dashboard'), url },
    copy: loaded?.url !== undefined && url === undefined ? { label: l10n.t('Copy dashboard URL'), what: 'relatedUrl' } : undefined,
  };
}

function labelsSection(delivery: Delivery, context: Context): SectionModel | undefined {
  const entries = Object.entries(delivery.labels ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (entries.length === 0) {
    return undefined;
  }
  return {
    id: 'labels',
    label: context.l10n.t('Labels'),
    fields: entries.map(([name, value], index) => ({
      id: `label-${index}`,
      label: visibleText(name),
      value: visibleText(value),
      monospace: true,
    })),
  };
}

function actions(delivery: Delivery, l10n: Localizer): ActionModel[] {
  const hasUrl = delivery.targetUrl !== undefined && delivery.targetUrl !== '';
  const searchable = handlerSearchQuery(delivery.targetUrl) !== undefined;
  return [
    { id: 'refresh', label: l10n.t('Refresh'), enabled: true, hint: l10n.t('Load this delivery again from the API') },
    { id: 'copyJson', label: l10n.t('Copy JSON'), enabled: true },
    { id: 'openJson', label: l10n.t('Open JSON'), enabled: true, hint: l10n.t('Open the raw JSON in a read-only editor') },
    { id: 'copyId', label: l10n.t('Copy ID'), enabled: true },
    {
      id: 'copyUrl',
      label: l10n.t('Copy URL'),
      enabled: hasUrl,
      hint: hasUrl ? undefined : l10n.t('This delivery has no target URL'),
    },
    {
      id: 'copyLink',
      label: l10n.t('Copy link'),
      enabled: linkOf(delivery) !== undefined,
      hint: l10n.t('A vscode:// link that opens this delivery'),
    },
    {
      id: 'searchHandler',
      label: l10n.t('Find handler'),
      enabled: searchable,
      hint: searchable
        ? l10n.t('Find the route {0} in the workspace', handlerSearchQuery(delivery.targetUrl) ?? '')
        : l10n.t('The target URL has no path to search for'),
    },
  ];
}

const MASK = '••••••••';

/**
 * The record with the values of sensitive headers masked, in any object under a key named
 * like `headers` (`responseHeaders`, `headers`), so the raw JSON shows no more than the
 * headers table does until the reveal toggle.
 */
export function maskRawHeaders(raw: unknown, underHeaders = false): unknown {
  if (Array.isArray(raw)) {
    return raw.map((item) => maskRawHeaders(item));
  }
  if (typeof raw !== 'object' || raw === null) {
    return raw;
  }
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) =>
      underHeaders && typeof value === 'string' && isSensitiveHeader(key) ? [key, MASK] : [key, maskRawHeaders(value, /headers$/i.test(key))],
    ),
  );
}

/** Pretty JSON of the record as received; never throws. */
function rawSection(raw: unknown, label: string): DetailViewModel['raw'] {
  const json = visibleText(rawJson(maskRawHeaders(raw)));
  const revealed = visibleText(rawJson(raw));
  return revealed === json ? { label, json } : { label, json, revealedJson: revealed };
}

export function buildViewModel(delivery: Delivery, options: ViewModelOptions): DetailViewModel {
  const l10n = options.l10n ?? englishL10n;
  const locale = usableLocale(options.locale);
  const context: Context = { now: options.now, locale, timeZone: options.timeZone, l10n, accountName: options.accountName };
  const related = options.related ?? delivery.related;
  const title =
    delivery.eventType?.label ?? (related?.title !== undefined && related.title !== '' ? related.title : undefined) ?? l10n.t('Webhook delivery');
  const sections = [
    timingSection(delivery, context),
    targetSection(delivery, context),
    responseSection(delivery, context),
    relatedSection(delivery, options, context),
    labelsSection(delivery, context),
  ].filter((section): section is SectionModel => section !== undefined && (section.fields.length > 0 || section.note !== undefined));

  return {
    deliveryId: delivery.id,
    lang: locale,
    title: visibleText(title),
    heading: {
      outcome: {
        kind: delivery.outcome,
        label: outcomeLabel(delivery.outcome, l10n),
        hint: delivery.rawStatus === undefined ? undefined : visibleText(delivery.rawStatus),
      },
      status: httpStatus(delivery.httpStatus, l10n),
      subtitle: visibleText([providerName(delivery.provider), options.accountName, delivery.id].filter((part) => part !== undefined).join(' · ')),
      eventType: delivery.eventType === undefined ? undefined : visibleText(delivery.eventType.raw),
    },
    actions: actions(delivery, l10n),
    actionsLabel: l10n.t('Delivery actions'),
    error:
      delivery.errorMessage === undefined || delivery.errorMessage === ''
        ? undefined
        : { label: l10n.t('Error'), message: visibleText(delivery.errorMessage) },
    sections,
    headers: {
      label: l10n.t('Response headers'),
      rows: headerRows(delivery.responseHeaders),
      emptyText:
        delivery.responseHeaders === undefined
          ? l10n.t('No response headers were recorded.')
          : l10n.t('The response had no headers.'),
      nameLabel: l10n.t('Name'),
      valueLabel: l10n.t('Value'),
      maskedText: '••••••••',
      maskedLabel: l10n.t('Hidden value'),
      revealLabel: l10n.t('Show sensitive values'),
    },
    raw: rawSection(delivery.raw, l10n.t('Raw JSON')),
    strings: {
      loading: l10n.t('Refreshing…'),
      retry: l10n.t('Try again'),
      dismiss: l10n.t('Dismiss'),
    },
  };
}

/** The panel's tab title: outcome and title, short. */
export function panelTitle(model: DetailViewModel): string {
  return shortText(`${model.heading.outcome.label}: ${model.title}`, 48);
}
