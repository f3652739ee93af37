// The insights page (browser, ESM): figures, a stacked bar chart of outcomes over time and a
// bar chart of HTTP statuses, drawn as SVG here (no chart library), and the deliveries of the
// bar or figure the user selects. It paints its saved state at once, says `ready`, then
// draws whatever the extension sends. Safety rules, kept by construction:
//   - every value goes through textContent (never innerHTML, insertAdjacentHTML, write);
//   - setAttribute only for geometry, classes, roles and ARIA (no href/src anywhere);
//   - no inline styles: classes only, styled by insights.css with --vscode-* colours.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import './insights.css';
import type {
  ClassChipModel,
  FigureModel,
  FromInsights,
  GroupModel,
  InsightsState,
  InsightsViewModel,
  RowModel,
  StatusBarModel,
  TimeBarModel,
  ToInsights,
} from '../protocol';
import { el } from '../../webview/page/dom';

interface VsCodeApi {
  postMessage(message: FromInsights): void;
  setState(state: InsightsState): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** Rows listed at most for one selection; the heading says when there are more. */
const MAX_LISTED = 500;

let current: InsightsViewModel | undefined;
let saved: InsightsState | undefined;
let selection: string | undefined;
let status: { loading: boolean; error?: string } = { loading: false };
/** Every group a click can select, by key, for the current model. */
let groups = new Map<string, GroupModel>();

// ---------------------------------------------------------------- DOM helpers

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: Node[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  node.append(...children);
  return node;
}

function svgText(text: string, attributes: Record<string, string | number>): SVGTextElement {
  const node = svg('text', attributes);
  node.textContent = text;
  return node;
}

function post(message: FromInsights): void {
  vscode.postMessage(message);
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat(current?.lang ?? 'en').format(value);
}

/** Rough width of a label in px at the chart font size; enough to keep labels apart. */
function textWidth(text: string): number {
  return text.length * 6.4 + 4;
}

// ---------------------------------------------------------------- selection

function save(): void {
  if (saved) {
    vscode.setState({ ...saved, selection });
  }
}

function drawnCounts(): { timelineBars: number; statusBars: number; listedRows: number } {
  return {
    timelineBars: document.querySelectorAll('[data-testid=timeline-chart] .bar').length,
    statusBars: document.querySelectorAll('[data-testid=status-chart] .bar').length,
    listedRows: document.querySelectorAll('[data-testid=list-rows] tr').length,
  };
}

function reportRendered(): void {
  if (current) {
    post({ type: 'rendered', revision: current.revision, drawn: drawnCounts() });
  }
}

/** Selects a group (or clears with undefined), lists its deliveries and tells the extension. */
function select(key: string | undefined): void {
  selection = key !== undefined && groups.has(key) ? key : undefined;
  markSelection(document);
  const list = document.getElementById('list');
  if (list && current) {
    list.replaceWith(listSection(current));
  }
  save();
  post({ type: 'select', selection });
  reportRendered();
}

function toggle(key: string): void {
  select(selection === key ? undefined : key);
}

// ---------------------------------------------------------------- header and figures

function header(model: InsightsViewModel): HTMLElement {
  const title = el('h1', { text: model.heading.name, testId: 'title' });
  title.dir = 'auto';
  const parts: Node[] = [
    title,
    el('p', { text: model.heading.subtitle, className: 'subtitle', testId: 'subtitle' }),
    el('p', { text: model.heading.loaded, className: 'loaded', testId: 'loaded' }),
  ];
  for (const note of model.heading.notes) {
    parts.push(el('p', { text: note, className: 'note', testId: 'note' }));
  }
  const bar = el('div', { className: 'toolbar' });
  if (model.loadMore) {
    const button = el('vscode-button', { text: model.loadMore.label, testId: 'load-more', title: model.loadMore.hint });
    button.secondary = true;
    button.disabled = status.loading;
    button.addEventListener('click', () => post({ type: 'loadMore' }));
    bar.append(button);
  }
  if (status.loading) {
    const ring = el('vscode-progress-ring', { className: 'ring' });
    ring.ariaLabel = model.strings.loading;
    const busy = el('span', { className: 'busy', testId: 'loading' }, ring, el('span', { text: model.strings.loading }));
    busy.setAttribute('role', 'status');
    bar.append(busy);
  } else if (status.error) {
    const error = el('span', { text: status.error, className: 'error-text', testId: 'load-error' });
    error.setAttribute('role', 'alert');
    bar.append(error);
  }
  if (bar.childElementCount > 0) {
    parts.push(bar);
  }
  return el('header', { className: 'summary' }, ...parts);
}

function figure(model: FigureModel): HTMLElement {
  const body: Node[] = [
    el('span', { text: model.label, className: 'figure-label' }),
    el('span', { text: model.value, className: `figure-value tone-${model.tone}`, testId: `figure-${model.id}-value` }),
    el('span', { text: model.detail, className: 'figure-detail' }),
  ];
  if (model.note) {
    body.push(el('span', { text: model.note, className: 'figure-detail' }));
  }
  if (!model.group) {
    return el('div', { className: 'figure', testId: `figure-${model.id}` }, ...body);
  }
  const group = model.group;
  const button = el('button', { className: 'figure selectable', testId: `figure-${model.id}`, title: group.description }, ...body);
  button.type = 'button';
  button.setAttribute('data-key', group.key);
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-label', `${model.label}: ${model.value}. ${group.description}`);
  button.addEventListener('click', () => toggle(group.key));
  return button;
}

function figures(model: InsightsViewModel): HTMLElement {
  return el('section', { className: 'figures', testId: 'figures' }, ...model.figures.map(figure));
}

// ---------------------------------------------------------------- charts

/** 0 and evenly spaced round steps (1, 2 or 5 × 10^n) reaching at least `max`. */
function niceTicks(max: number, most = 4): number[] {
  const rough = Math.max(1, max) / most;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power);
  const ticks = [0];
  while ((ticks.at(-1) ?? 0) < max) {
    ticks.push((ticks.at(-1) ?? 0) + step);
  }
  return ticks.length > 1 ? ticks : [0, step];
}

/** A focusable, selectable bar: an SVG group with a role, a label, a tooltip and a hit area. */
function barGroup(group: GroupModel, hit: Record<string, number>): SVGGElement {
  const title = svg('title');
  title.textContent = group.description;
  const node = svg('g', { class: 'bar', role: 'button', tabindex: -1, 'data-key': group.key, 'aria-pressed': 'false', 'aria-label': group.description }, title);
  node.append(svg('rect', { class: 'hit', ...hit }));
  node.addEventListener('click', () => {
    node.focus();
    toggle(group.key);
  });
  return node;
}

/** Arrow keys move between a chart's bars (one tab stop per chart), Enter and Space select. */
function keyboard(chart: SVGSVGElement, next: readonly string[], previous: readonly string[]): void {
  const bars = [...chart.querySelectorAll<SVGGElement>('.bar')];
  const first = bars.find((bar) => bar.getAttribute('data-key') === selection) ?? bars[0];
  first?.setAttribute('tabindex', '0');
  chart.addEventListener('keydown', (event) => {
    const index = bars.findIndex((bar) => bar === document.activeElement);
    if (index < 0) {
      return;
    }
    let target: number | undefined;
    if (next.includes(event.key)) {
      target = Math.min(bars.length - 1, index + 1);
    } else if (previous.includes(event.key)) {
      target = Math.max(0, index - 1);
    } else if (event.key === 'Home') {
      target = 0;
    } else if (event.key === 'End') {
      target = bars.length - 1;
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle(bars[index]?.getAttribute('data-key') ?? '');
      return;
    } else {
      return;
    }
    event.preventDefault();
    bars.forEach((bar, at) => bar.setAttribute('tabindex', at === target ? '0' : '-1'));
    bars[target]?.focus();
  });
}

function timelineChart(model: InsightsViewModel, width: number): SVGSVGElement {
  const bars: readonly TimeBarModel[] = model.timeline.bars;
  const height = 210;
  const margin = { top: 10, right: 12, bottom: 30, left: 0 };
  const ticks = niceTicks(Math.max(0, ...bars.map((bar) => bar.total)));
  const yMax = ticks.at(-1) ?? 1;
  margin.left = Math.max(...ticks.map((tick) => textWidth(formatNumber(tick)))) + 10;
  const plotWidth = Math.max(40, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const bottom = margin.top + plotHeight;
  const y = (value: number): number => (value / yMax) * plotHeight;
  const chart = svg('svg', { class: 'chart', width, height, role: 'group', 'aria-label': model.strings.timelineLabel });

  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (const tick of ticks) {
    const at = bottom - y(tick);
    grid.append(
      svg('line', { class: tick === 0 ? 'baseline' : 'gridline', x1: margin.left, x2: margin.left + plotWidth, y1: at, y2: at }),
      svgText(formatNumber(tick), { class: 'axis-label', x: margin.left - 6, y: at, 'text-anchor': 'end', 'dominant-baseline': 'middle' }),
    );
  }
  chart.append(grid);

  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.max(1, Math.min(slot * 0.78, 44));
  const plot = svg('g');
  bars.forEach((bar, index) => {
    if (bar.total === 0) {
      return;
    }
    const left = margin.left + index * slot;
    const node = barGroup(bar, { x: left, y: margin.top, width: slot, height: plotHeight });
    const x = left + (slot - barWidth) / 2;
    let base = bottom;
    // Failures sit on the axis, where their heights compare at a glance.
    for (const [kind, count] of [
      ['failed', bar.failed],
      ['other', bar.other],
      ['succeeded', bar.succeeded],
    ] as const) {
      if (count > 0) {
        const h = Math.max(1, y(count));
        node.append(svg('rect', { class: `seg fill-${kind}`, x, y: base - h, width: barWidth, height: h }));
        base -= h;
      }
    }
    plot.append(node);
  });
  chart.append(plot);

  // A label under every bar for now; thinLabels keeps an evenly spaced set that fits once drawn.
  const labels = svg('g', { 'aria-hidden': 'true' });
  bars.forEach((bar, index) => {
    const center = margin.left + (index + 0.5) * slot;
    labels.append(
      svg(
        'g',
        { class: 'x-tick' },
        svg('line', { class: 'tick', x1: center, x2: center, y1: bottom, y2: bottom + 4 }),
        svgText(bar.axisLabel, { class: 'axis-label', x: center, y: bottom + 16, 'text-anchor': 'middle' }),
      ),
    );
  });
  chart.append(labels);
  keyboard(chart, ['ArrowRight'], ['ArrowLeft']);
  return chart;
}

function statusChart(model: InsightsViewModel, width: number): SVGSVGElement {
  const bars: readonly StatusBarModel[] = model.statuses.bars;
  const rowHeight = 26;
  const barHeight = 16;
  const height = bars.length * rowHeight + 4;
  const labelWidth = Math.min(width * 0.45, Math.max(...bars.map((bar) => textWidth(bar.label))) + 12);
  const countWidth = Math.max(...bars.map((bar) => textWidth(bar.countText))) + 10;
  const barSpace = Math.max(20, width - labelWidth - countWidth);
  const max = Math.max(1, ...bars.map((bar) => bar.total));
  const chart = svg('svg', { class: 'chart', width, height, role: 'group', 'aria-label': model.strings.statusLabel });
  bars.forEach((bar, index) => {
    const top = index * rowHeight + 2;
    const middle = top + rowHeight / 2;
    const length = Math.max(2, (bar.total / max) * barSpace);
    const node = barGroup(bar, { x: 0, y: top, width, height: rowHeight });
    node.append(
      svgText(bar.label, { class: 'bar-label', x: labelWidth - 8, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'middle' }),
      svg('rect', { class: `seg code-${bar.statusClass}`, x: labelWidth, y: middle - barHeight / 2, width: length, height: barHeight }),
      svgText(bar.countText, { class: 'axis-label', x: labelWidth + length + 6, y: middle, 'dominant-baseline': 'middle' }),
    );
    chart.append(node);
  });
  keyboard(chart, ['ArrowDown', 'ArrowRight'], ['ArrowUp', 'ArrowLeft']);
  return chart;
}

/** A chart in a box that draws it at the box's width, and again when that width changes. */
function chartBox(testId: string, draw: (width: number) => SVGSVGElement): HTMLElement {
  const box = el('div', { className: 'chart-box', testId });
  let drawn = 0;
  const paint = (): void => {
    const width = Math.floor(box.clientWidth);
    if (width <= 0 || width === drawn) {
      return;
    }
    drawn = width;
    const focused = box.contains(document.activeElement) ? document.activeElement?.getAttribute('data-key') : null;
    const chart = draw(width);
    box.replaceChildren(chart);
    thinLabels(chart, width);
    markSelection(box);
    if (focused) {
      box.querySelector<SVGGElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
    }
  };
  new ResizeObserver(paint).observe(box);
  queueMicrotask(paint);
  return box;
}

/**
 * Keeps every n-th x label (with its tick), n the smallest step at which the widest label,
 * as really drawn, does not touch its neighbour; starts at the first label that fits.
 */
function thinLabels(chart: SVGSVGElement, width: number): void {
  const ticks = [...chart.querySelectorAll<SVGGElement>('.x-tick')];
  const boxes = ticks.map((tick) => tick.querySelector('text')?.getBBox());
  if (ticks.length < 2) {
    return;
  }
  const slot = ((boxes[1]?.x ?? 0) + (boxes[1]?.width ?? 0) / 2) - ((boxes[0]?.x ?? 0) + (boxes[0]?.width ?? 0) / 2);
  const widest = Math.max(...boxes.map((box) => box?.width ?? 0));
  const every = Math.max(1, Math.ceil((widest + 14) / Math.max(1, slot)));
  const fits = (index: number): boolean => {
    const box = boxes[index];
    return box !== undefined && box.x >= 0 && box.x + box.width <= width;
  };
  const first = ticks.findIndex((_, index) => fits(index));
  ticks.forEach((tick, index) => {
    if (first < 0 || index < first || (index - first) % every !== 0 || !fits(index)) {
      tick.remove();
    }
  });
}

/** Marks what is selected as pressed, and the chart holding it, whose other bars then fade. */
function markSelection(scope: ParentNode): void {
  for (const node of scope.querySelectorAll<Element>('[data-key]')) {
    const pressed = node.getAttribute('data-key') === selection;
    node.setAttribute('aria-pressed', String(pressed));
    node.classList.toggle('selected', pressed);
  }
  for (const box of scope.querySelectorAll<Element>('.chart-box')) {
    box.classList.toggle('has-selected', box.querySelector('.selected') !== null);
  }
}

function legendItem(kind: string, label: string): HTMLElement {
  const swatch = el('span', { className: `swatch fill-${kind}` });
  swatch.setAttribute('aria-hidden', 'true');
  return el('span', { className: 'legend-item' }, swatch, el('span', { text: label }));
}

function timelineSection(model: InsightsViewModel): HTMLElement {
  const { timeline } = model;
  const head = el('div', { className: 'section-head' }, el('h2', { text: timeline.heading, id: 'timeline-heading' }));
  if (timeline.note) {
    head.append(el('span', { text: timeline.note, className: 'muted', testId: 'timeline-note' }));
  }
  const section = el('section', { className: 'card', testId: 'timeline' }, head);
  section.setAttribute('aria-labelledby', 'timeline-heading');
  if (timeline.bars.length === 0) {
    section.append(el('p', { text: timeline.emptyText, className: 'muted', testId: 'timeline-empty' }));
  } else {
    const legend = el(
      'div',
      { className: 'legend' },
      legendItem('failed', timeline.legend.failed),
      legendItem('other', timeline.legend.other),
      legendItem('succeeded', timeline.legend.succeeded),
    );
    section.append(legend, chartBox('timeline-chart', (width) => timelineChart(model, width)));
  }
  if (timeline.undated) {
    const undated = timeline.undated;
    const button = el('button', { text: undated.label, className: 'link selectable', testId: 'undated', title: undated.description });
    button.type = 'button';
    button.setAttribute('data-key', undated.key);
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => toggle(undated.key));
    section.append(button);
  }
  return section;
}

function chip(model: ClassChipModel): HTMLElement {
  const swatch = el('span', { className: `swatch code-${model.statusClass}` });
  swatch.setAttribute('aria-hidden', 'true');
  const button = el(
    'button',
    { className: 'chip selectable', testId: `class-${model.statusClass}`, title: model.description },
    swatch,
    el('span', { text: model.label }),
    el('span', { text: model.countText, className: 'muted' }),
  );
  button.type = 'button';
  button.setAttribute('data-key', model.key);
  button.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-label', model.description);
  button.addEventListener('click', () => toggle(model.key));
  return button;
}

function statusSection(model: InsightsViewModel): HTMLElement {
  const { statuses } = model;
  const section = el(
    'section',
    { className: 'card', testId: 'statuses' },
    el('div', { className: 'section-head' }, el('h2', { text: statuses.heading, id: 'status-heading' })),
  );
  section.setAttribute('aria-labelledby', 'status-heading');
  if (statuses.bars.length === 0) {
    section.append(el('p', { text: statuses.emptyText, className: 'muted' }));
    return section;
  }
  const chips = el('div', { className: 'chips', testId: 'status-classes' }, ...statuses.classes.map(chip));
  section.append(chips, chartBox('status-chart', (width) => statusChart(model, width)));
  return section;
}

// ---------------------------------------------------------------- the list

function row(model: RowModel, hint: string): HTMLTableRowElement {
  const dot = el('span', { className: `dot fill-${model.outcome === 'succeeded' || model.outcome === 'failed' ? model.outcome : 'other'}` });
  dot.setAttribute('aria-hidden', 'true');
  const open = el('button', { text: model.id, className: 'link mono', title: hint });
  open.type = 'button';
  open.dir = 'auto';
  open.addEventListener('click', (event) => {
    event.stopPropagation();
    post({ type: 'open', deliveryId: model.key });
  });
  const text = el('div', { text: model.event, className: 'event-text' });
  text.dir = 'auto';
  const delivery = el('td', { className: 'delivery' }, ...(model.event ? [text] : []), open);
  const tr = el(
    'tr',
    { className: `row outcome-${model.outcome}` },
    el('td', { className: 'nowrap' }, dot, el('span', { text: model.outcomeLabel })),
    el('td', { text: model.status, className: `nowrap tone-${model.statusTone}` }),
    delivery,
    el('td', { text: model.time, className: 'nowrap', title: model.timeHint }),
    el('td', { text: model.latency, className: 'nowrap num' }),
  );
  tr.addEventListener('click', () => post({ type: 'open', deliveryId: model.key }));
  return tr;
}

function listSection(model: InsightsViewModel): HTMLElement {
  const group = selection === undefined ? undefined : groups.get(selection);
  const section = el('section', { className: 'card list', id: 'list', testId: 'list' });
  section.setAttribute('aria-live', 'polite');
  const head = el('div', { className: 'section-head' }, el('h2', { text: group?.heading ?? model.list.heading, testId: 'list-heading' }));
  section.append(head);
  if (!group) {
    section.append(el('p', { text: model.list.prompt, className: 'muted', testId: 'list-prompt' }));
    return section;
  }
  head.append(el('span', { text: group.summary, className: 'muted', testId: 'list-summary' }));
  const clear = el('vscode-button', { text: model.list.clear, testId: 'clear-selection' });
  clear.secondary = true;
  clear.addEventListener('click', () => select(undefined));
  head.append(clear);
  const columns = model.list.columns;
  const headRow = el(
    'tr',
    {},
    ...[columns.outcome, columns.status, columns.delivery, columns.time, columns.latency].map((text) => el('th', { text, className: 'nowrap' })),
  );
  const body = el('tbody', { testId: 'list-rows' });
  for (const index of group.rows.slice(0, MAX_LISTED)) {
    const rowModel = model.rows[index];
    if (rowModel) {
      body.append(row(rowModel, model.list.openHint));
    }
  }
  if (group.rows.length > MAX_LISTED) {
    const text = model.list.truncated.replace('{0}', formatNumber(MAX_LISTED)).replace('{1}', formatNumber(group.rows.length));
    section.append(el('p', { text, className: 'muted', testId: 'list-truncated' }));
  }
  section.append(el('div', { className: 'table-scroll' }, el('table', {}, el('thead', {}, headRow), body)));
  return section;
}

// ---------------------------------------------------------------- rendering

function collectGroups(model: InsightsViewModel): Map<string, GroupModel> {
  const all = new Map<string, GroupModel>();
  const add = (group: GroupModel | undefined): void => {
    if (group && group.rows.length > 0) {
      all.set(group.key, group);
    }
  };
  model.figures.forEach((figure) => add(figure.group));
  model.timeline.bars.forEach(add);
  add(model.timeline.undated);
  model.statuses.bars.forEach(add);
  model.statuses.classes.forEach(add);
  return all;
}

function render(model: InsightsViewModel): void {
  const root = document.getElementById('root');
  if (!root) {
    return;
  }
  const scroll = window.scrollY;
  current = model;
  groups = collectGroups(model);
  if (selection !== undefined && !groups.has(selection)) {
    // The selected bucket is gone (new bucket width, say): nothing is selected any more.
    selection = undefined;
    post({ type: 'select', selection });
  }
  document.documentElement.lang = model.lang;
  root.replaceChildren(
    header(model),
    figures(model),
    el('div', { className: 'charts' }, timelineSection(model), statusSection(model)),
    listSection(model),
  );
  root.setAttribute('aria-busy', 'false');
  markSelection(root);
  window.scrollTo(0, scroll);
}

function rerender(): void {
  if (current) {
    render(current);
  }
}

window.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && selection !== undefined) {
    select(undefined);
  }
});

window.addEventListener('message', (event: MessageEvent<ToInsights>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      saved = message.state;
      if (selection === undefined && saved.selection !== undefined && current === undefined) {
        selection = saved.selection;
      }
      render(message.model);
      save();
      document.body.setAttribute('data-revision', String(message.model.revision));
      document.body.setAttribute('data-ready', 'true');
      // Charts draw at their measured width in a microtask; report after that.
      queueMicrotask(reportRendered);
      break;
    case 'status':
      status = { loading: message.loading, error: message.error };
      rerender();
      break;
  }
});

// Paint what was shown before a hide or a reload at once; the extension's `show` follows.
const restored = vscode.getState() as Partial<InsightsState> | undefined;
if (restored && typeof restored.nodeId === 'string') {
  selection = typeof restored.selection === 'string' ? restored.selection : undefined;
  if (restored.model && Array.isArray(restored.model.figures) && Array.isArray(restored.model.rows)) {
    saved = { version: 1, nodeId: restored.nodeId, selection };
    render(restored.model);
  }
}
post({ type: 'ready' });
