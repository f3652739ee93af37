// "Find the handler", the pure part: what a target URL's route looks like in source, how
// lines of many frameworks match it, how matches rank, and which files are read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALWAYS_EXCLUDED, INCLUDE_GLOB, enabledPatterns, excludeGlob, expandBraces } from '../../src/handler/files';
import type { LineMatch } from '../../src/handler/routeMatch';
import { MAX_LINE_LENGTH, SCORES, clearWinner, fileRoute, isIdLike, matchFile, rankMatches, routeTarget, scoreRoute } from '../../src/handler/routeMatch';
import { TEST_WORKSPACE } from '../host/paths';

function target(url: string) {
  const found = routeTarget(url);
  assert.ok(found, `${url} has a route`);
  return found;
}

/** The matches of one file, as `line:text-at-selection` with their kind. */
function matches(url: string, file: string, text: string): LineMatch[] {
  return matchFile(target(url), file, text);
}

/** What the selection would cover on the matched line. */
function selected(text: string, match: LineMatch | undefined): string {
  assert.ok(match, 'a match');
  const line = text.split('\n')[match.line] ?? '';
  return line.slice(match.start, match.end);
}

interface Ranked extends LineMatch {
  readonly path: string;
}

/** Every match of several files, ranked as the command ranks them. */
function search(url: string, files: Readonly<Record<string, string>>): Ranked[] {
  const t = target(url);
  return rankMatches(Object.entries(files).flatMap(([file, text]) => matchFile(t, file, text).map((match) => ({ ...match, path: file }))));
}

describe('Find handler: what to look for', function () {
  it('looks for the decoded path of an http(s) target URL, without query, fragment or trailing slash', function () {
    assert.equal(target('https://api.acme-shop.dev/webhooks/handinger').path, '/webhooks/handinger');
    assert.equal(target('https://api.acme-shop.dev/v1/hooks/handinger?env=prod#top').path, '/v1/hooks/handinger');
    assert.equal(target('https://hooks.zapier.com/hooks/catch/1234567/abcde9/').path, '/hooks/catch/1234567/abcde9');
    assert.equal(target('http://localhost:3000//webhooks//cadenya/').path, '/webhooks/cadenya');
    assert.equal(target('https://example.com/caf%C3%A9/hook').path, '/café/hook');
  });

  it('has nothing to look for without a path, or for a URL that is not http(s)', function () {
    for (const url of ['https://example.com', 'https://example.com/', 'https://example.com/?a=1#b', 'javascript:alert(document.domain)', 'command:workbench.action.terminal.new', 'data:text/html,<script>', '/relative/path', '', undefined]) {
      assert.equal(routeTarget(url), undefined, String(url));
    }
  });

  it('tells ids from words: numbers, UUIDs, long hex, letters mixed with digits', function () {
    for (const id of ['1234567', '42', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'a1b2c3d4e5f6', 'abcde9', 'whe_01K8AF9R17M8AGYHCBEAPDSQPS', 'wrk_vk81XUHKHG-qr4']) {
      assert.equal(isIdLike(id), true, id);
    }
    for (const word of ['webhooks', 'handinger', 'seo-audit', 'v1', 'v2', 'deadbeef', 'events', 'http2', 'catch']) {
      assert.equal(isIdLike(word), false, word);
    }
    assert.deepEqual(target('https://hooks.zapier.com/hooks/catch/1234567/abcde9').idLike, [false, false, true, true]);
  });
});

describe('Find handler: route declarations of each framework', function () {
  it('Express: app.post with the full path, selecting the route text', function () {
    const text = "import express from 'express';\nconst app = express();\napp.post('/webhooks/handinger', express.json(), handle);\n";
    const [match, ...rest] = matches('https://api.acme-shop.dev/webhooks/handinger', 'src/server.ts', text);
    assert.equal(rest.length, 0);
    assert.equal(match?.line, 2);
    assert.equal(match?.kind, 'exact');
    assert.equal(match?.score, SCORES.exact + SCORES.declaration);
    assert.equal(selected(text, match), '/webhooks/handinger');
  });

  it('Express: a router mounted under a prefix matches by its trailing segments', function () {
    const files = {
      'src/app.js': "app.use('/webhooks', webhooks);\n",
      'src/routes/webhooks.js': "const webhooks = express.Router();\nwebhooks.post('/handinger', verify, (req, res) => res.sendStatus(204));\n",
    };
    const [best, ...rest] = search('https://api.acme-shop.dev/webhooks/handinger', files);
    assert.equal(rest.length, 0, 'the mount line alone is no match');
    assert.equal(best?.path, 'src/routes/webhooks.js');
    assert.equal(best?.line, 1);
    assert.equal(best?.kind, 'trailing');
    assert.equal(best?.score, SCORES.trailing + SCORES.trailingPerSegment + SCORES.declaration);
  });

  it('Fastify: shorthand and route options', function () {
    const short = matches('https://x.dev/webhooks/cadenya', 'server.ts', "fastify.post('/webhooks/cadenya', { schema }, async (request, reply) => {});\n");
    assert.equal(short[0]?.score, SCORES.exact + SCORES.declaration);
    const options = matches('https://x.dev/webhooks/cadenya', 'server.ts', "fastify.route({ method: 'POST', url: '/webhooks/cadenya', handler });\n");
    assert.equal(options[0]?.score, SCORES.exact + SCORES.declaration);
  });

  it('Hono: app.post, app.on and a parameter with a pattern', function () {
    const url = 'https://x.dev/hooks/orders/48213';
    assert.equal(matches(url, 'src/index.ts', "app.post('/hooks/orders/:id{[0-9]+}', (c) => c.json({}));\n")[0]?.kind, 'template');
    const on = matches(url, 'src/index.ts', "app.on('POST', '/hooks/orders/:id', (c) => c.text('ok'));\n");
    assert.equal(on[0]?.score, SCORES.template + SCORES.declaration);
  });

  it('Next.js app router: the folder path is the route, the POST export is the line', function () {
    const text = "export function GET() {\n  return new Response('hi');\n}\n\nexport async function POST(request: Request) {\n  return Response.json({});\n}\n";
    const [match] = matches('https://finance.acme-shop.dev/api/cadenya/webhook', 'app/api/cadenya/webhook/route.ts', text);
    assert.equal(match?.kind, 'file');
    assert.equal(match?.line, 4);
    assert.equal(match?.score, SCORES.exact + SCORES.declaration);
    assert.equal(selected(text, match), 'POST');
    // The same file elsewhere matches nothing: only its folders name the route.
    assert.deepEqual(matches('https://finance.acme-shop.dev/api/cadenya/webhook', 'lib/cadenya/webhook/route.ts', text), []);
  });

  it('Next.js: dynamic segments, route groups, src/app, pages/api and exported handlers', function () {
    assert.equal(fileRoute('app/hooks/catch/[account]/[hook]/route.ts'), '/hooks/catch/[account]/[hook]');
    assert.equal(fileRoute('apps/web/src/app/(webhooks)/@modal/api/cadenya/route.js'), '/api/cadenya');
    assert.equal(fileRoute('pages/api/cadenya/webhook.ts'), '/api/cadenya/webhook');
    assert.equal(fileRoute('pages/api/cadenya/index.ts'), '/api/cadenya');
    assert.equal(fileRoute('src/routes/hooks/[id]/+server.ts'), '/hooks/[id]');
    assert.equal(fileRoute('app/api/cadenya/webhook/page.tsx'), undefined);
    assert.equal(fileRoute('pages/about.tsx'), undefined);

    const zapier = 'https://hooks.zapier.com/hooks/catch/1234567/abcde9/';
    const text = 'const handler = async (req: Request) => new Response(null);\nexport { handler as POST };\n';
    const [match] = matches(zapier, 'app/hooks/catch/[account]/[hook]/route.ts', text);
    assert.equal(match?.kind, 'file');
    assert.equal(match?.line, 1);
    assert.equal(match?.score, SCORES.template + SCORES.declaration);
    assert.equal(selected(text, match), 'POST');

    const pages = matches('https://x.dev/api/cadenya/webhook', 'pages/api/cadenya/webhook.ts', 'export default async function handler(req, res) {}\n');
    assert.equal(pages[0]?.score, SCORES.exact + SCORES.declaration);
  });

  it('Flask and FastAPI: route decorators, with or without a prefix on the router', function () {
    const flask = '@app.route("/cadenya/events", methods=["POST"])\ndef cadenya_events():\n    return "", 204\n';
    assert.equal(matches('https://hooks.northwind-support.io/cadenya/events', 'app.py', flask)[0]?.score, SCORES.exact + SCORES.declaration);
    const flaskTemplate = "@bp.post('/orders/<int:order_id>/paid')\ndef paid(order_id): ...\n";
    assert.equal(matches('https://x.dev/orders/48213/paid', 'shop/views.py', flaskTemplate)[0]?.kind, 'template');
    const fastapi = 'router = APIRouter(prefix="/cadenya")\n\n@router.post("/events")\nasync def events(request: Request): ...\n';
    const [match, ...rest] = matches('https://hooks.northwind-support.io/cadenya/events', 'api/cadenya.py', fastapi);
    assert.equal(rest.length, 0);
    assert.equal(match?.line, 2);
    assert.equal(match?.kind, 'trailing');
  });

  it('Django: path() without a leading slash, with a trailing one', function () {
    const text = 'urlpatterns = [\n    path("hooks/seo-audit/", views.seo_audit, name="seo-audit"),\n]\n';
    const [match] = matches('https://ops.acme-shop.dev/hooks/seo-audit', 'ops/urls.py', text);
    assert.equal(match?.score, SCORES.exact + SCORES.declaration);
    assert.equal(selected(text, match), 'hooks/seo-audit/');
  });

  it('Spring: a method mapping under a class mapping, and a full mapping with value =', function () {
    const controller = [
      '@RestController',
      '@RequestMapping("/webhooks")',
      'public class WebhookController {',
      '    @PostMapping("/handinger")',
      '    public ResponseEntity<Void> handinger(@RequestBody String body) { return ResponseEntity.ok().build(); }',
      '}',
    ].join('\n');
    const [match] = matches('https://api.acme-shop.dev/webhooks/handinger', 'src/main/java/WebhookController.java', controller);
    assert.equal(match?.line, 3);
    assert.equal(match?.kind, 'trailing');
    const full = matches('https://api.acme-shop.dev/webhooks/handinger', 'A.java', '  @PostMapping(value = "/webhooks/handinger", consumes = "application/json")\n');
    assert.equal(full[0]?.score, SCORES.exact + SCORES.declaration);
  });

  it('Go net/http: HandleFunc, Go 1.22 method patterns (the method is not selected) and {id} wildcards', function () {
    const text = 'mux.HandleFunc("POST /hooks/cadenya", handleCadenya)\nhttp.HandleFunc("/hooks/orders/{id}", order)\n';
    const [match] = matches('https://ci.acme-shop.dev/hooks/cadenya', 'main.go', text);
    assert.equal(match?.score, SCORES.exact + SCORES.declaration);
    assert.equal(selected(text, match), '/hooks/cadenya');
    const [order] = matches('https://x.dev/hooks/orders/550e8400-e29b-41d4-a716-446655440000', 'main.go', text);
    assert.equal(order?.line, 1);
    assert.equal(order?.score, SCORES.template + SCORES.declaration);
  });

  it('Rails: post with to:, a hash rocket, and :id segments', function () {
    const routes = 'Rails.application.routes.draw do\n  post "/hooks/cadenya", to: "release_notes#create"\n  post "orders/:id/paid" => "orders#paid"\nend\n';
    assert.equal(matches('https://ci.acme-shop.dev/hooks/cadenya', 'config/routes.rb', routes)[0]?.score, SCORES.exact + SCORES.declaration);
    const [paid] = matches('https://x.dev/orders/48213/paid', 'config/routes.rb', routes);
    assert.equal(paid?.line, 2);
    assert.equal(paid?.score, SCORES.template + SCORES.declaration);
  });

  it('other parameter syntaxes match ids: {id}, [id], <id>, $id, ${id}, * and catch-alls', function () {
    const url = 'https://x.dev/hooks/orders/48213';
    for (const route of ['/hooks/orders/{id}', '/hooks/orders/{id:int}', '/hooks/orders/[id]', '/hooks/orders/<id>', '/hooks/orders/$orderId', '/hooks/orders/${id}', '/hooks/orders/:id?']) {
      assert.deepEqual(scoreRoute(route, target(url)), { kind: 'template', score: SCORES.template }, route);
    }
    assert.deepEqual(scoreRoute('/hooks/*', target(url)), { kind: 'template', score: SCORES.template - SCORES.catchAll });
    assert.deepEqual(scoreRoute('/hooks/[...slug]', target(url)), { kind: 'template', score: SCORES.template - SCORES.catchAll });
    assert.deepEqual(scoreRoute('/hooks/*/48213', target(url)), { kind: 'template', score: SCORES.template - SCORES.wordParameter });
    // A parameter where the URL has a word still matches, lower.
    assert.deepEqual(scoreRoute('/hooks/:resource/48213', target(url)), { kind: 'template', score: SCORES.template - SCORES.wordParameter });
    // Parameters alone match everything: not a match.
    assert.equal(scoreRoute('/:a/:b/:c', target(url)), undefined);
    assert.equal(scoreRoute('/*', target(url)), undefined);
  });
});

describe('Find handler: ranking', function () {
  const url = 'https://api.acme-shop.dev/webhooks/handinger';

  it('ranks the exact path over a template over trailing segments', function () {
    const ranked = search(url, {
      'a.ts': "export const HANDINGER = '/webhooks/handinger';\n",
      'b.ts': "export const ROUTE = '/webhooks/:provider';\n",
      'c.ts': "export const TAIL = '/handinger';\n",
    });
    assert.deepEqual(
      ranked.map((m) => [m.path, m.kind, m.score]),
      [
        ['a.ts', 'exact', SCORES.exact],
        ['b.ts', 'template', SCORES.template - SCORES.wordParameter],
        ['c.ts', 'trailing', SCORES.trailing + SCORES.trailingPerSegment],
      ],
    );
  });

  it('gives a route declaration a bonus over a mere mention', function () {
    const ranked = search(url, {
      'log.ts': "logger.info('received', '/webhooks/handinger');\n",
      'routes.ts': "router.post('/webhooks/handinger', handle);\n",
    });
    assert.deepEqual(ranked.map((m) => m.path), ['routes.ts', 'log.ts']);
    assert.equal(ranked[0]!.score - ranked[1]!.score, SCORES.declaration);
  });

  it('compares paths case-sensitively, with a lower case-insensitive fallback', function () {
    const [match] = matches(url, 'r.ts', "router.post('/Webhooks/Handinger', handle);\n");
    assert.equal(match?.score, SCORES.exact + SCORES.declaration - SCORES.caseInsensitive);
  });

  it('tolerates a trailing slash on either side', function () {
    assert.equal(matches(`${url}/`, 'r.ts', "router.post('/webhooks/handinger/', handle);\n")[0]?.score, SCORES.exact + SCORES.declaration);
  });

  it('marks down comments and test files; a test calling the route is no declaration', function () {
    assert.equal(matches(url, 'r.ts', "// router.post('/webhooks/handinger', handle);\n")[0]?.score, SCORES.exact + SCORES.declaration - SCORES.comment);
    const test = matches(url, 'test/webhooks.test.ts', "await request(app).post('/webhooks/handinger').send(body);\n");
    assert.equal(test[0]?.score, SCORES.exact - SCORES.testFile);
  });

  it('ignores module paths, URLs in literals and lone words that declare nothing', function () {
    const text = [
      "import { handinger } from 'webhooks/handinger';",
      "const client = require('webhooks/handinger');",
      "const target = 'https://api.acme-shop.dev/webhooks/handinger';",
      "const provider = 'handinger';",
    ].join('\n');
    assert.deepEqual(matches(url, 'src/x.ts', text), []);
    // A lone word is a route where one is declared (Rails inside a namespace).
    assert.equal(matches(url, 'config/routes.rb', "  post 'handinger', to: 'webhooks#handinger'\n")[0]?.kind, 'trailing');
  });

  it('opens the best match only when it clearly leads', function () {
    assert.equal(clearWinner([]), undefined);
    assert.deepEqual(clearWinner([{ score: 40 }]), { score: 40 });
    assert.deepEqual(clearWinner([{ score: 120 }, { score: 100 }]), { score: 120 });
    assert.equal(clearWinner([{ score: 120 }, { score: 120 }]), undefined);
    assert.equal(clearWinner([{ score: 100 }, { score: 95 }]), undefined);
  });

  it('orders equal scores by file and line, so results are stable', function () {
    const ranked = search(url, {
      'b.ts': "router.post('/webhooks/handinger', a);\nrouter.post('/webhooks/handinger', b);\n",
      'a.ts': "router.post('/webhooks/handinger', c);\n",
    });
    assert.deepEqual(ranked.map((m) => `${m.path}:${m.line}`), ['a.ts:0', 'b.ts:0', 'b.ts:1']);
  });
});

describe('Find handler: hostile input', function () {
  it('skips very long lines, quickly', function () {
    const long = `x = "${'/webhooks/handinger '.repeat(20_000)}"; router.post('/webhooks/handinger', h);`;
    assert.ok(long.length > MAX_LINE_LENGTH);
    const started = Date.now();
    const text = `${long}\n${"'/a/b' ".repeat(500)}\nrouter.post('/webhooks/handinger', h);\n`;
    const found = matches('https://x.dev/webhooks/handinger', 'big.js', text);
    assert.deepEqual(found.map((m) => m.line), [2]);
    // A backtracking regression takes minutes here; the bound leaves room for a loaded CI machine.
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });

  it('scans a large file of near misses in linear time', function () {
    const text = Array.from({ length: 50_000 }, (_, i) => `app.post('/webhooks/handinger-${i}', "unterminated`).join('\n');
    const started = Date.now();
    assert.deepEqual(matches('https://x.dev/webhooks/handinger', 'many.js', text), []);
    assert.ok(Date.now() - started < 8_000, `took ${Date.now() - started} ms`);
  });

  it('scans an adversarial 1 MB file of long lines in linear time', function () {
    // Before the fix the first shape alone took minutes; mocha's timeout must not hide a regression.
    this.timeout(30_000);
    // Each shape fills lines just under MAX_LINE_LENGTH: runs of spaces after a bare verb (which
    // took ~0.5 s a line when a pattern had `\s*\(?\s*`), runs of quotes, route-like prefixes.
    const fill = (head: string, unit: string, tail = ''): string => head + unit.repeat(Math.floor((MAX_LINE_LENGTH - head.length - tail.length) / unit.length)) + tail;
    const shapes: Record<string, string> = {
      'spaces after a verb, then many literals': `post${' '.repeat(2_600)}${"'/webhooks/handinger',".repeat(60)}`,
      'spaces after a verb': fill('post', ' ', "'/webhooks/handinger'"),
      'spaces after an opening parenthesis': fill('webhooks @app.post(', ' ', 'x'),
      'spaces after an import': fill('webhooks import', ' ', 'x'),
      'spaces after export function': fill('export function', ' ', 'x'),
      'spaces around route literals': fill('', " '/webhooks/handinger' "),
      'quote characters': fill('webhooks ', "'"),
      'empty literals': fill('webhooks ', `''""`),
      'route-like prefixes': fill('', "router.post('/webhooks/handinger', "),
      'bare verbs': fill('', "post '/webhooks/handinger' "),
      'property routes': fill('method: ', "url: '/webhooks/handinger', "),
      'parameters': fill('', "'/webhooks/:id/:id/:id', "),
    };
    for (const [shape, line] of Object.entries(shapes)) {
      assert.ok(line.length <= MAX_LINE_LENGTH, shape);
      const text = Array.from({ length: Math.ceil(1_000_000 / (line.length + 1)) }, () => line).join('\n');
      assert.ok(text.length >= 1_000_000, shape);
      for (const file of ['big.ts', 'app/webhooks/handinger/route.ts']) {
        const started = Date.now();
        matches('https://x.dev/webhooks/handinger', file, text);
        const took = Date.now() - started;
        assert.ok(took < 5_000, `${shape} in ${file} took ${took} ms`);
      }
    }
  });

  it('takes regex characters in paths literally', function () {
    const url = 'https://x.dev/a.b/(c)+/[x]*';
    const t = target(url);
    assert.equal(t.path, '/a.b/(c)+/[x]*');
    assert.equal(matches(url, 'r.ts', "router.post('/a.b/(c)+/[x]*', h);\n")[0]?.kind, 'exact');
    // `.` is no wildcard, `(c)+` no group.
    assert.deepEqual(matches(url, 'r.ts', "router.post('/aXb/cc/[x]*', h);\n"), []);
  });

  it('finds nothing for javascript:, data: or unparsable URLs', function () {
    for (const url of ['javascript:alert(document.domain)', 'JAVASCRIPT:alert(1)//webhooks/handinger', 'data:text/html,/webhooks/handinger', 'https://exa\u202Emple.com/webhooks', 'not a url']) {
      assert.equal(routeTarget(url), undefined, url);
    }
  });

  it('survives binary-looking text, unterminated quotes and escapes', function () {
    const text = "\u0000\u0001'\\'/webhooks/handinger\\''\n'/webhooks/handinger\n\"/webhooks/handinger\\\"\n";
    assert.doesNotThrow(() => matches('https://x.dev/webhooks/handinger', 'odd.js', text));
  });
});

describe('Find handler: which files are read', function () {
  it('reads source files of the common web frameworks', function () {
    for (const extension of ['ts', 'js', 'py', 'rb', 'go', 'java', 'kt', 'cs', 'php', 'rs', 'ex']) {
      assert.ok(INCLUDE_GLOB.includes(`,${extension},`) || INCLUDE_GLOB.includes(`{${extension},`), extension);
    }
  });

  it('always excludes dependencies and build output, and adds the user’s enabled patterns', function () {
    const glob = excludeGlob({ '**/.git': true, '**/*.gen.ts': true, '**/keep': false, '**/*.js': { when: '$(basename).ts' } }, { '**/fixtures/{big,huge}': true });
    for (const pattern of [...ALWAYS_EXCLUDED, '**/.git', '**/.git/**', '**/*.gen.ts', '**/fixtures/big', '**/fixtures/huge/**']) {
      assert.ok(glob.includes(pattern), pattern);
    }
    assert.ok(!glob.includes('keep'), 'a pattern set to false is not excluded');
    assert.ok(!glob.includes('**/*.js'), 'a conditional pattern is not excluded');
    assert.equal(glob.split('{').length, 2, 'one brace group, no nesting');
  });

  it('expands brace groups, and gives up on nested ones', function () {
    assert.deepEqual(expandBraces('a/{b,c}/{d,e}'), ['a/b/d', 'a/b/e', 'a/c/d', 'a/c/e']);
    assert.deepEqual(expandBraces('plain/**'), ['plain/**']);
    assert.deepEqual(expandBraces('a/{b,{c,d}}'), []);
    assert.deepEqual(expandBraces('a/b}'), []);
    assert.deepEqual(enabledPatterns(undefined), []);
    assert.deepEqual(enabledPatterns(['**/x']), []);
  });
});

/** The files of the fixture workspace the integration tests open, as the command would see them. */
function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (!entry.name.endsWith('.md')) {
        files[path.relative(TEST_WORKSPACE, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
      }
    }
  };
  walk(TEST_WORKSPACE);
  return files;
}

describe('Find handler: the fixture workspace against the sample server’s target URLs', function () {
  const files = fixtureFiles();
  const best = (url: string): string | undefined => {
    const ranked = search(url, files);
    const winner = clearWinner(ranked);
    return winner && `${winner.path}:${winner.line + 1}`;
  };

  it('has one clear handler for each URL a handler exists for', function () {
    assert.equal(best('https://api.acme-shop.dev/webhooks/handinger'), 'src/webhooks.ts:5');
    assert.equal(best('https://api.acme-shop.dev/v1/hooks/handinger?env=prod'), 'services/crm/routes/handinger.js:15');
    assert.equal(best('https://crm.northwind.io/api/handinger/webhook'), 'services/crm/routes/handinger.js:7');
    assert.equal(best('https://hooks.zapier.com/hooks/catch/1234567/abcde9/'), 'app/hooks/catch/[account]/[hook]/route.ts:3');
    assert.equal(best('https://finance.acme-shop.dev/api/cadenya/webhook'), 'app/api/cadenya/webhook/route.ts:3');
    assert.equal(best('https://hooks.northwind-support.io/cadenya/events'), 'services/support/main.py:7');
    assert.equal(best('https://ops.acme-shop.dev/hooks/seo-audit'), 'ops/urls.py:6');
  });

  it('has two equal declarations of /hooks/cadenya', function () {
    const ranked = search('https://ci.acme-shop.dev/hooks/cadenya', files);
    assert.deepEqual(ranked.map((m) => `${m.path}:${m.line + 1}`), ['legacy/config/routes.rb:3', 'services/releasebot/main.go:11']);
    assert.equal(clearWinner(ranked), undefined);
  });

  it('has nothing for /cadenya, /hooks and /handinger-test', function () {
    for (const url of ['https://research.acme-lab.org/cadenya', 'https://janitor.acme-lab.org/hooks', 'https://hooks.example.dev/handinger-test', 'https://hostile.example.test/webhook?q=%3Cscript%3E']) {
      assert.deepEqual(search(url, files), [], url);
    }
  });
});
