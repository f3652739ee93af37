// The HTML shell of the extension's pages (the detail panel and insights). It holds no data
// at all: the content arrives later as a message and is rendered with textContent (and SVG
// attributes), so nothing remote is ever parsed as markup.
import { getCsp } from './csp';

export interface PageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `asWebviewUri` of the page's script and style sheet, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** `vscode.env.language`; anything that is not a plain language tag becomes `en`. */
  readonly lang: string;
  /** `data-testid` of the page's root element (default `detail`). */
  readonly testId?: string;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function pageHtml(resources: PageResources): string {
  const lang = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(resources.lang) ? resources.lang : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(getCsp(resources.cspSource, resources.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(resources.styleUri)}">
</head>
<body>
<main id="root" data-testid="${attribute(resources.testId ?? 'detail')}" aria-busy="true"></main>
<script type="module" nonce="${attribute(resources.nonce)}" src="${attribute(resources.scriptUri)}"></script>
</body>
</html>`;
}
