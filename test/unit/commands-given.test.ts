// No silent arguments from outside: only a Given, which JSON cannot produce, skips a prompt.
import * as assert from 'node:assert/strict';
import { Given, givenValue, isString } from '../../src/commands/given';

describe('Command arguments that skip a prompt', function () {
  it('takes the value of a Given the extension made', function () {
    assert.equal(givenValue(Given.of('hdg_key'), isString), 'hdg_key');
  });

  it('ignores anything a command link, the palette or a deep link can pass', function () {
    const forged = JSON.parse('{"value":"hdg_stolen","$mid":1,"constructor":{"name":"Given"}}') as unknown;
    for (const argument of ['hdg_stolen', forged, ['hdg_stolen'], { value: 'hdg_stolen' }, Object.create(null) as unknown, null, undefined, 42]) {
      assert.equal(givenValue(argument, isString), undefined, JSON.stringify(argument));
    }
  });

  it('checks the value inside a Given too', function () {
    assert.equal(givenValue(Given.of(42), isString), undefined);
  });
});
