import assert from 'node:assert/strict';
import { parseMilli, parseUnits } from './quantity.ts';

describe('api/quantity', () => {
  const cases: [string | number, bigint | undefined][] = [
    ['1', 1000n], ['100m', 100n], ['1.5', 1500n], ['1Ki', 1024000n], ['2Gi', 2n * 1024n ** 3n * 1000n],
    ['1k', 1000000n], ['1e3', 1000000n], ['0.1m', 1n], [3, 3000n], ['abc', undefined], ['1Xi', undefined],
  ];
  for (const [q, want] of cases) it(`parses ${q}`, () => assert.equal(parseMilli(q), want));
  it('rounds whole units up', () => assert.equal(parseUnits('1500m'), 2n));
});
