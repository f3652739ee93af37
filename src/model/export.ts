// Loaded deliveries written out as CSV or JSON. CSV follows RFC 4180 (CRLF rows, fields with
// a comma, quote, CR or LF quoted, quotes doubled); text that a spreadsheet would run as a
// formula is prefixed with an apostrophe, since every text field comes from a remote API.
// No HTTP and no VS Code here: loaded on first use as dist/export.js (./lazyExport.ts).
import type { Container } from './container';
import type { Delivery } from './delivery';
import { accountIdOf } from './accounts';

export type ExportFormat = 'csv' | 'json';

type Cell = string | number | undefined;

const COLUMNS: readonly [string, (d: Delivery) => Cell][] = [
  ['id', (d) => d.id],
  ['provider', (d) => d.provider],
  ['container_id', (d) => d.containerId],
  ['workspace_id', (d) => d.workspaceId],
  ['created_at', (d) => d.createdAt],
  ['outcome', (d) => d.outcome],
  ['status', (d) => d.rawStatus],
  ['http_status', (d) => d.httpStatus],
  ['latency_ms', (d) => d.latencyMs],
  ['attempts', (d) => d.attemptCount],
  ['last_attempt_at', (d) => d.lastAttemptAt],
  ['event_type', (d) => d.eventType?.raw],
  ['target_url', (d) => d.targetUrl],
  ['error_message', (d) => d.errorMessage],
  ['trigger_kind', (d) => d.related?.kind],
  ['trigger_id', (d) => d.related?.id],
  ['trigger_title', (d) => d.related?.title],
  ['account_id', (d) => accountIdOf(d)],
];

export const CSV_HEADER: readonly string[] = COLUMNS.map(([name]) => name);

/**
 * Text a spreadsheet would read as a formula or command (OWASP "CSV injection"). Spreadsheets
 * skip leading whitespace and some read fullwidth ＝＋－＠ as their ASCII forms, so both count.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** One CSV field: numbers as they are, text guarded against formulas and quoted when needed. */
export function csvField(value: Cell): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : '';
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(deliveries: readonly Delivery[]): string {
  const rows = [CSV_HEADER.join(',')];
  for (const delivery of deliveries) {
    rows.push(COLUMNS.map(([, read]) => csvField(read(delivery))).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export interface ExportContext {
  readonly container: Pick<Container, 'provider' | 'kind' | 'id' | 'name' | 'workspaceId'>;
  /** The account the deliveries were read with (its name is user text, written as data). */
  readonly account?: { readonly id: string; readonly name: string };
  /** What the user filtered by, as shown in the tree ("failed", "“timeout”"). */
  readonly filter: readonly string[];
  /** ISO time of the export. */
  readonly exportedAt: string;
  /** More deliveries exist on the server than were loaded. */
  readonly partial: boolean;
}

/** The deliveries as JSON: the normalised fields and the record as the API sent it. */
export function toJson(deliveries: readonly Delivery[], context: ExportContext): string {
  const { provider, kind, id, name, workspaceId } = context.container;
  return `${JSON.stringify(
    {
      exportedAt: context.exportedAt,
      source: { provider, kind, id, name, workspaceId, account: context.account },
      filter: context.filter,
      partial: context.partial,
      count: deliveries.length,
      deliveries: deliveries.map((d) => ({
        ...Object.fromEntries(COLUMNS.map(([column, read]) => [column, read(d)])),
        response_headers: d.responseHeaders,
        raw: d.raw,
      })),
    },
    null,
    2,
  )}\n`;
}

/** A file name for the export: the container's name made safe, and the format. */
export function exportFileName(name: string, format: ExportFormat, date: Date): string {
  const safe = name.normalize('NFKC').replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60) || 'deliveries';
  return `${safe}-deliveries-${date.toISOString().slice(0, 10)}.${format}`;
}
