// The sidebar tree against the sample server, inside VS Code: what a user sees when they
// expand workers and agents, load more, filter, watch live, and when requests fail.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_IDS } from '../sample-server/data';
import { activatedApi } from './env';
import {
  children,
  clearFaults,
  containerNode, freshNode,
  containerNodes,
  errorNode,
  isLoadMore,
  contextOf,
  control,
  deliveryNodes,
  executionsPath,
  labelOf,
  requests,
  setSetting,
  shownDeliveryNodes,
  waitFor,
  cancelPrompts,
} from './helpers';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/node';

let api: ExtensionApi;

before(async function () {
  api = await activatedApi();
  await vscode.commands.executeCommand('webhookDeliveries.deliveries.focus');
});

afterEach(async function () {
  await clearFaults();
});

function errorKind(nodes: readonly TreeNode[]): string | undefined {
  return (errorNode(nodes)?.error as { kind?: string } | undefined)?.kind;
}

describe('Tree: workers and agents', function () {
  it('shows the Handinger workers from settings, labelled, each checked by a request', async function () {
    // Other suites may have listed the workers already: start this root over.
    api.tree.handingerRoot.reset();
    await control('DELETE', 'requests');
    const roots = await api.tree.getChildren();
    const workers = containerNodes(await children(api, roots[0]!));
    assert.ok(workers.length >= 5);
    const busy = workers.find((w) => w.container.id === SAMPLE_IDS.busyWorker);
    assert.equal(busy && labelOf(api, busy), 'Order sync');
    const log = await requests();
    assert.ok(log.some((r) => r.path === `/api/workers/${SAMPLE_IDS.busyWorker}`), 'the worker id was checked');
  });

  it('lists Cadenya workspaces, then a workspace’s agents', async function () {
    const roots = await api.tree.getChildren();
    const workspaces = await children(api, roots[1]!);
    assert.ok(workspaces.length >= 3, 'three sample workspaces');
    const agents = await api.tree.listAllContainers();
    assert.ok(agents.some((a) => a.container.id === SAMPLE_IDS.busyAgent));
    assert.ok(agents.some((a) => a.container.id === SAMPLE_IDS.emptyAgent));
  });

  it('fetches nothing for a worker until it is expanded', async function () {
    await control('DELETE', 'requests');
    await freshNode(api, SAMPLE_IDS.smallWorker);
    const log = await requests();
    assert.ok(!log.some((r) => r.path.includes('/executions')), 'no delivery page was requested');
  });
});

describe('Tree: deliveries, paged', function () {
  it('expanding a worker loads one page of 50, newest first, and says how many remain', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    const nodes = await children(api, node);
    const deliveries = deliveryNodes(nodes);
    assert.equal(deliveries.length, 50);
    const times = deliveries.map((d) => d.delivery.time);
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const more = nodes.at(-1);
    assert.ok(more && isLoadMore(more));
    assert.match(String(api.tree.getTreeItem(more).description), /^\d+ more$/);
  });

  it('a delivery node has an outcome icon, a label, a description, a tooltip and a context value', async function () {
    const node = await containerNode(api, SAMPLE_IDS.busyWorker);
    const first = deliveryNodes(await children(api, node))[0]!;
    const item = api.tree.getTreeItem(first);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.match(labelOf(api, first), /^(\d{3}|no response|—) /);
    assert.match(String(item.description), /·|ms|s$/);
    assert.equal(item.tooltip, undefined, 'the tooltip waits for a hover');
    const tooltip = api.tree.resolveTreeItem(item, first).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(tooltip.value.includes(first.delivery.id.slice(-10)), 'the tooltip names the delivery');
    assert.match(contextOf(api, first), /^delivery\.(succeeded|failed|pending|disabled|unknown)\.handinger$/);
    assert.equal(item.command?.command, 'webhookDeliveries.openDelivery');
  });

  it('"Load more" appends the next page for that node only, without re-fetching what is shown', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    const first = deliveryNodes(await children(api, node));
    await control('DELETE', 'requests');
    await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    const after = deliveryNodes(await children(api, node));
    assert.equal(after.length, 100);
    assert.deepEqual(after.slice(0, 50).map((d) => d.delivery.id), first.map((d) => d.delivery.id));
    assert.equal(new Set(after.map((d) => d.delivery.id)).size, 100, 'no duplicates');
    const pages = (await requests()).filter((r) => r.path.includes('/executions'));
    assert.equal(pages.length, 1, 'one request for one page');
    assert.match(pages[0]!.query, /page=2/);
  });

  it('"Load more" leaves the rows as they are while it reads, then tells VS Code once, with the page', async function () {
    // VS Code holds a tree change that follows another within 200 ms for 200 ms: a "Loading…"
    // row drawn on the click held back the page that answered 50 ms later.
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await children(api, node);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const told: unknown[] = [];
    const subscription = api.tree.onDidChangeTreeData((change) => told.push(change));
    try {
      await control('PUT', 'latency', { ms: 600 });
      const loading = vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
      await waitFor('the page to be asked for', async () => (await requests()).some((r) => /page=2/.test(r.query)) || undefined);
      const during = await children(api, node);
      assert.equal(labelOf(api, during.find(isLoadMore)!), 'Load more', 'the row reads as before while the page is on its way');
      assert.equal(deliveryNodes(during).length, 50);
      assert.deepEqual(told, [], 'nothing re-drawn before the page is there');
      await loading;
      await control('PUT', 'latency', { ms: 0 });
      await new Promise((resolve) => setTimeout(resolve, 250));
      assert.equal(told.length, 1, 'one change: the page');
      assert.equal(deliveryNodes(await children(api, node)).length, 100);
    } finally {
      subscription.dispose();
      await control('PUT', 'latency', { ms: 0 });
    }
  });

  it('a reveal right after a change waits until VS Code takes that change at once, then selects the row', async function () {
    // Told at once, the second change would be held by VS Code for 200 ms from then, and the
    // reveal with it; told when the first change's 200 ms are up, it is passed on at once.
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    const rows = deliveryNodes(await children(api, node));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const told: number[] = [];
    const subscription = api.tree.onDidChangeTreeData(() => told.push(performance.now()));
    try {
      api.tree.refresh(node);
      await waitFor('the first change to be told', () => told.length === 1 || undefined);
      await new Promise((resolve) => setTimeout(resolve, 30));
      api.tree.refresh(node);
      await api.view.reveal(rows[10]!, { select: true, focus: false });
      assert.equal(told.length, 2, 'the pending change was told before the reveal');
      assert.ok(told[1]! - told[0]! >= 200, `told ${Math.round(told[1]! - told[0]!)} ms after the first: VS Code would hold it`);
      await waitFor('the row to be selected', () => api.view.selection[0]?.id === rows[10]!.id || undefined);
    } finally {
      subscription.dispose();
    }
  });

  it('loads a Handinger worker to its last page, and the Load more node goes away', async function () {
    this.timeout(120_000);
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await children(api, node);
    while (node.hasMore) {
      await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    }
    const nodes = await children(api, node);
    // Shown in parts of 500 (a long list), every row once, in the feed's order.
    assert.ok(nodes.filter((n) => contextOf(api, n).startsWith('part.')).length >= 6);
    const rows = await shownDeliveryNodes(api, node);
    const total = rows.length;
    assert.ok(total >= 2600, `loaded ${total}`);
    assert.equal(new Set(rows.map((d) => d.delivery.id)).size, total);
    assert.deepEqual(rows.map((d) => d.delivery.id), node.feed.items.map((d) => d.id));
    assert.ok(!nodes.some(isLoadMore));
  });

  it('loads a Cadenya agent to its last page by cursor', async function () {
    this.timeout(120_000);
    await setSetting('cadenya.pageSize', 200);
    try {
      const node = await freshNode(api, SAMPLE_IDS.busyAgent);
      await children(api, node);
      assert.equal(node.deliveries.length, 200);
      while (node.hasMore) {
        await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
      }
      assert.ok(node.deliveries.length >= 3000, `loaded ${node.deliveries.length}`);
      assert.equal(new Set(node.deliveries.map((d) => d.id)).size, node.deliveries.length);
    } finally {
      await setSetting('cadenya.pageSize', undefined);
    }
  });

  it('says so when a worker has no deliveries yet', async function () {
    const node = await freshNode(api, SAMPLE_IDS.emptyWorker);
    const nodes = await children(api, node);
    assert.deepEqual(nodes.map((n) => labelOf(api, n)), ['No deliveries yet']);
  });
});

describe('Tree: filters', function () {
  it('outcome "failed" shows only failed deliveries and shows in the description; Clear filter undoes it', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    await children(api, node);
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ outcome: 'failed' }));
    const shown = deliveryNodes(await children(api, node));
    assert.ok(shown.length > 0 && shown.length < 50);
    assert.ok(shown.every((d) => d.delivery.outcome === 'failed'));
    assert.match(String(api.tree.getTreeItem(node).description), /failed/);
    assert.match(contextOf(api, node), /\.filtered/);
    await vscode.commands.executeCommand('webhookDeliveries.clearFilter', node);
    assert.equal(deliveryNodes(await children(api, node)).length, 50);
    assert.doesNotMatch(contextOf(api, node), /\.filtered/);
  });

  it('text matches the URL, error or id of loaded deliveries', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyWorker);
    const all = deliveryNodes(await children(api, node));
    const target = all.find((d) => d.delivery.errorMessage)!.delivery;
    const needle = target.errorMessage!.slice(0, 12);
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ text: needle }));
    const shown = deliveryNodes(await children(api, node));
    assert.ok(shown.some((d) => d.delivery.id === target.id));
    assert.ok(shown.every((d) => `${d.delivery.id}${d.delivery.targetUrl}${d.delivery.errorMessage}`.toLowerCase().includes(needle.toLowerCase())));
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ text: target.id }));
    assert.deepEqual(deliveryNodes(await children(api, node)).map((d) => d.delivery.id), [target.id]);
  });

  it('Cadenya event type is sent to the server and the list reloads', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyAgent);
    await children(api, node);
    await control('DELETE', 'requests');
    const eventType = 'OBJECTIVE_EVENT_TYPE_TOOL_CALLED';
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ eventType }));
    const shown = deliveryNodes(await children(api, node));
    assert.ok(shown.length > 0);
    assert.ok(shown.every((d) => d.delivery.eventType?.raw === eventType));
    const log = (await requests()).filter((r) => r.path.includes('webhook_deliveries'));
    assert.ok(log.some((r) => r.query.includes(`eventType=${eventType}`)));
    assert.match(String(api.tree.getTreeItem(node).description), /Tool called/);
  });

  it('Cadenya objective id is sent to the server', async function () {
    const node = await freshNode(api, SAMPLE_IDS.busyAgent);
    const first = deliveryNodes(await children(api, node));
    const objectiveId = first.find((d) => d.delivery.related?.id)!.delivery.related!.id;
    await vscode.commands.executeCommand('webhookDeliveries.filter', node, api.given({ objectiveId }));
    const shown = deliveryNodes(await children(api, node));
    assert.ok(shown.length > 0);
    assert.ok(shown.every((d) => d.delivery.related?.id === objectiveId));
  });
});

describe('Tree: live refresh', function () {
  before(async function () {
    await setSetting('liveRefresh.intervalSeconds', 2);
  });
  after(async function () {
    await setSetting('liveRefresh.intervalSeconds', undefined);
  });

  it('puts a delivery added to the server on top, keeps what is loaded, and counts a new failure', async function () {
    this.timeout(60_000);
    const node = await freshNode(api, SAMPLE_IDS.smallWorker);
    await children(api, node);
    await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
    const before = node.deliveries.map((d) => d.id);
    await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
    assert.match(String(api.tree.getTreeItem(node).description), /live/);
    const failuresBefore = api.live.newFailureCount;
    const added = (await control('POST', `handinger/workers/${SAMPLE_IDS.smallWorker}/executions`, {
      requestStatus: 'error',
      responseStatus: 500,
      errorMessage: 'Live refresh test failure',
    })) as { id: string };
    try {
      await waitFor('the new delivery on top', () => node.deliveries[0]?.id === added.id || undefined);
      assert.deepEqual(node.deliveries.slice(1).map((d) => d.id), before, 'everything loaded stays, in order');
      assert.equal(api.live.newFailureCount, failuresBefore + 1);
      const top = deliveryNodes(await children(api, node))[0]!;
      assert.match(String(api.tree.getTreeItem(top).description), /new/);
    } finally {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
      await vscode.commands.executeCommand('webhookDeliveries.showNewFailures');
    }
    assert.equal(api.live.newFailureCount, 0);
  });

  it('polls once per interval while visible and backs off on 429', async function () {
    this.timeout(60_000);
    const node = await freshNode(api, SAMPLE_IDS.tinyWorker);
    await children(api, node);
    // A Retry-After longer than the client's own retry cap surfaces as an error at once.
    await control('POST', 'faults', { kind: '429', times: 1, pathIncludes: SAMPLE_IDS.tinyWorker, retryAfterSeconds: 12 });
    await control('DELETE', 'requests');
    await vscode.commands.executeCommand('webhookDeliveries.startLiveRefresh', node);
    try {
      await waitFor('a rate-limited poll', () => (node.liveError?.kind === 'rateLimited' ? true : undefined));
      assert.match(String(api.tree.getTreeItem(node).description), /live paused/);
      const limitedAt = Date.now();
      await waitFor('the next poll to succeed', () => (node.liveError === undefined ? true : undefined), 30_000);
      assert.ok(Date.now() - limitedAt >= 9_000, 'waited for Retry-After before polling again');
      const polls = (await requests()).filter((r) => r.path.includes(executionsPath(SAMPLE_IDS.tinyWorker)));
      assert.ok(polls.length >= 2 && polls.length <= 4, `${polls.length} polls`);
    } finally {
      await vscode.commands.executeCommand('webhookDeliveries.stopLiveRefresh', node);
    }
  });
});

describe('Tree: errors keep what is loaded', function () {
  for (const [fault, kind] of [
    ['401', 'unauthorized'],
    ['429', 'rateLimited'],
    ['500', 'server'],
    ['malformed', 'malformed'],
  ] as const) {
    it(`a ${fault} on "Load more" shows an error node under the loaded page, and Retry continues`, async function () {
      this.timeout(60_000);
      const node = await freshNode(api, SAMPLE_IDS.busyWorker);
      const first = deliveryNodes(await children(api, node)).map((d) => d.delivery.id);
      await control('POST', 'faults', { kind: fault, times: 5, pathIncludes: executionsPath(SAMPLE_IDS.busyWorker), retryAfterSeconds: 30 });
      await vscode.commands.executeCommand('webhookDeliveries.loadMore', node);
      const nodes = await children(api, node);
      assert.deepEqual(deliveryNodes(nodes).map((d) => d.delivery.id), first, 'the loaded page is still there');
      assert.equal(errorKind(nodes), kind);
      assert.ok(!nodes.some(isLoadMore));
      await clearFaults();
      const error = errorNode(nodes)!;
      if (kind !== 'unauthorized') {
        assert.equal(api.tree.getTreeItem(error).command?.command, 'webhookDeliveries.retry');
      } else {
        assert.equal(api.tree.getTreeItem(error).command?.command, 'webhookDeliveries.setApiKey');
      }
      await node.loadMore();
      assert.equal(deliveryNodes(await children(api, node)).length, 100);
    });
  }

  it('a worker whose first page fails shows the error as its only child', async function () {
    const node = await freshNode(api, SAMPLE_IDS.tinyWorker);
    await control('POST', 'faults', { kind: '500', times: 5, pathIncludes: executionsPath(SAMPLE_IDS.tinyWorker) });
    const nodes = await children(api, node);
    assert.equal(nodes.length, 1);
    assert.equal(errorKind(nodes), 'server');
  });
});

describe('Keys', function () {
  it('Set API key checks the key with a real request and refuses a wrong one', async function () {
    const saved = await vscode.commands.executeCommand<boolean>('webhookDeliveries.setApiKey', 'cadenya', api.given('cdy_wrong_key'));
    assert.equal(saved, false);
    assert.equal((await api.keys.get('cadenya'))?.source, 'environment', 'nothing was stored');
  });

  it('Set API key checks a Handinger key against a worker the user added, never a made-up id', async function () {
    await control('DELETE', 'requests');
    assert.equal(await vscode.commands.executeCommand<boolean>('webhookDeliveries.setApiKey', 'handinger', api.given('hdg_live_wrong')), false);
    const log = await requests();
    const workers = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string }[]>('handinger.workers') ?? [];
    // Only ids the user added are asked for (the tree may be polling meanwhile).
    const asked = log.map((r) => /^\/api\/workers\/([^/]+)$/.exec(r.path)?.[1]).filter((id) => id !== undefined);
    assert.ok(asked.includes(workers[0]?.id ?? ''), 'the first worker was tried');
    assert.ok(asked.every((id) => workers.some((w) => w.id === id)), `only the user's workers: ${asked.join(', ')}`);
  });

  it('Set API key saves a Handinger key with no worker to check it against, without a request', async function () {
    const key = process.env.HANDINGER_API_KEY!;
    const before = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string }[]>('handinger.workers') ?? [];
    await setSetting('handinger.workers', []);
    try {
      await control('DELETE', 'requests');
      assert.equal(await vscode.commands.executeCommand<boolean>('webhookDeliveries.setApiKey', 'handinger', api.given(key)), true);
      assert.deepEqual(await api.keys.get('handinger'), { key, source: 'secretStorage' });
      assert.ok(!(await requests()).some((r) => r.path.startsWith('/api/workers/')), 'nothing to check it against, nothing asked');
    } finally {
      await vscode.commands.executeCommand('webhookDeliveries.clearApiKey', 'handinger');
      await setSetting('handinger.workers', before);
    }
  });

  it('Set API key stores an accepted key in SecretStorage, and Clear API key removes it', async function () {
    const key = process.env.HANDINGER_API_KEY!;
    const saved = await vscode.commands.executeCommand<boolean>('webhookDeliveries.setApiKey', 'handinger', api.given(key));
    assert.equal(saved, true);
    assert.deepEqual(await api.keys.get('handinger'), { key, source: 'secretStorage' });
    await waitFor('the root to show the stored key', async () => {
      const roots = await api.tree.getChildren();
      return api.tree.getTreeItem(roots[0]!).description === undefined || undefined;
    });
    await vscode.commands.executeCommand('webhookDeliveries.clearApiKey', 'handinger');
    assert.equal((await api.keys.get('handinger'))?.source, 'environment');
  });
});

describe('Arguments from outside', function () {
  it('a key, worker id or label passed as plain JSON (as a command link would) never skips the prompt', async function () {
    const id = SAMPLE_IDS.hostileWorker;
    const before = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string }[]>('handinger.workers') ?? [];
    await setSetting('handinger.workers', before.filter((w) => w.id !== id));
    try {
      assert.equal(await cancelPrompts(vscode.commands.executeCommand('webhookDeliveries.setApiKey', 'handinger', process.env.HANDINGER_API_KEY)), false);
      assert.equal((await api.keys.get('handinger'))?.source, 'environment', 'no key was stored');
      assert.equal(await cancelPrompts(vscode.commands.executeCommand('webhookDeliveries.addWorker', id, 'From a link')), false);
      const now = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string }[]>('handinger.workers') ?? [];
      assert.ok(!now.some((w) => w.id === id), 'no worker was added');
    } finally {
      await setSetting('handinger.workers', before);
    }
  });
});

describe('Workers', function () {
  it('Add worker checks the id, saves it in settings, and the tree shows it; Rename and Remove follow', async function () {
    const id = SAMPLE_IDS.hostileWorker;
    const before = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string }[]>('handinger.workers') ?? [];
    await setSetting('handinger.workers', before.filter((w) => w.id !== id));
    try {
      assert.equal(await vscode.commands.executeCommand('webhookDeliveries.addWorker', api.given('wrk_does_not_exist')), false);
      assert.equal(await vscode.commands.executeCommand('webhookDeliveries.addWorker', api.given(id), api.given('Added by test')), true);
      const node = await waitFor('the added worker', async () => (await api.tree.listAllContainers()).find((n) => n.container.id === id));
      assert.equal(labelOf(api, node), 'Added by test');
      await vscode.commands.executeCommand('webhookDeliveries.renameWorker', node, api.given('Renamed'));
      await waitFor('the new label', async () => ((await containerNode(api, id)).container.name === 'Renamed' ? true : undefined));
      await vscode.commands.executeCommand('webhookDeliveries.removeWorker', node);
      await waitFor('the worker to go', async () => ((await api.tree.listAllContainers()).some((n) => n.container.id === id) ? undefined : true));
    } finally {
      await setSetting('handinger.workers', before);
    }
  });
});

describe('A worker only its creator may read', function () {
  it('shows the API\u2019s message with Remove worker as the action, not Set API key', async function () {
    const id = SAMPLE_IDS.othersWorker;
    const before = vscode.workspace.getConfiguration('webhookDeliveries').get<{ id: string }[]>('handinger.workers') ?? [];
    await setSetting('handinger.workers', [...before.filter((w) => w.id !== id), { id }]);
    try {
      const node = await waitFor('the added worker', async () => (await api.tree.listAllContainers()).find((n) => n.container.id === id));
      const error = await waitFor('the error row', async () => errorNode(await children(api, node)));
      const item = api.tree.getTreeItem(error);
      assert.equal(item.label, 'Not your worker: Only the worker creator can read execution history.');
      assert.equal(item.description, 'Remove worker');
      assert.equal(item.command?.command, 'webhookDeliveries.removeWorker');
      assert.equal(item.command?.arguments?.[0], node, 'removes this worker');
      assert.deepEqual(item.command?.arguments?.[1], { confirm: true }, 'after asking');
    } finally {
      await setSetting('handinger.workers', before);
    }
  });
});

describe('No response is not 0', function () {
  it('a delivery the API reports with status 0 and 0 ms reads "no response", without "0 ms"', async function () {
    // The references' example values: responseStatus 0, durationMs 0.
    const added = (await control('POST', `handinger/workers/${SAMPLE_IDS.tinyWorker}/executions`, {
      requestStatus: 'error',
      responseStatus: 0,
      durationMs: 0,
      errorMessage: 'connect ECONNREFUSED 10.0.0.12:443',
    })) as { id: string };
    const node = await freshNode(api, SAMPLE_IDS.tinyWorker);
    const row = deliveryNodes(await children(api, node)).find((d) => d.delivery.id === added.id);
    assert.ok(row, 'the delivery is listed');
    const item = api.tree.getTreeItem(row);
    assert.match(String(typeof item.label === 'string' ? item.label : item.label?.label), /^no response /);
    assert.doesNotMatch(String(item.description), /\b0 ms\b/);
  });
});
