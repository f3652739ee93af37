// Handinger's page-number paging in isolation: how a position moves when executions arrive
// (or expire) between two loads, and the continuation token round trip. The same paths run
// end to end against the sample server in providers-handinger.test.ts.

import assert from 'node:assert/strict';
import { ProviderError } from '../../src/model/errors';
import type { PagePosition } from '../../src/providers/handinger/paging';
import { FIRST_POSITION, decodePosition, encodePosition, pageFor, planPage } from '../../src/providers/handinger/paging';

const at = (offset: number, total: number): PagePosition => ({ offset, total, pageSize: 50 });

describe('Handinger paging: where the next page starts', () => {
  it('takes a whole page when nothing changed, and points at the page after it', () => {
    const plan = planPage(at(50, 120), { page: 2, count: 50, pageCount: 3, totalCount: 120 });
    assert.deepEqual(plan, { kind: 'take', skip: 0, next: at(100, 120) });
  });

  it('skips the items pushed over from the previous page when new executions arrived', () => {
    const plan = planPage(at(50, 120), { page: 2, count: 50, pageCount: 3, totalCount: 123 });
    assert.deepEqual(plan, { kind: 'take', skip: 3, next: at(100, 123) });
  });

  it('moves on to a later page when more than a page arrived', () => {
    const plan = planPage(at(50, 120), { page: 2, count: 50, pageCount: 4, totalCount: 190 });
    assert.deepEqual(plan, { kind: 'moved', position: at(120, 190) });
    assert.equal(pageFor(at(120, 190)), 3);
  });

  it('steps back rather than skipping when executions disappeared', () => {
    const plan = planPage(at(50, 120), { page: 2, count: 50, pageCount: 3, totalCount: 110 });
    assert.deepEqual(plan, { kind: 'moved', position: at(40, 110) });
  });

  it('ends at the last page', () => {
    const plan = planPage(at(100, 120), { page: 3, count: 20, pageCount: 3, totalCount: 120 });
    assert.deepEqual(plan, { kind: 'take', skip: 0, next: undefined });
  });

  it('ends on an empty page instead of asking for it again', () => {
    const plan = planPage(FIRST_POSITION, { page: 1, count: 0, pageCount: 0, totalCount: 0 });
    assert.deepEqual(plan, { kind: 'take', skip: 0, next: undefined });
  });

  it('learns the server page size from a full page', () => {
    const plan = planPage(FIRST_POSITION, { page: 1, count: 20, pageCount: 5, totalCount: 100 });
    assert.deepEqual(plan, { kind: 'take', skip: 0, next: { offset: 20, total: 100, pageSize: 20 } });
  });
});

describe('Handinger paging: continuation tokens', () => {
  it('round-trips a position', () => {
    assert.deepEqual(decodePosition(encodePosition(at(150, 2600))), at(150, 2600));
  });

  it('refuses a token it did not make with a malformed error', () => {
    for (const token of ['', '2', 'h1.1.2', 'h1.1.2.0', 'h1.-1.2.50', 'cursor_abc']) {
      assert.throws(() => decodePosition(token), (error: unknown) => error instanceof ProviderError && error.kind === 'malformed');
    }
  });
});
