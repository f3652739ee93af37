// The webview page's script (browser, ESM). It announces itself with `ready`, then renders
// whatever view model the extension sends. Every value goes through textContent, so text
// from remote APIs can never become markup.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import type { DetailViewModel, FromWebview, ToWebview } from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K];
function element(tag: string, text?: string): HTMLElement;
function element(tag: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function render(model: DetailViewModel): void {
  const root = document.getElementById('root');
  if (!root) {
    return;
  }
  const heading = element('h1', model.title);
  const table = element('vscode-table');
  table.setAttribute('zebra', '');
  table.setAttribute('columns', JSON.stringify(['30%', '70%']));
  const body = element('vscode-table-body');
  body.setAttribute('slot', 'body');
  for (const field of model.fields) {
    const row = element('vscode-table-row');
    row.append(element('vscode-table-cell', field.label), element('vscode-table-cell', field.value));
    body.append(row);
  }
  table.append(body);
  root.replaceChildren(heading, table);
  vscode.setState(model);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  if (event.data.type === 'show') {
    render(event.data.model);
  }
});

const saved = vscode.getState() as DetailViewModel | undefined;
if (saved && Array.isArray(saved.fields)) {
  render(saved);
}
vscode.postMessage({ type: 'ready' });
