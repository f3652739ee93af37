// The insights page's HTML shell: no data at all (the view model arrives as a message and is
// drawn with textContent and SVG attributes), the detail page's CSP, one script, one sheet.
import { getCsp } from '../panel/csp';

export interface InsightsPageResources {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `asWebviewUri` of dist/insights.js and dist/insights.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** `vscode.env.language`; anything that is not a plain language tag becomes `en`. */
  readonly lang: string;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function insightsPageHtml(resources: InsightsPageResources): string {
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
<main id="root" data-testid="insights" aria-busy="true"></main>
<script type="module" nonce="${attribute(resources.nonce)}" src="${attribute(resources.scriptUri)}"></script>
</body>
</html>`;
}
