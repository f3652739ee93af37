// Accounts as settings describe them: the upgrade from the settings before accounts, added
// accounts, ids, names, and the account in feed keys, links and exports.
import assert from 'node:assert/strict';
import {
  accountNameProblem,
  DEFAULT_ACCOUNT_ID,
  inAccount,
  newAccountId,
  parseAccounts,
  storedAccounts,
  type Account,
} from '../../src/model/accounts';
import { containerKey, deliveryContainerKey, FeedRegistry } from '../../src/model/feeds';
import { formatLink, linkOf, parseLink, parseLinkText } from '../../src/model/deliveryLink';
import { CSV_HEADER, toCsv, toJson } from '../../src/model/export';
import type { Container } from '../../src/model/container';
import type { Delivery } from '../../src/model/delivery';
import { readCsv } from '../support/csv';

const EXTENSION_ID = 'webhookdeliveries.webhook-deliveries';

/** The user settings of a version before accounts, as a person left them. */
const BEFORE_ACCOUNTS = {
  baseUrl: 'https://eu.handinger.com/',
  workers: ['wrk_plain', { id: 'wrk_labelled', label: 'Order sync' }, { id: 'wrk_plain' }],
  defaultName: undefined,
  accounts: undefined,
};

function delivery(id: string, extra: Partial<Delivery> = {}): Delivery {
  return { provider: 'handinger', id, containerId: 'wrk_1', createdAt: '', time: 0, outcome: 'failed', raw: { id }, ...extra };
}

describe('Accounts: the upgrade from the settings before accounts', () => {
  it('makes the base URL and worker list a default account, losing nothing', () => {
    const accounts = parseAccounts('handinger', BEFORE_ACCOUNTS);
    assert.deepEqual(accounts, [
      {
        provider: 'handinger',
        id: DEFAULT_ACCOUNT_ID,
        name: 'Default',
        baseUrl: 'https://eu.handinger.com',
        workers: [{ id: 'wrk_plain' }, { id: 'wrk_labelled', label: 'Order sync' }],
        isDefault: true,
      },
    ]);
  });

  it('gives a provider with nothing set a default account on its public API', () => {
    const [cadenya] = parseAccounts('cadenya', { baseUrl: undefined, workers: undefined, defaultName: undefined, accounts: undefined });
    assert.equal(cadenya?.baseUrl, 'https://api.cadenya.com');
    assert.equal(cadenya?.id, DEFAULT_ACCOUNT_ID);
    assert.deepEqual(cadenya?.workers, []);
  });

  it('never writes the default account into the list of added accounts', () => {
    const accounts = parseAccounts('handinger', BEFORE_ACCOUNTS);
    assert.deepEqual(storedAccounts(accounts), []);
  });
});

describe('Accounts: added accounts', () => {
  const settings = {
    ...BEFORE_ACCOUNTS,
    defaultName: '  Production ',
    accounts: [
      { id: 'staging', name: 'Staging', baseUrl: 'http://127.0.0.1:9000', workers: [{ id: 'wrk_1', label: 'Sync' }] },
      { id: 'staging', name: 'Second staging' },
      { id: 'Bad Id', name: 'Skipped' },
      { id: 'default', name: 'Would steal the default key' },
      { id: 'eu', name: '' },
      'not an account',
    ],
  };

  it('lists the default first, then each valid account with its own base URL and workers', () => {
    const accounts = parseAccounts('handinger', settings);
    assert.deepEqual(
      accounts.map((a) => [a.id, a.name, a.baseUrl, a.workers.map((w) => w.id)]),
      [
        ['default', 'Production', 'https://eu.handinger.com', ['wrk_plain', 'wrk_labelled']],
        ['staging', 'Staging', 'http://127.0.0.1:9000', ['wrk_1']],
        ['eu', 'eu', 'https://handinger.com', []],
      ],
    );
  });

  it('saves added accounts with their base URL and workers, and nothing else', () => {
    const stored = storedAccounts(parseAccounts('handinger', settings));
    assert.deepEqual(stored, [
      { id: 'staging', name: 'Staging', baseUrl: 'http://127.0.0.1:9000', workers: [{ id: 'wrk_1', label: 'Sync' }] },
      { id: 'eu', name: 'eu', baseUrl: 'https://handinger.com', workers: [] },
    ]);
    assert.deepEqual(storedAccounts(parseAccounts('cadenya', { ...settings, workers: undefined }))[0], {
      id: 'staging',
      name: 'Staging',
      baseUrl: 'http://127.0.0.1:9000',
    });
  });

  it('makes a new id from the name, unique among the taken ones, never the default', () => {
    assert.equal(newAccountId('Staging (EU)', new Set(['default'])), 'staging-eu');
    assert.equal(newAccountId('Staging', new Set(['default', 'staging', 'staging-2'])), 'staging-3');
    assert.equal(newAccountId('Default', new Set(['default'])), 'default-1');
    assert.equal(newAccountId('生产', new Set(['default'])), 'account');
    assert.match(newAccountId('x'.repeat(100), new Set()), /^[a-z0-9][a-z0-9-]{0,39}$/);
  });

  it('refuses an empty, overlong or repeated name, ignoring case, but not the account\u2019s own', () => {
    const accounts: Account[] = parseAccounts('handinger', settings);
    assert.equal(accountNameProblem('   ', accounts), 'empty');
    assert.equal(accountNameProblem('x'.repeat(61), accounts), 'tooLong');
    assert.equal(accountNameProblem('staging', accounts), 'duplicate');
    assert.equal(accountNameProblem(' PRODUCTION ', accounts), 'duplicate');
    assert.equal(accountNameProblem('Staging', accounts, 'staging'), undefined);
    assert.equal(accountNameProblem('QA', accounts), undefined);
  });
});

describe('Accounts: one feed per account\u2019s worker', () => {
  const worker = (accountId?: string): Container => inAccount<Container>({ provider: 'handinger', kind: 'worker', id: 'wrk_1', name: 'wrk_1', raw: undefined }, accountId ?? DEFAULT_ACCOUNT_ID);

  it('keys the default account\u2019s workers as before accounts, and others by account', () => {
    assert.equal(containerKey(worker()), 'handinger/worker/wrk_1');
    assert.equal(containerKey(worker('staging')), 'handinger@staging/worker/wrk_1');
    assert.equal(deliveryContainerKey(inAccount(delivery('d1'), 'staging')), 'handinger@staging/worker/wrk_1');
    assert.equal(deliveryContainerKey(delivery('d1')), 'handinger/worker/wrk_1');
  });

  it('never lets two accounts\u2019 workers with equal ids share a feed', () => {
    const registry = new FeedRegistry(() => () => Promise.resolve({ items: [] }));
    const production = registry.feedFor(worker());
    const staging = registry.feedFor(worker('staging'));
    assert.notEqual(production, staging);
    assert.equal(registry.feedFor(worker('staging')), staging);
  });
});

describe('Accounts: links and exports name the account', () => {
  it('puts the account id in a copied link and reads it back', () => {
    const link = linkOf(inAccount(delivery('exec_9'), 'staging'));
    assert.ok(link);
    const text = formatLink(link, 'vscode', EXTENSION_ID);
    assert.ok(text.endsWith('?provider=handinger&worker=wrk_1&account=staging&delivery=exec_9'), text);
    assert.deepEqual(parseLinkText(text, EXTENSION_ID), { ok: true, link: { provider: 'handinger', containerId: 'wrk_1', deliveryId: 'exec_9', accountId: 'staging' } });
    assert.equal(linkOf(delivery('exec_9'))?.accountId, DEFAULT_ACCOUNT_ID);
  });

  it('reads a link from before accounts as naming none, and refuses a malformed account', () => {
    const old = parseLink('/delivery', 'provider=handinger&worker=wrk_1&delivery=d');
    assert.ok(old.ok);
    assert.equal(old.link.accountId, undefined);
    assert.equal(parseLink('/delivery', 'provider=handinger&worker=wrk_1&delivery=d&account=Not/An Id').ok, false);
  });

  it('writes the account id in every CSV row and the account in the JSON source', () => {
    const rows = readCsv(toCsv([inAccount(delivery('a'), 'staging'), delivery('b')]));
    const column = CSV_HEADER.indexOf('account_id');
    assert.deepEqual(rows.slice(1).map((row) => row[column]), ['staging', 'default']);
    const json = JSON.parse(
      toJson([delivery('a')], {
        container: { provider: 'handinger', kind: 'worker', id: 'wrk_1', name: 'wrk_1' },
        account: { id: 'staging', name: 'Staging' },
        filter: [],
        exportedAt: '2026-01-01T00:00:00.000Z',
        partial: false,
      }),
    ) as { source: { account: unknown } };
    assert.deepEqual(json.source.account, { id: 'staging', name: 'Staging' });
  });
});
