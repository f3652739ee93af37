// The delivery model's helpers: readable event type labels for any value, NaN-safe times,
// and ProviderError's kinds, actions and bounded messages.

import assert from 'node:assert/strict';
import { eventTypeLabel, eventTypeOf, timeOf } from '../../src/model/delivery';
import { MAX_DETAIL_LENGTH, ProviderError, isProviderError } from '../../src/model/errors';

describe('event type labels', () => {
  it('reads documented Cadenya event types as plain English', () => {
    assert.equal(eventTypeLabel('OBJECTIVE_EVENT_TYPE_TOOL_CALLED'), 'Tool called');
    assert.equal(eventTypeLabel('OBJECTIVE_EVENT_TYPE_SUB_AGENT_SPAWNED'), 'Sub agent spawned');
    assert.equal(eventTypeLabel('OBJECTIVE_EVENT_TYPE_UNSPECIFIED'), 'Unspecified');
  });

  it('humanises values it has never seen the same way instead of failing', () => {
    assert.equal(eventTypeLabel('OBJECTIVE_EVENT_TYPE_QUANTUM_LEAP_STARTED'), 'Quantum leap started');
    assert.equal(eventTypeLabel('objective_event.tool_called'), 'Tool called');
    assert.equal(eventTypeLabel('somethingNew'), 'Something new');
  });

  it('never throws and never returns an empty label', () => {
    for (const raw of ['', '   ', '___', 'OBJECTIVE_EVENT_TYPE_', '💥', 'a'.repeat(10_000)]) {
      const label = eventTypeLabel(raw);
      assert.ok(label.length > 0, `label for ${JSON.stringify(raw.slice(0, 20))}`);
    }
  });

  it('keeps the raw value next to the label, and has none for an absent value', () => {
    assert.deepEqual(eventTypeOf('X_Y'), { raw: 'X_Y', label: 'X y' });
    assert.equal(eventTypeOf(undefined), undefined);
    assert.equal(eventTypeOf(''), undefined);
  });
});

describe('delivery times', () => {
  it('parses ISO date-times to epoch milliseconds', () => {
    assert.equal(timeOf('2026-01-02T03:04:05.000Z'), Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('falls back to 0 for missing or unparsable values, never NaN', () => {
    assert.equal(timeOf(undefined), 0);
    assert.equal(timeOf(''), 0);
    assert.equal(timeOf('yesterday-ish'), 0);
  });
});

describe('provider errors', () => {
  it('gives each kind the action a user should take', () => {
    const actions = Object.fromEntries(
      (['unauthorized', 'forbidden', 'notFound', 'rateLimited', 'server', 'network', 'timeout', 'malformed', 'invalidBaseUrl', 'cancelled'] as const).map(
        (kind) => [kind, new ProviderError(kind).action],
      ),
    );
    assert.deepEqual(actions, {
      unauthorized: 'setKey',
      forbidden: 'setKey',
      notFound: 'checkId',
      rateLimited: 'waitAndRetry',
      server: 'retry',
      network: 'retry',
      timeout: 'retry',
      malformed: 'retry',
      invalidBaseUrl: 'openSettings',
      cancelled: 'none',
    });
  });

  it('keeps server-provided detail to a bounded single line', () => {
    const error = new ProviderError('server', { detail: `line one\nline two ${'x'.repeat(5_000)}` });
    assert.ok(error.message.length < 200 + MAX_DETAIL_LENGTH, `message length ${error.message.length}`);
    assert.ok(!error.message.includes('\n'));
    assert.ok(error.message.includes('line one line two'));
  });

  it('is recognisable and carries status and wait', () => {
    const error = new ProviderError('rateLimited', { status: 429, retryAfterMs: 30_000, provider: 'cadenya' });
    assert.ok(isProviderError(error));
    assert.ok(error instanceof Error);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, 30_000);
    assert.equal(error.provider, 'cadenya');
    assert.ok(!isProviderError(new Error('other')));
  });
});
