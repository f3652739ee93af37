// Messages between the extension and the delivery detail page, discriminated by `type`.
// Both sides import this file, so a message the other side does not understand is a type
// error. The page has no English of its own: every label arrives in the view model, built
// and localised by the extension. Every value is rendered as text, never as HTML.
import type { Delivery, Outcome } from '../model/delivery';
import type { ErrorKind } from '../model/errors';

/** The buttons of the page's toolbar; each maps to one message below. */
export type ActionId = 'refresh' | 'copyJson' | 'openJson' | 'copyId' | 'copyUrl' | 'copyLink' | 'searchHandler';

export type Tone = 'success' | 'error' | 'warning' | 'neutral';

export interface ActionModel {
  readonly id: ActionId;
  readonly label: string;
  readonly enabled: boolean;
  /** Tooltip: why the action is disabled, or what it does. */
  readonly hint?: string;
}

/** One labelled value. */
export interface FieldModel {
  /** Stable, for `data-testid="field-<id>"`. */
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Secondary text after the value, e.g. the relative time. */
  readonly detail?: string;
  /** Tooltip, e.g. the ISO time as sent. */
  readonly hint?: string;
  /** Set only for http: and https: URLs; the extension checks the scheme again before opening. */
  readonly link?: string;
  readonly monospace?: boolean;
}

export interface SectionModel {
  /** Stable, for `data-testid` and element ids. */
  readonly id: string;
  readonly label: string;
  readonly fields: readonly FieldModel[];
  /** A line shown under the fields (e.g. "Loading details…"). */
  readonly note?: string;
  /** A button that opens a checked http(s) URL through the extension. */
  readonly link?: { readonly label: string; readonly url: string };
  /** A button that copies a value the panel holds (a URL shown as text, say). */
  readonly copy?: { readonly label: string; readonly what: CopyTarget };
}

export interface HeaderRowModel {
  readonly name: string;
  readonly value: string;
  /** Masked until the user presses the reveal toggle. */
  readonly sensitive: boolean;
}

export interface HeadersModel {
  readonly label: string;
  readonly rows: readonly HeaderRowModel[];
  /** Shown instead of the table when there are no rows. */
  readonly emptyText: string;
  readonly nameLabel: string;
  readonly valueLabel: string;
  /** Stands in for a sensitive value while masked; never the value's length. */
  readonly maskedText: string;
  readonly maskedLabel: string;
  /** The toggle's label (its state is aria-pressed); it exists only when some row is sensitive. */
  readonly revealLabel: string;
}

export interface DetailViewModel {
  readonly deliveryId: string;
  /** BCP 47 tag for the page's `lang`. */
  readonly lang: string;
  /** For the panel title and the page's first heading. */
  readonly title: string;
  readonly heading: {
    readonly outcome: { readonly kind: Outcome; readonly label: string; readonly hint?: string };
    readonly status: { readonly text: string; readonly tone: Tone };
    /** Provider and delivery id, e.g. "Cadenya · whd_…". */
    readonly subtitle: string;
    /** The event type as the API sent it, when there is one. */
    readonly eventType?: string;
  };
  readonly actions: readonly ActionModel[];
  readonly actionsLabel: string;
  /** The delivery's own error message, in full. */
  readonly error?: { readonly label: string; readonly message: string };
  /** Timing, target, response, related, labels, in display order (empty ones left out). */
  readonly sections: readonly SectionModel[];
  readonly headers: HeadersModel;
  /** `json` has sensitive header values masked; `revealedJson`, when set, is shown after the reveal toggle. */
  readonly raw: { readonly label: string; readonly json: string; readonly revealedJson?: string };
  readonly strings: {
    readonly loading: string;
    readonly retry: string;
    readonly dismiss: string;
  };
}

/** The related record as the panel keeps it (the provider's `raw` is not needed here). */
export interface RelatedSummary {
  readonly kind: 'task' | 'objective';
  readonly id: string;
  readonly title?: string;
  readonly status?: string;
  readonly url?: string;
}

/** What the page saves with `setState` and the serializer gets back after a reload. */
/**
 * What a panel saves to disk (VS Code keeps webview state across reloads): the ids that find
 * the delivery again, never its headers, error text or model. The delivery is re-read on restore.
 */
export interface DeliveryRef {
  readonly provider: Delivery['provider'];
  readonly id: string;
  readonly containerId: string;
  readonly workspaceId?: string;
  /** Where the list search may stop (older than this). */
  readonly createdAt?: string;
  /** The objective that narrows a Cadenya search, or the task; ids only. */
  readonly related?: { readonly kind: 'task' | 'objective'; readonly id: string };
}

export interface PanelState {
  readonly version: 2;
  readonly ref: DeliveryRef;
  /** Whether this panel follows the selection (the single reused panel). */
  readonly following: boolean;
}

export type ToWebview =
  | { readonly type: 'show'; readonly model: DetailViewModel; readonly state: PanelState }
  /** A refresh started; the next `show` or `error` ends it. */
  | { readonly type: 'loading' }
  | { readonly type: 'error'; readonly kind: ErrorKind; readonly message: string };

export type CopyTarget = 'json' | 'id' | 'url' | 'link' | 'relatedUrl';

export type FromWebview =
  | { readonly type: 'ready' }
  /** The page rendered the model of this delivery (lets tests and the extension know it ran). */
  | { readonly type: 'rendered'; readonly deliveryId: string }
  | { readonly type: 'copy'; readonly what: CopyTarget }
  | { readonly type: 'openJson' }
  | { readonly type: 'openLink'; readonly url: string }
  | { readonly type: 'refresh' }
  | { readonly type: 'searchHandler' };

const COPY_TARGETS: readonly string[] = ['json', 'id', 'url', 'link', 'relatedUrl'] satisfies CopyTarget[];

/**
 * Reads a message posted by the page. The page only renders text, but it displays hostile
 * data, so the extension still treats what it posts as untrusted input.
 */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
    case 'openJson':
    case 'refresh':
    case 'searchHandler':
      return { type: message['type'] };
    case 'rendered':
      return typeof message['deliveryId'] === 'string' ? { type: 'rendered', deliveryId: message['deliveryId'] } : undefined;
    case 'copy': {
      const what = message['what'];
      return typeof what === 'string' && COPY_TARGETS.includes(what) ? { type: 'copy', what: what as CopyTarget } : undefined;
    }
    case 'openLink':
      return typeof message['url'] === 'string' ? { type: 'openLink', url: message['url'] } : undefined;
    default:
      return undefined;
  }
}
