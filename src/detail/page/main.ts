// The delivery detail page (browser, ESM). It paints its saved state at once, says `ready`,
// then renders whatever the extension sends. Safety rules, kept by construction:
//   - every value goes through textContent (never innerHTML, insertAdjacentHTML, write);
//   - setAttribute only for non-URL attributes (no href/src anywhere: links are buttons
//     that ask the extension, which checks the scheme, to open them);
//   - no inline styles: classes only, styled by media/detail.css.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import type { ActionId, DetailViewModel, FieldModel, FromWebview, HeadersModel, PanelState, SectionModel, ToWebview } from '../protocol';
import { el } from '../../webview/page/dom';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: PanelState): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** Page-local: whether sensitive header values are shown. Reset for every other delivery. */
let revealed = false;
let current: DetailViewModel | undefined;
let notice: { readonly kind: 'loading' } | { readonly kind: 'error'; readonly message: string } | undefined;

// ---------------------------------------------------------------- DOM helpers

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

// ---------------------------------------------------------------- parts

const ACTION_MESSAGES: Readonly<Record<ActionId, FromWebview>> = {
  refresh: { type: 'refresh' },
  copyJson: { type: 'copy', what: 'json' },
  openJson: { type: 'openJson' },
  copyId: { type: 'copy', what: 'id' },
  copyUrl: { type: 'copy', what: 'url' },
  copyLink: { type: 'copy', what: 'link' },
  searchHandler: { type: 'searchHandler' },
};

function button(label: string, testId: string, onClick: () => void, secondary = true): HTMLElementTagNameMap['vscode-button'] {
  const node = el('vscode-button', { text: label, testId });
  node.secondary = secondary;
  node.addEventListener('click', onClick);
  return node;
}

function summary(model: DetailViewModel): HTMLElement {
  const { outcome, status, subtitle, eventType } = model.heading;
  const badge = el('vscode-badge', { text: outcome.label, className: `outcome outcome-${outcome.kind}`, testId: 'outcome', id: 'outcome', title: outcome.hint });
  const line = el(
    'div',
    { className: 'status-line' },
    badge,
    el('span', { text: status.text, className: `http-status tone-${status.tone}`, testId: 'status', id: 'status' }),
  );
  if (eventType) {
    line.append(el('code', { text: eventType, className: 'event-type', testId: 'event-type' }));
  }
  const title = el('h1', { text: model.title, testId: 'title', id: 'title' });
  title.dir = 'auto';
  return el('header', { className: 'summary' }, line, title, el('p', { text: subtitle, className: 'subtitle', testId: 'subtitle' }));
}

function toolbar(model: DetailViewModel): HTMLElement {
  const group = el('div', { className: 'toolbar', testId: 'actions' });
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', model.actionsLabel);
  for (const action of model.actions) {
    const node = button(action.label, `action-${action.id}`, () => post(ACTION_MESSAGES[action.id]), action.id !== 'searchHandler');
    node.disabled = !action.enabled;
    if (action.hint) {
      node.title = action.hint;
    }
    group.append(node);
  }
  return group;
}

function noticeArea(model: DetailViewModel): HTMLElement {
  const area = el('div', { className: 'notice', testId: 'notice', id: 'notice' });
  if (notice?.kind === 'loading') {
    const ring = el('vscode-progress-ring', { className: 'ring' });
    ring.ariaLabel = model.strings.loading;
    area.setAttribute('role', 'status');
    area.append(ring, el('span', { text: model.strings.loading, testId: 'loading' }));
  } else if (notice?.kind === 'error') {
    const message = el('span', { text: notice.message, className: 'notice-message', testId: 'notice-message' });
    message.setAttribute('role', 'alert');
    area.classList.add('notice-error');
    area.append(
      message,
      button(model.strings.retry, 'notice-retry', () => post({ type: 'refresh' })),
      button(model.strings.dismiss, 'notice-dismiss', () => {
        notice = undefined;
        rerender();
      }),
    );
  } else {
    area.hidden = true;
  }
  return area;
}

function errorSection(model: DetailViewModel): HTMLElement | undefined {
  if (!model.error) {
    return undefined;
  }
  const heading = el('h2', { text: model.error.label, id: 'error-heading' });
  const message = el('pre', { text: model.error.message, className: 'error-message', testId: 'error-message', id: 'error-message' });
  message.dir = 'auto';
  const section = el('section', { className: 'error-section', testId: 'error' }, heading, message);
  section.setAttribute('aria-labelledby', 'error-heading');
  return section;
}

function fieldValue(field: FieldModel): HTMLElement {
  const dd = el('dd', { testId: `field-${field.id}` });
  let value: HTMLElement;
  if (field.link) {
    const link = field.link;
    value = el('button', { text: field.value, className: 'link', title: field.hint });
    (value as HTMLButtonElement).type = 'button';
    value.addEventListener('click', () => post({ type: 'openLink', url: link }));
  } else {
    value = el('span', { text: field.value, title: field.hint });
  }
  value.classList.add('value');
  if (field.monospace) {
    value.classList.add('mono');
  }
  value.dir = 'auto';
  dd.append(value);
  if (field.detail) {
    dd.append(el('span', { text: field.detail, className: 'detail' }));
  }
  return dd;
}

function section(model: SectionModel): HTMLElement {
  const headingId = `section-${model.id}-heading`;
  const node = el('section', { className: 'card', testId: `section-${model.id}`, id: `section-${model.id}` }, el('h2', { text: model.label, id: headingId }));
  node.setAttribute('aria-labelledby', headingId);
  if (model.fields.length > 0) {
    const list = el('dl');
    for (const field of model.fields) {
      const term = el('dt', { text: field.label });
      term.dir = 'auto';
      list.append(term, fieldValue(field));
    }
    node.append(list);
  }
  if (model.note) {
    node.append(el('p', { text: model.note, className: 'note', testId: `section-${model.id}-note` }));
  }
  if (model.link) {
    const url = model.link.url;
    node.append(button(model.link.label, `section-${model.id}-open`, () => post({ type: 'openLink', url })));
  }
  if (model.copy) {
    const what = model.copy.what;
    node.append(button(model.copy.label, `section-${model.id}-copy`, () => post({ type: 'copy', what })));
  }
  return node;
}

/** Value cells of sensitive rows, to flip between masked and shown without a re-render. */
let sensitiveCells: Array<{ cell: HTMLElement; value: string }> = [];

/** The raw JSON block and its two texts, masked and revealed, flipped with the header values. */
let rawText: { pre: HTMLElement; json: string; revealedJson?: string } | undefined;

function paintSensitive(headers: HeadersModel): void {
  if (rawText?.revealedJson !== undefined) {
    rawText.pre.textContent = revealed ? rawText.revealedJson : rawText.json;
  }
  for (const { cell, value } of sensitiveCells) {
    if (revealed) {
      cell.replaceChildren(document.createTextNode(value));
      cell.classList.remove('masked');
    } else {
      const hidden = el('span', { text: headers.maskedLabel, className: 'visually-hidden' });
      const dots = el('span', { text: headers.maskedText });
      dots.setAttribute('aria-hidden', 'true');
      cell.replaceChildren(dots, hidden);
      cell.classList.add('masked');
    }
  }
}

function headersSection(headers: HeadersModel): HTMLElement {
  const heading = el('h2', { text: headers.label, id: 'headers-heading' });
  const bar = el('div', { className: 'section-bar' }, heading);
  const node = el('section', { className: 'headers', testId: 'headers', id: 'headers' }, bar);
  node.setAttribute('aria-labelledby', 'headers-heading');
  sensitiveCells = [];
  if (headers.rows.length === 0) {
    node.append(el('p', { text: headers.emptyText, className: 'note', testId: 'headers-empty' }));
    return node;
  }
  if (headers.rows.some((row) => row.sensitive)) {
    const toggle = button(headers.revealLabel, 'headers-toggle', () => {
      revealed = !revealed;
      toggle.setAttribute('aria-pressed', String(revealed));
      paintSensitive(headers);
    });
    toggle.id = 'headers-toggle';
    toggle.setAttribute('aria-pressed', String(revealed));
    bar.append(toggle);
  }
  const table = el('vscode-table', { testId: 'headers-table', id: 'headers-table', className: 'headers-table' });
  table.borderedRows = true;
  table.zebra = true;
  table.columns = ['32%', '68%'];
  table.setAttribute('aria-labelledby', 'headers-heading');
  const head = el('vscode-table-header');
  head.slot = 'header';
  head.append(el('vscode-table-header-cell', { text: headers.nameLabel }), el('vscode-table-header-cell', { text: headers.valueLabel }));
  const body = el('vscode-table-body');
  body.slot = 'body';
  for (const row of headers.rows) {
    const valueCell = el('vscode-table-cell', { className: 'wrap mono', text: row.value });
    const tableRow = el(
      'vscode-table-row',
      { testId: row.sensitive ? 'header-row-sensitive' : 'header-row' },
      el('vscode-table-cell', { className: 'wrap mono header-name', text: row.name }),
      valueCell,
    );
    if (row.sensitive) {
      sensitiveCells.push({ cell: valueCell, value: row.value });
    }
    body.append(tableRow);
  }
  table.append(head, body);
  node.append(table);
  paintSensitive(headers);
  return node;
}

function rawSection(model: DetailViewModel, open: boolean): HTMLElement {
  const collapsible = el('vscode-collapsible', { testId: 'raw-json', id: 'raw-json', className: 'raw' });
  collapsible.heading = model.raw.label;
  collapsible.open = open;
  const pre = el('pre', { text: revealed && model.raw.revealedJson !== undefined ? model.raw.revealedJson : model.raw.json, className: 'raw-json mono', testId: 'raw-json-text' });
  rawText = { pre, json: model.raw.json, revealedJson: model.raw.revealedJson };
  collapsible.append(pre);
  return collapsible;
}

// ---------------------------------------------------------------- rendering

function render(model: DetailViewModel): void {
  const root = document.getElementById('root');
  if (!root) {
    return;
  }
  const sameDelivery = current?.deliveryId === model.deliveryId;
  if (!sameDelivery) {
    revealed = false;
  }
  // Keep the reader's place when the same delivery is re-rendered (refresh, related loaded).
  const scroll = sameDelivery ? window.scrollY : 0;
  const focused = sameDelivery ? document.activeElement?.getAttribute('data-testid') : null;
  const rawOpen = sameDelivery && (document.getElementById('raw-json') as HTMLElementTagNameMap['vscode-collapsible'] | null)?.open === true;
  current = model;

  document.documentElement.lang = model.lang;
  const grid = el('div', { className: 'grid' }, ...model.sections.map(section));
  const parts: Node[] = [summary(model), toolbar(model), noticeArea(model)];
  const error = errorSection(model);
  if (error) {
    parts.push(error);
  }
  parts.push(grid, headersSection(model.headers), rawSection(model, rawOpen));
  root.replaceChildren(...parts);
  root.setAttribute('aria-busy', 'false');

  window.scrollTo(0, scroll);
  if (focused) {
    const again = root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focused)}"]`);
    again?.focus();
  }
}

function rerender(): void {
  if (current) {
    render(current);
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      notice = undefined;
      document.body.removeAttribute('data-error-kind');
      vscode.setState(message.state);
      render(message.model);
      document.body.setAttribute('data-delivery-id', message.model.deliveryId);
      document.body.setAttribute('data-ready', 'true');
      post({ type: 'rendered', deliveryId: message.model.deliveryId });
      break;
    case 'loading':
      notice = { kind: 'loading' };
      rerender();
      break;
    case 'error':
      notice = { kind: 'error', message: message.message };
      document.body.setAttribute('data-error-kind', message.kind);
      rerender();
      break;
  }
});

// The saved state holds ids only (what the delivery said must not reach disk): the
// extension reads the delivery again and its `show` paints it.
post({ type: 'ready' });
