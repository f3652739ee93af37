// The detail page's Content Security Policy, its nonce, and the HTML shell that carries them.
import * as assert from 'node:assert/strict';
import { createNonce, getCsp } from '../../src/webview/csp';
import { pageHtml } from '../../src/webview/html';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('Detail panel CSP', function () {
  it('allows nothing by default, scripts only by nonce, styles, images and fonts only from the extension', function () {
    assert.equal(
      getCsp(SOURCE, 'abc123'),
      `default-src 'none'; script-src 'nonce-abc123'; style-src ${SOURCE}; img-src ${SOURCE} data:; font-src ${SOURCE}`,
    );
  });

  it('never allows inline code, eval or other origins', function () {
    const csp = getCsp(SOURCE, createNonce());
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!file\+)/);
    assert.doesNotMatch(csp, /connect-src|frame-src|child-src/);
  });

  it('makes a fresh 128-bit nonce from crypto each time, safe inside the policy', function () {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    assert.equal(nonces.size, 200);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
    }
  });
});

describe('Detail page HTML shell', function () {
  const resources = {
    cspSource: SOURCE,
    nonce: 'n0nce+/==',
    scriptUri: `${SOURCE}/ext/dist/webview.js`,
    styleUri: `${SOURCE}/ext/media/detail.css`,
    lang: 'de',
  };

  it('carries the policy in a meta tag and the nonce on its one module script', function () {
    const html = pageHtml(resources);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${getCsp(SOURCE, 'n0nce+/==')}">`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script type="module" nonce="n0nce+/==" src="${SOURCE}/ext/dist/webview.js">`]);
    assert.ok(html.includes(`<link rel="stylesheet" href="${SOURCE}/ext/media/detail.css">`));
  });

  it('has no inline script or style, and no place for data: the delivery arrives as a message', function () {
    const html = pageHtml(resources);
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=|<script>[^<]/i);
    assert.match(html, /<main id="root" data-testid="detail" aria-busy="true"><\/main>/);
  });

  it('uses the display language as lang, and en for anything that is not a language tag', function () {
    assert.match(pageHtml(resources), /<html lang="de">/);
    assert.match(pageHtml({ ...resources, lang: 'zh-cn' }), /<html lang="zh-cn">/);
    assert.match(pageHtml({ ...resources, lang: 'en"><script>alert(1)</script>' }), /<html lang="en">/);
  });

  it('escapes the resource URIs it is given', function () {
    const html = pageHtml({ ...resources, styleUri: 'https://x/"><script>alert(1)</script>' });
    assert.ok(html.includes('href="https://x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  });
});
