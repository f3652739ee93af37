// Builds what the insights page shows from a worker's or agent's loaded deliveries: the
// statistics of src/model/insights.ts, formatted and labelled. Pure (no vscode import);
// strings go through the `l10n` passed in (`vscode.l10n` in the extension), written
// `l10n.t('…')` so that `@vscode/l10n-dev export` finds them.
import type { Container } from '../model/container';
import type { Delivery } from '../model/delivery';
import { eventTypeLabel } from '../model/delivery';
import type { BucketUnit, Insights, StatusClass, Tally, TimeBucket } from '../model/insights';
import { computeInsights, newestFirst } from '../model/insights';
import { describeFilter, describeRange, hasRange, matchesFilter, type DeliveryFilter } from '../model/filter';
import type { Localizer } from '../detail/viewModel';
import { englishL10n, httpStatus, outcomeLabel, providerName, shortText, usableLocale, visibleText } from '../detail/viewModel';
import type {
  ClassChipModel,
  FigureModel,
  GroupModel,
  InsightsViewModel,
  RowModel,
  StatusBarModel,
  TimeBarModel,
  Tone,
} from './protocol';

/** The worker or agent, as far as the insights need it (a ContainerNode fits). */
export interface InsightsSource {
  readonly id: string;
  readonly container: Pick<Container, 'provider' | 'kind' | 'id' | 'name'>;
  readonly filter: DeliveryFilter;
  /** Everything loaded, before the tree's client-side filters. */
  readonly deliveries: readonly Delivery[];
  readonly loaded: boolean;
  readonly hasMore: boolean;
}

export interface InsightsViewOptions {
  readonly revision: number;
  /** BCP 47 tag, e.g. `vscode.env.language`. */
  readonly locale: string;
  readonly l10n?: Localizer;
  /** IANA zone for dates; the host's when absent (tests pin it). */
  readonly timeZone?: string;
  /** Passed to computeInsights: aligns buckets to the same zone's round hours and days. */
  readonly utcOffsetMs?: number;
  readonly maxBuckets?: number;
  /** Epoch ms of "now": row times leave out the year of now. Default Date.now(). */
  readonly now?: number;
  /** The account's name, when the provider has several (user text). */
  readonly accountName?: string;
}

/** How many deliveries "Load up to N" offers next. */
const LOAD_STEPS = [100, 250, 500, 1000, 2500, 5000, 10_000];

export function nextLoadTarget(loaded: number): number {
  return LOAD_STEPS.find((step) => step > loaded) ?? Math.ceil((loaded * 2) / 10_000) * 10_000;
}

/** Intl formatters are costly to build and a list may hold thousands of rows: build each once. */
class Formats {
  readonly locale: string;
  private readonly numbers = new Map<string, Intl.NumberFormat>();
  private readonly dates = new Map<string, Intl.DateTimeFormat>();

  constructor(
    locale: string,
    private readonly timeZone: string | undefined,
  ) {
    this.locale = usableLocale(locale);
  }

  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    const key = JSON.stringify(options);
    let format = this.numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, options);
      this.numbers.set(key, format);
    }
    return format.format(value);
  }

  date(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = JSON.stringify(options);
    let format = this.dates.get(key);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(this.locale, { ...options, timeZone: this.timeZone });
      } catch {
        format = new Intl.DateTimeFormat(this.locale, options);
      }
      this.dates.set(key, format);
    }
    return format;
  }

  count(value: number): string {
    return this.number(value);
  }

  /** "84 ms", "1.5 s", "30 s"; '—' when absent. */
  latency(ms: number | undefined): string {
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
      return '—';
    }
    if (ms < 1000) {
      return this.number(Math.round(ms), { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 });
    }
    const seconds = ms / 1000;
    const digits = seconds < 10 ? 2 : seconds < 100 ? 1 : 0;
    return this.number(seconds, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: digits });
  }

  /** A rate that is not exactly 0 or 1 never rounds to "0%" or "100%". */
  percent(rate: number): string {
    const shown = rate > 0 && rate < 1 ? Math.min(Math.max(rate, 0.001), 0.999) : rate;
    return this.number(shown, { style: 'percent', maximumFractionDigits: 1 });
  }

  /** "15 minutes", "1 hour", "2 weeks". */
  duration(ms: number, unit: BucketUnit): string {
    const size = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 }[unit];
    return this.number(ms / size, { style: 'unit', unit, unitDisplay: 'long' });
  }
}

function deliveriesText(count: number, formats: Formats, l10n: Localizer): string {
  return count === 1 ? l10n.t('1 delivery') : l10n.t('{0} deliveries', formats.count(count));
}

/** "12 deliveries · 3 failed". */
function tallySummary(tally: Tally, formats: Formats, l10n: Localizer): string {
  const parts = [deliveriesText(tally.total, formats, l10n)];
  if (tally.failed > 0) {
    parts.push(l10n.t('{0} failed', formats.count(tally.failed)));
  }
  return parts.join(' · ');
}

function sameDay(a: number, b: number, formats: Formats): boolean {
  const day = formats.date({ year: 'numeric', month: 'numeric', day: 'numeric' });
  return day.format(a) === day.format(b);
}

/** Formats of the axis labels and ranges for the buckets of one timeline. */
function timeLabels(
  buckets: readonly TimeBucket[],
  unit: BucketUnit,
  formats: Formats,
): { axis(bucket: TimeBucket): string; range(bucket: TimeBucket): string } {
  const first = buckets[0]?.start ?? 0;
  const last = buckets.at(-1)?.start ?? 0;
  const withinDay = unit === 'minute' || unit === 'hour';
  const oneYear = formats.date({ year: 'numeric' }).format(first) === formats.date({ year: 'numeric' }).format(last);
  const axis = withinDay
    ? sameDay(first, last, formats)
      ? formats.date({ hour: 'numeric', minute: '2-digit' })
      : formats.date({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })
    : formats.date(oneYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
  const range = formats.date(withinDay ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  return {
    axis: (bucket) => axis.format(bucket.start),
    // Day and week buckets name their last day, not the next bucket's first.
    range: (bucket) => range.formatRange(bucket.start, withinDay ? bucket.end : bucket.end - 1),
  };
}

const CLASS_LABELS: Readonly<Record<StatusClass, string>> = {
  '2xx': '2xx',
  '3xx': '3xx',
  '4xx': '4xx',
  '5xx': '5xx',
  other: '',
  none: '',
};

function classLabel(statusClass: StatusClass, l10n: Localizer): string {
  if (statusClass === 'other') {
    return l10n.t('Other codes');
  }
  if (statusClass === 'none') {
    return l10n.t('No response');
  }
  return CLASS_LABELS[statusClass];
}

function statusLabel(code: number | undefined, l10n: Localizer): string {
  // "HTTP 500 Internal Server Error" without the protocol name: the chart is all HTTP.
  return shortText(httpStatus(code, l10n).text.replace(/^HTTP /, ''), 32);
}

function rateTone(rate: number | undefined): Tone {
  if (rate === undefined) {
    return 'neutral';
  }
  return rate >= 0.99 ? 'success' : rate >= 0.9 ? 'warning' : 'error';
}

/** "Nov 23, 11:53:52 AM": the year only when it is not this one (the tooltip has the full time). */
function rowTimeFormat(time: number, now: number): Intl.DateTimeFormatOptions {
  const sameYear = new Date(time).getUTCFullYear() === new Date(now).getUTCFullYear();
  return { year: sameYear ? undefined : 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' };
}

function rowModel(delivery: Delivery, formats: Formats, l10n: Localizer, noResponse: string, now: number): RowModel {
  const code = delivery.httpStatus;
  const event = delivery.eventType?.label ?? delivery.related?.title ?? '';
  return {
    key: delivery.id,
    id: visibleText(delivery.id),
    outcome: delivery.outcome,
    outcomeLabel: outcomeLabel(delivery.outcome, l10n),
    status: code === undefined ? noResponse : String(code),
    statusTone: httpStatus(code, l10n).tone,
    event: event ? shortText(event, 80) : '',
    time: delivery.time > 0 ? formats.date(rowTimeFormat(delivery.time, now)).format(delivery.time) : '—',
    timeHint: visibleText(delivery.createdAt),
    latency: formats.latency(delivery.latencyMs),
  };
}

/** The statistics and the page's view model for a worker's or agent's loaded deliveries. */
export function buildInsightsView(source: InsightsSource, options: InsightsViewOptions): { insights: Insights; model: InsightsViewModel } {
  const l10n = options.l10n ?? englishL10n;
  const formats = new Formats(options.locale, options.timeZone);
  const now = options.now ?? Date.now();
  // The time range applies here as in the tree (and in exports); outcome, classes and text do not.
  const range = source.filter.range;
  const deliveries = hasRange(range) ? source.deliveries.filter((delivery) => matchesFilter(delivery, { outcome: 'all', range }, now)) : source.deliveries;
  const insights = computeInsights(deliveries, { utcOffsetMs: options.utcOffsetMs, maxBuckets: options.maxBuckets });
  const noResponse = l10n.t('No response');

  // Rows in list order (newest first), one per id; groups point into them.
  const rows: RowModel[] = [];
  const rowOf = new Map<string, number>();
  for (const delivery of newestFirst(deliveries)) {
    if (!rowOf.has(delivery.id)) {
      rowOf.set(delivery.id, rows.length);
      rows.push(rowModel(delivery, formats, l10n, noResponse, now));
    }
  }
  const indices = (ids: readonly string[]): number[] => ids.map((id) => rowOf.get(id)).filter((index): index is number => index !== undefined);
  const group = (key: string, description: string, heading: string, tally: Tally): GroupModel => ({
    key,
    description,
    heading,
    summary: tallySummary(tally, formats, l10n),
    rows: indices(tally.ids),
  });

  const { counts, latency, timeline } = insights;
  const container = source.container;

  // ------------------------------------------------------------ heading
  const provider = options.accountName === undefined ? providerName(container.provider) : `${providerName(container.provider)} · ${visibleText(options.accountName)}`;
  const subtitle =
    container.kind === 'worker' ? l10n.t('{0} worker · {1}', provider, visibleText(container.id)) : l10n.t('{0} agent · {1}', provider, visibleText(container.id));
  const loadedCount = deliveriesText(insights.total, formats, l10n);
  const loaded = !source.loaded
    ? l10n.t('Nothing loaded yet')
    : source.hasMore
      ? l10n.t('{0} loaded · more on the server', loadedCount)
      : l10n.t('{0} loaded · all there are', loadedCount);
  const notes: string[] = [];
  const serverFilter = describeFilter({ outcome: 'all', eventType: source.filter.eventType, objectiveId: source.filter.objectiveId }, eventTypeLabel);
  if (serverFilter.length > 0) {
    notes.push(l10n.t('Server-side filter: {0}', visibleText(serverFilter.join(' · '))));
  }
  if (hasRange(range)) {
    notes.push(l10n.t('Time range: {0}', visibleText(describeRange(range, { locale: options.locale, timeZone: options.timeZone }))));
  }
  const treeFilter = describeFilter({ outcome: source.filter.outcome, text: source.filter.text, classes: source.filter.classes, slowMs: source.filter.slowMs }, eventTypeLabel);
  if (treeFilter.length > 0) {
    notes.push(l10n.t('The tree’s filter ({0}) is not applied here.', visibleText(treeFilter.join(' · '))));
  }
  const target = nextLoadTarget(insights.total);
  const loadMore =
    source.hasMore || !source.loaded
      ? {
          label: l10n.t('Load up to {0}', formats.count(target)),
          hint: l10n.t('Loads older deliveries until {0} are loaded or there are no more.', formats.count(target)),
        }
      : undefined;

  // ------------------------------------------------------------ figures
  const rateTally: Tally = { total: counts.failed, failed: counts.failed, succeeded: 0, other: 0, ids: insights.failedIds };
  const undecided = counts.pending + counts.disabled + counts.unknown;
  const successRate: FigureModel = {
    id: 'successRate',
    label: l10n.t('Success rate'),
    value: insights.successRate === undefined ? '—' : formats.percent(insights.successRate),
    detail: l10n.t('{0} succeeded · {1} failed', formats.count(counts.succeeded), formats.count(counts.failed)),
    note: undecided > 0 ? l10n.t('{0} pending, disabled or unknown: not counted', formats.count(undecided)) : undefined,
    tone: rateTone(insights.successRate),
    group:
      counts.failed > 0
        ? group('o:failed', l10n.t('List the {0} failed deliveries', formats.count(counts.failed)), l10n.t('Failed deliveries'), rateTally)
        : undefined,
  };
  const latencyDetail =
    latency.count === 0
      ? l10n.t('No delivery reported a latency')
      : l10n.t('over {0} with a latency', deliveriesText(latency.count, formats, l10n));
  const slowest = latency.maxIds.length === 1 ? rows[rowOf.get(latency.maxIds[0] ?? '') ?? -1] : undefined;
  const slowestDetail =
    latency.maxIds.length > 1
      ? l10n.t('{0} took this long', deliveriesText(latency.maxIds.length, formats, l10n))
      : slowest
        ? l10n.t('{0} · {1}', slowest.status, slowest.time)
        : latencyDetail;
  const slowTally = (ids: readonly string[]): Tally => {
    const rowsOf = indices(ids).map((index) => rows[index]);
    const failed = rowsOf.filter((row) => row?.outcome === 'failed').length;
    const succeeded = rowsOf.filter((row) => row?.outcome === 'succeeded').length;
    return { total: ids.length, failed, succeeded, other: ids.length - failed - succeeded, ids };
  };
  const figures: FigureModel[] = [
    successRate,
    { id: 'p50', label: l10n.t('Median latency (p50)'), value: formats.latency(latency.p50), detail: latencyDetail, tone: 'neutral' },
    {
      id: 'p95',
      label: l10n.t('p95 latency'),
      value: formats.latency(latency.p95),
      detail: latency.p95 === undefined ? latencyDetail : l10n.t('{0} at or above it', deliveriesText(latency.slowIds.length, formats, l10n)),
      tone: 'neutral',
      group:
        latency.p95 === undefined
          ? undefined
          : group(
              'l:slow',
              l10n.t('List the {0} deliveries at or above p95, slowest first', formats.count(latency.slowIds.length)),
              l10n.t('At or above p95 ({0})', formats.latency(latency.p95)),
              slowTally(latency.slowIds),
            ),
    },
    {
      id: 'max',
      label: l10n.t('Slowest'),
      value: formats.latency(latency.max),
      detail: slowestDetail,
      tone: 'neutral',
      group:
        latency.max === undefined
          ? undefined
          : group('l:max', l10n.t('List the slowest delivery'), l10n.t('Slowest ({0})', formats.latency(latency.max)), slowTally(latency.maxIds)),
    },
  ];

  // ------------------------------------------------------------ timeline
  const labels = timeLabels(timeline.buckets, timeline.unit, formats);
  const bars: TimeBarModel[] = timeline.buckets.map((bucket) => {
    const range = labels.range(bucket);
    return {
      ...group(
        `t:${bucket.start}`,
        l10n.t(
          '{0}: {1} failed, {2} succeeded, {3} other',
          range,
          formats.count(bucket.failed),
          formats.count(bucket.succeeded),
          formats.count(bucket.other),
        ),
        range,
        bucket,
      ),
      axisLabel: labels.axis(bucket),
      total: bucket.total,
      failed: bucket.failed,
      succeeded: bucket.succeeded,
      other: bucket.other,
    };
  });
  const undated =
    timeline.undated.total > 0
      ? {
          ...group(
            't:undated',
            l10n.t('List the deliveries without a time'),
            l10n.t('Without a time'),
            timeline.undated,
          ),
          label: l10n.t('{0} without a time (not in the chart)', deliveriesText(timeline.undated.total, formats, l10n)),
        }
      : undefined;

  // ------------------------------------------------------------ statuses
  const statusBars: StatusBarModel[] = insights.statusCodes.map((bucket) => {
    const label = statusLabel(bucket.code, l10n);
    return {
      ...group(
        bucket.code === undefined ? 's:none' : `s:${bucket.code}`,
        l10n.t('{0}: {1}', label, deliveriesText(bucket.total, formats, l10n)),
        bucket.code === undefined ? noResponse : httpStatus(bucket.code, l10n).text,
        bucket,
      ),
      label,
      statusClass: bucket.statusClass,
      total: bucket.total,
      countText: formats.count(bucket.total),
    };
  });
  const classes: ClassChipModel[] = insights.statusClasses.map((bucket) => {
    const label = classLabel(bucket.statusClass, l10n);
    const share = insights.total > 0 ? formats.percent(bucket.total / insights.total) : '';
    return {
      ...group(`c:${bucket.statusClass}`, l10n.t('{0}: {1} ({2})', label, deliveriesText(bucket.total, formats, l10n), share), label, bucket),
      label,
      statusClass: bucket.statusClass,
      countText: share,
    };
  });

  const model: InsightsViewModel = {
    nodeId: source.id,
    revision: options.revision,
    lang: formats.locale,
    title: l10n.t('Insights: {0}', shortText(container.name, 40)),
    heading: { name: visibleText(container.name), subtitle, loaded, notes },
    loadMore,
    figures,
    timeline: {
      heading: l10n.t('Deliveries over time'),
      note: timeline.buckets.length > 0 ? l10n.t('{0} per bar', formats.duration(timeline.bucketMs, timeline.unit)) : '',
      legend: { failed: l10n.t('Failed'), succeeded: l10n.t('Succeeded'), other: l10n.t('Pending or unknown') },
      bars,
      undated,
      emptyText: insights.total === 0 ? l10n.t('No deliveries loaded.') : l10n.t('No delivery has a time.'),
    },
    statuses: {
      heading: l10n.t('HTTP status'),
      bars: statusBars,
      classes,
      emptyText: l10n.t('No deliveries loaded.'),
    },
    list: {
      heading: l10n.t('Deliveries'),
      prompt: l10n.t('Select a bar or a figure to list its deliveries.'),
      clear: l10n.t('Clear selection'),
      openHint: l10n.t('Open this delivery'),
      columns: {
        outcome: l10n.t('Outcome'),
        status: l10n.t('Status'),
        delivery: l10n.t('Delivery'),
        time: l10n.t('Time'),
        latency: l10n.t('Latency'),
      },
      truncated: l10n.t('Showing the first {0} of {1}.'),
    },
    rows,
    strings: {
      loading: l10n.t('Loading deliveries…'),
      timelineLabel: l10n.t('Deliveries over time, one bar per period: failed, succeeded and other'),
      statusLabel: l10n.t('Deliveries by HTTP status'),
    },
  };
  return { insights, model };
}
