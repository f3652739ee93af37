// The one way both pages (detail and insights) create elements: text only through
// textContent, so nothing from a delivery is ever parsed as markup.

export interface ElementOptions {
  readonly text?: string;
  readonly className?: string;
  readonly testId?: string;
  readonly id?: string;
  readonly title?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.text !== undefined) {
    node.textContent = options.text;
  }
  if (options.className) {
    node.className = options.className;
  }
  if (options.testId) {
    node.setAttribute('data-testid', options.testId);
  }
  if (options.id) {
    node.id = options.id;
  }
  if (options.title) {
    node.title = options.title;
  }
  node.append(...children);
  return node;
}
