// Messages between the extension and the insights page, discriminated by `type`. Both sides
// import this file. The page draws what the view model says: every label, number and date
// arrives formatted and localised; the page only lays out bars and sets text.
import type { Outcome } from '../model/delivery';
import type { StatusClass } from '../model/insights';

export type Tone = 'success' | 'warning' | 'error' | 'neutral';

/**
 * Some deliveries a click can list (a bar, a figure). `key` names the group across
 * updates (`t:<start ms>`, `t:undated`, `s:<code>`, `s:none`, `c:<class>`, `o:failed`,
 * `l:slow`, `l:max`), so a selection survives new data while its group exists.
 */
export interface GroupModel {
  readonly key: string;
  /** aria-label and tooltip of whatever selects the group. */
  readonly description: string;
  /** Heading of the list when the group is selected. */
  readonly heading: string;
  /** "12 deliveries · 3 failed", under the heading. */
  readonly summary: string;
  /** Indices into `InsightsViewModel.rows`, in list order. */
  readonly rows: readonly number[];
}

export interface TimeBarModel extends GroupModel {
  /** Short label for the x axis (the page shows as many as fit). */
  readonly axisLabel: string;
  readonly total: number;
  readonly failed: number;
  readonly succeeded: number;
  readonly other: number;
}

export interface StatusBarModel extends GroupModel {
  /** "500 Internal Server Error", "No response". */
  readonly label: string;
  readonly statusClass: StatusClass;
  readonly total: number;
  /** The count as shown at the end of the bar. */
  readonly countText: string;
}

export interface ClassChipModel extends GroupModel {
  /** "2xx", "No response". */
  readonly label: string;
  readonly statusClass: StatusClass;
  readonly countText: string;
}

export type FigureId = 'successRate' | 'p50' | 'p95' | 'max';

export interface FigureModel {
  readonly id: FigureId;
  readonly label: string;
  /** The big number: "97.5%", "120 ms", "—". */
  readonly value: string;
  readonly detail: string;
  /** A second line, e.g. what was left out of the rate. */
  readonly note?: string;
  readonly tone: Tone;
  /** When set, the figure is a button that lists these deliveries. */
  readonly group?: GroupModel;
}

/** One delivery in the list under the charts. */
export interface RowModel {
  /** The delivery id exactly as the API sent it: only posted back, never displayed. */
  readonly key: string;
  /** The id as displayed (control and bidi characters made visible). */
  readonly id: string;
  readonly outcome: Outcome;
  readonly outcomeLabel: string;
  /** "200", "No response". */
  readonly status: string;
  readonly statusTone: Tone;
  /** Event type or task/objective title; '' when neither. */
  readonly event: string;
  readonly time: string;
  /** The time as the API sent it, for a tooltip. */
  readonly timeHint: string;
  readonly latency: string;
}

export interface InsightsViewModel {
  /** The worker's or agent's tree node id. */
  readonly nodeId: string;
  /** Grows with every model the panel builds; the page echoes it in `rendered`. */
  readonly revision: number;
  /** BCP 47 tag for the page's `lang` and its number formatting. */
  readonly lang: string;
  readonly title: string;
  readonly heading: {
    readonly name: string;
    /** "Handinger worker · wrk_…". */
    readonly subtitle: string;
    /** "120 deliveries loaded · more on the server". */
    readonly loaded: string;
    /** Server-side filter, tree filter not applied, … */
    readonly notes: readonly string[];
  };
  /** The "Load up to N" button; absent when everything is loaded. */
  readonly loadMore?: { readonly label: string; readonly hint: string };
  readonly figures: readonly FigureModel[];
  readonly timeline: {
    readonly heading: string;
    /** "15 minutes per bar". */
    readonly note: string;
    readonly legend: { readonly failed: string; readonly succeeded: string; readonly other: string };
    readonly bars: readonly TimeBarModel[];
    /** Deliveries without a time, listed apart from the chart. */
    readonly undated?: GroupModel & { readonly label: string };
    readonly emptyText: string;
  };
  readonly statuses: {
    readonly heading: string;
    readonly bars: readonly StatusBarModel[];
    readonly classes: readonly ClassChipModel[];
    readonly emptyText: string;
  };
  readonly list: {
    readonly heading: string;
    readonly prompt: string;
    readonly clear: string;
    readonly openHint: string;
    readonly columns: {
      readonly outcome: string;
      readonly status: string;
      /** The event type or task/objective title, and the delivery id under it. */
      readonly delivery: string;
      readonly time: string;
      readonly latency: string;
    };
    /** "Showing the first {0} of {1}." with the page filling in the numbers. */
    readonly truncated: string;
  };
  readonly rows: readonly RowModel[];
  readonly strings: {
    readonly loading: string;
    readonly timelineLabel: string;
    readonly statusLabel: string;
  };
}

/** What the page keeps with `setState`, and the serializer gets back after a reload. */
export interface InsightsState {
  readonly version: 1;
  readonly nodeId: string;
  /** The selected group's key. */
  readonly selection?: string;
  /** The last model, so a page shown again paints before the extension answers (small ones only). */
  readonly model?: InsightsViewModel;
}

export type ToInsights =
  | { readonly type: 'show'; readonly model: InsightsViewModel; readonly state: InsightsState }
  /** Loading more deliveries started or ended; `error` when it stopped short. */
  | { readonly type: 'status'; readonly loading: boolean; readonly error?: string };

/** What the page drew, reported with `rendered` so the extension and tests know it ran. */
export interface DrawnCounts {
  readonly timelineBars: number;
  readonly statusBars: number;
  readonly listedRows: number;
}

export type FromInsights =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly revision: number; readonly drawn: DrawnCounts }
  | { readonly type: 'open'; readonly deliveryId: string }
  | { readonly type: 'loadMore' }
  | { readonly type: 'select'; readonly selection?: string };

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Reads a message posted by the page; anything malformed is dropped. */
export function parseFromInsights(value: unknown): FromInsights | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
    case 'loadMore':
      return { type: message['type'] };
    case 'rendered': {
      const revision = count(message['revision']);
      const drawn = message['drawn'] as Record<string, unknown> | null | undefined;
      if (revision === undefined || typeof drawn !== 'object' || drawn === null) {
        return undefined;
      }
      const timelineBars = count(drawn['timelineBars']);
      const statusBars = count(drawn['statusBars']);
      const listedRows = count(drawn['listedRows']);
      return timelineBars === undefined || statusBars === undefined || listedRows === undefined
        ? undefined
        : { type: 'rendered', revision, drawn: { timelineBars, statusBars, listedRows } };
    }
    case 'open':
      return typeof message['deliveryId'] === 'string' ? { type: 'open', deliveryId: message['deliveryId'] } : undefined;
    case 'select': {
      const selection = message['selection'];
      if (selection === undefined || (typeof selection === 'string' && selection.length <= 200)) {
        return { type: 'select', selection };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
