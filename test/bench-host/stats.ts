// Summaries and the report format of `npm run bench`, and its place in README.md. No VS Code
// and no I/O here, so both sides (the runner in Node, the module inside the extension host)
// can use it.

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export function median(values: readonly number[]): number {
  return summarize(values).median;
}

/** One line of the report: a figure, its median/min/max, its budget and whether it is met. */
export interface Row {
  readonly figure: string;
  readonly unit: string;
  /** Undefined when the figure could not be measured; `note` says why. */
  readonly summary?: Summary;
  /** The budget as text, e.g. "≤ 1.10". */
  readonly budget: string;
  /** Undefined when there is no budget or no measurement. */
  readonly met?: boolean;
  readonly note?: string;
  /** Decimals to show; default 2. */
  readonly digits?: number;
}

function format(value: number, digits: number, unit: string): string {
  if (!Number.isFinite(value)) {
    return '—';
  }
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| figure | median | min | max | budget | met? |', '|---|--:|--:|--:|---|:-:|'];
  for (const row of rows) {
    const digits = row.digits ?? 2;
    const cells = row.summary
      ? [format(row.summary.median, digits, row.unit), format(row.summary.min, digits, row.unit), format(row.summary.max, digits, row.unit)]
      : ['—', '—', '—'];
    const met = row.met === undefined ? '—' : row.met ? 'yes' : '**no**';
    const figure = row.note ? `${row.figure} (${row.note})` : row.figure;
    lines.push(`| ${[figure.replace(/\|/g, '\\|'), ...cells, row.budget, met].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** A row whose budget is an upper bound. */
export function atMost(figure: string, unit: string, summary: Summary, limit: number, digits = 2, note?: string): Row {
  const budget = limit === 0 ? `0${unit ? ` ${unit}` : ''}` : `≤ ${format(limit, Number.isInteger(limit) ? 0 : 2, unit)}`;
  return { figure, unit, summary, budget, met: summary.median <= limit, digits, note };
}

export function notMeasured(figure: string, budget: string, note: string): Row {
  return { figure, unit: '', budget, note };
}

// ---------------------------------------------------------------- README

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const ANCHOR = '## Why `@vscode-elements/elements`';

/** Replaces the marked block of README.md, or inserts it (with its heading) before ANCHOR. */
export function updateReadme(readme: string, block: string): string {
  const marked = `${START}\n${block.trim()}\n${END}`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start >= 0 && end > start) {
    return readme.slice(0, start) + marked + readme.slice(end + END.length);
  }
  const at = readme.indexOf(ANCHOR);
  const section = `## Performance\n\n${marked}\n\n`;
  return at >= 0 ? readme.slice(0, at) + section + readme.slice(at) : `${readme.trimEnd()}\n\n${section}`;
}
